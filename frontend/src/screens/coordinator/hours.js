// Volunteer hours for coordinators (issue 16): the time each buddy gave in a period (logged by them and
// counted from check-ins and replies), with totals, and one buddy's logged time with their notes.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { ErrorSummary, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { dayWords, hoursAndMinutes, KIND_WORDS, periodWords } from '../shared/hours-logic.js';
import { useOrganisationApi } from './parts.js';

const RUNNING = { href: '/coordinator/running', label: 'Running the service' };
const BACK = { href: '/coordinator/hours', label: 'Volunteer hours' };
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
  if (values.from && !DAY.test(values.from)) errors.from = 'Enter the first day as a date';
  if (values.to && !DAY.test(values.to)) errors.to = 'Enter the last day as a date';
  if (!errors.from && !errors.to && values.from && values.to && values.from > values.to) {
    errors.from = 'The first day must be on or before the last day';
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
    <form onSubmit=${onSubmit} novalidate aria-label="Choose the period">
      <div class="hours-duration">
        <${TextInput} id="from" label="From" type="date" value=${form.values.from} onInput=${form.set('from')}
          error=${form.errors.from} />
        <${TextInput} id="to" label="To" type="date" value=${form.values.to} onInput=${form.set('to')}
          error=${form.errors.to} />
      </div>
      <${Button} variant="secondary" busy=${form.busy}>Show this period</${Button}>
    </form>
  `;
}

function PerBuddy({ data, query }) {
  return html`
    <p>${data.buddies_giving_time} of ${data.buddies.length} buddies gave
      <strong> ${hoursAndMinutes(data.total_minutes)}</strong> ${periodWords(data.from_date, data.to_date)}.</p>
    <p class="hint">${data.minutes_per_reply
      ? `Each answered check-in and each reply counts ${hoursAndMinutes(data.minutes_per_reply)} (Settings).`
      : 'Check-ins and replies are not counted: set the minutes each counts in Settings.'}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Hours per buddy, scrolls sideways on a small screen">
      <table class="table">
        <caption class="visually-hidden">Hours per buddy</caption>
        <thead><tr><th scope="col">Buddy</th><th scope="col">Logged</th><th scope="col">Counted</th><th scope="col">Total</th></tr></thead>
        <tbody>
          ${data.buddies.map(
            (b) => html`<tr key=${b.membership_id}>
              <th scope="row"><a href=${`/coordinator/hours/${b.membership_id}${query ? `?${query}` : ''}`}>${b.display_name}</a>
                ${b.status !== 'active' && html` <span class="hint">(${b.status})</span>`}</th>
              <td>${hoursAndMinutes(b.logged_minutes)}</td>
              <td>${hoursAndMinutes(b.counted_minutes)}</td>
              <td>${hoursAndMinutes(b.total_minutes)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot><tr><th scope="row">All buddies</th><td>${hoursAndMinutes(data.logged_minutes)}</td>
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
    <${Page} title="Volunteer hours" caption=${organisation.name} back=${RUNNING}>
      <p>The time each buddy gave: what they logged, and what is counted from their carers' check-ins and their
        replies. This month unless you choose a period.</p>
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
    <${Page} title=${d ? `${d.display_name}'s logged time` : 'Logged time'} caption=${organisation.name} back=${BACK}>
      <${Problem} error=${found.error} />
      ${found.loading && html`<${Loading} />`}
      ${d &&
        html`
          <p>Time logged ${periodWords(d.from_date, d.to_date)}. Notes are the buddy's own words for the coordinators.</p>
          ${d.entries.length === 0 && html`<p>Nothing logged in this period.</p>`}
          <ul class="list">
            ${d.entries.map(
              (e) => html`<li class="list-item" key=${e.id}>
                <span class="list-title">${dayWords(e.given_on)}: ${hoursAndMinutes(e.minutes)}</span>
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
