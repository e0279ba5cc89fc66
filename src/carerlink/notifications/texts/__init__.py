"""Text messages (SMS), issue 14: the outbox, number verification, replies, and the provider adapters.

A provider (Twilio first) is reached only through ``provider.py``'s interface, so another one (Vonage,
GOV.UK Notify) fits without touching any domain. Texts are neutral: a shared phone must reveal nothing.
"""
