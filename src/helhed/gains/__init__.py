"""Gains calculations and the inspiration catalogue in the app (issue 7). The model is helhed.domain.gains."""
