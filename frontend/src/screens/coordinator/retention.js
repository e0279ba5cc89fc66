// How long records are kept (issue 15), for coordinators: the centre's retention schedule in plain
// words, a form to change the periods it can tune, and what the daily retention run last removed.
import { useEffect } from 'preact/hooks';
import { put } from '../../api.js';
import { html } from '../../html.js';
import { ErrorSummary, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';
import { keptFor, PERIODS, periodsBody, removedPhrases, runSummary, validatePeriods } from './records-logic.js';

const BACK = { href: '/coordinator/data-rights', label: "People's data" };
const EMPTY = Object.fromEntries(PERIODS.map((p) => [p.id, '']));

function Schedule({ classes }) {
  return html`
    <dl class="summary-list">
      ${classes.map(
        (c) => html`
          <div class="summary-row" key=${c.key}>
            <dt class="summary-key">${c.words}</dt>
            <dd class="summary-value">${c.value == null ? 'Fixed' : keptFor(c)}</dd>
          </div>
        `,
      )}
    </dl>
  `;
}

function LastRun({ run, runs }) {
  const phrases = removedPhrases(run?.removed);
  return html`
    <section aria-labelledby="last-run-heading">
      <h2 class="heading-m" id="last-run-heading">Last run</h2>
      ${run && html`<p>${timeAndDate(run.started_at)}</p>`}
      <p>${runSummary(run)}</p>
      ${phrases.length > 1 && html`<ul>${phrases.map((p) => html`<li key=${p}>${p}</li>`)}</ul>`}
      ${runs.length > 1 &&
        html`<h3 class="heading-s">Earlier runs</h3>
          <ul class="list">${runs.slice(1).map(
            (r) => html`<li class="list-item" key=${r.id}><span class="list-title">${timeAndDate(r.started_at)}</span>
              <span class="list-meta">${runSummary(r)}</span></li>`,
          )}</ul>`}
    </section>
  `;
}

export function Retention() {
  const { organisation, base } = useOrganisationApi();
  const schedule = useResource(`${base}/retention`);
  const form = useForm(EMPTY);
  const settings = schedule.data?.settings;
  useEffect(() => {
    if (settings) form.setValues(Object.fromEntries(PERIODS.map((p) => [p.id, String(settings[p.id])])));
  }, [JSON.stringify(settings)]);

  const onSubmit = (event) =>
    form.submit(event, {
      validate: validatePeriods,
      action: async (values) => schedule.set(await put(`${base}/retention`, periodsBody(values))),
    });
  const labels = Object.fromEntries(PERIODS.map((p) => [p.id, p.label]));
  return html`
    <${Page} title="How long records are kept" caption=${organisation.name} back=${BACK}>
      <p>carerlink removes records when the centre no longer needs them. The retention run does this every day
        and writes down how many records it removed, never what they said.</p>
      <${Problem} error=${schedule.error} />
      ${schedule.loading && html`<${Loading} />`}
      ${schedule.data &&
        html`
          <${LastRun} run=${schedule.data.last_run} runs=${schedule.data.runs} />
          <h2 class="heading-m">The schedule</h2>
          <${Schedule} classes=${schedule.data.classes} />
          <h2 class="heading-m" id="change-heading">Change how long records are kept</h2>
          <p class="hint">Match your centre's own retention policy. Open safeguarding records are never removed.</p>
          <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels} />
          <form onSubmit=${onSubmit} novalidate aria-labelledby="change-heading">
            ${PERIODS.map(
              (p) => html`<${TextInput} key=${p.id} id=${p.id} label=${`${p.label} (${p.unit})`} inputmode="numeric"
                width="4" value=${form.values[p.id]} onInput=${form.set(p.id)} error=${form.errors[p.id]} />`,
            )}
            <${Button} busy=${form.busy}>Save the schedule</${Button}>
          </form>
        `}
    </${Page}>
  `;
}
