// Messages people in a pair asked the centre to look at (issue 18): the only way a coordinator reads a
// pair's messages. The list says who asked and why, never the words; opening one (audited) shows the
// message and the few before it.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { hasMessage, loadAreas, t } from '../../i18n.js';
import { Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { ago, timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';

const home = () => ({ href: '/', label: t('running.home') });
const list = () => ({ href: '/coordinator/message-reports', label: t('running.reported.title') });

/**
 * Whether this screen's words are here: they are in the "running" catalogue area, which the part these
 * screens come in (coordinator-pages, screens/roles.js) does not fetch, so the screen fetches it itself.
 */
function useRunningWords() {
  const [, setLoaded] = useState(0);
  const here = hasMessage('running.reported.title');
  useEffect(() => {
    if (!here) loadAreas(['running']).then(() => setLoaded((n) => n + 1), () => setLoaded((n) => n + 1));
  }, [here]);
  return here;
}

function who(report) {
  return report.reporter === 'carer' ? report.carer_name : report.buddy_name;
}

export function MessageReports(props) {
  return useRunningWords() ? html`<${ReportList} ...${props} />` : html`<${Loading} />`;
}

function ReportList() {
  const { organisation, base } = useOrganisationApi();
  const { data, error } = useResource(`${base}/message-reports`);
  return html`
    <${Page} title=${t('running.reported.title')} caption=${organisation.name} back=${home()}>
      <p>${t('running.reported.intro')}</p>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data && data.length === 0 && html`<p>${t('running.reported.none')}</p>`}
      ${data && data.length > 0 &&
      html`<ul class="list">${data.map(
        (r) => html`<li class="list-item" key=${r.id}>
          <a href=${`/coordinator/message-reports/${r.id}`}>${r.reason_words}<span class="visually-hidden">${t('running.reported.fromHidden', { name: who(r) })}</span></a>
          <p class="list-meta">${t('running.reported.meta', { name: who(r), role: r.reporter, carer: r.carer_name, buddy: r.buddy_name, ago: ago(r.reported_at) })}</p>
        </li>`,
      )}</ul>`}
    </${Page}>
  `;
}

export function MessageReportPage(props) {
  return useRunningWords() ? html`<${ReportPage} ...${props} />` : html`<${Loading} />`;
}

function ReportPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const { data, error } = useResource(`${base}/message-reports/${encodeURIComponent(params.id)}`);
  return html`
    <${Page} title=${data ? t('running.reported.pageTitle', { reason: data.reason_words, name: who(data) }) : t('running.reported.one')} caption=${organisation.name} back=${list()}>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data &&
      html`<p>${t('running.reported.asked', { name: who(data), role: data.reporter, carer: data.carer_name, buddy: data.buddy_name, when: timeAndDate(data.reported_at) })}</p>
        <ol class="message-list message-report-list">${data.messages.map(
          (m) => html`<li key=${m.id} class=${m.reported ? 'message message-theirs message-reported-one' : 'message message-theirs'}>
            <p class="message-meta">${t('running.reported.sender', { name: m.sender_name, role: m.sender, when: timeAndDate(m.sent_at) })}${m.reported ? html` · <strong>${t('running.reported.theOne')}</strong>` : ''}</p>
            <p class="message-text">${m.text ?? t('running.reported.removed')}</p>
          </li>`,
        )}</ol>
        <p><a href="/coordinator/pairs">${t('running.reported.pairs')}</a> · <a href="/coordinator/concerns/new">${t('running.reported.concern')}</a></p>`}
    </${Page}>
  `;
}
