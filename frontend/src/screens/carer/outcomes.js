// A few questions about how you are (issue 16): the centre's outcome measure, asked at the start of a
// carer's support, after 3 and after 6 months. One short page of radio groups; "Not now" puts it off a
// few days, "No thanks" declines it. Nobody else at the centre reads these answers one by one: the
// centre sees only totals of at least five people.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, Radios, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Panel, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { isNotFound, useOrganisation } from '../shared/parts.js';
import { answersBody, pointWords, questionField, validateAnswers } from '../shared/outcomes-logic.js';

const home = () => ({ href: '/', label: t('carer.home.back') });
// The words of the card that opens it (outcome-card-logic.js), not imported: no chunk shared with home's part.
const pageTitle = () => t('carer.outcomes.title');

function AskForm({ ask, url, onDone }) {
  const form = useForm({});
  const [other, setOther] = useState({ busy: false, error: null });
  const labels = Object.fromEntries(ask.questions.map((q) => [questionField(q), t('carer.outcomes.question', { position: q.position })]));
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
    <p class="hint">${t('carer.outcomes.about', { name: ask.name, count: ask.questions.length })}</p>
    <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels} />
    <${Problem} error=${other.error} />
    <form onSubmit=${onSubmit} novalidate>
      ${ask.questions.map(
        (question) => html`<${Radios} key=${question.position} id=${questionField(question)}
          legend=${t('carer.outcomes.legend', { position: question.position, wording: question.wording })}
          value=${form.values[questionField(question)]} onChange=${form.set(questionField(question))}
          error=${form.errors[questionField(question)]}
          options=${question.options.map((o) => ({ value: String(o.score), label: o.words }))} />`,
      )}
      <${Button} busy=${form.busy}>${t('carer.outcomes.send')}</${Button}>
    </form>
    <h2 class="heading-m">${t('carer.outcomes.notGoodTime')}</h2>
    <div class="button-group">
      <${Button} type="button" variant="secondary" busy=${other.busy} onClick=${choose('not-now')}>${t('carer.outcomes.notNow')}</${Button}>
      <${Button} type="button" variant="secondary" busy=${other.busy} onClick=${choose('decline')}>${t('carer.outcomes.decline')}</${Button}>
    </div>
    <p class="hint">${t('carer.outcomes.notNowHint')}</p>
  `;
}

function Done({ done }) {
  const title = {
    answered: t('carer.outcomes.thanks'),
    'not-now': t('carer.outcomes.askAgain'),
    decline: t('carer.outcomes.fine'),
  }[done.how];
  return html`
    <${Panel} title=${title}>
      ${done.how === 'answered' && html`<p>${t('carer.outcomes.thanksText')}</p>`}
      ${done.how === 'decline' && html`<p>${t('carer.outcomes.declineText')}</p>`}
    </${Panel}>
    <p><a href="/">${t('carer.outcomes.backHome')}</a></p>
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
      ? html`<p>${t('carer.outcomes.closed')}</p>
          <p><a href="/">${t('carer.outcomes.backHome')}</a></p>`
      : html`<${Problem} error=${ask.error} />`;
  } else if (!ask.data) body = html`<${Loading} />`;
  else body = html`<p class="hint">${pointWords(ask.data.point)}</p><${AskForm} ask=${ask.data} url=${url} onDone=${setDone} />`;
  return html`<${Page} title=${pageTitle()} caption=${organisation?.name} back=${home()}>${body}</${Page}>`;
}
