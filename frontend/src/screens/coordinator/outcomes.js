// Outcome measures and equality monitoring for coordinators (issue 16): which measure the centre asks
// carers at the start, after 3 and after 6 months (carerlink's own questions, or an instrument the centre
// holds a licence for, whose wording it enters itself: carerlink ships none), and where the totals are.
// Coordinators never see a carer's answers here: only the Reports' totals of at least five people.
import { useEffect, useState } from 'preact/hooks';
import { post, put } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { ErrorSummary, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';
import { measureBody, measureValues, validateMeasure } from '../shared/outcomes-logic.js';

const back = () => ({ href: '/coordinator/running', label: t('running.hub.title') });
const toList = () => ({ href: '/coordinator/outcomes', label: t('running.hub.outcomes') });

function Questions({ measure }) {
  return html`
    <details class="details">
      <summary class="details-summary">${t('running.outcomes.questions', { count: measure.questions.length })}<span class="visually-hidden"> ${t('running.outcomes.ofMeasure', { name: measure.name })}</span></summary>
      <ol class="outcome-questions">
        ${measure.questions.map(
          (q) => html`<li key=${q.position}>${q.wording}
            <span class="hint"> (${q.options.map((o) => `${o.score} ${o.words}`).join(', ')})</span></li>`,
        )}
      </ol>
    </details>
  `;
}

function MeasureItem({ measure, onChoose, busy }) {
  return html`
    <li class="list-item outcome-measure" key=${measure.id}>
      <h3 class="heading-s">${measure.in_use ? t('running.outcomes.inUseName', { name: measure.name }) : measure.name}</h3>
      <p class="hint">${measure.built_in
        ? t('running.outcomes.builtInNote', { note: measure.licence_note })
        : t('running.outcomes.licensedNote', { note: measure.licence_note })}</p>
      <${Questions} measure=${measure} />
      <div class="button-group">
        ${measure.in_use
          ? html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${() => onChoose(null)}>${t('running.outcomes.stopAsking')}<span class="visually-hidden"> ${measure.name}</span></${Button}>`
          : html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${() => onChoose(measure.id)}>${t('running.outcomes.askThese')}<span class="visually-hidden">: ${measure.name}</span></${Button}>`}
        ${measure.editable && html`<a class="button button-secondary" href=${`/coordinator/outcomes/${measure.id}`}>${t('running.outcomes.change')}<span class="visually-hidden"> ${measure.name}</span></a>`}
      </div>
    </li>
  `;
}

function Outcomes() {
  const { organisation, base } = useOrganisationApi();
  const measures = useResource(`${base}/outcome-measures`);
  const [choosing, setChoosing] = useState({ busy: false, error: null, done: null });
  const data = measures.data;
  const inUse = data?.measures.find((m) => m.in_use);
  const choose = async (measureId) => {
    if (choosing.busy) return;
    setChoosing({ busy: true, error: null, done: null });
    try {
      measures.set(await put(`${base}/outcome-measures/in-use`, { measure_id: measureId }));
      setChoosing({ busy: false, error: null, done: measureId ? 'chosen' : 'stopped' });
    } catch (error) {
      setChoosing({ busy: false, error, done: null });
    }
  };
  return html`
    <${Page} title=${t('running.hub.outcomes')} caption=${organisation.name} back=${back()}>
      <p>${t('running.outcomes.intro')}</p>
      <${Problem} error=${measures.error || choosing.error} />
      ${choosing.done === 'chosen' && html`<${Panel} title=${t('running.outcomes.chosen')} />`}
      ${choosing.done === 'stopped' && html`<${Panel} title=${t('running.outcomes.stopped')} />`}
      ${!data && !measures.error && html`<${Loading} />`}
      ${data &&
      html`
        <h2 class="heading-m">${t('running.outcomes.inUse')}</h2>
        <p>${inUse
          ? t('running.outcomes.inUseSince', { name: inUse.name, since: timeAndDate(inUse.in_use_since) })
          : t('running.outcomes.noneInUse')}</p>
        <h2 class="heading-m">${t('running.outcomes.measures')}</h2>
        <ul class="list">${data.measures.map((m) => html`<${MeasureItem} key=${m.id} measure=${m} onChoose=${choose} busy=${choosing.busy} />`)}</ul>
        <h2 class="heading-m">${t('running.outcomes.licensedHeading')}</h2>
        <${Warning}>${data.licence_words}</${Warning}>
        <p><a class="button button-secondary" href="/coordinator/outcomes/new">${t('running.outcomes.addLicensed')}</a></p>
      `}
      <h2 class="heading-m">${t('running.outcomes.totals')}</h2>
      <p><a href="/coordinator/reports">${t('running.outcomes.totalsLink')}</a></p>
      <p class="hint">${t('running.outcomes.equalityHint')}</p>
    </${Page}>
  `;
}

function MeasureForm({ params }) {
  const { organisation, base } = useOrganisationApi();
  const editing = params?.id && params.id !== 'new';
  const measures = useResource(editing ? `${base}/outcome-measures` : null);
  const measure = measures.data?.measures.find((m) => m.id === params.id);
  const form = useForm(measureValues(null));
  useEffect(() => {
    if (measure) form.setValues(measureValues(measure));
  }, [measure?.id]);
  const values = form.values;
  const setQuestion = (index, key) => (event) => {
    const value = event.currentTarget.value;
    form.setValues((old) => ({ ...old, questions: old.questions.map((q, i) => (i === index ? { ...q, [key]: value } : q)) }));
  };
  const addQuestion = () => form.setValues((old) => ({ ...old, questions: [...old.questions, { wording: '', options: '' }] }));
  const removeQuestion = (index) => () =>
    form.setValues((old) => ({ ...old, questions: old.questions.filter((_, i) => i !== index) }));
  const onSubmit = (event) =>
    form.submit(event, {
      validate: validateMeasure,
      action: async (v) => {
        const body = measureBody(v);
        if (editing) await put(`${base}/outcome-measures/${encodeURIComponent(params.id)}`, body);
        else await post(`${base}/outcome-measures`, body);
        navigate('/coordinator/outcomes');
      },
      fields: ['name', 'licence_note', ...values.questions.flatMap((_, i) => [`q${i}-wording`, `q${i}-options`])],
    });
  const labels = { name: t('running.outcomes.name'), licence_note: t('running.outcomes.licence') };
  values.questions.forEach((_, i) => {
    labels[`q${i}-wording`] = t('running.outcomes.question', { n: i + 1 });
    labels[`q${i}-options`] = t('running.outcomes.answersTo', { n: i + 1 });
  });
  if (editing && !measure) {
    return html`<${Page} title=${t('running.outcomes.changeTitle')} caption=${organisation.name} back=${toList()}>
      ${measures.error ? html`<${Problem} error=${measures.error} />` : measures.data ? html`<p>${t('running.outcomes.notFound')}</p>` : html`<${Loading} />`}
    </${Page}>`;
  }
  return html`
    <${Page} title=${editing ? t('running.outcomes.changeTitle') : t('running.outcomes.addTitle')} caption=${organisation.name} back=${toList()}>
      <${Warning}>${t('running.outcomes.licenceWarning')}</${Warning}>
      ${editing && html`<p class="hint">${measure.questions_locked
        ? t('running.outcomes.locked')
        : t('running.outcomes.willLock')}</p>`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels} />
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput} id="name" label=${t('running.outcomes.nameLabel')} value=${values.name} onInput=${form.set('name')} error=${form.errors.name} />
        <${TextArea} id="licence_note" label=${t('running.outcomes.licenceLabel')} hint=${t('running.outcomes.licenceHint')}
          rows=${2} value=${values.licence_note} onInput=${form.set('licence_note')} error=${form.errors.licence_note} />
        ${values.questions.map(
          (question, index) => html`
            <fieldset class="fieldset outcome-question" key=${index}>
              <legend class="legend heading-s">${t('running.outcomes.question', { n: index + 1 })}</legend>
              <${TextInput} id=${`q${index}-wording`} label=${t('running.outcomes.wordingLabel')} value=${question.wording}
                onInput=${setQuestion(index, 'wording')} error=${form.errors[`q${index}-wording`]} />
              <${TextArea} id=${`q${index}-options`} label=${t('running.outcomes.optionsLabel')}
                hint=${t('running.outcomes.optionsHint')}
                rows=${5} value=${question.options} onInput=${setQuestion(index, 'options')} error=${form.errors[`q${index}-options`]} />
              ${values.questions.length > 1 &&
              html`<${Button} type="button" variant="secondary" onClick=${removeQuestion(index)}>${t('running.outcomes.removeQuestion', { n: index + 1 })}</${Button}>`}
            </fieldset>
          `,
        )}
        <p><${Button} type="button" variant="secondary" onClick=${addQuestion}>${t('running.outcomes.addQuestion')}</${Button}></p>
        <${Button} busy=${form.busy}>${editing ? t('running.outcomes.saveChanges') : t('running.outcomes.addThese')}</${Button}>
      </form>
    </${Page}>
  `;
}

/** Routes of this screen: {path, screen, access}. */
export const OUTCOME_ROUTES = [
  { path: '/coordinator/outcomes', screen: Outcomes, access: 'coordinator' },
  { path: '/coordinator/outcomes/new', screen: MeasureForm, access: 'coordinator' },
  { path: '/coordinator/outcomes/:id', screen: MeasureForm, access: 'coordinator' },
];
