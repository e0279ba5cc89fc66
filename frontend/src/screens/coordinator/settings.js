// The organisation's settings in the app (issue 16), each change shown with who made it and when.
// One section a part (the centre, crisis lines, check-in timings, safeguarding, the young carers'
// programme, matching, buddies' checks, texts, volunteer hours, retention), each saved on its own through
// PATCH /api/v1/orgs/{org}, so a change is small; the history lists every change, newest first.
import { useEffect, useState } from 'preact/hooks';
import { api, patch } from '../../api.js';
import { html } from '../../html.js';
import { Checkbox, ErrorSummary, Radios, Select, TextInput, timeZoneOptions, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';
import {
  BUDDY_CHECKS,
  changeDetails,
  changeWords,
  CONCERNS,
  crisisLineField,
  crisisLinesBody,
  EMPTY_LINE,
  formValues,
  HOURS,
  LADDER,
  lastChanged,
  MAX_LINES,
  moveLine,
  numbersOf,
  TEXTS,
  validateCrisisLines,
  validateNumbers,
  WEIGHTS,
} from './settings-logic.js';

const RUNNING = { href: '/coordinator/running', label: 'Running the service' };

function Section({ id, title, intro, history, children }) {
  const changed = lastChanged(history, id);
  return html`
    <section class="settings-section" aria-labelledby=${`${id}-heading`}>
      <h2 class="heading-m" id=${`${id}-heading`}>${title}</h2>
      ${changed && html`<p class="settings-changed">${changed}</p>`}
      ${intro && html`<p>${intro}</p>`}
      ${children}
    </section>
  `;
}

function Saved({ message }) {
  return html`<p class="hours-done" role="status">${message}</p>`;
}

/** A section of whole numbers: ``place`` says where they live in the settings (``checkins``, or the top). */
function NumbersSection({ id, title, intro, specs, current, bodyOf, apiPrefix, save, history }) {
  const fieldMap = Object.fromEntries(specs.map((s) => [`${apiPrefix}${s.key}`, s.key]));
  const form = useForm(formValues(current, specs), { fieldMap });
  const [saved, setSaved] = useState('');
  useEffect(() => form.setValues(formValues(current, specs)), [JSON.stringify(current)]);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (values) => validateNumbers(values, specs),
      action: async (values) => {
        setSaved('');
        await save(bodyOf(numbersOf(values, specs)));
        setSaved('Saved.');
      },
    });
  return html`
    <${Section} id=${id} title=${title} intro=${intro} history=${history}>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby=${`${id}-heading`}>
        ${specs.map(
          (s) => html`<${TextInput} key=${s.key} id=${s.key} label=${s.label} hint=${s.hint} inputmode="numeric"
            width="4" value=${form.values[s.key]} onInput=${form.set(s.key)} error=${form.errors[s.key]} />`,
        )}
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${form.busy}>Save ${title.toLowerCase()}</${Button}>
      </form>
    </${Section}>
  `;
}

function CentreSection({ organisation, save, history }) {
  const start = { name: organisation.name, time_zone: organisation.time_zone };
  const form = useForm(start);
  const [saved, setSaved] = useState('');
  useEffect(() => form.setValues(start), [organisation.name, organisation.time_zone]);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => {
        const name = v.name.trim();
        if (name.length < 2) return { name: "Enter the centre's name" };
        if (name.length > 120) return { name: 'Keep the name to 120 characters' };
        return {};
      },
      action: async (v) => {
        setSaved('');
        await save({ name: v.name.trim(), time_zone: v.time_zone });
        setSaved('Saved.');
      },
    });
  return html`
    <${Section} id="centre" title="The centre" history=${history}>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="centre-heading">
        <${TextInput} id="name" label="Name" hint="People see it on every screen and in e-mails." value=${form.values.name}
          onInput=${form.set('name')} error=${form.errors.name} />
        <${Select} id="time_zone" label="Time zone" hint="Reports, certificates and the centre's days follow it."
          value=${form.values.time_zone} onChange=${form.set('time_zone')} error=${form.errors.time_zone}
          options=${timeZoneOptions(form.values.time_zone)} />
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${form.busy}>Save the centre's details</${Button}>
      </form>
    </${Section}>
  `;
}

const HOW = [
  { value: 'call', label: 'People call it' },
  { value: 'text', label: 'People text it' },
];

function CrisisLinesSection({ organisation, save, history }) {
  const fromOrg = () => organisation.crisis_lines.map((l) => ({ ...EMPTY_LINE, ...l }));
  const [lines, setLines] = useState(fromOrg);
  const [errors, setErrors] = useState({});
  const [general, setGeneral] = useState(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  useEffect(() => setLines(fromOrg()), [JSON.stringify(organisation.crisis_lines)]);
  const edit = (i, key) => (event) => {
    const value = event.currentTarget.value;
    setLines((old) => old.map((l, n) => (n === i ? { ...l, [key]: value } : l)));
  };
  const onSubmit = async (event) => {
    event.preventDefault();
    if (busy) return;
    setSaved('');
    setGeneral(null);
    const found = validateCrisisLines(lines);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await save(crisisLinesBody(lines));
      setSaved('Saved. The "I need help now" screen shows these lines.');
    } catch (error) {
      const mapped = {};
      for (const [field, message] of Object.entries(error.fieldErrors || {})) {
        const key = crisisLineField(field);
        if (key) mapped[key] = message;
        else setGeneral(message);
      }
      setErrors(mapped);
      if (!Object.keys(mapped).length) setGeneral(error.message);
    } finally {
      setBusy(false);
    }
  };
  const { lines: listError, ...fieldErrors } = errors;
  return html`
    <${Section} id="crisis" title="Crisis lines" history=${history}
      intro='Shown, in this order, on the "I need help now" screen, also when someone is offline.'>
      <${ErrorSummary} errors=${fieldErrors} general=${general || listError} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="crisis-heading">
        ${lines.map(
          (line, i) => html`
            <fieldset class="fieldset crisis-line-edit" key=${i}>
              <legend class="legend">Line ${i + 1}${line.name ? `: ${line.name}` : ''}</legend>
              <${TextInput} id=${`line-${i}-name`} label="Name" value=${line.name} onInput=${edit(i, 'name')}
                error=${errors[`line-${i}-name`]} />
              <${Radios} id=${`line-${i}-how`} legend="How people reach it" value=${line.how} options=${HOW}
                onChange=${edit(i, 'how')} />
              <${TextInput} id=${`line-${i}-contact`} label="Number" value=${line.contact} inputmode="tel"
                onInput=${edit(i, 'contact')} error=${errors[`line-${i}-contact`]} />
              ${line.how === 'text' &&
                html`<${TextInput} id=${`line-${i}-message`} label="First word of the text" optional
                  hint="Like SHOUT: filled in for the person." value=${line.message} onInput=${edit(i, 'message')}
                  error=${errors[`line-${i}-message`]} />`}
              <${TextInput} id=${`line-${i}-description`} label="What it is for" optional value=${line.description}
                onInput=${edit(i, 'description')} error=${errors[`line-${i}-description`]} />
              <div class="crisis-line-actions">
                ${i > 0 && html`<${Button} type="button" variant="secondary" onClick=${() => setLines(moveLine(lines, i, -1))}>
                  Move up<span class="visually-hidden"> line ${i + 1}</span></${Button}>`}
                ${i < lines.length - 1 && html`<${Button} type="button" variant="secondary" onClick=${() => setLines(moveLine(lines, i, 1))}>
                  Move down<span class="visually-hidden"> line ${i + 1}</span></${Button}>`}
                ${lines.length > 1 && html`<${Button} type="button" variant="secondary" onClick=${() => setLines(lines.filter((_, n) => n !== i))}>
                  Remove<span class="visually-hidden"> line ${i + 1}</span></${Button}>`}
              </div>
            </fieldset>
          `,
        )}
        ${lines.length < MAX_LINES &&
          html`<p><${Button} type="button" variant="secondary" onClick=${() => setLines([...lines, { ...EMPTY_LINE }])}>
            Add a crisis line</${Button}></p>`}
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${busy}>Save the crisis lines</${Button}>
      </form>
    </${Section}>
  `;
}

function SafeguardingSection({ base, settings, save, history, coordinators, onDuty }) {
  const start = { lead: settings.safeguarding_lead_user_id || '', ...formValues(settings, CONCERNS) };
  const form = useForm(start, { fieldMap: { 'settings.safeguarding_lead_user_id': 'lead', 'settings.concern_response_hours': 'concern_response_hours' } });
  const [saved, setSaved] = useState('');
  const [dutyBusy, setDutyBusy] = useState(false);
  const [dutyError, setDutyError] = useState(null);
  useEffect(() => form.setValues(start), [JSON.stringify(start)]);
  const people = coordinators.data || [];
  const me = people.find((c) => c.is_me);
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (v) => validateNumbers(v, CONCERNS),
      action: async (v) => {
        setSaved('');
        await save({ settings: { safeguarding_lead_user_id: v.lead || null, ...numbersOf(v, CONCERNS) } });
        setSaved('Saved.');
      },
    });
  const switchDuty = async (on) => {
    if (dutyBusy) return;
    setDutyBusy(true);
    setDutyError(null);
    try {
      await api('PUT', `${base}/duty`, { on_duty: on });
      onDuty();
    } catch (error) {
      setDutyError(error);
    } finally {
      setDutyBusy(false);
    }
  };
  const onDutyNames = people.filter((c) => c.on_duty).map((c) => c.display_name);
  return html`
    <${Section} id="safeguarding" title="Safeguarding" history=${history}>
      <h3 class="heading-s">Who is on duty</h3>
      <p>${onDutyNames.length
        ? `On duty for crisis alerts: ${onDutyNames.join(', ')}.`
        : 'Nobody is on duty: crisis alerts go to every coordinator.'}</p>
      <${Problem} error=${coordinators.error || dutyError} />
      ${me && html`<p><${Button} type="button" variant="secondary" busy=${dutyBusy} onClick=${() => switchDuty(!me.on_duty)}>
        ${me.on_duty ? 'Go off duty' : 'Go on duty'}</${Button}></p>`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="safeguarding-heading">
        <${Select} id="lead" label="Safeguarding lead" value=${form.values.lead} onChange=${form.set('lead')}
          hint="Alerted when a crisis alert or a concern is not taken on in time." error=${form.errors.lead}
          options=${[{ value: '', label: 'No lead chosen' }, ...people.map((c) => ({ value: c.user_id, label: c.display_name }))]} />
        ${CONCERNS.map(
          (s) => html`<${TextInput} key=${s.key} id=${s.key} label=${s.label} hint=${s.hint} inputmode="numeric" width="4"
            value=${form.values[s.key]} onInput=${form.set(s.key)} error=${form.errors[s.key]} />`,
        )}
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${form.busy}>Save safeguarding</${Button}>
      </form>
    </${Section}>
  `;
}

function SwitchSection({ id, title, intro, label, hint, checked, bodyOf, save, history, extra }) {
  const [value, setValue] = useState(checked);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  useEffect(() => setValue(checked), [checked]);
  const onSubmit = async (event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      await save(bodyOf(value));
      setSaved('Saved.');
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <${Section} id=${id} title=${title} intro=${intro} history=${history}>
      <${Problem} error=${error} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby=${`${id}-heading`}>
        <${Checkbox} id=${`${id}-switch`} label=${label} hint=${hint} checked=${value}
          onChange=${(event) => setValue(event.currentTarget.checked)} />
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${busy}>Save</${Button}>
      </form>
      ${extra}
    </${Section}>
  `;
}

function History({ history }) {
  return html`
    <section class="settings-section" aria-labelledby="history-heading">
      <h2 class="heading-m" id="history-heading">History of changes</h2>
      ${history.length === 0 && html`<p>No changes yet.</p>`}
      <ul class="list">
        ${history.map(
          (h) => html`<li class="list-item" key=${h.id}>
            <span class="list-title">${changeWords(h)}</span>
            ${changeDetails(h).length > 0 &&
            html`<ul class="change-details">${changeDetails(h).map((line) => html`<li key=${line}>${line}</li>`)}</ul>`}
            <span class="list-meta">${timeAndDate(h.at)}</span>
          </li>`,
        )}
      </ul>
    </section>
  `;
}

export function Settings() {
  const { organisation: current, base, me } = useOrganisationApi();
  const org = useResource(base);
  const history = useResource(`${base}/settings/changes`);
  const coordinators = useResource(async () => {
    const people = await api('GET', `${base}/settings/coordinators`);
    return people.map((c) => ({ ...c, is_me: c.user_id === me?.id }));
  }, [base]);
  const save = async (body) => {
    const updated = await patch(base, body);
    org.set(updated);
    history.reload();
    return updated;
  };
  const o = org.data;
  const s = o?.settings;
  const h = history.data || [];
  const settingsBody = (key) => (numbers) => ({ settings: { [key]: { ...s[key], ...numbers } } });
  const topBody = (numbers) => ({ settings: numbers });
  return html`
    <${Page} title="Settings" caption=${current.name} back=${RUNNING}>
      <p>Each part is saved on its own. Every change is recorded with who made it and when.</p>
      <${Problem} error=${org.error} />
      ${org.loading && html`<${Loading} />`}
      ${o &&
        html`
          <${CentreSection} organisation=${o} save=${save} history=${h} />
          <${CrisisLinesSection} organisation=${o} save=${save} history=${h} />
          <${NumbersSection} id="ladder" title="Check-in timings" specs=${LADDER} current=${s.checkins}
            intro="What happens, and when, after a check-in is due." apiPrefix="settings.checkins."
            bodyOf=${settingsBody('checkins')} save=${save} history=${h} />
          <${SafeguardingSection} base=${base} settings=${s} save=${save} history=${h} coordinators=${coordinators}
            onDuty=${() => { coordinators.reload(); history.reload(); }} />
          <${SwitchSection} id="young" title="Young carers' programme" checked=${s.young_carers_programme}
            label="The centre runs a young carers' programme"
            hint="When it is on, carers under 18 can be matched, and only with buddies cleared to support young carers. When it is off, they are never matched."
            bodyOf=${(on) => ({ settings: { young_carers_programme: on } })} save=${save} history=${h} />
          <${SwitchSection} id="messages" title="Messages within a pair" checked=${s.messaging?.enabled !== false}
            label="Carers and their buddies can send each other messages"
            hint="Only the two of them read their messages. Coordinators read one only when someone asks the centre to look at it."
            bodyOf=${(on) => ({ settings: { messaging: { ...s.messaging, enabled: on } } })} save=${save} history=${h} />
          <${SwitchSection} id="messages-young" title="Messages for young carers" checked=${Boolean(s.messaging?.young_carers)}
            label="Young carers and their buddies can send each other messages too"
            hint="Off unless you turn it on: carers under 18 keep check-ins and Help now either way."
            bodyOf=${(on) => ({ settings: { messaging: { ...s.messaging, young_carers: on } } })} save=${save} history=${h} />
          <${NumbersSection} id="matching" title="Matching weights" specs=${WEIGHTS} current=${s.matching_weights}
            intro="How much each thing counts when carerlink suggests a buddy for a carer. 0 leaves it out; 10 counts most. A person always decides."
            apiPrefix="settings.matching_weights." bodyOf=${settingsBody('matching_weights')} save=${save} history=${h} />
          <${NumbersSection} id="buddies" title="Buddies' checks and supervision" specs=${BUDDY_CHECKS} current=${s}
            apiPrefix="settings." bodyOf=${topBody} save=${save} history=${h} />
          <${SwitchSection} id="texts" title="Text messages" checked=${s.texts.enabled}
            label="Send reminders by text message" hint="For people without a working app or e-mail, or who prefer texts."
            bodyOf=${(on) => ({ settings: { texts: { ...s.texts, enabled: on } } })} save=${save} history=${h} />
          <${NumbersSection} id="text-budget" title="Text budget" specs=${TEXTS} current=${s.texts}
            apiPrefix="settings.texts." bodyOf=${settingsBody('texts')} save=${save} history=${h} />
          <${NumbersSection} id="hours" title="Volunteer hours" specs=${HOURS} current=${s}
            apiPrefix="settings." bodyOf=${topBody} save=${save} history=${h} />
          <${Section} id="retention" title="How long records are kept" history=${h}>
            <p>The retention schedule has its own page: <a href="/coordinator/retention">change how long records are kept</a>.</p>
          </${Section}>
        `}
      <${History} history=${h} />
    </${Page}>
  `;
}

/** Routes of this screen: {path, screen, access}. */
export const SETTINGS_ROUTES = [{ path: '/coordinator/settings', screen: Settings, access: 'coordinator' }];
