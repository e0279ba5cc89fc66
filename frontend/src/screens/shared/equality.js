// Equality monitoring (issue 16), for carers and buddies: optional, asked apart from everything else,
// with its own consent. Three questions (age band, gender, ethnic group in the Census 2021 categories),
// each with "Prefer not to say". Withdrawing the consent deletes the answers at once. The centre sees
// only totals of at least five people, never a person's answers.
import { t } from '../../i18n.js';
import { useEffect, useState } from 'preact/hooks';
import { del, put } from '../../api.js';
import { html } from '../../html.js';
import { Checkbox, ErrorSummary, FieldError, Radios, describedBy, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { useOrganisation } from './parts.js';
import { EQUALITY_FIELDS, equalityBody, ethnicityGroups, validateEquality } from './outcomes-logic.js';

const back = () => ({ href: '/my-details', label: t('shared.myDetails') });
const EMPTY = { age_band: '', gender: '', ethnicity: '', agree: false };

function EthnicitySelect({ question, value, onChange, error }) {
  const id = 'ethnicity';
  const hint = t('shared.equality.ethnicityHint');
  return html`
    <div class=${error ? 'field field-has-error' : 'field'}>
      <label class="label" for=${id}>${question.words}</label>
      <p class="hint" id=${`${id}-hint`}>${hint}</p>
      <${FieldError} id=${id} error=${error} />
      <select class="select" id=${id} name=${id} value=${value} onChange=${onChange}
        aria-describedby=${describedBy(id, hint, error)} aria-invalid=${error ? 'true' : undefined}>
        <option value="">${t('shared.equality.chooseOne')}</option>
        ${ethnicityGroups(question.options).map((group) =>
          group.name
            ? html`<optgroup key=${group.name} label=${group.name}>
                ${group.options.map((o) => html`<option key=${o.key} value=${o.key}>${o.words}</option>`)}
              </optgroup>`
            : group.options.map((o) => html`<option key=${o.key} value=${o.key}>${o.words}</option>`),
        )}
      </select>
    </div>
  `;
}

function Answered({ data }) {
  const words = (key) => {
    const question = data.questions.find((q) => q.key === key);
    const option = question.options.find((o) => o.key === data[key]);
    return option ? (option.group ? `${option.group}: ${option.words}` : option.words) : '';
  };
  return html`
    <dl class="summary-list">
      ${data.questions.map((q) => html`<div class="summary-row" key=${q.key}><dt>${q.words}</dt><dd>${words(q.key)}</dd></div>`)}
    </dl>
  `;
}

export function EqualityScreen() {
  const { organisation, base } = useOrganisation();
  const found = useResource(base && `${base}/me/equality`);
  const form = useForm(EMPTY);
  const [message, setMessage] = useState(null);
  const [withdrawing, setWithdrawing] = useState({ busy: false, error: null });
  const data = found.data;
  useEffect(() => {
    if (data?.consented) form.setValues({ age_band: data.age_band, gender: data.gender, ethnicity: data.ethnicity, agree: true });
  }, [data?.answered_at, data?.consented]);

  const onSubmit = (event) => {
    setMessage(null);
    return form.submit(event, {
      validate: validateEquality,
      action: async (values) => {
        found.set(await put(`${base}/me/equality`, equalityBody(values)));
        setMessage('saved');
      },
      fields: [...EQUALITY_FIELDS, 'agree'],
    });
  };
  const withdraw = async () => {
    if (withdrawing.busy) return;
    setWithdrawing({ busy: true, error: null });
    try {
      found.set(await del(`${base}/me/equality`));
      form.setValues(EMPTY);
      setMessage('withdrawn');
      setWithdrawing({ busy: false, error: null });
    } catch (error) {
      setWithdrawing({ busy: false, error });
    }
  };

  let body;
  if (found.error) {
    body = found.error.status === 403
      ? html`<p>${t('shared.equality.notForYou')}</p>`
      : html`<${Problem} error=${found.error} />`;
  } else if (!data) body = html`<${Loading} />`;
  else {
    const [age, gender, ethnicity] = data.questions;
    const labels = { age_band: age.words, gender: gender.words, ethnicity: ethnicity.words, agree: t('shared.equality.consent') };
    body = html`
      ${message === 'saved' && html`<${Panel} title=${t('shared.equality.saved')} />`}
      ${message === 'withdrawn' && html`<${Panel} title=${t('shared.equality.deleted')}><p>${t('shared.equality.answerAgain')}</p></${Panel}>`}
      <p>${t('shared.equality.intro')}</p>
      ${data.consented && html`<h2 class="heading-m">${t('shared.equality.yourAnswers')}</h2><${Answered} data=${data} />`}
      <h2 class="heading-m">${data.consented ? t('shared.equality.change') : t('shared.equality.questions')}</h2>
      <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels} />
      <form onSubmit=${onSubmit} novalidate>
        <${Radios} id="age_band" legend=${age.words} value=${form.values.age_band} onChange=${form.set('age_band')}
          error=${form.errors.age_band} options=${age.options.map((o) => ({ value: o.key, label: o.words }))} />
        <${Radios} id="gender" legend=${gender.words} value=${form.values.gender} onChange=${form.set('gender')}
          error=${form.errors.gender} options=${gender.options.map((o) => ({ value: o.key, label: o.words }))} />
        <${EthnicitySelect} question=${ethnicity} value=${form.values.ethnicity} onChange=${form.set('ethnicity')}
          error=${form.errors.ethnicity} />
        <h3 class="heading-s">${t('shared.equality.consent')}</h3>
        <p class="equality-consent">${data.consent_text}</p>
        <${Checkbox} id="agree" label=${t('shared.equality.agree')} checked=${form.values.agree}
          onChange=${form.set('agree')} error=${form.errors.agree} />
        <${Button} busy=${form.busy}>${t('shared.equality.save')}</${Button}>
      </form>
      ${data.consented &&
      html`<h2 class="heading-m">${t('shared.equality.withdrawTitle')}</h2>
        <p>${t('shared.equality.withdrawExplain')}</p>
        <${Problem} error=${withdrawing.error} />
        <${Button} type="button" variant="warning" busy=${withdrawing.busy} onClick=${withdraw}>${t('shared.equality.withdraw')}</${Button}>`}
    `;
  }
  return html`<${Page} title=${t('shared.equality.title')} caption=${organisation?.name} back=${back()}>${body}</${Page}>`;
}
