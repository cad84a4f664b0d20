"""Coordinated family work behind strict access and an audit log (issue 6)."""
