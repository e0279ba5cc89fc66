"""Who looked (issue 15): the organisation's audit log for coordinators, and a person's own access log."""
