// The parts both profile forms (the carer's and the buddy's) are built from: the profile as a summary
// list, the free-times tick boxes, culture and faith, and the health-data consent form with its
// summary section.
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { html } from '../../html.js';
import { CheckboxGroup, describedBy, ErrorSummary, FieldError, Radios, useForm } from '../../ui/forms.js';
import { Button, Loading, Problem, Warning } from '../../ui/page.js';
import { CULTURES, DAYS, FAITHS, PARTS_WITH_HOURS, slotKey } from './profile-logic.js';
import { consentHow } from './profile-steps-logic.js';

const options = (words) => Object.entries(words).map(([value, label]) => ({ value, label }));

/** A profile as a summary list: ``rows`` of [{key, label, lines}] (carer/profile-logic.js, buddy/profile-logic.js). */
export function ProfileSummary({ rows }) {
  return html`
    <dl class="carer-summary">
      ${rows.map(
        (row) => html`<div class="carer-summary-row" key=${row.key}>
          <dt>${row.label}</dt>
          <dd>${row.lines.length ? row.lines.map((line) => html`<span class="carer-line" key=${line}>${line}</span>`) : html`<span class="hint">${t('shared.profile.notGiven')}</span>`}</dd>
        </div>`,
      )}
    </dl>
  `;
}

/**
 * A profile's "Health information" section: the person's choice in words, how they gave it and who took
 * it (in the app, read out to them, or before they joined: issue 16), and where to change it.
 */
export function HealthConsentSection({ consent, href, agreed, refused, timeZone }) {
  const how = consent.data && consentHow(consent.data, { you: true, timeZone });
  return html`
    <section class="carer-section" aria-labelledby="health-data-heading">
      <h2 class="heading-m" id="health-data-heading">${t('shared.profile.healthInformation')}</h2>
      ${consent.loading && html`<${Loading} />`}
      <${Problem} error=${consent.error} />
      ${consent.data &&
      html`<p>${consent.data.agreed ? agreed : refused}</p>
        ${how && html`<p class="consent-how">${how}</p>`}
        <p><a href=${href}>${t('shared.profile.changeHealthChoice')}</a></p>`}
    </section>
  `;
}

/**
 * When someone is usually free: a group of tick boxes for each part of the day, a box for each day
 * (the API's weekly slots, ``slotKey``). The first box carries the field's id for the error summary.
 */
export function AvailabilityField({ id, legend, hint, error, values, onChange }) {
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby=${describedBy(id, hint, error)}>
        <legend class="legend">${legend}</legend>
        ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
        <${FieldError} id=${id} error=${error} />
        ${Object.entries(PARTS_WITH_HOURS).map(
          ([part, label], index) => html`<${CheckboxGroup} key=${part} id=${index ? `${id}-${part}` : id} legend=${label}
            values=${values} onChange=${onChange}
            words=${Object.fromEntries(Object.entries(DAYS).map(([day, name]) => [slotKey(day, part), name]))} />`,
        )}
      </fieldset>
    </div>
  `;
}

/**
 * Cultural background (up to 3 tick boxes, the "cultures" field) and faith (radios, "faith"; the
 * last one, "I'd rather not say", sends none): what a "shared culture or faith" wish is matched on.
 */
export function BackgroundFields({ values, errors, onCultures, onFaith, cultureHint, faithHint }) {
  return html`
    <${CheckboxGroup} id="cultures" legend=${t('shared.profile.culturesLegend')} hint=${cultureHint}
      error=${errors.cultures} values=${values.cultures} onChange=${onCultures} words=${CULTURES} />
    <${Radios} id="faith" legend=${t('shared.profile.faithLegend')} hint=${faithHint} error=${errors.faith} value=${values.faith}
      onChange=${onFaith} options=${[...options(FAITHS), { value: '', label: t('shared.profile.faithNone') }]} />
  `;
}

/**
 * A health-data consent: its words, yes or no, and a warning when saying no deletes what was kept.
 * Carers and buddies each have their own (``url``); ``saved`` runs once the choice is stored.
 */
export function ConsentForm({ url, consent, noHint, warning, saved }) {
  const form = useForm({ agree: consent.agreed ? 'yes' : 'no' });
  const onSubmit = (event) =>
    form.submit(event, {
      fields: ['agree'],
      validate: (values) => ({ agree: values.agree ? null : t('shared.consent.error') }),
      action: async (values) => {
        await api('PUT', url, { agree: values.agree === 'yes' });
        saved();
      },
    });
  const withdrawing = consent.agreed && form.values.agree === 'no';
  return html`
    <form onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} errors=${form.errors} general=${form.general} />
      <div class="consent-text">${consent.text.split(/\n\n+/).map((paragraph) => html`<p key=${paragraph}>${paragraph}</p>`)}</div>
      <${Radios} id="agree" legend=${t('shared.consent.question')} error=${form.errors.agree}
        value=${form.values.agree} onChange=${form.set('agree')}
        options=${[
          { value: 'yes', label: t('shared.consent.yes') },
          { value: 'no', label: t('shared.consent.no'), hint: noHint },
        ]} />
      ${withdrawing && html`<${Warning}>${warning}</${Warning}>`}
      <${Button} busy=${form.busy}>${t('shared.consent.save')}</${Button}>
    </form>
  `;
}
