"""Messages between a carer and their buddy, with the boundaries peer support needs (issue 18)."""
