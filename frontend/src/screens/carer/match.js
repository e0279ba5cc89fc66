// An introduction: the other person in a proposed match (for the carer, their buddy; for the buddy,
// the carer), why the centre suggested them, and "Yes, I'd like to meet" or "No, thank you". Nothing
// starts until both have said yes (DOMAIN.md "Matching"); afterwards the screen says where it stands,
// and it is the pair's page: phone numbers, the check-ins and the messages beside them (issue 18).
import { useEffect, useState } from 'preact/hooks';
import { post, put } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, TextArea, useForm } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { matchStateInWords } from './match-logic.js';
import { nextCheckin, whenInWords } from './checkin-logic.js';
import { firstName } from '../../text.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';
import { sharingHint, telHref } from '../shared/phone-logic.js';
import { CallLink } from '../shared/phone-parts.js';

/** Reaching each other by phone: the other's number if they show it, and my own choice to show mine. */
function PhoneNumbers({ url, match, other, onChanged }) {
  const mine = match[match.viewer];
  const theirs = match[match.viewer === 'carer' ? 'buddy' : 'carer'];
  const name = firstName(other);
  // The box follows the tap at once; if the server refuses, it goes back and says why.
  const [sharing, setSharing] = useState(mine.shares_phone);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const choose = async (event) => {
    const share = event.currentTarget.checked;
    setSharing(share);
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await put(`${url}/phone-sharing`, { share }));
    } catch (failure) {
      setSharing(!share);
      setProblem(failure);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <section aria-labelledby="phone-heading">
      <h2 class="heading-m" id="phone-heading">${t('carer.match.phoneNumbers')}</h2>
      ${telHref(theirs.phone)
        ? html`<${CallLink} name=${other} phone=${theirs.phone} block=${true} />`
        : html`<p>${t('carer.match.noNumber', { name })}</p>`}
      <${Problem} error=${problem} />
      ${mine.phone
        ? html`<div class="field">
            <div class="choice">
              <input class="choice-input" type="checkbox" id="share-phone" checked=${sharing} aria-busy=${busy ? 'true' : undefined}
                onChange=${choose} aria-describedby="share-phone-hint" />
              <label class="choice-label" for="share-phone">${t('carer.match.showMine', { number: mine.phone.display, name })}</label>
              <p class="choice-hint hint" id="share-phone-hint">${sharingHint(other)}</p>
            </div>
          </div>
          <p class="hint" aria-live="polite">${busy ? t('carer.match.saving') : mine.shares_phone ? t('carer.match.canSee', { name }) : t('carer.match.cannotSee', { name })}</p>`
        : html`<p>${t('carer.match.toShowBefore', { name })} <a href="/me">${t('carer.match.toShowLink')}</a>.</p>`}
    </section>
  `;
}

function Introduction({ match, other }) {
  const intro = match.introduction;
  const name = firstName(other);
  return html`
    ${intro?.lines?.length > 0 &&
    html`<ul class="carer-intro-lines">${intro.lines.map((line) => html`<li key=${line}>${line}</li>`)}</ul>`}
    ${intro?.in_their_words &&
    html`<h2 class="heading-m">${t('carer.match.inWords', { name })}</h2><blockquote class="carer-reply">${intro.in_their_words}</blockquote>`}
    ${match.explanation &&
    html`<h2 class="heading-m">${t('carer.match.why', { name })}</h2>
      ${match.explanation.reasons?.length > 0
        ? html`<ul class="carer-intro-lines">${match.explanation.reasons.map((r) => html`<li key=${r.text}>${r.text}</li>`)}</ul>`
        : html`<p>${match.explanation.summary}</p>`}`}
  `;
}

function Decide({ url, other, onDecided }) {
  const [declining, setDeclining] = useState(false);
  const form = useForm({ reason: '' });
  const name = firstName(other);
  const accept = (event) => form.submit(event, { action: async () => onDecided(await post(`${url}/accept`)) });
  const decline = (event) =>
    form.submit(event, {
      fields: ['reason'],
      validate: (values) => ({ reason: values.reason.length > 500 ? t('carer.match.reasonTooLong') : null }),
      action: async (values) => onDecided(await post(`${url}/decline`, { reason: values.reason.trim() })),
    });
  if (declining) {
    return html`
      <form onSubmit=${decline} novalidate>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        <${TextArea} id="reason" label=${t('carer.match.tellWhy')} optional=${true}
          hint=${t('carer.match.tellWhyHint', { name })}
          error=${form.errors.reason} value=${form.values.reason} onInput=${form.set('reason')} />
        <div class="button-group">
          <${Button} busy=${form.busy}>${t('carer.match.sendAnswer')}</${Button}>
          <${Button} type="button" variant="secondary" onClick=${() => setDeclining(false)}>${t('carer.match.goBack')}</${Button}>
        </div>
      </form>
    `;
  }
  return html`
    <form onSubmit=${accept} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <h2 class="heading-m">${t('carer.match.wouldYouMeet', { name })}</h2>
      <p>${t('carer.match.nothingStarts')}</p>
      <div class="button-group">
        <${Button} busy=${form.busy}>${t('carer.match.yes')}</${Button}>
        <${Button} type="button" variant="secondary" onClick=${() => setDeclining(true)}>${t('carer.match.no')}</${Button}>
      </div>
    </form>
  `;
}

/**
 * The pair's check-ins beside their messages (issue 18): when the next one is (or that one is open),
 * for the buddy the answers waiting for their reply, and where the check-ins and replies are.
 */
function PairCheckins({ base, match, other }) {
  const name = firstName(other);
  const carer = match.viewer === 'carer';
  const plan = useResource(`${base}/matches/${encodeURIComponent(match.id)}/checkin-plan`);
  const awaiting = useResource(carer ? '/api/v1/me/checkins?awaiting=true' : '/api/v1/me/checkins?role=buddy&awaiting=true');
  const mine = (awaiting.data || []).filter((checkin) => checkin.match_id === match.id);
  const next = nextCheckin(carer ? mine : [], plan.data?.upcoming);
  const toReply = carer ? [] : mine.filter((checkin) => checkin.state === 'answered');
  return html`
    <section aria-labelledby="checkins-heading" class="pair-checkins">
      <h2 class="heading-m" id="checkins-heading">${t('carer.match.checkins')}</h2>
      ${(plan.loading || awaiting.loading) && html`<${Loading} />`}
      ${plan.data?.plan?.paused && html`<p>${t('carer.plan.paused')}</p>`}
      ${next?.open && carer &&
      html`<p>${t('carer.home.open', { buddy: name })}</p>
        <p><a class="button button-primary" href=${`/checkins/${next.checkin.id}`}>${t('carer.home.answer')}</a></p>`}
      ${next && !(next.open && carer) && html`<p>${t('carer.home.nextWith', { buddy: name, when: whenInWords(next.checkin.due_at) })}</p>`}
      ${plan.data && !next && !plan.data.plan?.paused && html`<p>${t('carer.home.notAgreed', { buddy: name })}</p>`}
      ${toReply.length > 0 &&
      html`<ul class="list">${toReply.map((checkin) => html`<li class="list-item" key=${checkin.id}>
        <a href=${`/buddy/checkins/${checkin.id}`}>${t('carer.match.replyTo', { name, when: whenInWords(checkin.answered_at || checkin.due_at) })}</a>
      </li>`)}</ul>`}
      <ul class="links">
        ${carer && html`<li><a href="/check-ins">${t('carer.home.checkinsAndReplies', { buddy: name })}</a></li>`}
        <li><a href=${`/matches/${match.id}/check-ins`}>${t('carer.plan.title')}</a></li>
      </ul>
    </section>
  `;
}

/** The pair's messages, loaded only when this page shows them (they are not part of the carer's home). */
function Messages({ base, matchId }) {
  const { organisation } = useOrganisation();
  const [part, setPart] = useState(null);
  useEffect(() => {
    import('../shared/messages.js').then(setPart).catch(() => setPart({ failed: true }));
  }, []);
  if (!part) return html`<${Loading} />`;
  if (part.failed) return html`<p>${t('carer.match.messagesFailed')}</p>`;
  return html`<${part.MessageThread} base=${base} matchId=${matchId} organisation=${organisation} />`;
}

export function MatchScreen({ params }) {
  const { base } = useOrganisation();
  const url = base && `${base}/matches/${encodeURIComponent(params.id)}`;
  const loaded = useResource(url);
  const [decided, setDecided] = useState(null);
  const match = decided || loaded.data;
  if (!match) {
    return html`<${Page} title=${t('carer.match.introduction')} back=${{ href: '/', label: t('carer.home.back') }}>
      ${loaded.error && isNotFound(loaded.error) && html`<p>${t('carer.match.notFound')}</p>`}
      ${loaded.error && !isNotFound(loaded.error) && html`<${Problem} error=${loaded.error} />`}
      ${!base && html`<p>${t('carer.match.notFound')}</p>`}
      ${base && !loaded.error && html`<${Loading} />`}
    </${Page}>`;
  }
  const other = match.viewer === 'buddy' ? match.carer.display_name : match.buddy.display_name;
  const state = matchStateInWords(match, other);
  const together = ['active', 'paused'].includes(match.status);
  const undecided = match.status === 'proposed' && !match.my_decision && match.viewer !== 'coordinator';
  return html`
    <${Page} title=${t('carer.match.meet', { name: other })} caption=${match.viewer === 'buddy' ? t('carer.match.aCarer') : t('carer.buddy.yourBuddyCapital')}
      back=${{ href: '/', label: t('carer.home.back') }}>
      ${state && state.good &&
      html`<${Panel} title=${state.title}>${state.text && html`<p>${state.text}</p>`}</${Panel}>`}
      ${state && !state.good &&
      html`<${Inset}><h2 class="heading-m">${state.title}</h2>${state.text && html`<p>${state.text}</p>`}</${Inset}>`}
      ${together && match.viewer !== 'coordinator' &&
      html`<${PhoneNumbers} url=${url} match=${match} other=${other} onChanged=${setDecided} />
        <${PairCheckins} base=${base} match=${match} other=${other} />`}
      ${(together || (match.status === 'ended' && match.viewer === 'carer')) &&
      match.viewer !== 'coordinator' && html`<${Messages} base=${base} matchId=${match.id} />`}
      <${Introduction} match=${match} other=${other} />
      ${match.viewer === 'coordinator' && ['active', 'paused'].includes(match.status) &&
      html`<h2 class="heading-m">${t('carer.match.phoneNumbers')}</h2>
        <ul class="list">${['carer', 'buddy'].map((side) => html`<li class="list-item" key=${side}>${telHref(match[side].phone)
          ? html`<${CallLink} name=${match[side].display_name} phone=${match[side].phone} />`
          : t('carer.match.noNumberOnRecord', { name: match[side].display_name })}</li>`)}</ul>`}
      ${undecided && html`<${Decide} url=${url} other=${other} onDecided=${setDecided} />`}
      ${match.status === 'active' && match.viewer === 'carer' &&
      html`<p><a href="/">${t('carer.match.seeNext')}</a></p>`}
    </${Page}>
  `;
}
