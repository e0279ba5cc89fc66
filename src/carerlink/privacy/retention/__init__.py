"""Retention that runs by itself (issue 15): each organisation's schedule, enforced daily in batches."""
