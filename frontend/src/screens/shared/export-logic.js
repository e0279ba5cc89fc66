// A copy of someone's data (issue 15) in words: where a copy stands, when to look again while it is
// being made, and what a coordinator must give before asking for a member's copy or withholding a record.
// Pure functions: the screens (my-data-export.js, coordinator/data-rights-exports.js) and tests use them.
import { formatDate, t } from '../../i18n.js';

/** The copy to show a person: the newest one (the API lists them newest first). */
export function latestCopy(copies) {
  return (copies || [])[0] || null;
}

/** Whether to look again for a copy being made, and after how long: calmly, slower as time passes. */
export function nextPoll(copy, tries = 0) {
  if (!copy || copy.state !== 'pending') return null;
  return Math.min(3000 + tries * 2000, 15000);
}

const DAY = { day: 'numeric', month: 'long', year: 'numeric' };

/** "6 December 2026" in the reader's own time zone (for "available until"). */
export function dayWords(value, timeZone) {
  if (!value) return '';
  return formatDate(value, timeZone ? { ...DAY, timeZone } : DAY);
}

/** A copy's state in plain words, for a person or a coordinator. */
export function stateWords(copy, timeZone) {
  switch (copy?.state) {
    case 'pending':
      return t('shared.export.state.pending');
    case 'ready':
      return t('shared.export.state.ready', { day: dayWords(copy.expires_at, timeZone) });
    case 'expired':
      return t('shared.export.state.expired');
    case 'failed':
      return t('shared.export.state.failed');
    default:
      return '';
  }
}

/** "2 records to review", or nothing when none wait. */
export function reviewCount(n) {
  if (!n) return '';
  return t('shared.export.toReview', { count: n });
}

/** The coordinator's form asking for a member's copy: who, and how their identity was checked. */
export function validateMemberCopy(values) {
  const note = (values.identity_note || '').trim();
  return {
    membership_id: !values.membership_id && t('shared.export.error.member'),
    identity_checked: !values.identity_checked && t('shared.export.error.checked'),
    identity_note: !note
      ? t('shared.export.error.noteMissing')
      : note.length > 300 && t('shared.export.error.noteLong'),
  };
}

/** A decision about one held-back record: nothing chosen for them, and withholding needs a reason. */
export function validateDecision(decision, reason) {
  const text = (reason || '').trim();
  return {
    decision: !['released', 'withheld'].includes(decision) && t('shared.export.error.decision'),
    reason:
      decision === 'withheld' && !text
        ? t('shared.export.error.reasonMissing')
        : text.length > 500 && t('shared.export.error.reasonLong'),
  };
}

/** What happened to a held-back record, in words. */
export function decisionWords(review) {
  if (review.decision === 'released') return t('shared.export.decision.released');
  if (review.decision === 'withheld') return t('shared.export.decision.withheld');
  return t('shared.export.decision.waiting');
}
