// Importing carers and buddies from a spreadsheet (issue 16): template, dry run, fixes, confirm.
// /coordinator/imports: download the template, choose carers or buddies, upload (a dry run: nothing is
// written, nobody contacted). /coordinator/imports/:id: the counts, the problems per row and column,
// a corrected file, confirming, and the result (who was invited how; a printable sheet of codes).
import { useState } from 'preact/hooks';
import { ApiError, CSRF_COOKIE, discardEarlyAnswers, post, readCookie } from '../../api.js';
import { html } from '../../html.js';
import { navigate } from '../../router.js';
import { ErrorSummary, FieldError, Radios, describedBy } from '../../ui/forms.js';
import { Button, Inset, Loading, Page, Problem, Warning, formatDate } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { KIND_WORDS, codeSheet, countsWords, personState, problemRows } from './imports-logic.js';
import { useOrganisationApi } from './parts.js';

const RUNNING = { href: '/coordinator/running', label: 'Running the service' };
const IMPORTS = { href: '/coordinator/imports', label: 'Bring records in' };
const OFFLINE = { title: 'No connection', detail: 'You seem to be offline. Check your connection, then try again.' };

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
    throw new ApiError(0, OFFLINE);
  }
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function FileField({ id, error, onChange }) {
  const hint = 'A CSV file (saved as "CSV UTF-8") or an Excel .xlsx file, with the template\'s column headings.';
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <label class="label" for=${id}>The file</label>
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
      setError('Choose the file to check.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(file);
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  }
  return { file, setFile, error, busy, onSubmit };
}

function Templates({ base }) {
  return html`
    <h2 class="heading-m">1. Fill in the template</h2>
    <p>One row for each person. People sign in with their e-mail address, so every row needs one.
      Health needs can only come in with the carer's health-data consent recorded in the three consent columns.</p>
    <ul class="list">
      <li><a href=${`${base}/imports/template.csv?kind=carer`} download>Template for carers (CSV)</a>
        ${' · '}<a href=${`${base}/imports/template.xlsx?kind=carer`} download>Excel</a></li>
      <li><a href=${`${base}/imports/template.csv?kind=buddy`} download>Template for buddies (CSV)</a>
        ${' · '}<a href=${`${base}/imports/template.xlsx?kind=buddy`} download>Excel</a></li>
    </ul>
  `;
}

function Earlier({ imports }) {
  if (!imports || !imports.length) return null;
  return html`
    <h2 class="heading-m">Earlier imports</h2>
    <ul class="list">
      ${imports.map(
        (item) => html`<li class="list-item" key=${item.id}>
          <a class="list-title" href=${`/coordinator/imports/${item.id}`}>${item.file_name}</a>
          <span class="list-meta">${KIND_WORDS[item.kind]}, ${formatDate(item.created_at)}: ${countsWords(item)}</span>
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
    <${Page} title="Bring records in" caption=${organisation.name} back=${RUNNING}>
      <p>Add your centre's carers or buddies from a spreadsheet. The file is checked first: nothing is saved
        and nobody is contacted until you confirm.</p>
      <${Templates} base=${base} />
      <h2 class="heading-m" id="upload-heading">2. Check the file</h2>
      <${ErrorSummary} errors=${form.error ? { file: form.error } : {}} labels=${{ file: 'The file' }} />
      <form onSubmit=${form.onSubmit} novalidate aria-labelledby="upload-heading">
        <${Radios} id="kind" legend="Who is in the file?" value=${kind}
          onChange=${(event) => setKind(event.currentTarget.value)}
          options=${[{ value: 'carer', label: 'Carers' }, { value: 'buddy', label: 'Buddies' }]} />
        <${FileField} id="file" error=${form.error} onChange=${form.setFile} />
        <${Button} busy=${form.busy}>Check the file</${Button}>
      </form>
      <${Problem} error=${imports.error} />
      <${Earlier} imports=${imports.data} />
    </${Page}>
  `;
}

function ProblemList({ rows, quiet = false }) {
  const found = problemRows(rows);
  if (!found.length) return quiet ? null : html`<p>No problems found.</p>`;
  return html`
    <h2 class="heading-m" id="problems-heading">Rows with problems</h2>
    <p class="hint">These rows are skipped. Fix them in your spreadsheet and upload it again.</p>
    <ul class="list import-problems" aria-labelledby="problems-heading">
      ${found.map(
        (row) => html`<li class="list-item" key=${row.id}>
          <span class="list-title">${row.heading}</span>
          ${row.duplicate && html`<span class="tags"><span class="tag tag-warning">Duplicate</span></span>`}
          <ul>${row.lines.map((line) => html`<li key=${line}>${line}</li>`)}</ul>
        </li>`,
      )}
    </ul>
  `;
}

function People({ rows }) {
  const brought = (rows || []).filter((row) => row.outcome === 'imported');
  return html`
    <h2 class="heading-m">Who was brought in</h2>
    <ul class="list">
      ${brought.map(
        (row) => html`<li class="list-item" key=${row.id}>
          <span class="list-title">${row.name}</span>
          <span class="list-meta">${personState(row)}</span>
          ${row.joined === false && html`<span class="tags"><span class="tag tag-warning">Invited, not yet joined</span></span>`}
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
      <h2 class="heading-m" id="codes-heading">Codes to give in person</h2>
      <${Warning}>These codes are shown only now. Print this sheet before you leave the page.</${Warning}>
      <p class="print-only">${organisation.name}: to join carerlink, open the app, choose "I have a code from the
        centre" and enter your code within 30 days.</p>
      <ul class="list">
        ${codes.map((c) => html`<li class="list-item" key=${c.id}><span class="list-title">${c.name}</span>
          <span class="list-meta">Code <strong class="code">${c.code}</strong></span></li>`)}
      </ul>
      <${Button} type="button" variant="secondary" onClick=${() => window.print()}>Print the codes</${Button}>
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
    <${Page} title=${summary?.status === 'imported' ? 'Records brought in' : 'Check before bringing in'}
      caption=${organisation.name} back=${IMPORTS}>
      <${Problem} error=${result.error} />
      ${result.loading && html`<${Loading} />`}
      ${summary && html`
        <p class="import-file">${KIND_WORDS[summary.kind]} from ${summary.file_name}</p>
        <${Inset}><p role="status">${countsWords(summary)}</p></${Inset}>
        ${summary.status === 'checked' && html`
          <${ProblemList} rows=${data.rows} />
          <h2 class="heading-m" id="again-heading">Upload a corrected file</h2>
          <${ErrorSummary} errors=${again.error ? { 'file-again': again.error } : {}} labels=${{ 'file-again': 'The file' }} />
          <form onSubmit=${again.onSubmit} novalidate aria-labelledby="again-heading">
            <${FileField} id="file-again" error=${again.error} onChange=${again.setFile} />
            <${Button} variant="secondary" busy=${again.busy}>Check the corrected file</${Button}>
          </form>
          <h2 class="heading-m">Bring them in</h2>
          <p>${summary.rows_ready === 0 ? 'No row is ready yet.' : `This adds ${summary.rows_ready === 1 ? '1 person' : `${summary.rows_ready} people`} and invites them. Rows with problems are skipped.`}</p>
          <${Problem} error=${confirmError} />
          ${summary.rows_ready > 0 && html`<${Button} type="button" busy=${confirming} onClick=${confirm}>
            Bring in ${summary.rows_ready === 1 ? '1 person' : `${summary.rows_ready} people`}</${Button}>`}
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
