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
  WELLBEING_WORDS,
} from '../../generated/vocabulary.js';
import { formatDate, formatList, t } from '../../i18n.js';
import { firstName } from '../../text.js';
import { wishesInWords } from '../shared/profile-logic.js';

/**
 * How a carer has been, from GET …/carers/{id}/wellbeing: "How Alex Turner has been: first check-in
 * finding it hard (3 December 2025), latest doing okay (10 February 2026)"; with one answer so far, that
 * one; null until they have answered a check-in with a score. Coordinators only (never a report or CSV).
 */
export function wellbeingOverTime(found, name) {
  const { first, latest } = found || {};
  if (!found?.answers || !first || !latest) return null;
  const words = (answer) => answer.wellbeing_words || WELLBEING_WORDS[answer.wellbeing] || '';
  const day = (answer) => formatDate(answer.answered_at, { day: 'numeric', month: 'long', year: 'numeric' });
  if (first.checkin_id === latest.checkin_id) {
    return t('coordinator.carer.wellbeingOnce', { name, words: words(first), date: day(first) });
  }
  return t('coordinator.carer.wellbeingOverTime', {
    name,
    first: words(first),
    firstDate: day(first),
    latest: words(latest),
    latestDate: day(latest),
  });
}

/** "Joined today", "1 day", "64 days". */
export function waitWords(days) {
  if (!days || days < 1) return t('coordinator.wait.today');
  return t('coordinator.wait.days', { count: days });
}

/** "3 carers", "1 carer": a count with its noun (English only: the screens use plural messages). */
export function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function ago(value, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - new Date(value).getTime()) / 60000));
  if (minutes < 1) return t('coordinator.ago.justNow');
  if (minutes < 60) return t('coordinator.ago.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('coordinator.ago.hours', { count: hours });
  return t('coordinator.ago.days', { count: Math.floor(hours / 24) });
}

/** "14:05 on 3 March 2025" in the coordinator's own time zone. */
export function timeAndDate(value) {
  if (!value) return '';
  const at = new Date(value);
  const time = formatDate(at, { hour: '2-digit', minute: '2-digit' });
  const day = formatDate(at, { day: 'numeric', month: 'long', year: 'numeric' });
  return t('coordinator.time.atOn', { time, day });
}

/**
 * The carer said they asked for help by mistake (issue 10): the alert stays open, and the words ask
 * the coordinator to check all the same. "Sam says this was pressed by mistake at 10:05 on … — please still check."
 */
export function mistakeWords(name, alert) {
  if (!alert?.mistake_reported_at) return '';
  const who = firstName(name) || t('coordinator.mistake.theCarer');
  const when = timeAndDate(alert.mistake_reported_at);
  return alert.status === 'open' ? t('coordinator.mistake.open', { who, when }) : t('coordinator.mistake.closed', { who, when });
}

/** What an attention item is about, in a sentence that names the people. */
export function attentionWords(item) {
  const carer = firstName(item.carer_name);
  const buddy = firstName(item.buddy_name);
  if (item.reason === 'missed') return t('coordinator.attention.missed', { carer });
  if (item.reason === 'unreachable') return t('coordinator.attention.unreachable', { carer });
  if (item.reason === 'tell_coordinator') return t('coordinator.attention.noReply', { carer, buddy });
  if (isAsk(item)) {
    const who = item.asked_by === 'buddy' ? buddy : carer;
    if (item.reason === 'asked_for_break') return t('coordinator.attention.askedForBreak', { who, carer, buddy });
    return item.asked_by === 'buddy'
      ? t('coordinator.attention.buddyAskedDifferent', { carer, buddy })
      : t('coordinator.attention.carerAskedDifferent', { carer, buddy });
  }
  return t('coordinator.attention.lowScores', { carer });
}

/** {key → message id} as an object whose values are the messages in the current language (getters). */
function translated(ids) {
  const words = {};
  for (const [key, id] of Object.entries(ids)) Object.defineProperty(words, key, { get: () => t(id), enumerable: true });
  return Object.freeze(words);
}

export const ATTENTION_TITLES = translated({
  missed: 'coordinator.attentionTitle.missed',
  tell_coordinator: 'coordinator.attentionTitle.noReply',
  low_score_review: 'coordinator.attentionTitle.lowScores',
  asked_for_break: 'coordinator.attentionTitle.askedForBreak',
  asked_for_different_buddy: 'coordinator.attentionTitle.askedForDifferent',
  unreachable: 'coordinator.attentionTitle.unreachable',
});

/** An ask for a break or a different buddy (issue 10 §3), rather than something about a check-in. */
export function isAsk(item) {
  return item.reason === 'asked_for_break' || item.reason === 'asked_for_different_buddy';
}

/** Where a crisis alert came from, for the coordinator deciding what to do. */
export const ALERT_SOURCES = translated({
  checkin: 'coordinator.alertSource.checkin',
  checkin_refused: 'coordinator.alertSource.checkinRefused',
  help_button: 'coordinator.alertSource.helpButton',
});

/** What each rung of the ladder did, naming the people: "Sam was reminded". */
export function ladderStepWords(step, item) {
  const carer = firstName(item.carer_name);
  const buddy = firstName(item.buddy_name);
  const ids = {
    prompt: 'coordinator.ladder.prompt',
    nudge: 'coordinator.ladder.nudge',
    tell_buddy: 'coordinator.ladder.tellBuddy',
    missed: 'coordinator.ladder.missed',
    buddy_reminder: 'coordinator.ladder.buddyReminder',
    tell_coordinator: 'coordinator.ladder.tellCoordinator',
    low_score_review: 'coordinator.ladder.lowScoreReview',
  };
  return ids[step] ? t(ids[step], { carer, buddy }) : step;
}

/** The home card's numbers: open crisis alerts and check-ins needing a coordinator. */
export function attentionSummary(alerts, items, reports = null) {
  const open = (alerts || []).filter((alert) => alert.status === 'open');
  // Reported messages waiting for a look (GET …/message-reports/open-count) count as one thing each.
  const reported = reports?.open || 0;
  const listed = (items || []).length + reported;
  return { alerts: open.length, items: listed, total: open.length + listed };
}

/** How many matches are in each state. */
export function matchCounts(matches) {
  const counts = { proposed: 0, active: 0, paused: 0 };
  for (const match of matches || []) if (match.status in counts) counts[match.status] += 1;
  return counts;
}

export const MATCH_STATES = translated({
  proposed: 'coordinator.matchState.proposed',
  active: 'coordinator.matchState.active',
  paused: 'coordinator.matchState.paused',
  ended: 'coordinator.matchState.ended',
  declined: 'coordinator.matchState.declined',
  withdrawn: 'coordinator.matchState.withdrawn',
});

/** Why a pair ends: [value, label] in the current language. */
export function endReasons() {
  return [
    ['goals_met', t('coordinator.endReason.goalsMet')],
    ['caring_ended', t('coordinator.endReason.caringEnded')],
    ['carer_request', t('coordinator.endReason.carerRequest')],
    ['buddy_request', t('coordinator.endReason.buddyRequest')],
    ['buddy_stepping_down', t('coordinator.endReason.buddySteppingDown')],
    ['not_a_good_fit', t('coordinator.endReason.notAGoodFit')],
    ['lost_contact', t('coordinator.endReason.lostContact')],
    ['moved_away', t('coordinator.endReason.movedAway')],
    ['safeguarding', t('coordinator.endReason.safeguarding')],
    ['other', t('coordinator.endReason.other')],
  ];
}

/** The kinds of safeguarding check: [value, label] in the current language. */
export function checkTypes() {
  return [
    ['dbs_enhanced', t('coordinator.checkType.dbsEnhanced')],
    ['dbs_enhanced_adults_barred', t('coordinator.checkType.dbsEnhancedAdultsBarred')],
    ['dbs_enhanced_children_barred', t('coordinator.checkType.dbsEnhancedChildrenBarred')],
    ['dbs_enhanced_both_barred', t('coordinator.checkType.dbsEnhancedBothBarred')],
    ['dbs_standard', t('coordinator.checkType.dbsStandard')],
    ['dbs_basic', t('coordinator.checkType.dbsBasic')],
    ['pvg_adults', t('coordinator.checkType.pvgAdults')],
    ['pvg_children', t('coordinator.checkType.pvgChildren')],
    ['access_ni_enhanced', t('coordinator.checkType.accessNiEnhanced')],
    ['other', t('coordinator.checkType.other')],
  ];
}

export function checkTypeWords(code) {
  return (checkTypes().find(([value]) => value === code) || [code, code])[1];
}

export const COURSE_STATES = translated({
  complete: 'coordinator.courseState.complete',
  expired: 'coordinator.courseState.expired',
  missing: 'coordinator.courseState.missing',
});


/** "yorkshire_and_humber" → "Yorkshire and humber" for codes without a phrase of their own. */
export function humanise(code) {
  const text = String(code || '').replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function list(codes, words) {
  const named = (codes || []).map((code) => words[code] || humanise(code));
  if (named.length < 2) return named.join('');
  return formatList(named);
}

/** "Mon", "Llun", "pon.": a day's short name in the current language (1 January 2024 was a Monday). */
function shortDay(day) {
  const index = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(day);
  if (index < 0) return DAY_NAME[day] || day;
  return formatDate(new Date(Date.UTC(2024, 0, 1 + index, 12)), { weekday: 'short', timeZone: 'UTC' });
}

function availability(slots) {
  const byDay = new Map();
  for (const slot of slots || []) byDay.set(slot.day, [...(byDay.get(slot.day) || []), slot.part]);
  return [...byDay].map(([day, parts]) => t('coordinator.profile.dayParts', { day: shortDay(day), parts: parts.map((part) => t('coordinator.profile.dayPart', { part })).join(', ') })).join('; ');
}

/** A carer's caring situation as [label, words] rows, leaving out what they did not say. */
export function profileRows(profile) {
  const needs = [...(profile.needs || []).filter((need) => need !== 'mental_health').map((need) => NEED_PHRASE[need] || humanise(need))];
  if ((profile.needs || []).includes('mental_health')) {
    const which = list(profile.mental_health_needs, MENTAL_HEALTH_PHRASE);
    needs.unshift(which ? t('coordinator.profile.mentalHealthWhich', { which }) : NEED_PHRASE.mental_health);
  }
  const languages = list(profile.languages, LANGUAGES);
  const rows = [
    [t('coordinator.profile.caresFor'), list(profile.relationships, CARED_FOR_PHRASE)],
    [t('coordinator.profile.needs'), profile.needs_shared === false ? t('coordinator.profile.notShared') : needs.join(', ')],
    [t('coordinator.profile.livesWith'), profile.co_resident ? t('coordinator.profile.yes') : t('coordinator.profile.no')],
    [t('coordinator.profile.caring'), HOURS_PHRASE[profile.hours_band] || ''],
    [t('coordinator.profile.journey'), JOURNEY_PHRASE[profile.journey_stage] || ''],
    [
      t('coordinator.profile.yearsCaring'),
      profile.years_caring === 0
        ? t('coordinator.profile.lessThanAYear')
        : profile.years_caring == null
          ? ''
          : t('coordinator.profile.years', { count: profile.years_caring }),
    ],
    [t('coordinator.profile.languages'), profile.interpreter_needed ? t('coordinator.profile.needsInterpreter', { languages }) : languages],
    [t('coordinator.profile.area'), profile.postcode_district || REGION_LABEL[profile.region] || humanise(profile.region || '')],
    [t('coordinator.profile.contact'), list(profile.contact_modes, CONTACT_PHRASE)],
    [t('coordinator.profile.free'), availability(profile.availability)],
    [t('coordinator.profile.culture'), list(profile.cultures, CULTURE_LABEL)],
    [t('coordinator.profile.faith'), FAITH_LABEL[profile.faith] || humanise(profile.faith || '')],
    [t('coordinator.profile.wishes'), wishesInWords(profile.preferences, profile.preferred_language, { whose: 'their' }).join('; ')],
    [t('coordinator.profile.helpWith'), list(profile.help_with, HELP_PHRASE)],
    [t('coordinator.profile.inTheirWords'), profile.help_note || ''],
  ];
  if (profile.under_18) rows.unshift([t('coordinator.profile.age'), t('coordinator.profile.under18')]);
  return rows.filter(([, words]) => words).map(([label, words]) => [label, words.charAt(0).toUpperCase() + words.slice(1)]);
}

// --- a buddy's load after a draft, and a check running out (issue 11) --------------------------------

/** "26 December" (with the year when it isn't this year's). */
export function dayInWords(isoDate, today = new Date()) {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const sameYear = date.getUTCFullYear() === today.getFullYear();
  return formatDate(date, { day: 'numeric', month: 'long', year: sameYear ? undefined : 'numeric', timeZone: 'UTC' });
}

/**
 * "Check runs out on 26 December" for a buddy whose safeguarding check runs out within the
 * organisation's warning window (the server says so: ``recheck_soon``), "Check ran out on …" once
 * past; null otherwise.
 */
export function checkRunsOut(buddy, today = new Date()) {
  if (!buddy?.recheck_soon || !buddy.recheck_due) return null;
  const todayIso = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  const day = dayInWords(buddy.recheck_due, today);
  return buddy.recheck_due < todayIso ? t('coordinator.check.ranOut', { day }) : t('coordinator.check.runsOut', { day });
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
  const values = { taken: load.taken, capacity: load.capacity };
  return load.taken >= load.capacity ? t('coordinator.load.afterFull', values) : t('coordinator.load.after', values);
}

/** "10:01": a time of day in ``timeZone`` (the organisation's, from the alert), 24-hour clock. */
export function clockTime(value, timeZone) {
  if (!value) return '';
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return formatDate(new Date(value), { ...options, timeZone: timeZone || undefined });
  } catch {
    return formatDate(new Date(value), options); // an unknown zone: the phone's own
  }
}

/**
 * Who an escalation reaches, as a message's values: ``target`` "leadNamed" ("the safeguarding lead (Priya
 * Shah)"), "lead" or "everyone" ("every coordinator"), ``lead`` the lead's name.
 */
function escalationTarget(alert) {
  if (alert.escalates_to === 'safeguarding_lead') {
    return alert.safeguarding_lead_name ? { target: 'leadNamed', lead: alert.safeguarding_lead_name } : { target: 'lead', lead: '' };
  }
  return { target: 'everyone', lead: '' };
}

/**
 * When and to whom an alert escalates (issue 13), in the organisation's time: "Goes to the safeguarding
 * lead (Priya Shah) at 10:01 if nobody acknowledges it", "Went to every coordinator at 10:01"; nothing
 * once acknowledged (it no longer goes anywhere, so it is no longer said).
 */
export function escalationWords(alert) {
  if (!alert || alert.status !== 'open' || !alert.escalates_to) return '';
  if (alert.escalated_at) return t('coordinator.escalation.went', { ...escalationTarget(alert), time: clockTime(alert.escalated_at, alert.time_zone) });
  return t('coordinator.escalation.goes', { ...escalationTarget(alert), time: clockTime(alert.escalate_at, alert.time_zone) });
}

/**
 * An alert in a list: "Sam needs help now" while open; once acknowledged, what happened instead of what
 * was true then: "Sam asked for help — acknowledged by Morgan at 10:04".
 */
export function alertTitle(name, alert) {
  // The full name: a list may hold two carers called Sam.
  const who = name;
  if (alert.status === 'open') return t('coordinator.alert.needsHelp', { who });
  const by = firstName(alert.acknowledged_by_name || '') || t('coordinator.alert.aCoordinator');
  return t('coordinator.alert.acknowledged', { who, by, time: clockTime(alert.acknowledged_at, alert.time_zone) });
}

/** "in 12 minutes", "in 1 minute", "now": how long until ``value`` (an escalation), for the home block. */
export function untilWords(value, now = Date.now()) {
  const minutes = Math.ceil((new Date(value).getTime() - now) / 60000);
  if (minutes <= 0) return t('coordinator.until.now');
  if (minutes < 60) return t('coordinator.until.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  return t('coordinator.until.hours', { count: hours });
}

/**
 * The line under each open alert on the coordinator's home: when it escalates, or that it already has.
 * "Goes to the safeguarding lead in 12 minutes (10:01)"; "Sent to every coordinator at 10:01".
 */
export function escalationSoon(alert, now = Date.now()) {
  if (!alert || alert.status !== 'open' || !alert.escalates_to) return '';
  if (alert.escalated_at) return t('coordinator.escalation.sent', { ...escalationTarget(alert), time: clockTime(alert.escalated_at, alert.time_zone) });
  return t('coordinator.escalation.goesIn', {
    ...escalationTarget(alert),
    until: untilWords(alert.escalate_at, now),
    time: clockTime(alert.escalate_at, alert.time_zone),
  });
}
