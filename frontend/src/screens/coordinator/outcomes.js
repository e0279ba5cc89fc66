// Outcome measures and equality monitoring for coordinators (issue 16): which measure the centre asks
// carers at the start, after 3 and after 6 months (carerlink's own questions, or an instrument the centre
// holds a licence for, whose wording it enters itself: carerlink ships none), and where the totals are.
// Coordinators never see a carer's answers here: only the Reports' totals of at least five people.
import { useEffect, useState } from 'preact/hooks';
import { post, put } from '../../api.js';
import { html } from '../../html.js';
import { navigate } from '../../router.js';
import { ErrorSummary, TextArea, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem, Warning } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';
import { measureBody, measureValues, validateMeasure } from '../shared/outcomes-logic.js';

const BACK = { href: '/coordinator/running', label: 'Running the service' };
const TO_LIST = { href: '/coordinator/outcomes', label: 'Outcome measures' };

function Questions({ measure }) {
  return html`
    <details class="details">
      <summary class="details-summary">The ${measure.questions.length} questions<span class="visually-hidden"> of ${measure.name}</span></summary>
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
      <h3 class="heading-s">${measure.name}${measure.in_use ? ' (in use)' : ''}</h3>
      <p class="hint">${measure.built_in ? "carerlink's own questions" : 'Your centre\'s licensed instrument'}: ${measure.licence_note}</p>
      <${Questions} measure=${measure} />
      <div class="button-group">
        ${measure.in_use
          ? html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${() => onChoose(null)}>Stop asking carers<span class="visually-hidden"> ${measure.name}</span></${Button}>`
          : html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${() => onChoose(measure.id)}>Ask carers these questions<span class="visually-hidden">: ${measure.name}</span></${Button}>`}
        ${measure.editable && html`<a class="button button-secondary" href=${`/coordinator/outcomes/${measure.id}`}>Change<span class="visually-hidden"> ${measure.name}</span></a>`}
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
    <${Page} title="Outcome measures" caption=${organisation.name} back=${BACK}>
      <p>Carers are asked a few questions about how they are when their first match starts, then after 3 and after 6
        months. You see only totals of at least five people, in the Reports, never a carer's own answers.</p>
      <${Problem} error=${measures.error || choosing.error} />
      ${choosing.done === 'chosen' && html`<${Panel} title="Carers will be asked these questions from now on" />`}
      ${choosing.done === 'stopped' && html`<${Panel} title="Carers will not be asked any more questions" />`}
      ${!data && !measures.error && html`<${Loading} />`}
      ${data &&
      html`
        <h2 class="heading-m">In use</h2>
        <p>${inUse
          ? `${inUse.name}, since ${timeAndDate(inUse.in_use_since)}. Carers whose first match starts from then are asked.`
          : 'Carers are not being asked any outcome questions. Choose a measure below to start.'}</p>
        <h2 class="heading-m">Measures</h2>
        <ul class="list">${data.measures.map((m) => html`<${MeasureItem} key=${m.id} measure=${m} onChoose=${choose} busy=${choosing.busy} />`)}</ul>
        <h2 class="heading-m">Your centre's licensed instrument</h2>
        <${Warning}>${data.licence_words}</${Warning}>
        <p><a class="button button-secondary" href="/coordinator/outcomes/new">Add your centre's licensed questions</a></p>
      `}
      <h2 class="heading-m">Totals</h2>
      <p><a href="/coordinator/reports">See the outcome and equality monitoring totals in the Reports</a></p>
      <p class="hint">Carers and buddies answer equality monitoring questions from "My details", with their own consent.</p>
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
  const labels = { name: 'Name', licence_note: 'Licence' };
  values.questions.forEach((_, i) => {
    labels[`q${i}-wording`] = `Question ${i + 1}`;
    labels[`q${i}-options`] = `Answers to question ${i + 1}`;
  });
  if (editing && !measure) {
    return html`<${Page} title="Change your licensed questions" caption=${organisation.name} back=${TO_LIST}>
      ${measures.error ? html`<${Problem} error=${measures.error} />` : measures.data ? html`<p>We can't find these questions.</p>` : html`<${Loading} />`}
    </${Page}>`;
  }
  return html`
    <${Page} title=${editing ? 'Change your licensed questions' : 'Add your licensed questions'} caption=${organisation.name} back=${TO_LIST}>
      <${Warning}>carerlink ships none of the wording of licensed instruments (such as ASCOT-Carer, Carers Star or
        SWEMWBS). Enter questions only if your centre holds a licence to use them.</${Warning}>
      ${editing && html`<p class="hint">${measure.questions_locked
        ? 'Carers have answered these questions, so only the name and licence note can change (answers must stay comparable).'
        : 'Once carers have answered, the questions can no longer change (answers must stay comparable).'}</p>`}
      <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels} />
      <form onSubmit=${onSubmit} novalidate>
        <${TextInput} id="name" label="Name of the instrument" value=${values.name} onInput=${form.set('name')} error=${form.errors.name} />
        <${TextArea} id="licence_note" label="Your licence" hint="Who holds it and until when, for example the licence number."
          rows=${2} value=${values.licence_note} onInput=${form.set('licence_note')} error=${form.errors.licence_note} />
        ${values.questions.map(
          (question, index) => html`
            <fieldset class="fieldset outcome-question" key=${index}>
              <legend class="legend heading-s">Question ${index + 1}</legend>
              <${TextInput} id=${`q${index}-wording`} label="The question's words" value=${question.wording}
                onInput=${setQuestion(index, 'wording')} error=${form.errors[`q${index}-wording`]} />
              <${TextArea} id=${`q${index}-options`} label="Its answers"
                hint='One a line, each starting with its score, for example "1 Never". A higher total should mean better.'
                rows=${5} value=${question.options} onInput=${setQuestion(index, 'options')} error=${form.errors[`q${index}-options`]} />
              ${values.questions.length > 1 &&
              html`<${Button} type="button" variant="secondary" onClick=${removeQuestion(index)}>Remove question ${index + 1}</${Button}>`}
            </fieldset>
          `,
        )}
        <p><${Button} type="button" variant="secondary" onClick=${addQuestion}>Add another question</${Button}></p>
        <${Button} busy=${form.busy}>${editing ? 'Save the changes' : 'Add these questions'}</${Button}>
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
