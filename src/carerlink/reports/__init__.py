"""Reports for funders and the council (issue 16).

A summary of a period in JSON and CSV, small numbers suppressed, and row-level CSV exports of the
centre's own case records. Reads every domain; owns no table.
"""
