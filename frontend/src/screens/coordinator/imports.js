// Importing carers and buddies from a spreadsheet (issue 16): template, dry run, fixes, confirm.
// /coordinator/imports: download the template, choose carers or buddies, upload (a dry run: nothing is
// written, nobody contacted). /coordinator/imports/:id: the counts, the problems per row and column (and,
// apart from them, the warnings of rows that still come in), a corrected file, confirming, and the result
// (who was invited how, whose invitation text could not be sent; a printable sheet of codes).
import { useState } from 'preact/hooks';
import { ApiError, CSRF_COOKIE, discardEarlyAnswers, post, readCookie } from '../../api.js';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { ErrorSummary, FieldError, Radios, describedBy } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { codeSheet, countsWords, kindWords, personState, problemRows, warningRows } from './imports-logic.js';
import { useOrganisationApi } from './parts.js';

const running = () => ({ href: '/coordinator/running', label: t('running.hub.title') });
const toImports = () => ({ href: '/coordinator/imports', label: t('running.hub.imports') });
const offline = () => ({ title: t('running.imports.offlineTitle'), detail: t('running.imports.offlineDetail') });
const DAY = { day: 'numeric', month: 'long', year: 'numeric' };

/** Send a file as a form (the API's ``kind`` and ``file``); problem+json answers become an ApiError. */
async function upload(url, fields) {
  discardEarlyAnswers();
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  let response;
  try {
    let token = readCookie(CSRF_COOKIE);
    if (!token) {
      await fetch('/healthz', { credentials: 'same-origin' });
      token = readCookie(CSRF_COOKIE) || '';
    }
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRFToken': token },
      body: form,
    });
  } catch {
    throw new ApiError(0, offline());
  }
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function FileField({ id, error, onChange }) {
  const hint = t('running.imports.fileHint');
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <label class="label" for=${id}>${t('running.imports.fileLabel')}</label>
      <p class="hint" id=${`${id}-hint`}>${hint}</p>
      <${FieldError} id=${id} error=${error} />
      <input class="input file-input" type="file" id=${id} name=${id}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-describedby=${describedBy(id, hint, error)} aria-invalid=${error ? 'true' : undefined}
        onChange=${(event) => onChange(event.currentTarget.files?.[0] || null)} />
    </div>
  `;
}

/** The file chooser and its button; ``send(file)`` uploads it. */
function useUpload(send) {
  const [file, setFile] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(event) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setError(t('running.imports.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(file);
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : t('running.imports.wentWrong'));
    } finally {
      setBusy(false);
    }
  }
  return { file, setFile, error, busy, onSubmit };
}

function Templates({ base }) {
  return html`
    <h2 class="heading-m">${t('running.imports.templateHeading')}</h2>
    <p>${t('running.imports.templateIntro')}</p>
    <ul class="list">
      <li><a href=${`${base}/imports/template.csv?kind=carer`} download>${t('running.imports.templateCarers')}</a>
        ${' · '}<a href=${`${base}/imports/template.xlsx?kind=carer`} download>${t('running.imports.excel')}</a></li>
      <li><a href=${`${base}/imports/template.csv?kind=buddy`} download>${t('running.imports.templateBuddies')}</a>
        ${' · '}<a href=${`${base}/imports/template.xlsx?kind=buddy`} download>${t('running.imports.excel')}</a></li>
    </ul>
  `;
}

function Earlier({ imports }) {
  if (!imports || !imports.length) return null;
  return html`
    <h2 class="heading-m">${t('running.imports.earlier')}</h2>
    <ul class="list">
      ${imports.map(
        (item) => html`<li class="list-item" key=${item.id}>
          <a class="list-title" href=${`/coordinator/imports/${item.id}`}>${item.file_name}</a>
          <span class="list-meta">${t('running.imports.earlierMeta', {
            kind: kindWords(item.kind),
            date: item.created_at ? formatDate(item.created_at, DAY) : '',
            counts: countsWords(item),
          })}</span>
        </li>`,
      )}
    </ul>
  `;
}

export function Imports() {
  const { organisation, base } = useOrganisationApi();
  const imports = useResource(`${base}/imports/`);
  const [kind, setKind] = useState('carer');
  const form = useUpload(async (file) => {
    const checked = await upload(`${base}/imports/`, { kind, file });
    navigate(`/coordinator/imports/${checked.summary.id}`);
  });
  return html`
    <${Page} title=${t('running.hub.imports')} caption=${organisation.name} back=${running()}>
      <p>${t('running.imports.intro')}</p>
      <${Templates} base=${base} />
      <h2 class="heading-m" id="upload-heading">${t('running.imports.checkHeading')}</h2>
      <${ErrorSummary} errors=${form.error ? { file: form.error } : {}} labels=${{ file: t('running.imports.fileLabel') }} />
      <form onSubmit=${form.onSubmit} novalidate aria-labelledby="upload-heading">
        <${Radios} id="kind" legend=${t('running.imports.who')} value=${kind}
          onChange=${(event) => setKind(event.currentTarget.value)}
          options=${[{ value: 'carer', label: kindWords('carer') }, { value: 'buddy', label: kindWords('buddy') }]} />
        <${FileField} id="file" error=${form.error} onChange=${form.setFile} />
        <${Button} busy=${form.busy}>${t('running.imports.checkButton')}</${Button}>
      </form>
      <${Problem} error=${imports.error} />
      <${Earlier} imports=${imports.data} />
    </${Page}>
  `;
}

function ProblemList({ rows, quiet = false }) {
  const found = problemRows(rows);
  if (!found.length) return quiet ? null : html`<p>${t('running.imports.noProblems')}</p>`;
  return html`
    <h2 class="heading-m" id="problems-heading">${t('running.imports.problemsHeading')}</h2>
    <p class="hint">${t('running.imports.problemsHint')}</p>
    <ul class="list import-problems" aria-labelledby="problems-heading">
      ${found.map(
        (row) => html`<li class="list-item" key=${row.id}>
          <span class="list-title">${row.heading}</span>
          ${row.duplicate && html`<span class="tags"><span class="tag tag-warning">${t('running.imports.duplicate')}</span></span>`}
          <ul>${row.lines.map((line) => html`<li key=${line}>${line}</li>`)}</ul>
        </li>`,
      )}
    </ul>
  `;
}

/** Rows without errors that are worth a look (a phone number two people share): they still come in. */
function WarningList({ rows }) {
  const found = warningRows(rows);
  if (!found.length) return null;
  return html`
    <h2 class="heading-m" id="warnings-heading">${t('running.imports.warningsHeading')}</h2>
    <p class="hint">${t('running.imports.warningsHint')}</p>
    <ul class="list import-problems import-warnings" aria-labelledby="warnings-heading">
      ${found.map(
        (row) => html`<li class="list-item" key=${row.id}>
          <span class="list-title">${row.heading}</span>
          <span class="tags"><span class="tag">${t('running.imports.stillBroughtIn')}</span></span>
          <ul>${row.lines.map((line) => html`<li key=${line}>${line}</li>`)}</ul>
        </li>`,
      )}
    </ul>
  `;
}

function People({ rows }) {
  const brought = (rows || []).filter((row) => row.outcome === 'imported');
  return html`
    <h2 class="heading-m">${t('running.imports.broughtHeading')}</h2>
    <ul class="list">
      ${brought.map(
        (row) => html`<li class="list-item" key=${row.id}>
          <span class="list-title">${row.name}</span>
          <span class="list-meta">${personState(row)}</span>
          ${row.joined === false && html`<span class="tags"><span class="tag tag-warning">${row.text_not_sent ? t('running.imports.textNotSentTag') : t('running.imports.notJoined')}</span></span>`}
          ${row.text_not_sent && !row.joined && html`<a href="/invitations">${t('running.imports.inviteAgain')}</a>`}
        </li>`,
      )}
    </ul>
  `;
}

function CodeSheet({ rows, organisation }) {
  const codes = codeSheet(rows);
  if (!codes.length) return null;
  return html`
    <section class="code-sheet" aria-labelledby="codes-heading">
      <h2 class="heading-m" id="codes-heading">${t('running.imports.codesHeading')}</h2>
      <${Warning}>${t('running.imports.codesWarning')}</${Warning}>
      <p class="print-only">${t('running.imports.codesPrint', { centre: organisation.name })}</p>
      <ul class="list">
        ${codes.map((c) => html`<li class="list-item" key=${c.id}><span class="list-title">${c.name}</span>
          <span class="list-meta">${t('running.imports.code')} <strong class="code">${c.code}</strong></span></li>`)}
      </ul>
      <${Button} type="button" variant="secondary" onClick=${() => window.print()}>${t('running.imports.printCodes')}</${Button}>
    </section>
  `;
}

function ImportPage({ params }) {
  const { organisation, base } = useOrganisationApi();
  const url = `${base}/imports/${params.id}`;
  const result = useResource(url);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState(null);
  const again = useUpload(async (file) => result.set(await upload(`${url}/file`, { file })));
  const data = result.data;
  const summary = data?.summary;
  async function confirm() {
    setConfirming(true);
    setConfirmError(null);
    try {
      result.set(await post(`${url}/confirm`));
    } catch (problem) {
      setConfirmError(problem);
    } finally {
      setConfirming(false);
    }
  }
  return html`
    <${Page} title=${summary?.status === 'imported' ? t('running.imports.doneTitle') : t('running.imports.checkTitle')}
      caption=${organisation.name} back=${toImports()}>
      <${Problem} error=${result.error} />
      ${result.loading && html`<${Loading} />`}
      ${summary && html`
        <p class="import-file">${t('running.imports.kindFrom', { kind: kindWords(summary.kind), file: summary.file_name })}</p>
        <${Inset}><p role="status">${countsWords(summary)}</p></${Inset}>
        ${summary.status === 'checked' && html`
          <${ProblemList} rows=${data.rows} />
          <${WarningList} rows=${data.rows} />
          <h2 class="heading-m" id="again-heading">${t('running.imports.againHeading')}</h2>
          <${ErrorSummary} errors=${again.error ? { 'file-again': again.error } : {}} labels=${{ 'file-again': t('running.imports.fileLabel') }} />
          <form onSubmit=${again.onSubmit} novalidate aria-labelledby="again-heading">
            <${FileField} id="file-again" error=${again.error} onChange=${again.setFile} />
            <${Button} variant="secondary" busy=${again.busy}>${t('running.imports.againButton')}</${Button}>
          </form>
          <h2 class="heading-m">${t('running.imports.bringHeading')}</h2>
          <p>${summary.rows_ready === 0 ? t('running.imports.noneReady') : t('running.imports.thisAdds', { count: summary.rows_ready })}</p>
          <${Problem} error=${confirmError} />
          ${summary.rows_ready > 0 && html`<${Button} type="button" busy=${confirming} onClick=${confirm}>
            ${t('running.imports.bringButton', { count: summary.rows_ready })}</${Button}>`}
        `}
        ${summary.status === 'imported' && html`
          <${CodeSheet} rows=${data.rows} organisation=${organisation} />
          <${People} rows=${data.rows} />
          <${ProblemList} rows=${data.rows} quiet />
        `}
      `}
    </${Page}>
  `;
}

/** Routes of this screen: {path, screen, access}. */
export const IMPORT_ROUTES = [
  { path: '/coordinator/imports', screen: Imports, access: 'coordinator' },
  { path: '/coordinator/imports/:id', screen: ImportPage, access: 'coordinator' },
];
