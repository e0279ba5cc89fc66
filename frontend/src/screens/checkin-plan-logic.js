// When a pair checks in, without the DOM: the plan in words and the form's own checks (tested in node).

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const DAY_WORDS = Object.fromEntries(WEEKDAYS.map((name, day) => [day, name]));

/** The plan in words: "Every week on Tuesday and Friday at 19:00 (Europe/London time)". */
export function planInWords(plan) {
  if (!plan) return '';
  const days = plan.weekdays.map((day) => WEEKDAYS[day]);
  const list = days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}` : days[0];
  const every = plan.frequency === 'fortnightly' ? 'Every other week' : 'Every week';
  return `${every} on ${list} at ${plan.local_time} (${plan.time_zone.replace(/_/g, ' ')} time)`;
}

/** Check the form before sending; messages name what to do. */
export function validatePlan(values) {
  return {
    frequency: !values.frequency && 'Choose how often to check in',
    weekdays: values.weekdays.length === 0 && 'Choose at least one day',
    local_time: !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.local_time) && 'Enter a time, like 19:00',
  };
}
