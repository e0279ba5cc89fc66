// When a pair checks in, without the DOM: the plan in words and the form's own checks (tested in node).
// One way of writing times everywhere (issue 11): the GOV.UK "7pm", "10:30am", "midday", in the
// box as in the sentences; the box also takes "19:00". Zones in plain words: "UK time".

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const DAY_WORDS = Object.fromEntries(WEEKDAYS.map((name, day) => [day, name]));

/** "19:00" → "7pm", "10:30" → "10:30am", "12:00" → "midday", "00:00" → "midnight". */
export function clockInWords(localTime) {
  const found = /^(\d{1,2}):(\d{2})/.exec(localTime || '');
  if (!found) return localTime || '';
  const hour = Number(found[1]) % 24;
  const minute = found[2] === '00' ? '' : `:${found[2]}`;
  if (!minute && hour === 0) return 'midnight';
  if (!minute && hour === 12) return 'midday';
  return `${hour % 12 || 12}${minute}${hour < 12 ? 'am' : 'pm'}`;
}

/** What someone typed ("7pm", "7.30 pm", "10:30am", "19:00", "midday") as "HH:MM", or null. */
export function parseClock(text) {
  const value = (text || '').trim().toLowerCase().replace(/\s+/g, '');
  if (value === 'midday' || value === 'noon') return '12:00';
  if (value === 'midnight') return '00:00';
  const found = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(value);
  if (!found) return null;
  let hour = Number(found[1]);
  const minute = found[2] === undefined ? 0 : Number(found[2]);
  const half = found[3];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23 || found[2] === undefined) {
    return null; // "7" alone: morning or evening? Ask.
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A time zone in plain words: "UK time", "New York time". */
export function zoneInWords(timeZone) {
  if (!timeZone || timeZone === 'Europe/London' || timeZone === 'GB') return 'UK time';
  return `${timeZone.split('/').pop().replace(/_/g, ' ')} time`;
}

/** The plan in words: "Every week on Tuesday and Friday at 7pm, UK time". */
export function planInWords(plan) {
  if (!plan) return '';
  const days = plan.weekdays.map((day) => WEEKDAYS[day]);
  const list = days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}` : days[0];
  const every = plan.frequency === 'fortnightly' ? 'Every other week' : 'Every week';
  return `${every} on ${list} at ${clockInWords(plan.local_time)}, ${zoneInWords(plan.time_zone)}`;
}

/**
 * The hint under the time box, for whoever is reading: the carer reads "your time"; the buddy or a
 * coordinator reads whose time it is ("Sam's time"), each with the zone in plain words.
 */
export function timeHint({ viewerIsCarer, carerName, timeZone }) {
  const whose = viewerIsCarer ? 'Your time' : `${carerName ? `${carerName}'s` : "The carer's"} time`;
  return `${whose} (${zoneInWords(timeZone)}), for example 7pm or 10:30am`;
}

/** Check the form before sending; messages name what to do. */
export function validatePlan(values) {
  return {
    frequency: !values.frequency && 'Choose how often to check in',
    weekdays: values.weekdays.length === 0 && 'Choose at least one day',
    local_time: !parseClock(values.local_time) && 'Enter a time, like 7pm or 10:30am',
  };
}
