// Messages people in a pair asked the centre to look at (issue 18): the only way a coordinator reads a
// pair's messages. The list says who asked and why, never the words, open ones first; opening one (audited)
// shows the message and the few before it, and "Dealt with" takes it off Needs attention (audited too).
import { useEffect, useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { hasMessage, loadAreas, t } from '../../i18n.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
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

/** "Dealt with by Morgan Ellis, 2 hours ago" (or without a name when that coordinator has gone). */
function dealtWithWords(report) {
  return report.dealt_with_by_name
    ? t('running.reported.dealtWithBy', { name: report.dealt_with_by_name, ago: ago(report.dealt_with_at) })
    : t('running.reported.dealtWithAgo', { ago: ago(report.dealt_with_at) });
}

export function MessageReports(props) {
  return useRunningWords() ? html`<${ReportList} ...${props} />` : html`<${Loading} />`;
}

function ReportItem({ report }) {
  return html`<li class="list-item">
    <a href=${`/coordinator/message-reports/${report.id}`}>${report.reason_words}<span class="visually-hidden">${t('running.reported.fromHidden', { name: who(report) })}</span></a>
    <p class="list-meta">${t('running.reported.meta', { name: who(report), role: report.reporter, carer: report.carer_name, buddy: report.buddy_name, ago: ago(report.reported_at) })}</p>
    ${report.status === 'open'
      ? html`<span class="tag tag-urgent">${t('running.reported.open')}</span>`
      : html`<span class="tag">${dealtWithWords(report)}</span>`}
  </li>`;
}

function ReportList() {
  const { organisation, base } = useOrganisationApi();
  const { data, error } = useResource(`${base}/message-reports`);
  const open = (data || []).filter((r) => r.status === 'open');
  const done = (data || []).filter((r) => r.status !== 'open');
  return html`
    <${Page} title=${t('running.reported.title')} caption=${organisation.name} back=${home()}>
      <p>${t('running.reported.intro')}</p>
      <${Problem} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data && data.length === 0 && html`<p>${t('running.reported.none')}</p>`}
      ${data && data.length > 0 &&
      html`<section aria-labelledby="open-reports">
          <h2 class="heading-m" id="open-reports">${t('running.reported.openHeading', { count: open.length })}</h2>
          ${open.length === 0 && html`<p class="hint">${t('running.reported.noneOpen')}</p>`}
          <ul class="list">${open.map((r) => html`<${ReportItem} key=${r.id} report=${r} />`)}</ul>
        </section>
        ${done.length > 0 &&
        html`<section aria-labelledby="done-reports">
          <h2 class="heading-m" id="done-reports">${t('running.reported.doneHeading', { count: done.length })}</h2>
          <ul class="list">${done.map((r) => html`<${ReportItem} key=${r.id} report=${r} />`)}</ul>
        </section>`}`}
    </${Page}>
  `;
}

export function MessageReportPage(props) {
  return useRunningWords() ? html`<${ReportPage} ...${props} />` : html`<${Loading} />`;
}

/** The report's state, and for an open one the "Dealt with" button (the list and Needs attention update). */
function DealtWith({ base, report, onDone }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const [marked, setMarked] = useState(false);
  async function mark(event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      onDone(await post(`${base}/message-reports/${encodeURIComponent(report.id)}/dealt-with`));
      setMarked(true);
    } catch (caught) {
      setProblem(caught);
    } finally {
      setBusy(false);
    }
  }
  if (report.status !== 'open') {
    return html`${marked && html`<${Panel} title=${t('running.reported.recorded')}><p>${t('running.reported.markedDone')}</p></${Panel}>`}
      <p id="report-state"><strong>${dealtWithWords(report)}</strong> (${timeAndDate(report.dealt_with_at)})</p>`;
  }
  return html`
    <form onSubmit=${mark} noValidate>
      <p id="report-state"><span class="tag tag-urgent">${t('running.reported.open')}</span></p>
      <p class="hint">${t('running.reported.dealtWithHint')}</p>
      <${Problem} error=${problem} />
      <${Button} busy=${busy}>${t('running.reported.markDealtWith')}</${Button}>
    </form>
  `;
}

function ReportPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const found = useResource(`${base}/message-reports/${encodeURIComponent(params.id)}`);
  const { data, error } = found;
  // The mark answers with the report's summary: keep the messages already shown.
  const onDone = (summary) => found.set({ ...data, ...summary });
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
        <p><a href="/coordinator/pairs">${t('running.reported.pairs')}</a> · <a href="/coordinator/concerns/new">${t('running.reported.concern')}</a></p>
        <${DealtWith} base=${base} report=${data} onDone=${onDone} />`}
    </${Page}>
  `;
}
