// "My hours" (issue 16), for buddies: the time I have given in total and by month (logged here and
// counted from check-ins), the time I logged with a form to log more, and a certificate to print.
import { useState } from 'preact/hooks';
import { del, post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { currentOrganisation, useSession } from '../../session.js';
import { ErrorSummary, Radios, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import {
  countedWords,
  dayWords,
  hoursAndMinutes,
  KIND_WORDS,
  KINDS,
  monthWords,
  periodWords,
  timeBody,
  todayIso,
  validateTime,
} from '../shared/hours-logic.js';

const home = () => ({ href: '/', label: t('buddy.home') });
const back = () => ({ href: '/buddy/hours', label: t('buddy.hours.title') });
const labels = () => ({ given_on: t('buddy.hours.day'), minutes: t('buddy.hours.howLong'), note: t('buddy.hours.note') });

function useHoursApi() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  return { organisation, base: `/api/v1/orgs/${organisation.id}/me/hours` };
}

function Months({ months }) {
  if (!months.length) return html`<p>${t('buddy.hours.nothingYet')}</p>`;
  return html`
    <ul class="list">
      ${months.map(
        (m) => html`<li class="list-item" key=${m.month}>
          <span class="list-title">${t('buddy.hours.monthTotal', { month: monthWords(m.month), total: hoursAndMinutes(m.total_minutes) })}</span>
          <span class="list-meta">${t('buddy.hours.monthParts', { logged: hoursAndMinutes(m.logged_minutes), counted: hoursAndMinutes(m.counted_minutes) })}</span>
        </li>`,
      )}
    </ul>
  `;
}

function Entries({ entries, onDelete, busyId }) {
  if (!entries.length) return html`<p>${t('buddy.hours.noneLogged')}</p>`;
  return html`
    <ul class="list">
      ${entries.map(
        (e) => html`<li class="list-item" key=${e.id}>
          <span class="list-title">${t('buddy.hours.entry', { day: dayWords(e.given_on), time: hoursAndMinutes(e.minutes) })}</span>
          <span class="list-meta">${KIND_WORDS[e.kind] || e.kind}</span>
          ${e.note && html`<p class="hours-note">${e.note}</p>`}
          <${Button} type="button" variant="secondary" busy=${busyId === e.id} onClick=${() => onDelete(e)}>
            ${t('buddy.hours.remove')}<span class="visually-hidden"> ${t('buddy.hours.removeWhat', { time: hoursAndMinutes(e.minutes), day: dayWords(e.given_on) })}</span>
          </${Button}>
        </li>`,
      )}
    </ul>
  `;
}

const EMPTY = { given_on: '', hours: '', minutes: '', kind: 'call', note: '' };

function LogTime({ base, onLogged }) {
  const form = useForm({ ...EMPTY, given_on: todayIso() });
  const [done, setDone] = useState(null);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (values) => validateTime(values),
      action: async (values) => {
        const entry = await post(base, timeBody(values));
        setDone(t('buddy.hours.logged', { time: hoursAndMinutes(entry.minutes), day: dayWords(entry.given_on) }));
        form.setValues({ ...EMPTY, given_on: values.given_on });
        onLogged();
      },
    });
  return html`
    <section aria-labelledby="log-heading">
      <h2 class="heading-m" id="log-heading">${t('buddy.hours.logTitle')}</h2>
      <div role="status">${done && html`<p class="hours-done">${done}</p>`}</div>
      <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels()} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="log-heading">
        <${TextInput} id="given_on" label=${t('buddy.hours.day')} type="date" value=${form.values.given_on}
          onInput=${form.set('given_on')} error=${form.errors.given_on} />
        <div class=${form.errors.minutes ? 'field field-has-error' : 'field'}>
          <fieldset class="fieldset" aria-describedby=${form.errors.minutes ? 'minutes-error' : 'duration-hint'}>
            <legend class="legend">${t('buddy.hours.howLong')}</legend>
            <p class="hint" id="duration-hint">${t('buddy.hours.durationHint')}</p>
            ${form.errors.minutes &&
              html`<p class="field-error" id="minutes-error"><span class="visually-hidden">${t('buddy.hours.errorPrefix')} </span>${form.errors.minutes}</p>`}
            <div class="hours-duration">
              <${TextInput} id="hours" label=${t('buddy.hours.hours')} inputmode="numeric" width="3" value=${form.values.hours}
                onInput=${form.set('hours')} />
              <${TextInput} id="minutes" label=${t('buddy.hours.minutes')} inputmode="numeric" width="3" value=${form.values.minutes}
                onInput=${form.set('minutes')} />
            </div>
          </fieldset>
        </div>
        <${Radios} id="kind" legend=${t('buddy.hours.whatWasIt')} value=${form.values.kind} options=${KINDS}
          onChange=${form.set('kind')} error=${form.errors.kind} />
        <${TextArea} id="note" label=${t('buddy.hours.note')} optional hint=${t('buddy.hours.noteHint')}
          value=${form.values.note} onInput=${form.set('note')} error=${form.errors.note} rows="3" />
        <${Button} busy=${form.busy}>${t('buddy.hours.log')}</${Button}>
      </form>
    </section>
  `;
}

export function MyHours() {
  const { organisation, base } = useHoursApi();
  const summary = useResource(`${base}/summary`);
  const [busyId, setBusyId] = useState(null);
  const [error, setError] = useState(null);
  const onDelete = async (entry) => {
    if (busyId) return;
    setBusyId(entry.id);
    setError(null);
    try {
      await del(`${base}/${entry.id}`);
      summary.reload();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusyId(null);
    }
  };
  const s = summary.data;
  return html`
    <${Page} title=${t('buddy.hours.title')} caption=${organisation.name} back=${home()}>
      <${Problem} error=${summary.error || error} />
      ${summary.loading && html`<${Loading} />`}
      ${s &&
        html`
          <p class="hours-total">${t('buddy.hours.givenBefore')} <strong>${hoursAndMinutes(s.total_minutes)}</strong>${t('buddy.hours.givenAfter')}</p>
          <p class="hint">${countedWords(s.minutes_per_reply)}</p>
          <p><a class="button button-secondary" href="/buddy/hours/certificate">${t('buddy.hours.printCertificate')}</a></p>
          <h2 class="heading-m">${t('buddy.hours.byMonth')}</h2>
          <${Months} months=${s.months} />
          <${LogTime} base=${base} onLogged=${summary.reload} />
          <h2 class="heading-m">${t('buddy.hours.timeLogged')}</h2>
          <${Entries} entries=${s.entries} onDelete=${onDelete} busyId=${busyId} />
        `}
    </${Page}>
  `;
}

function periodFromLocation() {
  const params = new URLSearchParams(location.search);
  const valid = (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v || '') ? v : '');
  return { from: valid(params.get('from')), to: valid(params.get('to')) };
}

export function HoursCertificate() {
  const { organisation, base } = useHoursApi();
  const [period, setPeriod] = useState(periodFromLocation);
  const query = new URLSearchParams(Object.entries(period).filter(([, v]) => v)).toString();
  const certificate = useResource(`${base}/certificate${query ? `?${query}` : ''}`);
  const form = useForm({ from: period.from, to: period.to });
  const c = certificate.data;
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => (v.from && v.to && v.from > v.to ? { from: t('buddy.certificate.order') } : {}),
      action: async (v) => {
        setPeriod({ from: v.from, to: v.to });
        history.replaceState(null, '', `/buddy/hours/certificate?${new URLSearchParams(v).toString()}`);
      },
    });
  return html`
    <${Page} title=${t('buddy.certificate.title')} caption=${organisation.name} back=${back()}>
      <div class="no-print">
        <p>${t('buddy.certificate.print')}</p>
        <details class="details">
          <summary class="details-summary">${t('buddy.certificate.choose')}</summary>
          <div class="details-text">
            <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${{ from: t('buddy.certificate.from'), to: t('buddy.certificate.to') }} />
            <form onSubmit=${onSubmit} novalidate>
              <${TextInput} id="from" label=${t('buddy.certificate.from')} type="date" value=${form.values.from} onInput=${form.set('from')}
                error=${form.errors.from} />
              <${TextInput} id="to" label=${t('buddy.certificate.to')} type="date" value=${form.values.to} onInput=${form.set('to')}
                error=${form.errors.to} />
              <${Button} variant="secondary" busy=${form.busy}>${t('buddy.certificate.show')}</${Button}>
            </form>
          </div>
        </details>
        <${Problem} error=${certificate.error} />
        ${certificate.loading && html`<${Loading} />`}
      </div>
      ${c &&
        html`
          <article class="certificate" aria-labelledby="certificate-title">
            <p class="certificate-centre">${c.centre_name}</p>
            <h2 class="certificate-title" id="certificate-title">${t('buddy.certificate.heading')}</h2>
            <p>${t('buddy.certificate.thank')}</p>
            <p class="certificate-name">${c.buddy_name}</p>
            <p>${t('buddy.certificate.forGiving')} <strong>${hoursAndMinutes(c.total_minutes)}</strong> ${t('buddy.certificate.asVolunteer', { period: periodWords(c.from_date, c.to_date) })}</p>
            <p class="certificate-date">${t('buddy.certificate.given', { day: dayWords(c.issued_on) })}</p>
          </article>
          <p class="no-print"><${Button} type="button" onClick=${() => window.print()}>${t('buddy.certificate.printButton')}</${Button}></p>
        `}
    </${Page}>
  `;
}

export const HOURS_ROUTES = [
  { path: '/buddy/hours', screen: MyHours, access: 'buddy' },
  { path: '/buddy/hours/certificate', screen: HoursCertificate, access: 'buddy' },
];
