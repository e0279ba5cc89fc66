"""People's data rights under UK GDPR (issue 15): a copy of their data, erasure, retention, who looked.

``catalogue.py`` says, for every table, whose data its rows are, what a copy gives the person, what
erasure does and which retention class applies; the export, erasure and retention all read it, and a
test fails when a table is missing from it.
"""
