// The organisation's settings in the app (issue 16), each change shown with who made it and when.

/** Routes of this screen: {path, screen, access}. */
export const SETTINGS_ROUTES = [];
