// How long records are kept (issue 15), for coordinators: the centre's retention schedule in plain
// words, a form to change the periods it can tune, and what the daily retention run last removed.
import { useEffect } from 'preact/hooks';
import { put } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';
import { keptFor, PERIODS, periodsBody, removedPhrases, runSummary, validatePeriods } from './records-logic.js';

const back = () => ({ href: '/coordinator/data-rights', label: t('coordinator.home.dataTitle') });
const EMPTY = Object.fromEntries(PERIODS.map((p) => [p.id, '']));

function Schedule({ classes }) {
  return html`
    <dl class="summary-list">
      ${classes.map(
        (c) => html`
          <div class="summary-row" key=${c.key}>
            <dt class="summary-key">${c.words}</dt>
            <dd class="summary-value">${c.value == null ? t('coordinator.retention.fixed') : keptFor(c)}</dd>
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
      <h2 class="heading-m" id="last-run-heading">${t('coordinator.retention.lastRun')}</h2>
      ${run && html`<p>${timeAndDate(run.started_at)}</p>`}
      <p>${runSummary(run)}</p>
      ${phrases.length > 1 && html`<ul>${phrases.map((p) => html`<li key=${p}>${p}</li>`)}</ul>`}
      ${runs.length > 1 &&
        html`<h3 class="heading-s">${t('coordinator.retention.earlierRuns')}</h3>
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
    <${Page} title=${t('coordinator.retention.title')} caption=${organisation.name} back=${back()}>
      <p>${t('coordinator.retention.intro')}</p>
      <${Problem} error=${schedule.error} />
      ${schedule.loading && html`<${Loading} />`}
      ${schedule.data &&
        html`
          <${LastRun} run=${schedule.data.last_run} runs=${schedule.data.runs} />
          <h2 class="heading-m">${t('coordinator.retention.schedule')}</h2>
          <${Schedule} classes=${schedule.data.classes} />
          <h2 class="heading-m" id="change-heading">${t('coordinator.retention.change')}</h2>
          <p class="hint">${t('coordinator.retention.changeHint')}</p>
          <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels} />
          <form onSubmit=${onSubmit} novalidate aria-labelledby="change-heading">
            ${PERIODS.map(
              (p) => html`<${TextInput} key=${p.id} id=${p.id} label=${t('coordinator.retention.labelWithUnit', { label: p.label, unit: p.unit })} inputmode="numeric"
                width="4" value=${form.values[p.id]} onInput=${form.set(p.id)} error=${form.errors[p.id]} />`,
            )}
            <${Button} busy=${form.busy}>${t('coordinator.retention.save')}</${Button}>
          </form>
        `}
    </${Page}>
  `;
}
