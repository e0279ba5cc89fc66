"""The append-only audit log: who viewed or changed whose record, and when."""
