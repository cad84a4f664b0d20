"""The typed context of a calculation's result: KPIs, tables and charts.

Built from the core's JSON output (the stored snapshot), so the calculation page, the status
report and anything else that shows a result read one structure and never recompute on their own.
Rendered by the template gains/_summary.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helhed.domain.gains import BODY_LABELS, PUBLIC_BODIES
from helhed.gains.charts import Chart, cumulative_chart, net_by_body_chart, tornado_chart

# Bodies in a fixed order: a snapshot read back from PostgreSQL's jsonb has its keys re-sorted.
BODY_ORDER = (*PUBLIC_BODIES, "samfund")
# Assumption paths whose values are shares (shown as %), and the multiplier path (a factor).
_SHARE_PATHS = {"success_rate", "discount_rate", "effect_fade"}


@dataclass(frozen=True)
class YearRow:
    year: int
    calendar_year: int | None
    by_body: list[float]
    total: float
    undiscounted: float
    cumulative: float


@dataclass(frozen=True)
class BodyRow:
    label: str
    costs: float
    gains: float
    net: float


@dataclass(frozen=True)
class ItemRow:
    item: str
    by_body: list[float]
    total: float


@dataclass(frozen=True)
class TornadoRow:
    label: str
    path: str
    kind: str  # "share", "factor" or "kr": how low/central/high are shown
    low: float
    central: float
    high: float
    net_at_low: float
    net_at_high: float
    swing: float


@dataclass(frozen=True)
class CalculationSummary:
    """Everything a page needs to show one calculation's result."""

    name: str
    output: dict[str, Any]
    body_labels: list[str]
    net_result: float
    per_participant: float | None
    payback_year: int | None
    payback_calendar_year: int | None
    break_even_success_rate: float | None
    gain_cost_ratio: float | None
    success_rate: float | None
    participants_total: int
    successes_total: float
    costs_total: float
    gains_total: float
    horizon_years: int
    discount_rate: float
    approach: str
    first_calendar_year: int | None
    years: list[YearRow]
    body_rows: list[BodyRow]
    item_rows: list[ItemRow]
    tornado: list[TornadoRow]
    monte_carlo: dict[str, Any] | None
    net_chart: Chart
    cumulative_chart: Chart
    tornado_chart: Chart | None
    notes: list[str]

    @property
    def break_even_above_one(self) -> bool:
        return self.break_even_success_rate is not None and self.break_even_success_rate > 1


def _kind(path: str) -> str:
    if path in _SHARE_PATHS or path.startswith("sroi."):
        return "share"
    if path.endswith(".change_scale"):
        return "factor"
    return "kr"


def build_summary(
    *,
    name: str,
    output: dict[str, Any],
    scenario: dict[str, Any],
    first_calendar_year: int | None = None,
) -> CalculationSummary:
    """The summary of one output; first_calendar_year labels year 0 (the activity's start)."""
    bodies = [b for b in BODY_ORDER if b in output["net_result_by_body"]]
    # Items in the scenario's order (the stored dict's key order is not kept by jsonb).
    listed = [c.get("item") for c in scenario.get("consequences", []) if isinstance(c, dict)]
    items: list[str] = [i for i in listed if isinstance(i, str) and i in output["by_item"]]
    items += [i for i in output["by_item"] if i not in items]
    horizon = output["horizon_years"]
    years = [
        YearRow(
            year=t,
            calendar_year=None if first_calendar_year is None else first_calendar_year + t,
            by_body=[output["net_by_body_by_year"][b][t] for b in bodies],
            total=output["net_by_year"][t],
            undiscounted=output["net_by_year_undiscounted"][t],
            cumulative=output["cumulative_net_by_year"][t],
        )
        for t in range(horizon)
    ]
    payback = output["payback_year"]
    tornado = [
        TornadoRow(
            label=bar["label"],
            path=bar["assumption"],
            kind=_kind(bar["assumption"]),
            low=bar["low"],
            central=bar["central"],
            high=bar["high"],
            net_at_low=bar["net_at_low"],
            net_at_high=bar["net_at_high"],
            swing=bar["swing"],
        )
        for bar in output["tornado"]
    ]
    raw_notes = scenario.get("notes")
    notes = raw_notes if isinstance(raw_notes, list) else []
    rate = scenario.get("success_rate")
    return CalculationSummary(
        name=name,
        output=output,
        body_labels=[BODY_LABELS.get(b, b) for b in bodies],
        net_result=output["net_result"],
        per_participant=output["per_participant"],
        payback_year=payback,
        payback_calendar_year=(
            None
            if payback is None or first_calendar_year is None
            else first_calendar_year + payback
        ),
        break_even_success_rate=output["break_even_success_rate"],
        gain_cost_ratio=output["gain_cost_ratio"],
        success_rate=rate if isinstance(rate, int | float) else None,
        participants_total=output["participants_total"],
        successes_total=output["successes_total"],
        costs_total=output["costs_total"],
        gains_total=output["gains_total"],
        horizon_years=horizon,
        discount_rate=output["discount_rate"],
        approach=output["approach"],
        first_calendar_year=first_calendar_year,
        years=years,
        body_rows=[
            BodyRow(
                BODY_LABELS.get(b, b),
                output["costs_by_body"][b],
                output["gains_by_body"][b],
                output["net_result_by_body"][b],
            )
            for b in bodies
        ],
        item_rows=[
            ItemRow(
                item, [output["by_item_by_body"][item][b] for b in bodies], output["by_item"][item]
            )
            for item in items
        ],
        tornado=tornado,
        monte_carlo=output["monte_carlo"],
        net_chart=net_by_body_chart(
            {b: output["net_by_body_by_year"][b] for b in bodies}, first_calendar_year
        ),
        cumulative_chart=cumulative_chart(
            output["cumulative_net_by_year"], payback, first_calendar_year
        ),
        tornado_chart=tornado_chart(output["tornado"], output["net_result"]) if tornado else None,
        notes=[str(note) for note in notes],
    )
