// GOV.UK-style form parts: a label above every field, hints, "(optional)" instead of asterisks, an
// error summary at the top linking to each field, and the API's problem+json errors mapped onto fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { html } from '../html.js';
import { t } from '../i18n.js';

/**
 * Form state: values, errors per field, a general error, and ``submit`` that runs an action and maps
 * an ApiError's ``errors[].field`` onto the form's fields (``fieldMap`` renames API fields; a field the
 * form does not show becomes the general error).
 */
export function useForm(initial, { fieldMap = {} } = {}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [general, setGeneral] = useState(null);
  const [busy, setBusy] = useState(false);

  const set = (name) => (event) => {
    const target = event.currentTarget;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    setValues((old) => ({ ...old, [name]: value }));
  };

  async function submit(event, { validate, action, fields }) {
    event?.preventDefault();
    if (busy) return undefined;
    const problems = validate ? validate(values) : {};
    const found = Object.fromEntries(Object.entries(problems).filter(([, message]) => message));
    setGeneral(null);
    setErrors(found);
    if (Object.keys(found).length) return undefined;
    setBusy(true);
    try {
      return await action(values);
    } catch (error) {
      const mapped = mapApiErrors(error, { fieldMap, fields: fields || Object.keys(values) });
      setErrors(mapped.fields);
      setGeneral(mapped.general);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { values, setValues, set, errors, setErrors, general, setGeneral, busy, submit };
}

/** Split an error into messages for the form's fields and one general message. */
export function mapApiErrors(error, { fieldMap = {}, fields = [] } = {}) {
  if (!(error instanceof ApiError)) return { fields: {}, general: t('shell.somethingWrong') };
  const mapped = {};
  let general = null;
  for (const [apiField, message] of Object.entries(error.fieldErrors)) {
    const field = fieldMap[apiField] ?? apiField;
    if (fields.includes(field)) mapped[field] ??= message;
    else general ??= message;
  }
  if (!Object.keys(mapped).length && !general) general = error.message;
  if (error.status === 429) general = t('shell.forms.tooMany', { message: error.message });
  return { fields: mapped, general };
}

/** "There is a problem": focused when it appears, each message a link to its field. */
export function ErrorSummary({ errors, general, labels = {} }) {
  const box = useRef(null);
  const entries = Object.entries(errors || {}).filter(([, message]) => message);
  const shown = entries.length > 0 || Boolean(general);
  const signature = JSON.stringify([entries, general]);
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [signature]);
  if (!shown) return null;
  const jump = (id) => (event) => {
    event.preventDefault();
    const field = document.getElementById(id) || document.querySelector(`[name="${id}"]`);
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  };
  return html`
    <div class="error-summary" tabindex="-1" ref=${box} aria-labelledby="error-summary-title" role="alert">
      <h2 class="error-summary-title" id="error-summary-title">${t('shell.problemTitle')}</h2>
      <ul class="error-summary-list">
        ${general && html`<li>${general}</li>`}
        ${entries.map(
          ([id, message]) => html`<li key=${id}><a href=${`#${id}`} onClick=${jump(id)}>${message}</a></li>`,
        )}
      </ul>
      ${labels.after}
    </div>
  `;
}

/** The ids a field's hint and error are given, for aria-describedby (undefined when it has neither). */
export function describedBy(id, hint, error) {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError({ id, error }) {
  if (!error) return null;
  return html`<p class="field-error" id=${`${id}-error`}><span class="visually-hidden">${t('shell.forms.error')} </span>${error}</p>`;
}

function Label({ id, label, optional, big }) {
  return html`<label class=${big ? 'label label-big' : 'label'} for=${id}>
    ${label}${optional && html` <span class="optional">${t('shell.forms.optional')}</span>`}
  </label>`;
}

/**
 * A password field with a "Show" button, so nobody has to type a long password blind (GOV.UK's
 * password input pattern); the change is announced to screen readers.
 */
export function PasswordInput(props) {
  const [visible, setVisible] = useState(false);
  return html`
    <div class="password-input">
      <${TextInput} ...${props} type=${visible ? 'text' : 'password'} spellcheck="false" />
      <button type="button" class="button button-secondary button-small password-toggle"
        aria-controls=${props.id} onClick=${() => setVisible(!visible)}>
        ${visible ? t('shell.forms.hide') : t('shell.forms.show')}<span class="visually-hidden"> ${t('shell.forms.password')}</span>
      </button>
      <p class="visually-hidden" aria-live="polite">${visible ? t('shell.forms.passwordVisible') : ''}</p>
    </div>
  `;
}

export function TextInput({
  id,
  label,
  hint,
  error,
  value,
  onInput,
  type = 'text',
  autocomplete,
  optional = false,
  inputmode,
  spellcheck,
  width,
  big = false,
}) {
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <${Label} id=${id} label=${label} optional=${optional} big=${big} />
      ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
      <${FieldError} id=${id} error=${error} />
      <input
        class=${`input${width ? ` input-${width}` : ''}`}
        id=${id}
        name=${id}
        type=${type}
        value=${value}
        onInput=${onInput}
        autocomplete=${autocomplete}
        inputmode=${inputmode}
        spellcheck=${spellcheck}
        aria-describedby=${describedBy(id, hint, error)}
        aria-invalid=${error ? 'true' : undefined}
      />
    </div>
  `;
}

export function TextArea({ id, label, hint, error, value, onInput, optional = false, rows = 4 }) {
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <${Label} id=${id} label=${label} optional=${optional} />
      ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
      <${FieldError} id=${id} error=${error} />
      <textarea
        class="textarea"
        id=${id}
        name=${id}
        rows=${rows}
        value=${value}
        onInput=${onInput}
        aria-describedby=${describedBy(id, hint, error)}
        aria-invalid=${error ? 'true' : undefined}
      ></textarea>
    </div>
  `;
}

export function Select({ id, label, hint, error, value, onChange, options, optional = false }) {
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <${Label} id=${id} label=${label} optional=${optional} />
      ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
      <${FieldError} id=${id} error=${error} />
      <select
        class="select"
        id=${id}
        name=${id}
        value=${value}
        onChange=${onChange}
        aria-describedby=${describedBy(id, hint, error)}
        aria-invalid=${error ? 'true' : undefined}
      >
        ${options.map((option) => html`<option key=${option.value} value=${option.value} lang=${option.lang}>${option.label}</option>`)}
      </select>
    </div>
  `;
}

/** Radios in a fieldset; the first radio carries the field's id so the error summary can link to it. */
export function Radios({ id, legend, hint, error, value, onChange, options, big = false }) {
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby=${describedBy(id, hint, error)}>
        <legend class=${big ? 'legend legend-big' : 'legend'}>${legend}</legend>
        ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
        <${FieldError} id=${id} error=${error} />
        <div class="choices">
          ${options.map(
            (option, index) => html`
              <div class="choice" key=${option.value}>
                <input
                  class="choice-input"
                  type="radio"
                  id=${index === 0 ? id : `${id}-${option.value}`}
                  name=${id}
                  value=${option.value}
                  checked=${value === option.value}
                  onChange=${onChange}
                  aria-describedby=${option.hint ? `${id}-${option.value}-hint` : undefined}
                />
                <label class="choice-label" for=${index === 0 ? id : `${id}-${option.value}`}>${option.label}</label>
                ${option.hint && html`<p class="choice-hint hint" id=${`${id}-${option.value}-hint`}>${option.hint}</p>`}
              </div>
            `,
          )}
        </div>
      </fieldset>
    </div>
  `;
}

export function Checkbox({ id, label, hint, error, checked, onChange }) {
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <${FieldError} id=${id} error=${error} />
      <div class="choice">
        <input
          class="choice-input"
          type="checkbox"
          id=${id}
          name=${id}
          checked=${checked}
          onChange=${onChange}
          aria-describedby=${describedBy(id, hint, error)}
        />
        <label class="choice-label" for=${id}>${label}</label>
        ${hint && html`<p class="choice-hint hint" id=${`${id}-hint`}>${hint}</p>`}
      </div>
    </div>
  `;
}

/** IANA time zones for a select: the browser's list, the person's own zone first. */
export function timeZoneOptions(current) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['Europe/London', 'Europe/Dublin', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC'];
  }
  if (!zones.includes('Europe/London')) zones = ['Europe/London', ...zones];
  if (current && !zones.includes(current)) zones = [current, ...zones];
  return zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ').replace('/', ' – ') }));
}

export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
  } catch {
    return 'Europe/London';
  }
}

/**
 * Tick boxes in a fieldset (``words``: value → label; ``values``: the ticked ones); the first box
 * carries the field's id, so the error summary can link to it.
 */
export function CheckboxGroup({ id, legend, hint, error, values, onChange, words }) {
  const toggle = (value) => (event) => {
    const checked = event.currentTarget.checked;
    onChange(checked ? [...values, value] : values.filter((v) => v !== value));
  };
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <fieldset class="fieldset" aria-describedby=${describedBy(id, hint, error)}>
        <legend class="legend">${legend}</legend>
        ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
        <${FieldError} id=${id} error=${error} />
        <div class="choices">
          ${Object.entries(words).map(([value, label], index) => {
            const boxId = index === 0 ? id : `${id}-${value}`;
            return html`<div class="choice" key=${value}>
              <input class="choice-input" type="checkbox" id=${boxId} name=${id} value=${value}
                checked=${values.includes(value)} onChange=${toggle(value)} />
              <label class="choice-label" for=${boxId}>${label}</label>
            </div>`;
          })}
        </div>
      </fieldset>
    </div>
  `;
}
