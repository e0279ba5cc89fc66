// Filling in a carer's or a buddy's profile with them during an assessment (issue 16).

/** Routes of this screen: {path, screen, access}. */
export const PROFILE_ENTRY_ROUTES = [];
