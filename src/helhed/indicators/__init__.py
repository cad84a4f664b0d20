"""Indicator snapshots, aggregate imports and pages (issue 3). The engine is helhed.domain.indicators."""
