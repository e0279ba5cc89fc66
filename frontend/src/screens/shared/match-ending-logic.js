// Endings that are handled (issue 10 §3), the words and choices only: why a carer or a buddy ends a
// match, what asking for a break or a different buddy means, and which home cards an ending leaves.
import { t } from '../../i18n.js';
import { firstName } from '../../text.js';

/** The reasons a carer can give, in their words (value: the API's end reason). */
export function carerEndReasons() {
  return [
    { value: 'caring_ended', label: t('shared.ending.reason.caringEnded') },
    { value: 'goals_met', label: t('shared.ending.reason.goalsMet') },
    { value: 'not_a_good_fit', label: t('shared.ending.reason.notAGoodFit') },
    { value: 'moved_away', label: t('shared.ending.reason.movingAway') },
    { value: 'carer_request', label: t('shared.ending.reason.justStop') },
    { value: 'other', label: t('shared.ending.reason.other') },
  ];
}

/** The reasons a buddy can give, naming the carer. */
export function buddyEndReasons(carerName) {
  const name = firstName(carerName) || t('shared.ending.theCarer');
  return [
    { value: 'buddy_stepping_down', label: t('shared.ending.reason.steppingBack') },
    { value: 'buddy_request', label: t('shared.ending.reason.stopSupporting', { name }) },
    { value: 'not_a_good_fit', label: t('shared.ending.reason.notAGoodFit') },
    { value: 'lost_contact', label: t('shared.ending.reason.lostTouch') },
    { value: 'caring_ended', label: t('shared.ending.reason.theirCaringEnded', { name }) },
    { value: 'moved_away', label: t('shared.ending.reason.oneMovingAway') },
    { value: 'other', label: t('shared.ending.reason.other') },
  ];
}

// The words are read when shown (getters), in the language of the moment.
export const REMATCH_OPTIONS = [
  {
    value: 'yes',
    get label() {
      return t('shared.ending.rematchYes');
    },
    get hint() {
      return t('shared.ending.rematchYesHint');
    },
  },
  {
    value: 'no',
    get label() {
      return t('shared.ending.rematchNo');
    },
    get hint() {
      return t('shared.ending.rematchNoHint');
    },
  },
];

/** The end form's body, for the API (wants_rematch only when the carer ends it). */
export function endBody(values, viewer) {
  const body = { reason: values.reason, feedback: (values.feedback || '').trim() };
  if (viewer === 'carer') body.wants_rematch = values.rematch === 'yes';
  return body;
}

/** Field errors of the end form, in plain words. */
export function validateEnd(values, viewer) {
  return {
    reason: !values.reason && t('shared.ending.error.reason'),
    rematch: viewer === 'carer' && !values.rematch && t('shared.ending.error.rematch'),
    feedback: (values.feedback || '').length > 1000 && t('shared.ending.error.feedbackLong'),
  };
}

/** What each ask means, for the person asking (viewer: 'carer' or 'buddy'; other: the other's name). */
export function askWords(kind, viewer, other) {
  const name = firstName(other) || (viewer === 'carer' ? t('shared.ending.yourBuddy') : t('shared.ending.theCarer'));
  if (kind === 'break') {
    return {
      button: t('shared.ending.break.button'),
      question: t('shared.ending.break.question', { name }),
      explain: t('shared.ending.break.explain'),
      confirm: t('shared.ending.break.confirm'),
      done: t('shared.ending.break.done'),
    };
  }
  const carer = viewer === 'carer';
  return {
    button: carer ? t('shared.ending.change.button') : t('shared.ending.change.buttonBuddy', { name }),
    question: carer ? t('shared.ending.change.question') : t('shared.ending.change.questionBuddy', { name }),
    explain: t('shared.ending.change.explain', { name }),
    confirm: carer ? t('shared.ending.change.confirm') : t('shared.ending.change.confirmBuddy'),
    done: carer ? t('shared.ending.change.done') : t('shared.ending.change.doneBuddy', { name }),
  };
}

/**
 * The carer's home card about their last ended match, or null: it asks "Would you like another
 * buddy?" until they answer, and "Tell us how it went" until they do.
 */
export function endedCard(waiting) {
  const last = waiting?.last_ending;
  if (!last) return null;
  const ask = last.wants_rematch === null || last.wants_rematch === undefined;
  const notWaiting = waiting.state === 'ended';
  if (!ask && last.feedback_given && !notWaiting) return null;
  return {
    title: t('shared.ending.title', { name: last.buddy_name || t('shared.ending.yourBuddy') }),
    words: last.ending_words,
    ask,
    askAgain: !ask && notWaiting, // they said no: they can still ask for a buddy
    feedback: !last.feedback_given,
    matchId: last.match_id,
    name: firstName(last.buddy_name) || t('shared.ending.yourBuddy'),
  };
}

/** A buddy's ended matches still waiting for their feedback (as the buddy of each). */
export function endedForFeedback(matches, meId) {
  return (matches || []).filter(
    (m) => m.status === 'ended' && m.buddy.user_id === meId && m.my_feedback_given === false,
  );
}

/**
 * The carer's read-only copies of ended pairs' messages (issue 18), newest first, each once: the last
 * ending their home knows of (``waiting.last_ending``) and the ended matches in ``matches`` where they
 * were the carer. A former buddy has none: their copy ends with the match.
 */
export function endedCopies(waiting, matches, meId) {
  const found = new Map();
  const last = waiting?.last_ending;
  if (last) found.set(last.match_id, { matchId: last.match_id, name: firstName(last.buddy_name) || t('shared.ending.yourBuddy') });
  for (const m of matches || []) {
    if (m.status !== 'ended' || m.carer?.user_id !== meId || found.has(m.id)) continue;
    found.set(m.id, { matchId: m.id, name: firstName(m.buddy.display_name) || t('shared.ending.yourBuddy') });
  }
  return [...found.values()];
}
