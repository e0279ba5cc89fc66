// Volunteer hours for coordinators (issue 16): the time each buddy gave in a period (logged by them and
// counted from check-ins and replies), with totals, and one buddy's logged time with their notes.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { dayWords, hoursAndMinutes, KIND_WORDS, periodWords } from '../shared/hours-logic.js';
import { useOrganisationApi } from './parts.js';

const running = () => ({ href: '/coordinator/running', label: t('running.hub.title') });
const back = () => ({ href: '/coordinator/hours', label: t('running.hub.hours') });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function periodFromLocation() {
  const params = new URLSearchParams(location.search);
  return {
    from: DAY.test(params.get('from') || '') ? params.get('from') : '',
    to: DAY.test(params.get('to') || '') ? params.get('to') : '',
  };
}

const queryOf = (period) => new URLSearchParams(Object.entries(period).filter(([, v]) => v)).toString();

function validatePeriod(values) {
  const errors = {};
  if (values.from && !DAY.test(values.from)) errors.from = t('running.hours.firstAsDate');
  if (values.to && !DAY.test(values.to)) errors.to = t('running.hours.lastAsDate');
  if (!errors.from && !errors.to && values.from && values.to && values.from > values.to) {
    errors.from = t('running.hours.firstBeforeLast');
  }
  return errors;
}

function PeriodForm({ period, onChange }) {
  const form = useForm(period);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: validatePeriod,
      action: async (values) => onChange({ from: values.from, to: values.to }),
    });
  return html`
    <${ErrorSummary} errors=${form.errors} general=${form.general} />
    <form onSubmit=${onSubmit} novalidate aria-label=${t('running.hours.choosePeriod')}>
      <div class="hours-duration">
        <${TextInput} id="from" label=${t('running.hours.from')} type="date" value=${form.values.from} onInput=${form.set('from')}
          error=${form.errors.from} />
        <${TextInput} id="to" label=${t('running.hours.to')} type="date" value=${form.values.to} onInput=${form.set('to')}
          error=${form.errors.to} />
      </div>
      <${Button} variant="secondary" busy=${form.busy}>${t('running.hours.showPeriod')}</${Button}>
    </form>
  `;
}

function PerBuddy({ data, query }) {
  return html`
    <p>${t('running.hours.gave', { giving: data.buddies_giving_time, count: data.buddies.length })}
      <strong> ${hoursAndMinutes(data.total_minutes)}</strong> ${t('running.hours.gavePeriod', { period: periodWords(data.from_date, data.to_date) })}</p>
    <p class="hint">${data.minutes_per_reply
      ? t('running.hours.eachCounts', { time: hoursAndMinutes(data.minutes_per_reply) })
      : t('running.hours.notCounted')}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label=${t('running.hours.tableRegion')}>
      <table class="table">
        <caption class="visually-hidden">${t('running.hours.perBuddy')}</caption>
        <thead><tr><th scope="col">${t('running.hours.buddy')}</th><th scope="col">${t('running.hours.logged')}</th><th scope="col">${t('running.hours.counted')}</th><th scope="col">${t('running.hours.total')}</th></tr></thead>
        <tbody>
          ${data.buddies.map(
            (b) => html`<tr key=${b.membership_id}>
              <th scope="row"><a href=${`/coordinator/hours/${b.membership_id}${query ? `?${query}` : ''}`}>${b.display_name}</a>
                ${b.status !== 'active' && html` <span class="hint">${t('running.hours.status', { status: b.status })}</span>`}</th>
              <td>${hoursAndMinutes(b.logged_minutes)}</td>
              <td>${hoursAndMinutes(b.counted_minutes)}</td>
              <td>${hoursAndMinutes(b.total_minutes)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot><tr><th scope="row">${t('running.hours.allBuddies')}</th><td>${hoursAndMinutes(data.logged_minutes)}</td>
          <td>${hoursAndMinutes(data.counted_minutes)}</td><td>${hoursAndMinutes(data.total_minutes)}</td></tr></tfoot>
      </table>
    </div>
  `;
}

export function VolunteerHours() {
  const { organisation, base } = useOrganisationApi();
  const [period, setPeriod] = useState(periodFromLocation);
  const query = queryOf(period);
  const hours = useResource(`${base}/hours${query ? `?${query}` : ''}`);
  const change = (next) => {
    setPeriod(next);
    history.replaceState(null, '', `/coordinator/hours?${queryOf(next)}`);
  };
  return html`
    <${Page} title=${t('running.hub.hours')} caption=${organisation.name} back=${running()}>
      <p>${t('running.hours.intro')}</p>
      <${PeriodForm} period=${period} onChange=${change} />
      <${Problem} error=${hours.error} />
      ${hours.loading && html`<${Loading} />`}
      ${hours.data && html`<${PerBuddy} data=${hours.data} query=${query} />`}
    </${Page}>
  `;
}

export function BuddyHours({ params }) {
  const { organisation, base } = useOrganisationApi();
  const query = queryOf(periodFromLocation());
  const found = useResource(`${base}/hours/buddies/${params.membershipId}${query ? `?${query}` : ''}`);
  const d = found.data;
  return html`
    <${Page} title=${d ? t('running.hours.theirTime', { name: d.display_name }) : t('running.hours.loggedTime')} caption=${organisation.name} back=${back()}>
      <${Problem} error=${found.error} />
      ${found.loading && html`<${Loading} />`}
      ${d &&
        html`
          <p>${t('running.hours.timeLogged', { period: periodWords(d.from_date, d.to_date) })}</p>
          ${d.entries.length === 0 && html`<p>${t('running.hours.nothingLogged')}</p>`}
          <ul class="list">
            ${d.entries.map(
              (e) => html`<li class="list-item" key=${e.id}>
                <span class="list-title">${t('running.hours.entry', { day: dayWords(e.given_on), time: hoursAndMinutes(e.minutes) })}</span>
                <span class="list-meta">${KIND_WORDS[e.kind] || e.kind}</span>
                ${e.note && html`<p class="hours-note">${e.note}</p>`}
              </li>`,
            )}
          </ul>
        `}
    </${Page}>
  `;
}

/** Routes of this screen: {path, screen, access}. */
export const HOURS_ROUTES = [
  { path: '/coordinator/hours', screen: VolunteerHours, access: 'coordinator' },
  { path: '/coordinator/hours/:membershipId', screen: BuddyHours, access: 'coordinator' },
];
