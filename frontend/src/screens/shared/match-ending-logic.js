// Endings that are handled (issue 10 §3), the words and choices only: why a carer or a buddy ends a
// match, what asking for a break or a different buddy means, and which home cards an ending leaves.
import { firstName } from '../../text.js';

/** The reasons a carer can give, in their words (value: the API's end reason). */
export function carerEndReasons() {
  return [
    { value: 'caring_ended', label: 'My caring has come to an end' },
    { value: 'goals_met', label: "I'm doing well and don't need a buddy now" },
    { value: 'not_a_good_fit', label: "We weren't a good fit" },
    { value: 'moved_away', label: "I'm moving away" },
    { value: 'carer_request', label: "I'd just like to stop" },
    { value: 'other', label: 'Something else' },
  ];
}

/** The reasons a buddy can give, naming the carer. */
export function buddyEndReasons(carerName) {
  const name = firstName(carerName) || 'the carer';
  return [
    { value: 'buddy_stepping_down', label: "I'm stepping back from being a buddy" },
    { value: 'buddy_request', label: `I'd like to stop supporting ${name}` },
    { value: 'not_a_good_fit', label: "We weren't a good fit" },
    { value: 'lost_contact', label: "We've lost touch" },
    { value: 'caring_ended', label: `${name}'s caring has come to an end` },
    { value: 'moved_away', label: 'One of us is moving away' },
    { value: 'other', label: 'Something else' },
  ];
}

export const REMATCH_OPTIONS = [
  { value: 'yes', label: 'Yes, put me back on the waiting list', hint: 'You keep the place you had when you first joined.' },
  { value: 'no', label: 'No, not for now', hint: 'You can ask for a buddy later from your home page.' },
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
    reason: !values.reason && 'Choose why you are ending the match',
    rematch: viewer === 'carer' && !values.rematch && 'Say whether you would like another buddy',
    feedback: (values.feedback || '').length > 1000 && 'What you tell us must be 1,000 characters or fewer',
  };
}

/** What each ask means, for the person asking (viewer: 'carer' or 'buddy'; other: the other's name). */
export function askWords(kind, viewer, other) {
  const name = firstName(other) || (viewer === 'carer' ? 'your buddy' : 'the carer');
  if (kind === 'break') {
    return {
      button: 'Ask for a break',
      question: `Ask the centre for a break from your check-ins with ${name}?`,
      explain: 'A coordinator will be in touch to arrange it with you both. Nothing changes until then.',
      confirm: 'Yes, ask for a break',
      done: 'You asked for a break',
    };
  }
  return {
    button: viewer === 'carer' ? 'Ask for a different buddy' : `Ask the centre to find ${name} a different buddy`,
    question: viewer === 'carer' ? 'Ask the centre for a different buddy?' : `Ask the centre to find ${name} a different buddy?`,
    explain: `A coordinator will be in touch to plan the change, kindly, so nobody is left without support. ${name} isn't told that you asked.`,
    confirm: viewer === 'carer' ? 'Yes, ask for a different buddy' : 'Yes, ask the centre',
    done: viewer === 'carer' ? 'You asked for a different buddy' : `You asked the centre to find ${name} a different buddy`,
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
    title: `Your match with ${last.buddy_name || 'your buddy'} has ended`,
    words: last.ending_words,
    ask,
    askAgain: !ask && notWaiting, // they said no: they can still ask for a buddy
    feedback: !last.feedback_given,
    matchId: last.match_id,
  };
}

/** A buddy's ended matches still waiting for their feedback (as the buddy of each). */
export function endedForFeedback(matches, meId) {
  return (matches || []).filter(
    (m) => m.status === 'ended' && m.buddy.user_id === meId && m.my_feedback_given === false,
  );
}
