"""Volunteer hours (issue 16): time buddies log, and answered check-ins and replies counted automatically."""
