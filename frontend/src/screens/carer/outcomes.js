// A few questions about how you are (issue 16): the centre's outcome measure, asked at the start of a
// carer's support, after 3 and after 6 months. One short page of radio groups; "Not now" puts it off a
// few days, "No thanks" declines it. Nobody else at the centre reads these answers one by one: the
// centre sees only totals of at least five people.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { ErrorSummary, Radios, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';
import { answersBody, pointWords, questionField, validateAnswers } from '../shared/outcomes-logic.js';

const HOME = { href: '/', label: 'Home' };
const TITLE = 'A few questions about how you are'; // the words of the card that opens it (outcome-card-logic.js)

function AskForm({ ask, url, onDone }) {
  const form = useForm({});
  const [other, setOther] = useState({ busy: false, error: null });
  const labels = Object.fromEntries(ask.questions.map((q) => [questionField(q), `Question ${q.position}`]));
  const onSubmit = (event) =>
    form.submit(event, {
      validate: (values) => validateAnswers(ask, values),
      action: async (values) => onDone({ ...(await post(url, answersBody(ask, values))), how: 'answered' }),
      fields: ask.questions.map(questionField),
    });
  const choose = (how) => async () => {
    if (other.busy) return;
    setOther({ busy: true, error: null });
    try {
      onDone({ ...(await post(`${url}/${how}`)), how });
    } catch (error) {
      setOther({ busy: false, error });
    }
  };
  return html`
    <p>${ask.intro}</p>
    <p class="hint">${ask.name}. ${ask.questions.length} questions, about two minutes. Only you see your answers;
      the centre sees totals of at least five people, never yours on its own.</p>
    <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels} />
    <${Problem} error=${other.error} />
    <form onSubmit=${onSubmit} novalidate>
      ${ask.questions.map(
        (question) => html`<${Radios} key=${question.position} id=${questionField(question)}
          legend=${`${question.position}. ${question.wording}`}
          value=${form.values[questionField(question)]} onChange=${form.set(questionField(question))}
          error=${form.errors[questionField(question)]}
          options=${question.options.map((o) => ({ value: String(o.score), label: o.words }))} />`,
      )}
      <${Button} busy=${form.busy}>Send my answers</${Button}>
    </form>
    <h2 class="heading-m">Not a good time?</h2>
    <div class="button-group">
      <${Button} type="button" variant="secondary" busy=${other.busy} onClick=${choose('not-now')}>Not now</${Button}>
      <${Button} type="button" variant="secondary" busy=${other.busy} onClick=${choose('decline')}>No thanks, I'd rather not answer</${Button}>
    </div>
    <p class="hint">"Not now" asks again in a few days. These questions close four weeks after they open.</p>
  `;
}

function Done({ done }) {
  const title = { answered: 'Thank you for your answers', 'not-now': "We'll ask again in a few days", decline: "That's fine" }[done.how];
  return html`
    <${Panel} title=${title}>
      ${done.how === 'answered' && html`<p>They help the centre see how its support helps carers like you.</p>`}
      ${done.how === 'decline' && html`<p>We won't ask these questions again this time.</p>`}
    </${Panel}>
    <p><a href="/">Back to home</a></p>
  `;
}

export function OutcomeAskScreen({ params }) {
  const { organisation, base } = useOrganisation();
  const url = base && `${base}/me/outcome-asks/${encodeURIComponent(params.id)}`;
  const ask = useResource(url);
  const [done, setDone] = useState(null);
  let body;
  if (done) body = html`<${Done} done=${done} />`;
  else if (ask.error) {
    body = isNotFound(ask.error) || ask.error.status === 409
      ? html`<p>These questions are closed now. Thank you. The centre will ask again later in your support.</p>
          <p><a href="/">Back to home</a></p>`
      : html`<${Problem} error=${ask.error} />`;
  } else if (!ask.data) body = html`<${Loading} />`;
  else body = html`<p class="hint">${pointWords(ask.data.point)}</p><${AskForm} ask=${ask.data} url=${url} onDone=${setDone} />`;
  return html`<${Page} title=${TITLE} caption=${organisation?.name} back=${HOME}>${body}</${Page}>`;
}
