// Outcome measures and equality monitoring for coordinators (issue 16): which measure the centre uses, its own licensed questions.

/** Routes of this screen: {path, screen, access}. */
export const OUTCOME_ROUTES = [];
