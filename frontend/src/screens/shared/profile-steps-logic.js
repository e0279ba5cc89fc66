// The stepped profile form's rules (issue 16), free of the DOM so node tests can check them: one topic
// a page, "Step 2 of 6", the problems of one step, where a Change link on "Check your answers" goes,
// and the answers kept between steps (a draft in the tab's storage, so a reload mid-way loses nothing).
// The steps themselves are the carer's (carer/profile-steps.js) and the buddy's (buddy/profile-steps.js);
// a step is {key, title, fields: [form fields it asks], rows: [summary-row keys it answers]}.
import { formatDate, t } from '../../i18n.js';

/** "Step 2 of 6" (``index`` counts from 0). */
export function stepLabel(index, count) {
  return t('shared.steps.stepLabel', { step: index + 1, count });
}

/** The problems of one step only: {field: message} for the step's fields, in the step's order. */
export function stepErrors(errors, step) {
  const found = {};
  for (const field of step.fields) if (errors[field]) found[field] = errors[field];
  return found;
}

/** The first step asking any of ``fields`` (an API error after "Check your answers"), else -1. */
export function stepOfFields(steps, fields) {
  const wanted = new Set(fields);
  return steps.findIndex((step) => step.fields.some((field) => wanted.has(field)));
}

/**
 * Where Continue leads from step ``index``: the next step, "Check your answers" after the last one
 * (``steps.length``), or straight back there when the person came from a Change link.
 */
export function nextStep(index, count, { returning = false } = {}) {
  if (returning) return count;
  return Math.min(index + 1, count);
}

/** Where Back leads: the step before (the first step has none: -1 means leave the form). */
export function previousStep(index) {
  return index - 1;
}

/**
 * The summary rows grouped by step for "Check your answers": [{step, index, title, rows}], each row
 * in the step that asks it; rows no step claims are left out.
 */
export function checkSections(steps, rows) {
  return steps
    .map((step, index) => ({
      step: step.key,
      index,
      title: step.title,
      rows: step.rows.map((key) => rows.find((row) => row.key === key)).filter(Boolean),
    }))
    .filter((section) => section.rows.length);
}

/**
 * A draft of answers for ``key`` from ``storage`` (sessionStorage), or null. A draft counts only
 * against the profile it was started from (``basis``: the saved profile's updated_at, or null for a
 * new one): once the profile changed elsewhere the saved answers win.
 */
export function loadDraft(storage, key, basis) {
  try {
    const draft = JSON.parse(storage?.getItem(key) || 'null');
    if (!draft || draft.basis !== (basis ?? null) || typeof draft.values !== 'object') return null;
    return { values: draft.values, step: Number.isInteger(draft.step) ? draft.step : 0 };
  } catch {
    return null;
  }
}

/** Keep the answers so far (and the step) for a reload; a full storage is no reason to fail. */
export function saveDraft(storage, key, basis, values, step) {
  try {
    storage?.setItem(key, JSON.stringify({ basis: basis ?? null, values, step }));
  } catch {
    /* private mode or full: the answers still live on this page */
  }
}

/** Forget the draft (after saving, or when leaving on purpose). */
export function clearDraft(storage, key) {
  try {
    storage?.removeItem(key);
  } catch {
    /* nothing kept */
  }
}

/** The answers of a draft over the starting values: only known fields, with the starting value's type. */
export function mergeDraft(initial, draftValues) {
  const merged = { ...initial };
  for (const [field, value] of Object.entries(draftValues || {})) {
    if (!(field in initial)) continue;
    if (Array.isArray(initial[field]) !== Array.isArray(value)) continue;
    if (!Array.isArray(value) && typeof value !== typeof initial[field]) continue;
    merged[field] = value;
  }
  return merged;
}

/** "Morgan filled this in with you on 3 December 2026" (the profile's entered_by_name and entered_at). */
export function enteredWithYou(profile, { timeZone } = {}) {
  if (!profile?.entered_by_name || !profile.entered_at) return null;
  const day = formatDate(profile.entered_at, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  });
  const first = profile.entered_by_name.split(/\s+/)[0];
  return t('shared.steps.enteredWithYou', { name: first, day });
}

/**
 * How a health-data consent was given and who took it (issue 16), or null: to the person (``you``:
 * "You agreed on 20 May 2025, before you joined carerlink. Taken by Jo, recorded here by Morgan.", first
 * names as elsewhere on their screens), or to a coordinator ("Taken by Jo Bloggs, recorded by Morgan
 * Ellis."; the date and the way are in ``shared.withThem.agreedAlready``).
 */
export function consentHow(consent, { you = false, timeZone } = {}) {
  if (!consent?.agreed || !consent.given_at) return null;
  const date = formatDate(consent.given_at, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  });
  const named = (full) => (full ? (you ? full.trim().split(/\s+/)[0] : full) : null);
  const taken = named(consent.taken_by_name);
  const recorded = named(consent.recorded_by_name);
  if (!you) {
    if (consent.method === 'imported' && taken && recorded) return t('shared.consentHow.takenRecorded', { taken, recorded });
    if (consent.method === 'verbal' && recorded) return t('shared.consentHow.recordedBy', { recorded });
    return null;
  }
  if (consent.method === 'imported') {
    return taken && recorded
      ? t('shared.consentHow.youImported', { date, taken, recorded })
      : t('shared.consentHow.youImportedNoName', { date });
  }
  if (consent.method === 'verbal') {
    return recorded ? t('shared.consentHow.youVerbal', { date, recorded }) : t('shared.consentHow.youVerbalNoName', { date });
  }
  return t('shared.consentHow.youInApp', { date });
}

// --- filling it in with the person (a coordinator, during an assessment) ------------------------------

/** The form field for "did they agree when you read the words out?" ('yes', 'no' or '' unanswered). */
export const WITH_THEM_FIELDS = ['health_agreed'];

/**
 * The spoken consent for the PUT body: the version of the words read out and that they agreed, or
 * null when they agreed before (nothing new to record) or did not agree.
 */
export function consentChoice(values, consent) {
  if (consent?.agreed || values.health_agreed !== 'yes') return null;
  return { version: consent.version, agreed: true };
}

/** The "Health information" row on "Check your answers" for a coordinator's form. */
export function consentRow(values, consent) {
  let line;
  if (consent?.agreed) line = t('shared.withThem.agreedBefore');
  else if (values.health_agreed === 'yes') line = t('shared.withThem.agreedNow', { version: consent.version });
  else line = t('shared.withThem.notAgreed');
  return { key: 'health_consent', label: t('shared.profile.healthInformation'), lines: [line] };
}
