"""Bringing existing carers and buddies in from a spreadsheet (issue 16): a dry run, then the import."""
