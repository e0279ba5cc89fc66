// "I'd like to talk something through" (issue 13) in words: how soon, the checks of the form, and where
// each ask stands ("Morgan took this up on Tuesday 3 March at 14:05"). Pure functions (tested in node).
import { formatNumber, t } from '../../i18n.js';
import { firstName } from '../../text.js';
import { formatDateTime } from './logic.js';

export const NOTE_LIMIT = 2000;

/** How soon, as the form offers it (a function: the words load after this module). */
export function urgencyOptions() {
  return [
    { value: 'today', label: t('buddy.talk.today') },
    { value: 'this_week', label: t('buddy.talk.thisWeek') },
    { value: 'whenever', label: t('buddy.talk.whenever') },
  ];
}

/** "Today if possible", "This week", "Whenever suits". */
export function urgencyWords(urgency) {
  const options = urgencyOptions();
  return (options.find((option) => option.value === urgency) || options[2]).label;
}

/** A supervision session's kind in words ("Supervision", "Group supervision", "Debrief"). */
export function sessionName(kind) {
  switch (kind) {
    case 'supervision':
      return t('buddy.talk.supervision');
    case 'group_supervision':
      return t('buddy.talk.groupSupervision');
    case 'debrief':
      return t('buddy.talk.debrief');
    default:
      return kind;
  }
}

/** The form's checks: {field: message} for what is wrong. */
export function validateTalk({ urgency, note }) {
  return {
    urgency: !urgency && t('buddy.talk.chooseUrgency'),
    note: (note || '').length > NOTE_LIMIT && t('buddy.talk.noteTooLong', { limit: formatNumber(NOTE_LIMIT) }),
  };
}

/** Where an ask stands, in a sentence: waiting, or who took it up and when (in this phone's time). */
export function talkStatus(request, { zone } = {}) {
  if (!request) return '';
  if (!request.taken_up_at) return t('buddy.talk.waitingStatus');
  const who = firstName(request.taken_up_by_name) || t('buddy.talk.aCoordinator');
  return t('buddy.talk.takenUp', { who, when: formatDateTime(request.taken_up_at, { zone }) });
}

/** What home says about the latest ask: when I asked and that someone will be in touch, or who took it up. */
export function homeWords(request, { zone } = {}) {
  if (!request) return '';
  if (request.taken_up_at) return talkStatus(request, { zone });
  return t('buddy.talk.asked', { when: formatDateTime(request.asked_at, { zone }) });
}

/** The ask home shows: the latest one still open, else one taken up in the last 14 days, else none. */
export function latestToShow(requests, now = Date.now()) {
  const list = requests || [];
  const open = list.find((r) => !r.taken_up_at);
  if (open) return open;
  const recent = list.find((r) => r.taken_up_at && now - Date.parse(r.taken_up_at) < 14 * 86400000);
  return recent || null;
}
