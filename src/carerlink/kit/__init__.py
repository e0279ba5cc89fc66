"""Small helpers that know nothing about carerlink's domains."""
