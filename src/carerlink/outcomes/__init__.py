"""Outcome measures and equality monitoring (issue 16).

Outcome measures are asked of carers at the start, after 3 and after 6 months; equality monitoring is
optional, with its own consent. Both are reported only in aggregate, small numbers suppressed.
"""
