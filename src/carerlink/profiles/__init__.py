"""Profiles: carer and buddy profiles, buddy screening, availability and the waiting list."""
