"""Matching: scoring, explanations, suggestions, waiting-list proposals and the match lifecycle."""
