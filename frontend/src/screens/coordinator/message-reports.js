// Messages people in a pair asked the centre to look at (issue 18): the only way a coordinator reads a
// pair's messages. The list says who asked and why, never the words; opening one (audited) shows the
// message and the few before it.
import { html } from '../../html.js';
import { Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { ago, timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';

const HOME = { href: '/', label: 'Home' };
const LIST = { href: '/coordinator/message-reports', label: 'Reported messages' };

function who(report) {
  return report.reporter === 'carer' ? report.carer_name : report.buddy_name;
}

export function MessageReports() {
  const { organisation, base } = useOrganisationApi();
  const { data, error } = useResource(`${base}/message-reports`);
  return html`
    <${Page} title="Reported messages" caption=${organisation.name} back=${HOME}>
      <p>When someone in a pair asks the centre to look at a message, it shows here. Opening one is recorded.</p>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data && data.length === 0 && html`<p>Nobody has asked you to look at a message.</p>`}
      ${data && data.length > 0 &&
      html`<ul class="list">${data.map(
        (r) => html`<li class="list-item" key=${r.id}>
          <a href=${`/coordinator/message-reports/${r.id}`}>${r.reason_words}<span class="visually-hidden">, from ${who(r)}</span></a>
          <p class="list-meta">${who(r)} (${r.reporter}) · ${r.carer_name} with ${r.buddy_name} · ${ago(r.reported_at)}</p>
        </li>`,
      )}</ul>`}
    </${Page}>
  `;
}

export function MessageReportPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const { data, error } = useResource(`${base}/message-reports/${encodeURIComponent(params.id)}`);
  return html`
    <${Page} title=${data ? `${data.reason_words}: ${who(data)}` : 'Reported message'} caption=${organisation.name} back=${LIST}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data &&
      html`<p>${who(data)} (the ${data.reporter}) asked the centre to look at this message in ${data.carer_name} and ${data.buddy_name}'s messages, ${timeAndDate(data.reported_at)}. The messages before it are shown for context.</p>
        <ol class="message-list message-report-list">${data.messages.map(
          (m) => html`<li key=${m.id} class=${m.reported ? 'message message-theirs message-reported-one' : 'message message-theirs'}>
            <p class="message-meta">${m.sender_name} (${m.sender}) · ${timeAndDate(m.sent_at)}${m.reported ? html` · <strong>the reported message</strong>` : ''}</p>
            <p class="message-text">${m.text ?? '(removed)'}</p>
          </li>`,
        )}</ol>
        <p><a href="/coordinator/pairs">Pairs (pause, restart or end)</a> · <a href="/coordinator/concerns/new">Record a concern</a></p>`}
    </${Page}>
  `;
}
