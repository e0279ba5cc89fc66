"""Concerns: a buddy (or a coordinator) worried about a carer or the person they care for."""
