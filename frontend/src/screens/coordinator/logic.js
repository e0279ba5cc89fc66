// The coordinator screens' words: how long someone has waited, what needs attention and why, a carer's
// caring situation in plain English (the server's in-sentence words, as in an introduction:
// src/generated/vocabulary.js), and the names of states. Pure functions (tested in node).
import {
  CARED_FOR_PHRASE,
  CONTACT_PHRASE,
  CULTURE_LABEL,
  DAY_NAME,
  FAITH_LABEL,
  HELP_PHRASE,
  HOURS_PHRASE,
  JOURNEY_PHRASE,
  LANGUAGES,
  MENTAL_HEALTH_PHRASE,
  NEED_PHRASE,
  REGION_LABEL,
} from '../../generated/vocabulary.js';
import { firstName } from '../../text.js';
import { wishesInWords } from '../shared/profile-logic.js';

/** "Joined today", "1 day", "64 days". */
export function waitWords(days) {
  if (!days || days < 1) return 'Joined today';
  return days === 1 ? '1 day' : `${days} days`;
}

/** "3 carers", "1 carer": a count with its noun. */
export function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function ago(value, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - new Date(value).getTime()) / 60000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${count(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${count(hours, 'hour')} ago`;
  return `${count(Math.floor(hours / 24), 'day')} ago`;
}

/** "14:05 on 3 March 2025" in the coordinator's own time zone. */
export function timeAndDate(value) {
  if (!value) return '';
  const at = new Date(value);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const day = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return `${time} on ${day}`;
}

/**
 * The carer said they asked for help by mistake (issue 10): the alert stays open, and the words ask
 * the coordinator to check all the same. "Sam says this was pressed by mistake at 10:05 on … — please still check."
 */
export function mistakeWords(name, alert) {
  if (!alert?.mistake_reported_at) return '';
  const who = firstName(name) || 'The carer';
  const said = `${who} says this was pressed by mistake at ${timeAndDate(alert.mistake_reported_at)}`;
  return alert.status === 'open' ? `${said} — please still check they're okay.` : `${said}.`;
}

/** What an attention item is about, in a sentence that names the people. */
export function attentionWords(item) {
  const carer = firstName(item.carer_name);
  const buddy = firstName(item.buddy_name);
  if (item.reason === 'missed') return `${carer} hasn't answered a check-in.`;
  if (item.reason === 'unreachable') return `Reminders can't reach ${carer} at the moment.`;
  if (item.reason === 'tell_coordinator') return `${buddy} hasn't replied to ${carer}'s check-in.`;
  if (isAsk(item)) {
    const who = item.asked_by === 'buddy' ? buddy : carer;
    if (item.reason === 'asked_for_break') return `${who} asked for a break from the match between ${carer} and ${buddy}.`;
    return item.asked_by === 'buddy'
      ? `${buddy} asked the centre to find ${carer} a different buddy.`
      : `${carer} asked for a different buddy instead of ${buddy}.`;
  }
  return `${carer} has given several low scores in a row. Please review how things are going.`;
}

export const ATTENTION_TITLES = {
  missed: 'Missed check-in',
  tell_coordinator: 'No reply from the buddy',
  low_score_review: 'Low scores in a row',
  asked_for_break: 'Asked for a break',
  asked_for_different_buddy: 'Asked for a different buddy',
  unreachable: 'Nobody can reach them',
};

/** An ask for a break or a different buddy (issue 10 §3), rather than something about a check-in. */
export function isAsk(item) {
  return item.reason === 'asked_for_break' || item.reason === 'asked_for_different_buddy';
}

/** Where a crisis alert came from, for the coordinator deciding what to do. */
export const ALERT_SOURCES = {
  checkin: 'On a check-in answer',
  checkin_refused: "On a check-in answer sent after the check-in had closed (the answer wasn't kept, the call for help was)",
  help_button: 'The “I need help now” button',
};

/** What each rung of the ladder did, naming the people: "Sam was reminded". */
export function ladderStepWords(step, item) {
  const carer = firstName(item.carer_name);
  const buddy = firstName(item.buddy_name);
  const words = {
    prompt: `${carer} was asked how things are`,
    nudge: `${carer} was gently reminded`,
    tell_buddy: `${buddy} was told ${carer} hasn't answered`,
    missed: 'Marked as missed',
    buddy_reminder: `${buddy} was reminded to reply`,
    tell_coordinator: 'Coordinators were told',
    low_score_review: 'Flagged for a review of low scores',
  };
  return words[step] || step;
}

/** The home card's numbers: open crisis alerts and check-ins needing a coordinator. */
export function attentionSummary(alerts, items) {
  const open = (alerts || []).filter((alert) => alert.status === 'open');
  return { alerts: open.length, items: (items || []).length, total: open.length + (items || []).length };
}

/** How many matches are in each state. */
export function matchCounts(matches) {
  const counts = { proposed: 0, active: 0, paused: 0 };
  for (const match of matches || []) if (match.status in counts) counts[match.status] += 1;
  return counts;
}

export const MATCH_STATES = {
  proposed: 'Waiting for both to say yes',
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const DECISIONS = { accepted: 'said yes', declined: 'said no' };

export const END_REASONS = [
  ['goals_met', 'They got what they needed from it'],
  ['caring_ended', 'The caring role has ended'],
  ['carer_request', 'The carer asked to end it'],
  ['buddy_request', 'The buddy asked to end it'],
  ['buddy_stepping_down', 'The buddy is stepping down'],
  ['not_a_good_fit', "It wasn't a good fit"],
  ['lost_contact', 'We lost contact'],
  ['moved_away', 'Someone moved away'],
  ['safeguarding', 'A safeguarding reason'],
  ['other', 'Something else'],
];

export const CHECK_TYPES = [
  ['dbs_enhanced', 'DBS enhanced'],
  ['dbs_enhanced_adults_barred', "DBS enhanced with the adults' barred list"],
  ['dbs_enhanced_children_barred', "DBS enhanced with the children's barred list"],
  ['dbs_enhanced_both_barred', 'DBS enhanced with both barred lists'],
  ['dbs_standard', 'DBS standard'],
  ['dbs_basic', 'DBS basic'],
  ['pvg_adults', 'PVG (adults)'],
  ['pvg_children', 'PVG (children)'],
  ['access_ni_enhanced', 'AccessNI enhanced'],
  ['other', 'Another kind of check'],
];

export function checkTypeWords(code) {
  return (CHECK_TYPES.find(([value]) => value === code) || [code, code])[1];
}

export const COURSE_STATES = { complete: 'Done', expired: 'Out of date', missing: 'Not done' };


/** "yorkshire_and_humber" → "Yorkshire and humber" for codes without a phrase of their own. */
export function humanise(code) {
  const text = String(code || '').replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function list(codes, words) {
  const named = (codes || []).map((code) => words[code] || humanise(code));
  if (named.length < 2) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

function availability(slots) {
  const byDay = new Map();
  for (const slot of slots || []) byDay.set(slot.day, [...(byDay.get(slot.day) || []), slot.part]);
  return [...byDay].map(([day, parts]) => `${DAY_NAME[day]?.slice(0, 3) || day} ${parts.join(', ')}`).join('; ');
}

/** A carer's caring situation as [label, words] rows, leaving out what they did not say. */
export function profileRows(profile) {
  const needs = [...(profile.needs || []).filter((need) => need !== 'mental_health').map((need) => NEED_PHRASE[need] || humanise(need))];
  if ((profile.needs || []).includes('mental_health')) {
    const which = list(profile.mental_health_needs, MENTAL_HEALTH_PHRASE);
    needs.unshift(which ? `a mental health condition (${which})` : NEED_PHRASE.mental_health);
  }
  const languages = list(profile.languages, LANGUAGES);
  const rows = [
    ['Cares for', list(profile.relationships, CARED_FOR_PHRASE)],
    ['Their needs', profile.needs_shared === false ? 'Not shared' : needs.join(', ')],
    ['Lives with them', profile.co_resident ? 'Yes' : 'No'],
    ['Caring', HOURS_PHRASE[profile.hours_band] || ''],
    ['Where they are', JOURNEY_PHRASE[profile.journey_stage] || ''],
    ['Years caring', profile.years_caring === 0 ? 'Less than a year' : count(profile.years_caring, 'year')],
    ['Languages', profile.interpreter_needed ? `${languages} (needs an interpreter)` : languages],
    ['Area', profile.postcode_district || REGION_LABEL[profile.region] || humanise(profile.region || '')],
    ['Keeps in touch by', list(profile.contact_modes, CONTACT_PHRASE)],
    ['Free', availability(profile.availability)],
    ['Culture', list(profile.cultures, CULTURE_LABEL)],
    ['Faith', FAITH_LABEL[profile.faith] || humanise(profile.faith || '')],
    ['Wishes for a buddy', wishesInWords(profile.preferences, profile.preferred_language, { whose: 'their' }).join('; ')],
    ['Would like help with', list(profile.help_with, HELP_PHRASE)],
    ['In their words', profile.help_note || ''],
  ];
  if (profile.under_18) rows.unshift(['Age', 'Under 18 (young carer)']);
  return rows.filter(([, words]) => words).map(([label, words]) => [label, words.charAt(0).toUpperCase() + words.slice(1)]);
}

// --- a buddy's load after a draft, and a check running out (issue 11) --------------------------------

/** "26 December" (with the year when it isn't this year's). */
export function dayInWords(isoDate, today = new Date()) {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const sameYear = date.getUTCFullYear() === today.getFullYear();
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: sameYear ? undefined : 'numeric', timeZone: 'UTC' });
}

/**
 * "Check runs out on 26 December" for a buddy whose safeguarding check runs out within the
 * organisation's warning window (the server says so: ``recheck_soon``), "Check ran out on …" once
 * past; null otherwise.
 */
export function checkRunsOut(buddy, today = new Date()) {
  if (!buddy?.recheck_soon || !buddy.recheck_due) return null;
  const todayIso = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  const verb = buddy.recheck_due < todayIso ? 'ran' : 'runs';
  return `Check ${verb} out on ${dayInWords(buddy.recheck_due, today)}`;
}

/**
 * Each buddy's places after a draft is confirmed: {membership_id → {taken, capacity}}, counting the
 * pairs of the draft on top of the places already taken (so one buddy reads the same everywhere).
 */
export function loadAfterDraft(items, buddies) {
  const byId = new Map((buddies || []).map((buddy) => [buddy.membership_id, buddy]));
  const after = {};
  for (const item of items || []) {
    const id = item.buddy.membership_id;
    const buddy = byId.get(id);
    after[id] ??= { taken: buddy ? buddy.places_taken : 0, capacity: buddy ? buddy.capacity : null };
    after[id].taken += 1;
  }
  return after;
}

/** "2 of 2 places taken after these proposals". */
export function loadAfterWords(load) {
  if (!load || !load.capacity) return null;
  const full = load.taken >= load.capacity ? ' (full)' : '';
  return `${load.taken} of ${load.capacity} places taken after these proposals${full}`;
}

/** "10:01": a time of day in ``timeZone`` (the organisation's, from the alert), 24-hour clock. */
export function clockTime(value, timeZone) {
  if (!value) return '';
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Date(value).toLocaleTimeString('en-GB', { ...options, timeZone: timeZone || undefined });
  } catch {
    return new Date(value).toLocaleTimeString('en-GB', options); // an unknown zone: the phone's own
  }
}

/** Who an escalation reaches, in words: "the safeguarding lead (Priya Shah)" or "every coordinator". */
function escalationTarget(alert) {
  if (alert.escalates_to === 'safeguarding_lead') {
    return alert.safeguarding_lead_name ? `the safeguarding lead (${alert.safeguarding_lead_name})` : 'the safeguarding lead';
  }
  return 'every coordinator';
}

/**
 * When and to whom an alert escalates (issue 13), in the organisation's time: "Goes to the safeguarding
 * lead (Priya Shah) at 10:01 if nobody acknowledges it", "Went to every coordinator at 10:01"; nothing
 * once acknowledged (it no longer goes anywhere, so it is no longer said).
 */
export function escalationWords(alert) {
  if (!alert || alert.status !== 'open' || !alert.escalates_to) return '';
  if (alert.escalated_at) return `Went to ${escalationTarget(alert)} at ${clockTime(alert.escalated_at, alert.time_zone)}`;
  return `Goes to ${escalationTarget(alert)} at ${clockTime(alert.escalate_at, alert.time_zone)} if nobody acknowledges it`;
}

/**
 * An alert in a list: "Sam needs help now" while open; once acknowledged, what happened instead of what
 * was true then: "Sam asked for help — acknowledged by Morgan at 10:04".
 */
export function alertTitle(name, alert) {
  // The full name: a list may hold two carers called Sam.
  const who = name;
  if (alert.status === 'open') return `${who} needs help now`;
  const by = firstName(alert.acknowledged_by_name || '') || 'a coordinator';
  return `${who} asked for help — acknowledged by ${by} at ${clockTime(alert.acknowledged_at, alert.time_zone)}`;
}

/** "in 12 minutes", "in 1 minute", "now": how long until ``value`` (an escalation), for the home block. */
export function untilWords(value, now = Date.now()) {
  const minutes = Math.ceil((new Date(value).getTime() - now) / 60000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${count(minutes, 'minute')}`;
  const hours = Math.floor(minutes / 60);
  return `in ${count(hours, 'hour')}`;
}

/**
 * The line under each open alert on the coordinator's home: when it escalates, or that it already has.
 * "Goes to the safeguarding lead in 12 minutes (10:01)"; "Sent to every coordinator at 10:01".
 */
export function escalationSoon(alert, now = Date.now()) {
  if (!alert || alert.status !== 'open' || !alert.escalates_to) return '';
  if (alert.escalated_at) return `Sent to ${escalationTarget(alert)} at ${clockTime(alert.escalated_at, alert.time_zone)}`;
  return `Goes to ${escalationTarget(alert)} ${untilWords(alert.escalate_at, now)} (${clockTime(alert.escalate_at, alert.time_zone)})`;
}
