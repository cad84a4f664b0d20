"""Goals, targets, the annual review and the status report (issue 5)."""
