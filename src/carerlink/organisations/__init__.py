"""Carers' organisations, memberships and roles, invitations, consents and self-referrals."""
