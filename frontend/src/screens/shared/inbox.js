// /inbox — every notification I have been sent, newest first, whether or not it reached a phone: each
// leads where its push would have; mark one read, or all of them. Called "Inbox" everywhere, as in the
// header (issue 11); an entry is also read once its page was opened any other way (app.js).
import { t } from '../../i18n.js';
import { useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { html } from '../../html.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { appPath, timeAgo } from './logic.js';

const PAGE = 30;

function Item({ item, onRead }) {
  const path = appPath(item.url);
  const unread = !item.read_at;
  const open = () => {
    if (unread) onRead(item, { quietly: true });
  };
  return html`
    <li class=${unread ? 'list-item inbox-item inbox-unread' : 'list-item inbox-item'}>
      ${unread && html`<span class="tag tag-new">${t('shared.inbox.new')}</span>`}
      ${path
        ? html`<a class="inbox-title" href=${path} onClick=${open}>${item.title}</a>`
        : html`<span class="list-title">${item.title}</span>`}
      ${item.body && html`<span>${item.body}</span>`}
      <span class="list-meta">${timeAgo(item.created_at)}</span>
      ${unread &&
      html`<button type="button" class="link-button" aria-label=${t('shared.inbox.markReadLabel', { title: item.title })}
        onClick=${() => onRead(item)}>${t('shared.inbox.markRead')}</button>`}
    </li>
  `;
}

export function Inbox() {
  const first = useResource(`/api/v1/notifications?limit=${PAGE}`);
  const [more, setMore] = useState({ items: [], next: undefined });
  const [changes, setChanges] = useState({ read: {}, all: null, unread: null });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const data = first.data;
  const next = more.next === undefined ? data?.next_before : more.next;
  const items = data
    ? [...data.items, ...more.items].map((item) =>
        // "Mark all" covers everything that had arrived, older pages included.
        item.read_at || !(changes.read[item.id] || changes.all)
          ? item
          : { ...item, read_at: changes.read[item.id] || changes.all },
      )
    : [];
  const unread = changes.unread ?? data?.unread ?? 0;

  async function markRead(item, { quietly = false } = {}) {
    setError(null);
    try {
      const marked = await post(`/api/v1/notifications/${item.id}/read`);
      setChanges((old) => ({
        ...old,
        read: { ...old.read, [item.id]: marked.read_at },
        unread: Math.max(0, (old.unread ?? data.unread) - 1),
      }));
    } catch (problem) {
      if (!quietly) setError(problem);
    }
  }

  async function markAll() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/notifications/read-all');
      setChanges((old) => ({ ...old, all: new Date().toISOString(), unread: 0 }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  async function loadOlder() {
    if (busy || !next) return;
    setBusy(true);
    setError(null);
    try {
      const page = await get(`/api/v1/notifications?limit=${PAGE}&before=${encodeURIComponent(next)}`);
      setMore((old) => ({ items: [...old.items, ...page.items], next: page.next_before }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <${Page} title=${t('shared.inbox.title')} back=${{ href: '/', label: t('shared.home') }}>
      <${Problem} error=${error || first.error} />
      ${!data && !first.error && html`<${Loading} />`}
      ${data &&
      html`
        <p role="status">${unread === 0 ? t('shared.inbox.allRead') : t('shared.inbox.unread', { count: unread })}</p>
        ${unread > 0 &&
        html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${markAll}>${t('shared.inbox.markAll')}</${Button}>`}
        ${items.length === 0 &&
        html`<p>${t('shared.inbox.empty')}</p>`}
        <ul class="list inbox">
          ${items.map((item) => html`<${Item} key=${item.id} item=${item} onRead=${markRead} />`)}
        </ul>
        ${next &&
        html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${loadOlder}>${t('shared.inbox.older')}</${Button}>`}
        <p><a href="/notification-settings">${t('shared.inbox.settings')}</a></p>
      `}
    </${Page}>
  `;
}
