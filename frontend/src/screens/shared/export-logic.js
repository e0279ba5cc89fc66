// A copy of someone's data (issue 15) in words: where a copy stands, when to look again while it is
// being made, and what a coordinator must give before asking for a member's copy or withholding a record.
// Pure functions: the screens (my-data-export.js, coordinator/data-rights-exports.js) and tests use them.

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
  return new Date(value).toLocaleDateString('en-GB', timeZone ? { ...DAY, timeZone } : DAY);
}

/** A copy's state in plain words, for a person or a coordinator. */
export function stateWords(copy, timeZone) {
  switch (copy?.state) {
    case 'pending':
      return 'Being prepared';
    case 'ready':
      return `Ready to download until ${dayWords(copy.expires_at, timeZone)}`;
    case 'expired':
      return 'No longer available';
    case 'failed':
      return 'Could not be made';
    default:
      return '';
  }
}

/** "2 records to review", or nothing when none wait. */
export function reviewCount(n) {
  if (!n) return '';
  return n === 1 ? '1 record to review' : `${n} records to review`;
}

/** The coordinator's form asking for a member's copy: who, and how their identity was checked. */
export function validateMemberCopy(values) {
  const note = (values.identity_note || '').trim();
  return {
    membership_id: !values.membership_id && 'Choose whose data to copy',
    identity_checked: !values.identity_checked && 'Confirm you have checked it is really them asking',
    identity_note: !note
      ? 'Say how you checked it was them, for example "Rang back on the number we hold"'
      : note.length > 300 && 'How you checked must be 300 characters or fewer',
  };
}

/** A decision about one held-back record: nothing chosen for them, and withholding needs a reason. */
export function validateDecision(decision, reason) {
  const text = (reason || '').trim();
  return {
    decision: !['released', 'withheld'].includes(decision) && 'Choose whether to release or withhold this record',
    reason:
      decision === 'withheld' && !text
        ? 'Say why this record is withheld'
        : text.length > 500 && 'The reason must be 500 characters or fewer',
  };
}

/** What happened to a held-back record, in words. */
export function decisionWords(review) {
  if (review.decision === 'released') return 'Released to them';
  if (review.decision === 'withheld') return 'Withheld';
  return 'Waiting for a decision';
}
