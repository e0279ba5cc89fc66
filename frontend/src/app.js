// The app shell: header with "Help now" one tap away, offline and queued-answer notices, and the
// route table (each screen says who may see it). New screens are added to ROUTES.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from './api.js';
import { rememberCrisisLines } from './crisis-lines.js';
import { html } from './html.js';
import { formatNumber, t, useWords } from './i18n.js';
import {
  dismissNotSent,
  notSentItems,
  onQueueChange,
  queuedCount,
  queuedHelpCount,
  startOfflineQueue,
} from './offline/index.js';
import { refreshSubscription } from './push.js';
import { match, navigate, useLocation } from './router.js';
import { AnswerLink } from './screens/shared/answer-link.js';
import { Crisis } from './screens/shared/crisis.js';
import { Home } from './screens/shared/home.js';
import { Invitation } from './screens/shared/invitation.js';
import { MyDetails } from './screens/shared/my-details.js';
import { NotFound } from './screens/shared/not-found.js';
import { Referral } from './screens/shared/referral.js';
import { Reminders } from './screens/shared/reminders.js';
import { ResetPassword } from './screens/shared/reset-password.js';
import { ALL_PARTS, homeParts, loadRoleScreens, ownParts, roleScreens } from './screens/roles.js';
import { SignIn } from './screens/shared/sign-in.js';
import { Unsubscribe } from './screens/shared/unsubscribe.js';
// Small modules every role's home uses belong to the shell: left to the role parts, each became a chunk
// of a few hundred bytes, a request of its own that waits for a free connection on a slow line (a browser
// opens six at a time), which cost the carer's cold open (benchmark) more than their bytes.
import './screens/shared/parts.js';
import './screens/shared/phone-parts.js';
// So are the cards an ending leaves on a carer's or a buddy's home, and the tables of the server's words.
import './screens/shared/match-ending-cards.js';
import './generated/vocabulary.js';
import { CRISIS_ORG_KEY, currentOrganisation, organisationsOf, useSession } from './session.js';
import { Loading, Page } from './ui/page.js';

// After home is on screen, wait this long before fetching the other role parts (they would share the
// connection with home's own data on a slow line).
const REST_AFTER_MS = 3000;

// access: "anyone", "signed-in", or a role the person must hold in the organisation they're looking at.
export const ROUTES = [
  { path: '/', screen: Home, access: 'signed-in' },
  { path: '/sign-in', screen: SignIn, access: 'anyone', signedOutOnly: true },
  { path: '/invitation', screen: Invitation, access: 'anyone', words: ['account'] },
  { path: '/reset-password', screen: ResetPassword, access: 'anyone' },
  { path: '/join/:slug', screen: Referral, access: 'anyone', words: ['account'] },
  { path: '/help', screen: Crisis, access: 'anyone' },
  { path: '/help/:slug', screen: Crisis, access: 'anyone' },
  { path: '/help-sent', screen: Crisis, access: 'anyone' }, // older links: the help page says what was sent
  { path: '/me', screen: MyDetails, access: 'signed-in', words: ['account'] },
  { path: '/reminders', screen: Reminders, access: 'signed-in', words: ['account'] },
  // Links from e-mails that work without signing in (issue 14): they act only for whom the link names.
  { path: '/answer/:token', screen: AnswerLink, access: 'anyone', words: ['account'] },
  { path: '/unsubscribe/:token', screen: Unsubscribe, access: 'anyone', words: ['account'] },
];

/**
 * The route for ``path``: a shell route, or a role route among the parts that have arrived; NotFound
 * once every part is here; else null (not known yet).
 */
function findRoute(path) {
  const roles = roleScreens([]);
  for (const route of [...ROUTES, ...roles.routes]) {
    const params = match(route.path, path);
    if (params) return { route, params };
  }
  return roles.complete ? { route: { screen: NotFound, access: 'anyone' }, params: {} } : null;
}

/** Fetch the role screens' ``parts`` when needed; re-render when they arrive (or could not be fetched). */
function useRoleScreens(parts, path) {
  const key = `${parts.join(' ')}|${path}`;
  // The state belongs to one set of parts and path: a state left from the last page is not this one's.
  const [state, setState] = useState({ key, status: 'waiting' });
  useEffect(() => {
    if (roleScreens(parts)) return undefined;
    let live = true;
    loadRoleScreens(parts).then(
      () => live && setState({ key, status: 'ready' }),
      () => live && setState({ key, status: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  if (roleScreens(parts)) return 'ready';
  return state.key === key && state.status === 'failed' ? 'failed' : 'waiting';
}

/** Once home is on screen, fetch the other parts quietly so the next page opens at once. */
function useRestOfTheScreens(ready) {
  useEffect(() => {
    if (!ready) return undefined;
    const timer = setTimeout(() => loadRoleScreens(ALL_PARTS).catch(() => {}), REST_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ready]);
}

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine !== false);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** How many requests wait to be sent; the store is not even opened for someone signed out. */
function useQueued(status) {
  const [queue, setQueue] = useState({ waiting: 0, help: 0, notSent: [] });
  const relevant = status === 'signed-in' || status === 'offline';
  useEffect(() => {
    if (!relevant) {
      setQueue({ waiting: 0, help: 0, notSent: [] });
      return undefined;
    }
    const update = () =>
      Promise.all([queuedCount(), queuedHelpCount()]).then(([all, help]) =>
        setQueue({ waiting: all - help, help, notSent: [...notSentItems()] }),
      );
    update();
    return onQueueChange(update);
  }, [relevant]);
  return queue;
}

/** Once per sign-in: replay queued answers, keep the crisis lines for offline, re-check push. */
function useSignedInStart(me) {
  useEffect(() => {
    if (!me) return;
    const organisation = currentOrganisation(me);
    if (organisation) {
      try {
        localStorage.setItem(CRISIS_ORG_KEY, organisation.slug);
      } catch {
        // private mode
      }
      rememberCrisisLines(organisation.slug);
    }
    // A carer's organisation is kept with the queue: opened offline, the help page can still tell it.
    const carerOf = organisationsOf(me).find((o) => o.id === organisation?.id && o.roles.includes('carer'))
      || organisationsOf(me).find((o) => o.roles.includes('carer'));
    startOfflineQueue(me.id, carerOf ? { slug: carerOf.slug, name: carerOf.name } : null).catch(() => {});
    refreshSubscription();
  }, [me?.id]);
}

/**
 * Unread notifications, looked up again on every change of page while signed in (null: not known).
 * Opening a page marks read the notifications that lead to it, however the person got there (issue
 * 11: an entry stayed unread after its check-in was read from home); home only asks for the count.
 */
function useUnread(signedIn, path) {
  const [unread, setUnread] = useState(null);
  useEffect(() => {
    if (!signedIn) {
      setUnread(null);
      return undefined;
    }
    let live = true;
    const count =
      path === '/' || path === '/inbox'
        ? get('/api/v1/notifications?limit=1')
        : post('/api/v1/notifications/seen', { url: path });
    count.then(
      (page) => live && setUnread(page.unread),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [signedIn, path]);
  return unread;
}

function Header({ unread }) {
  return html`
    <header class="header">
      <div class="header-inner">
        <a class="brand" href="/">carerlink</a>
        ${unread !== null &&
        html`<a class="header-inbox" href="/inbox">${t('shell.header.inbox')}${unread > 0 &&
          html` <span class="header-count">${formatNumber(unread)}</span><span class="visually-hidden"> ${t('shell.header.unread', { count: unread })}</span>`}</a>`}
        <a class="header-help" href="/help">${t('crisis.helpNow')}</a>
      </div>
    </header>
  `;
}

/** "If you're in danger, call 999 now, or see numbers to ring for help." (the link in the middle). */
function DangerSee() {
  return html`${t('crisis.notice.danger')} <a href="/help">${t('crisis.notice.dangerLink')}</a>${t('crisis.notice.dangerAfter')}`;
}

/** "You can still see numbers to call for help." */
function StillHelp() {
  return html`<p>${t('shell.stillHelp')} <a href="/help">${t('shell.stillHelpLink')}</a>${t('shell.stillHelpAfter')}</p>`;
}

function Notices({ online, queue }) {
  const { waiting, help } = queue;
  // A request for help the server refused stays queued (see replay.js): it is not "answer again".
  const notSent = queue.notSent.filter((item) => !item.help);
  const helpNotSent = queue.notSent.some((item) => item.help);
  return html`
    <div class="notices" aria-live="polite">
      ${!online &&
      html`<p class="notice">${t('shell.notice.offline')} <a href="/help">${t('shell.notice.offlineLink')}</a>${t('shell.notice.offlineAfter')}</p>`}
      ${help > 0 &&
      html`<p class="notice">${online ? t('crisis.notice.stillTrying') : t('crisis.notice.whenOnline')} <${DangerSee} /></p>`}
      ${helpNotSent && html`<p class="notice notice-problem">${t('crisis.notice.notTold')} <${DangerSee} /></p>`}
      ${waiting > 0 && html`<p class="notice">${t('shell.notice.waiting', { count: waiting })}</p>`}
      ${notSent.length > 0 &&
      html`<div class="notice notice-problem">
        <p>${t('shell.notice.notSent', { count: notSent.length })}</p>
        <button type="button" class="link-button" onClick=${dismissNotSent}>${t('shell.notice.hide')}</button>
      </div>`}
    </div>
  `;
}

function Redirect({ to }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return html`<${Page} title=${t('shell.oneMoment')}><${Loading} /></${Page}>`;
}

function Screen({ location, session }) {
  const found = findRoute(location.path);
  // A path the shell doesn't know is looked for in the parts of my own roles, then in every part (a
  // carer tapping a check-in on home waits for the carer's pages, not for every role's on a slow line).
  // Home needs the parts of the roles I hold (each role's module owns its home section).
  const signedIn = session.status === 'signed-in';
  let parts = [];
  if (!found) {
    const own = signedIn ? ownParts(session.me) : [];
    parts = own.length && !roleScreens(own) ? own : ALL_PARTS;
  } else if (signedIn && found.route.screen === Home) parts = homeParts(session.me);
  const needed = parts.length > 0;
  const roles = useRoleScreens(parts, location.path);
  useRestOfTheScreens(signedIn && roles === 'ready');
  // The words of a shell page beyond the first load (joining, my details: issue 17).
  const words = useWords(found?.route.words || []);
  if (words === 'waiting') return html`<${Page} title=${t('shell.loadingTitle')}><${Loading} /></${Page}>`;
  if ((needed && roles === 'failed') || words === 'failed') {
    return html`<${Page} title=${t('shell.failed.title')}>
      <p>${t('shell.failed.check')} <a href="${location.path}" data-reload="">${t('shell.failed.tryAgain')}</a>${t('shell.failed.after')}</p>
      <${StillHelp} />
    </${Page}>`;
  }
  if (needed && roles !== 'ready') {
    return html`<${Page} title=${t('shell.loadingTitle')}><${Loading} /></${Page}>`;
  }
  const { route, params } = found;
  const Component = route.screen;
  if (route.access !== 'anyone') {
    if (session.status === 'loading') return html`<${Page} title=${t('shell.loadingTitle')}><${Loading} /></${Page}>`;
    if (session.status === 'offline') {
      return html`<${Page} title=${t('shell.offline.title')}>
        <p>${t('shell.offline.connect')}</p>
        <${StillHelp} />
      </${Page}>`;
    }
    if (session.status === 'signed-out') {
      const next = location.path === '/' ? '' : `?next=${encodeURIComponent(location.path + location.search)}`;
      return html`<${Redirect} to=${`/sign-in${next}`} />`;
    }
    if (route.access !== 'signed-in' && !currentOrganisation(session.me)?.roles.includes(route.access)) {
      return html`<${NotFound} />`;
    }
  }
  if (route.signedOutOnly && session.status === 'signed-in') return html`<${Redirect} to="/" />`;
  return html`<${Component} location=${location} params=${params} key=${location.path} />`;
}

export function App() {
  const location = useLocation();
  const session = useSession();
  const online = useOnline();
  const queue = useQueued(session.status);
  useSignedInStart(session.me);
  const unread = useUnread(session.status === 'signed-in', location.path);
  return html`
    <a class="skip-link" href="#main">${t('shell.skipLink')}</a>
    <${Header} unread=${unread} />
    <${Notices} online=${online} queue=${queue} />
    <${Screen} location=${location} session=${session} />
    <footer class="footer">
      <p>carerlink · <a href="/help">${t('crisis.getHelpNow')}</a></p>
    </footer>
  `;
}
