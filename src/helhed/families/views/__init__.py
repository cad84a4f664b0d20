"""HTML views of the families app: thin — fetch through selectors (404 outside scope), write
through services (audited), log reads through audit. See common.family_view."""
