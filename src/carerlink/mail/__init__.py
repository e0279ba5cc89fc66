"""Outgoing e-mail: an outbox written in the caller's transaction and delivered by a tick."""
