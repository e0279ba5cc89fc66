// The words and links of the undelivered e-mails section (mail-refusals.js), kept apart so node tests them.

// The outbox's categories: a notification kind's name, or one of the mails accounts and invitations send.
const KINDS = {
  checkin_due: 'Check-in reminder',
  checkin_nudge: 'Check-in reminder (second)',
  carer_buddy_replied: 'Reply from their buddy',
  carer_buddy_on_break: 'Buddy on a break',
  buddy_new_answer: 'New check-in answer',
  buddy_carer_quiet: 'Carer has gone quiet',
  buddy_reply_reminder: 'Reminder to reply',
  buddy_carer_asked_for_help: 'Carer asked for help',
  buddy_carer_help_handled: 'Help request handled',
  match_proposed: 'New buddy proposed',
  match_accepted: 'Buddy pairing agreed',
  match_ended: 'Buddy pairing ended',
  coordinator_crisis_alert: 'Crisis alert',
  coordinator_crisis_unacknowledged: 'Crisis alert not yet acknowledged',
  coordinator_escalation: 'Missed check-ins',
  invitation: 'Invitation to join',
  'password-reset': 'Password reset',
};

/** "Check-in reminder", or the category made readable ("recheck_due" → "Recheck due"). */
export function mailKindWords(category) {
  if (KINDS[category]) return KINDS[category];
  if (!category) return 'E-mail';
  const words = String(category).replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Where a person's page is: a carer's and a buddy's their own; anyone else, the people list. */
export function personHref(refusal) {
  if (!refusal.membership_id) return null;
  if (refusal.role === 'carer') return `/coordinator/carers/${refusal.membership_id}`;
  if (refusal.role === 'buddy') return `/buddies/${refusal.membership_id}/checks`;
  return '/members';
}
