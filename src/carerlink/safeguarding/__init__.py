"""Safeguarding: crisis alerts from "I need help now", their acknowledgement and escalation."""
