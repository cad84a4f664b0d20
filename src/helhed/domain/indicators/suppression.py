"""Suppression (diskretionering) of values computed from too few people.

The rule, per definition (`min_numerator`, `min_denominator`, default 5 and 5):

    suppressed  ⇔  numerator < min_numerator  or  denominator < min_denominator

applied to the numerator and denominator written on the result row — for a two-year average the
two years' summed counts, for a comparison (ratio to the country, % of the region) the unit's own
counts. A threshold of None is not checked (a mean's numerator is kroner or marks, not people).
Zero counts are suppressed too: "0 of 3 children" says something about every one of them.
A row whose value cannot be computed (an incomplete two-year window) has no counts and is not
suppressed — there is nothing to hide.

The value stays on the row: suppression marks it, and the presentation layer hides marked
values from everyone outside the data owner.

Out of scope, on purpose: protection against differencing (subtracting a published department
from its published area, or one year from a two-year average, to uncover a small group). That
needs a cell-suppression planner across all published tables and is not done here.
"""

from __future__ import annotations

from helhed.domain.indicators.definitions import IndicatorDefinition


def is_suppressed(
    definition: IndicatorDefinition, numerator: float | None, denominator: float | None
) -> bool:
    """The rule above, in Python (used for aggregates and to test the SQL form)."""
    if numerator is None or denominator is None:
        return False
    if definition.min_numerator is not None and numerator < definition.min_numerator:
        return True
    return definition.min_denominator is not None and denominator < definition.min_denominator


def suppressed_sql(definition: IndicatorDefinition, numerator: str, denominator: str) -> str:
    """The same rule as a portable SQL expression over two column expressions."""
    tests = []
    if definition.min_numerator is not None:
        tests.append(f"{numerator} < {definition.min_numerator}")
    if definition.min_denominator is not None:
        tests.append(f"{denominator} < {definition.min_denominator}")
    if not tests:
        return "FALSE"
    below = " OR ".join(tests)
    return f"CASE WHEN {numerator} IS NULL THEN FALSE WHEN {below} THEN TRUE ELSE FALSE END"


def describe_rule(definition: IndicatorDefinition) -> str:
    """The rule for one definition in Danish, for docs/indicators.md."""
    parts = []
    if definition.min_numerator is not None:
        parts.append(f"tælleren er under {definition.min_numerator}")
    if definition.min_denominator is not None:
        parts.append(f"nævneren er under {definition.min_denominator}")
    if not parts:
        return "ingen"
    return "skjules når " + " eller ".join(parts)
