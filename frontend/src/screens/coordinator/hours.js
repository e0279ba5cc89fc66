// Volunteer hours for coordinators (issue 16): hours per buddy.

/** Routes of this screen: {path, screen, access}. */
export const HOURS_ROUTES = [];
