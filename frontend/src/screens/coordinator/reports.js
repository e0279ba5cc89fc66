// Reports for funders (issue 16): the summary of a period with charts (loaded only here), CSV downloads.

/** Routes of this screen: {path, screen, access}. */
export const REPORT_ROUTES = [];
