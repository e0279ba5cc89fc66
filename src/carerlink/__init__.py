"""carerlink: the carer buddy service — matching, check-ins, reminders and the safety net around them."""

__version__ = "0.1.0"
