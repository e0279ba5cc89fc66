// The organisation's settings in the app (issue 16), each change shown with who made it and when.
// One section a part (the centre, crisis lines, check-in timings, safeguarding, the young carers'
// programme, matching, buddies' checks, texts, volunteer hours, retention), each saved on its own through
// PATCH /api/v1/orgs/{org}, so a change is small; the history lists every change, newest first.
import { useEffect, useState } from 'preact/hooks';
import { api, patch } from '../../api.js';
import { html } from '../../html.js';
import { LANGUAGES, t } from '../../i18n.js';
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

const running = () => ({ href: '/coordinator/running', label: t('running.hub.title') });

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
function NumbersSection({ id, title, intro, saveLabel, specs, current, bodyOf, apiPrefix, save, history }) {
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
        setSaved(t('running.settings.saved'));
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
        <${Button} busy=${form.busy}>${saveLabel}</${Button}>
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
        if (name.length < 2) return { name: t('running.settings.enterCentreName') };
        if (name.length > 120) return { name: t('running.settings.centreNameLong') };
        return {};
      },
      action: async (v) => {
        setSaved('');
        await save({ name: v.name.trim(), time_zone: v.time_zone });
        setSaved(t('running.settings.saved'));
      },
    });
  return html`
    <${Section} id="centre" title=${t('running.settings.centreTitle')} history=${history}>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="centre-heading">
        <${TextInput} id="name" label=${t('running.settings.name')} hint=${t('running.settings.nameHint')} value=${form.values.name}
          onInput=${form.set('name')} error=${form.errors.name} />
        <${Select} id="time_zone" label=${t('running.settings.timeZone')} hint=${t('running.settings.timeZoneHint')}
          value=${form.values.time_zone} onChange=${form.set('time_zone')} error=${form.errors.time_zone}
          options=${timeZoneOptions(form.values.time_zone)} />
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${form.busy}>${t('running.settings.saveCentre')}</${Button}>
      </form>
    </${Section}>
  `;
}

const how = () => [
  { value: 'call', label: t('running.settings.howCall') },
  { value: 'text', label: t('running.settings.howText') },
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
      setSaved(t('running.settings.linesSaved'));
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
    <${Section} id="crisis" title=${t('running.settings.crisisTitle')} history=${history}
      intro=${t('running.settings.crisisIntro')}>
      <${ErrorSummary} errors=${fieldErrors} general=${general || listError} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="crisis-heading">
        ${lines.map(
          (line, i) => html`
            <fieldset class="fieldset crisis-line-edit" key=${i}>
              <legend class="legend">${line.name ? t('running.settings.lineNamed', { n: i + 1, name: line.name }) : t('running.settings.line', { n: i + 1 })}</legend>
              <${TextInput} id=${`line-${i}-name`} label=${t('running.settings.name')} value=${line.name} onInput=${edit(i, 'name')}
                error=${errors[`line-${i}-name`]} />
              <${Radios} id=${`line-${i}-how`} legend=${t('running.settings.howLegend')} value=${line.how} options=${how()}
                onChange=${edit(i, 'how')} />
              <${TextInput} id=${`line-${i}-contact`} label=${t('running.settings.number')} value=${line.contact} inputmode="tel"
                onInput=${edit(i, 'contact')} error=${errors[`line-${i}-contact`]} />
              ${line.how === 'text' &&
                html`<${TextInput} id=${`line-${i}-message`} label=${t('running.settings.firstWord')} optional
                  hint=${t('running.settings.firstWordHint')} value=${line.message} onInput=${edit(i, 'message')}
                  error=${errors[`line-${i}-message`]} />`}
              <${TextInput} id=${`line-${i}-description`} label=${t('running.settings.whatFor')} optional value=${line.description}
                onInput=${edit(i, 'description')} error=${errors[`line-${i}-description`]} />
              <div class="crisis-line-actions">
                ${i > 0 && html`<${Button} type="button" variant="secondary" onClick=${() => setLines(moveLine(lines, i, -1))}>
                  ${t('running.settings.moveUp')}<span class="visually-hidden"> ${t('running.settings.lineHidden', { n: i + 1 })}</span></${Button}>`}
                ${i < lines.length - 1 && html`<${Button} type="button" variant="secondary" onClick=${() => setLines(moveLine(lines, i, 1))}>
                  ${t('running.settings.moveDown')}<span class="visually-hidden"> ${t('running.settings.lineHidden', { n: i + 1 })}</span></${Button}>`}
                ${lines.length > 1 && html`<${Button} type="button" variant="secondary" onClick=${() => setLines(lines.filter((_, n) => n !== i))}>
                  ${t('running.settings.remove')}<span class="visually-hidden"> ${t('running.settings.lineHidden', { n: i + 1 })}</span></${Button}>`}
              </div>
            </fieldset>
          `,
        )}
        ${lines.length < MAX_LINES &&
          html`<p><${Button} type="button" variant="secondary" onClick=${() => setLines([...lines, { ...EMPTY_LINE }])}>
            ${t('running.settings.addLine')}</${Button}></p>`}
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${busy}>${t('running.settings.saveLines')}</${Button}>
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
        setSaved(t('running.settings.saved'));
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
    <${Section} id="safeguarding" title=${t('running.settings.safeguardingTitle')} history=${history}>
      <h3 class="heading-s">${t('running.settings.whoOnDuty')}</h3>
      <p>${onDutyNames.length
        ? t('running.settings.onDuty', { names: onDutyNames.join(', ') })
        : t('running.settings.nobodyOnDuty')}</p>
      <${Problem} error=${coordinators.error || dutyError} />
      ${me && html`<p><${Button} type="button" variant="secondary" busy=${dutyBusy} onClick=${() => switchDuty(!me.on_duty)}>
        ${me.on_duty ? t('running.settings.goOffDuty') : t('running.settings.goOnDuty')}</${Button}></p>`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="safeguarding-heading">
        <${Select} id="lead" label=${t('running.settings.lead')} value=${form.values.lead} onChange=${form.set('lead')}
          hint=${t('running.settings.leadHint')} error=${form.errors.lead}
          options=${[{ value: '', label: t('running.settings.noLead') }, ...people.map((c) => ({ value: c.user_id, label: c.display_name }))]} />
        ${CONCERNS.map(
          (s) => html`<${TextInput} key=${s.key} id=${s.key} label=${s.label} hint=${s.hint} inputmode="numeric" width="4"
            value=${form.values[s.key]} onInput=${form.set(s.key)} error=${form.errors[s.key]} />`,
        )}
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${form.busy}>${t('running.settings.saveSafeguarding')}</${Button}>
      </form>
    </${Section}>
  `;
}

/**
 * The language offered to everyone first (issue 17): people who have not chosen see carerlink in it, and
 * their home asks which they would like (in Wales, Welsh: the Active Offer). Each language in its own name.
 */
function LanguageSection({ settings, save, history }) {
  const form = useForm({ language_offer: settings.language_offer || '' }, { fieldMap: { 'settings.language_offer': 'language_offer' } });
  const [saved, setSaved] = useState('');
  useEffect(() => form.setValues({ language_offer: settings.language_offer || '' }), [settings.language_offer]);
  const onSubmit = (event) =>
    form.submit(event, {
      action: async (v) => {
        setSaved('');
        await save({ settings: { language_offer: v.language_offer || null } });
        setSaved(t('running.settings.saved'));
      },
    });
  const options = [
    { value: '', label: t('running.settings.languageNone') },
    // Each language in its own name, marked as that language (a screen reader says it right).
    ...LANGUAGES.map(({ locale, name }) => ({ value: locale, label: name, lang: locale })),
  ];
  return html`
    <${Section} id="languages" title=${t('running.settings.languagesTitle')} intro=${t('running.settings.languagesIntro')} history=${history}>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <form onSubmit=${onSubmit} novalidate aria-labelledby="languages-heading">
        <${Select} id="language_offer" label=${t('running.settings.languageOffer')} hint=${t('running.settings.languageOfferHint')}
          value=${form.values.language_offer} onChange=${form.set('language_offer')} error=${form.errors.language_offer}
          options=${options} />
        ${saved && html`<${Saved} message=${saved} />`}
        <${Button} busy=${form.busy}>${t('running.settings.saveLanguages')}</${Button}>
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
      setSaved(t('running.settings.saved'));
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
        <${Button} busy=${busy}>${t('running.settings.save')}</${Button}>
      </form>
      ${extra}
    </${Section}>
  `;
}

function History({ history }) {
  return html`
    <section class="settings-section" aria-labelledby="history-heading">
      <h2 class="heading-m" id="history-heading">${t('running.settings.history')}</h2>
      ${history.length === 0 && html`<p>${t('running.settings.noChanges')}</p>`}
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
    <${Page} title=${t('running.hub.settings')} caption=${current.name} back=${running()}>
      <p>${t('running.settings.intro')}</p>
      <${Problem} error=${org.error} />
      ${org.loading && html`<${Loading} />`}
      ${o &&
        html`
          <${CentreSection} organisation=${o} save=${save} history=${h} />
          <${CrisisLinesSection} organisation=${o} save=${save} history=${h} />
          <${LanguageSection} settings=${s} save=${save} history=${h} />
          <${NumbersSection} id="ladder" title=${t('running.settings.ladderTitle')} specs=${LADDER} current=${s.checkins}
            intro=${t('running.settings.ladderIntro')} saveLabel=${t('running.settings.saveLadder')} apiPrefix="settings.checkins."
            bodyOf=${settingsBody('checkins')} save=${save} history=${h} />
          <${SafeguardingSection} base=${base} settings=${s} save=${save} history=${h} coordinators=${coordinators}
            onDuty=${() => { coordinators.reload(); history.reload(); }} />
          <${SwitchSection} id="young" title=${t('running.settings.youngTitle')} checked=${s.young_carers_programme}
            label=${t('running.settings.youngLabel')}
            hint=${t('running.settings.youngHint')}
            bodyOf=${(on) => ({ settings: { young_carers_programme: on } })} save=${save} history=${h} />
          <${SwitchSection} id="messages" title=${t('running.settings.messagesTitle')} checked=${s.messaging?.enabled !== false}
            label=${t('running.settings.messagesLabel')}
            hint=${t('running.settings.messagesHint')}
            bodyOf=${(on) => ({ settings: { messaging: { ...s.messaging, enabled: on } } })} save=${save} history=${h} />
          <${SwitchSection} id="messages-young" title=${t('running.settings.messagesYoungTitle')} checked=${Boolean(s.messaging?.young_carers)}
            label=${t('running.settings.messagesYoungLabel')}
            hint=${t('running.settings.messagesYoungHint')}
            bodyOf=${(on) => ({ settings: { messaging: { ...s.messaging, young_carers: on } } })} save=${save} history=${h} />
          <${NumbersSection} id="matching" title=${t('running.settings.matchingTitle')} specs=${WEIGHTS} current=${s.matching_weights}
            intro=${t('running.settings.matchingIntro')} saveLabel=${t('running.settings.saveMatching')}
            apiPrefix="settings.matching_weights." bodyOf=${settingsBody('matching_weights')} save=${save} history=${h} />
          <${NumbersSection} id="buddies" title=${t('running.settings.buddiesTitle')} saveLabel=${t('running.settings.saveBuddies')} specs=${BUDDY_CHECKS} current=${s}
            apiPrefix="settings." bodyOf=${topBody} save=${save} history=${h} />
          <${SwitchSection} id="texts" title=${t('running.settings.textsTitle')} checked=${s.texts.enabled}
            label=${t('running.settings.textsLabel')} hint=${t('running.settings.textsHint')}
            bodyOf=${(on) => ({ settings: { texts: { ...s.texts, enabled: on } } })} save=${save} history=${h} />
          <${NumbersSection} id="text-budget" title=${t('running.settings.budgetTitle')} saveLabel=${t('running.settings.saveBudget')} specs=${TEXTS} current=${s.texts}
            apiPrefix="settings.texts." bodyOf=${settingsBody('texts')} save=${save} history=${h} />
          <${NumbersSection} id="hours" title=${t('running.hub.hours')} saveLabel=${t('running.settings.saveHours')} specs=${HOURS} current=${s}
            apiPrefix="settings." bodyOf=${topBody} save=${save} history=${h} />
          <${Section} id="retention" title=${t('running.settings.retentionTitle')} history=${h}>
            <p>${t('running.settings.retentionBefore')} <a href="/coordinator/retention">${t('running.settings.retentionLink')}</a>${t('running.settings.retentionAfter')}</p>
          </${Section}>
        `}
      <${History} history=${h} />
    </${Page}>
  `;
}

/** Routes of this screen: {path, screen, access}. */
export const SETTINGS_ROUTES = [{ path: '/coordinator/settings', screen: Settings, access: 'coordinator' }];
