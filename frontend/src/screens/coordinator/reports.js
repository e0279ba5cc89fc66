// Reports for funders (issue 16): the summary of a period with charts (loaded only here), CSV downloads.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, Radios, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { useOrganisationApi } from './parts.js';
import {
  chartsFor,
  downloads,
  figureWords,
  periodChoices,
  periodFor,
  periodWords,
  summaryUrl,
  todayIso,
  validateCustom,
} from './reports-logic.js';

const back = () => ({ href: '/coordinator/running', label: t('running.hub.title') });
const labels = () => ({ from: t('running.reports.firstDay'), to: t('running.reports.lastDay') });

/** The charts module, fetched when this screen first shows (never part of the first load). */
function useCharts() {
  const [charts, setCharts] = useState(null);
  useEffect(() => {
    let live = true;
    import('./reports-charts.js').then((module) => live && setCharts(module)).catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return charts;
}

function Figures({ figures }) {
  return html`
    <dl class="report-figures">
      ${figures.map(
        (f) => html`
          <div class=${f.suppressed ? 'report-figure report-figure-withheld' : 'report-figure'} key=${f.key}>
            <dt>${f.label}</dt>
            <dd>${figureWords(f)}</dd>
          </div>
        `,
      )}
    </dl>
  `;
}

function Section({ section, charts, module }) {
  const id = `report-${section.key}`;
  return html`
    <section class="report-section" aria-labelledby=${id}>
      <h2 class="heading-m" id=${id}>${section.title}</h2>
      ${section.note && html`<p class="hint">${section.note}</p>`}
      ${section.figures.length > 0 && html`<${Figures} figures=${section.figures} />`}
      ${module && charts.map((chart) => html`<${module.ReportChart} key=${chart.key} chart=${chart} />`)}
    </section>
  `;
}

function Downloads({ base, period }) {
  return html`
    <section class="report-section" aria-labelledby="report-downloads">
      <h2 class="heading-m" id="report-downloads">${t('running.reports.download')}</h2>
      <p class="hint">${t('running.reports.downloadHint')}</p>
      <ul class="report-downloads">
        ${downloads(base, period).map(
          (d) => html`<li key=${d.key}>
            <a class="button button-secondary" href=${d.href} download>${d.label}</a>
            <p class="hint">${d.hint}</p>
          </li>`,
        )}
      </ul>
    </section>
  `;
}

function PeriodChoice({ choice, onChoice, form, onCustom }) {
  const LABELS = labels();
  return html`
    <${Radios}
      id="period"
      legend=${t('running.reports.whichPeriod')}
      value=${choice}
      onChange=${(event) => onChoice(event.currentTarget.value)}
      options=${periodChoices()}
    />
    ${choice === 'custom' &&
      html`
        <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${LABELS} />
        <form class="report-dates" onSubmit=${onCustom} novalidate aria-label=${t('running.reports.chooseDates')}>
          <${TextInput} id="from" type="date" label=${LABELS.from} value=${form.values.from} onInput=${form.set('from')} error=${form.errors.from} />
          <${TextInput} id="to" type="date" label=${LABELS.to} value=${form.values.to} onInput=${form.set('to')} error=${form.errors.to} />
          <${Button}>${t('running.reports.showDates')}</${Button}>
        </form>
      `}
  `;
}

export function Reports() {
  const { organisation, base } = useOrganisationApi();
  const [choice, setChoice] = useState('this_quarter');
  const [custom, setCustom] = useState(null);
  const form = useForm({ from: '', to: '' });
  const module = useCharts();
  const period = choice === 'custom' ? custom : periodFor(choice, todayIso());
  const summary = useResource(period ? summaryUrl(base, period) : null);
  const onCustom = (event) =>
    form.submit(event, { validate: validateCustom, action: async (values) => setCustom({ from: values.from, to: values.to }) });
  const data = summary.data;
  const shown = data && period && data.from === period.from && data.to === period.to;
  return html`
    <${Page} title=${t('running.hub.reports')} caption=${organisation.name} back=${back()}>
      <p>${t('running.reports.intro')}</p>
      <${PeriodChoice} choice=${choice} onChoice=${setChoice} form=${form} onCustom=${onCustom} />
      <${Problem} error=${summary.error} />
      ${period && !shown && !summary.error && html`<${Loading} label=${t('running.reports.counting')} />`}
      ${shown &&
        html`
          <h2 class="heading-l report-period" aria-live="polite">${periodWords(data.from, data.to)}</h2>
          <${Downloads} base=${base} period=${period} />
          ${data.sections.map(
            (section) => html`<${Section} key=${section.key} section=${section} charts=${chartsFor(section.key, data.charts)} module=${module} />`,
          )}
          <${Section}
            section=${{ key: 'months', title: t('running.reports.months'), figures: [], note: t('running.reports.monthsNote') }}
            charts=${chartsFor('months', data.charts)}
            module=${module}
          />
          ${!module && html`<p class="hint">${t('running.reports.chartsLoading')}</p>`}
        `}
    </${Page}>
  `;
}

/** Routes of this screen: {path, screen, access}. */
export const REPORT_ROUTES = [{ path: '/coordinator/reports', screen: Reports, access: 'coordinator' }];
