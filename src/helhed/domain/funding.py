"""Budget versus funding of a helhedsplan (pure).

Landsbyggefonden pays its share (normally 75 %) of the plan's budget; the housing organisations and
the municipality pay the rest locally. External grants come on top. The LBF amount is rounded to
whole øre (half up) and the local share is the remainder, so the two always add up to the budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")


@dataclass(frozen=True)
class FundingRow:
    year: int | None  # None for the total row
    budget: Decimal
    lbf: Decimal
    local: Decimal
    grants: Decimal

    @property
    def total_funding(self) -> Decimal:
        return self.lbf + self.local + self.grants


@dataclass(frozen=True)
class FundingTable:
    lbf_share_pct: Decimal
    rows: tuple[FundingRow, ...]
    total: FundingRow

    @property
    def local_share_pct(self) -> Decimal:
        return Decimal(100) - self.lbf_share_pct


def split(budget: Decimal, lbf_share_pct: Decimal) -> tuple[Decimal, Decimal]:
    """(LBF amount, local amount) for a budget; the parts always sum to the budget."""
    if not Decimal(0) <= lbf_share_pct <= Decimal(100):
        raise ValueError(f"LBF-andelen skal ligge mellem 0 og 100 %, ikke {lbf_share_pct}")
    lbf = (budget * lbf_share_pct / Decimal(100)).quantize(ORE, rounding=ROUND_HALF_UP)
    return lbf, budget - lbf


def funding_table(
    budget_lines: Iterable[tuple[int, Decimal]],
    grants: Iterable[tuple[int, Decimal]],
    lbf_share_pct: Decimal,
) -> FundingTable:
    budget_by_year: dict[int, Decimal] = {}
    grants_by_year: dict[int, Decimal] = {}
    for year, amount in budget_lines:
        budget_by_year[year] = budget_by_year.get(year, Decimal(0)) + Decimal(amount)
    for year, amount in grants:
        grants_by_year[year] = grants_by_year.get(year, Decimal(0)) + Decimal(amount)
    rows = []
    for year in sorted(set(budget_by_year) | set(grants_by_year)):
        budget = budget_by_year.get(year, Decimal(0))
        lbf, local = split(budget, lbf_share_pct)
        rows.append(FundingRow(year, budget, lbf, local, grants_by_year.get(year, Decimal(0))))
    total = FundingRow(
        None,
        sum((r.budget for r in rows), Decimal(0)),
        sum((r.lbf for r in rows), Decimal(0)),
        sum((r.local for r in rows), Decimal(0)),
        sum((r.grants for r in rows), Decimal(0)),
    )
    return FundingTable(Decimal(lbf_share_pct), tuple(rows), total)
