"""Erasure that keeps what safeguarding must keep (issue 15): asked for, confirmed, anonymised."""
