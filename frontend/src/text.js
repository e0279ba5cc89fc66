// Small text helpers every screen shares (kept apart from the vocabularies, so the shell stays small).

/** "Helen Wright" → "Helen"; an empty name stays empty. */
export const firstName = (name) => (name || '').trim().split(/\s+/)[0] || '';
