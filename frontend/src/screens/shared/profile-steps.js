// The stepped profile form (issue 16), for the carer's and the buddy's own profiles and for a coordinator
// filling one in with the person: one topic a page, Back and Continue, "Step 2 of 6", each step checked
// on its own with the error summary, then "Check your answers" with Change links, and only then saved
// (through the same API as before). The answers are kept between steps and in the tab's storage, so
// Back or a reload mid-way loses nothing. Each step's heading is the page's heading, which takes focus
// when the step changes (ui/page.js), so a screen reader hears where the person now is.
import { currentLocale, t } from '../../i18n.js';
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { ErrorSummary, mapApiErrors, useForm } from '../../ui/forms.js';
import { Button, Page } from '../../ui/page.js';
import {
  checkSections,
  clearDraft,
  loadDraft,
  mergeDraft,
  nextStep,
  saveDraft,
  stepErrors,
  stepLabel,
  stepOfFields,
} from './profile-steps-logic.js';

const storage = () => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

/**
 * ``steps``: [{key, title, fields, rows, render(form)}]; ``initial``: the form's starting values;
 * ``basis``: the saved profile's updated_at (a draft counts only against it); ``validate(values)``:
 * every problem; ``rows(values)``: the summary rows of the answers; ``save(values)``: PUT them (throws
 * ApiError with field errors in the form's fields); ``intro``: shown above the first step.
 */
export function StepForm({
  title,
  caption,
  back,
  steps,
  initial,
  basis,
  draftKey,
  validate,
  fieldMap = {},
  rows,
  save,
  saveLabel = t('shared.steps.save'),
  checkIntro,
  intro,
}) {
  const [start] = useState(() => loadDraft(storage(), draftKey, basis));
  const form = useForm(start ? mergeDraft(initial, start.values) : initial, { fieldMap });
  const [index, setIndex] = useState(start ? Math.min(Math.max(start.step, 0), steps.length) : 0);
  const [returning, setReturning] = useState(false);
  const count = steps.length;
  const checking = index >= count;
  const step = checking ? null : steps[index];
  const allFields = steps.flatMap((s) => s.fields);

  useEffect(() => saveDraft(storage(), draftKey, basis, form.values, index), [form.values, index]);

  const go = (to, { keepReturning = false } = {}) => {
    form.setErrors({});
    form.setGeneral(null);
    if (!keepReturning) setReturning(false);
    setIndex(to);
  };

  const onContinue = (event) =>
    form.submit(event, {
      validate: (values) => stepErrors(validate(values), step),
      fields: step.fields,
      action: async () => go(nextStep(index, count, { returning })),
    });

  const onSave = (event) =>
    form.submit(event, {
      validate: (values) => {
        const problems = validate(values);
        const first = stepOfFields(steps, Object.keys(problems).filter((field) => problems[field]));
        if (first >= 0) setIndex(first);
        return first >= 0 ? stepErrors(problems, steps[first]) : {};
      },
      fields: allFields,
      action: async (values) => {
        try {
          await save(values);
        } catch (error) {
          const mapped = mapApiErrors(error, { fieldMap, fields: allFields }).fields;
          const first = stepOfFields(steps, Object.keys(mapped));
          if (first >= 0) setIndex(first);
          throw error;
        }
        clearDraft(storage(), draftKey);
      },
    });

  const onBack = () => (index > 0 ? go(index - 1) : undefined);
  const heading = checking ? t('shared.steps.check') : step.title;
  let label = title;
  if (!checking) label = t('shared.steps.caption', { first: stepLabel(index, count), title });
  else if (caption) label = t('shared.steps.caption', { first: caption, title });

  if (checking) {
    const sections = checkSections(steps, rows(form.values));
    return html`
      <${Page} title=${heading} caption=${label} onBack=${() => go(count - 1)}>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        ${checkIntro && html`<p>${checkIntro}</p>`}
        ${sections.map(
          (section) => html`<section class="check-section" key=${section.step} aria-labelledby=${`check-${section.step}`}>
            <div class="check-section-head">
              <h2 class="heading-m" id=${`check-${section.step}`}>${section.title}</h2>
              <button type="button" class="link-button" onClick=${() => {
                go(section.index);
                setReturning(true);
              }}>${t('shared.steps.change')}<span class="visually-hidden"> ${section.title.toLocaleLowerCase(currentLocale())}</span></button>
            </div>
            <dl class="carer-summary">
              ${section.rows.map(
                (row) => html`<div class="carer-summary-row" key=${row.key}>
                  <dt>${row.label}</dt>
                  <dd>${row.lines.length ? row.lines.map((line) => html`<span class="carer-line" key=${line}>${line}</span>`) : html`<span class="hint">${t('shared.profile.notGiven')}</span>`}</dd>
                </div>`,
              )}
            </dl>
          </section>`,
        )}
        <form onSubmit=${onSave} novalidate>
          <${Button} busy=${form.busy}>${saveLabel}</${Button}>
        </form>
      </${Page}>
    `;
  }

  return html`
    <${Page} title=${heading} caption=${label} back=${index === 0 ? back : undefined}
      onBack=${index > 0 ? onBack : undefined}>
      <form onSubmit=${onContinue} novalidate>
        <${ErrorSummary} errors=${form.errors} general=${form.general} />
        ${index === 0 && intro}
        ${step.render(form)}
        <${Button} busy=${form.busy}>${returning ? t('shared.steps.continueToCheck') : t('shared.steps.continue')}</${Button}>
      </form>
    </${Page}>
  `;
}
