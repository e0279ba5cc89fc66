"""Check-ins: recurring plans per pair, answers, replies, the escalation ladder and the crisis path."""
