// Small text helpers every screen shares (kept apart from the vocabularies, so the shell stays small).

/** "Helen Wright" → "Helen"; an empty name stays empty. */
export const firstName = (name) => (name || '').trim().split(/\s+/)[0] || '';

/** "Helen", "Helen and Sam", "Helen, Sam and Ruth": first names joined as people say them. */
export function namesInWords(names, joiner = 'and') {
  const first = [...new Set(names.map(firstName).filter(Boolean))];
  if (first.length < 2) return first.join('');
  return `${first.slice(0, -1).join(', ')} ${joiner} ${first.at(-1)}`;
}

/**
 * What reminders will do for me, said before my phone asks for permission: with my buddy's or my
 * carers' names when I have a live match, and what a coordinator hears about.
 */
export function remindersLead({ roles = [], userId = null, matches = [] } = {}) {
  const live = matches.filter((m) => m.status === 'active');
  const buddies = live.filter((m) => m.carer?.user_id === userId).map((m) => m.buddy?.display_name);
  const carers = live.filter((m) => m.buddy?.user_id === userId).map((m) => m.carer?.display_name);
  if (roles.includes('carer') && buddies.length) {
    const buddy = namesInWords(buddies);
    return `We'll remind you before your check-in with ${buddy}, and tell you when ${buddy} replies.`;
  }
  if (roles.includes('buddy') && carers.length) {
    return `We'll tell you when ${namesInWords(carers, 'or')} answers a check-in, and remind you if an answer is waiting for your reply.`;
  }
  if (roles.includes('coordinator')) {
    return "We'll tell you at once if a carer asks for help, and when a check-in or a reply needs your attention.";
  }
  return "We'll remind you before your check-in with your buddy, and tell you when they reply.";
}
