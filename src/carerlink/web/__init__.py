"""HTTP plumbing with no business rules: who is calling, transactions, errors, headers, static files."""
