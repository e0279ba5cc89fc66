// The words and links of the undelivered e-mails section (mail-refusals.js), kept apart so node tests them.

import { t } from '../../i18n.js';

// The outbox's categories: a notification kind's name, or one of the mails accounts and invitations send.
const KINDS = {
  checkin_due: 'coordinator.mailKind.checkinDue',
  checkin_nudge: 'coordinator.mailKind.checkinNudge',
  carer_buddy_replied: 'coordinator.mailKind.buddyReplied',
  carer_buddy_on_break: 'coordinator.mailKind.buddyOnBreak',
  buddy_new_answer: 'coordinator.mailKind.newAnswer',
  buddy_carer_quiet: 'coordinator.mailKind.carerQuiet',
  buddy_reply_reminder: 'coordinator.mailKind.replyReminder',
  buddy_carer_asked_for_help: 'coordinator.mailKind.askedForHelp',
  buddy_carer_help_handled: 'coordinator.mailKind.helpHandled',
  match_proposed: 'coordinator.mailKind.matchProposed',
  match_accepted: 'coordinator.mailKind.matchAccepted',
  match_ended: 'coordinator.mailKind.matchEnded',
  coordinator_crisis_alert: 'coordinator.mailKind.crisisAlert',
  coordinator_crisis_unacknowledged: 'coordinator.mailKind.crisisUnacknowledged',
  coordinator_escalation: 'coordinator.mailKind.escalation',
  invitation: 'coordinator.mailKind.invitation',
  'password-reset': 'coordinator.mailKind.passwordReset',
};

/** "Check-in reminder", or the category made readable ("recheck_due" → "Recheck due"). */
export function mailKindWords(category) {
  if (KINDS[category]) return t(KINDS[category]);
  if (!category) return t('coordinator.mailKind.email');
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
