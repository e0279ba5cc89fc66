// Importing carers and buddies from a spreadsheet (issue 16): template, dry run, fixes, confirm.

/** Routes of this screen: {path, screen, access}. */
export const IMPORT_ROUTES = [];
