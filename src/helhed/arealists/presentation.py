"""Danish labels and display values for screened areas: shared by the pages, the chart and XLSX.

The rule core speaks in criterion ids (`labour_market`, `fb_income`, …) and list keys; people read
Danish labels. A table cell groups the criteria of one measure (from 2021 the labour-market share
is tested against both the udsat and the forebyggelse threshold).
"""

from __future__ import annotations

from dataclasses import dataclass

from helhed.domain.arealists import (
    LIST_LABELS_DA,
    AreaResult,
    Comparison,
    CriterionResult,
    ListPath,
)
from helhed.domain.arealists.distance import ESTIMATE_NOTE, format_da
from helhed.domain.arealists.measures import MEASURES, Measure

MEASURE_ORDER: tuple[Measure, ...] = (
    "labour_market",
    "convictions",
    "education",
    "income",
    "nonwestern",
)
MEASURE_SHORT_DA: dict[Measure, str] = {
    "labour_market": "Uden for arbejde og uddannelse",
    "convictions": "Dømte",
    "education": "Alene grundskole",
    "income": "Indkomst",
    "nonwestern": "Ikke-vestlig herkomst",
}
# The columns of each measure's value in the input file, in MEASURE_ORDER.
MEASURE_FIELDS: dict[Measure, str] = {m: MEASURES[m].field for m in MEASURE_ORDER}
INPUT_LABELS_DA: dict[str, str] = {
    "residents": "Antal beboere",
    "pct_outside_labour_market": "Uden for arbejdsmarked og uddannelse, 18-64 år (%)",
    "conviction_rate_pct": "Dømte, 18 år og derover (%)",
    "national_conviction_rate_pct": "Dømte på landsplan (%)",
    "pct_basic_education": "Alene grunduddannelse, 30-59 år (%)",
    "income_pct_of_region": "Indkomst i % af regionens gennemsnit",
    "pct_nonwestern": "Ikke-vestlige indvandrere og efterkommere (%)",
}
_SYMBOL = {Comparison.GREATER: ">", Comparison.AT_LEAST: "≥", Comparison.LESS: "<"}


def list_label(key: str) -> str:
    return LIST_LABELS_DA.get(key, key)  # type: ignore[call-overload]


def criterion_label(criterion_id: str) -> str:
    base = criterion_id.removeprefix("fb_")
    label = MEASURE_SHORT_DA.get(base, base)  # type: ignore[call-overload]
    return f"{label} (forebyggelse)" if criterion_id.startswith("fb_") else label


def criterion_scope(criterion_id: str) -> str:
    """Which kind of list a criterion serves, as a short Danish word for the table."""
    return "forebyggelse" if criterion_id.startswith("fb_") else "grænse"


def number(value: float | int | None, decimals: int = 2) -> str:
    return "–" if value is None else format_da(value, decimals)


def threshold_text(c: CriterionResult, *, short: bool = False) -> str:
    """The criterion's test in symbols: "> 40 %", "≥ 2,16 % (3 × 0,72 %)" (short: "≥ 2,16 %")."""
    symbol = _SYMBOL[c.criterion.comparison]
    multiple = c.criterion.national_multiple
    if c.threshold is None:
        if multiple is not None:
            return f"{symbol} {format_da(multiple)} × landsgennemsnittet (mangler)"
        return "–"
    text = f"{symbol} {format_da(c.threshold)} %"
    if multiple is not None and not short:
        national = c.threshold / multiple
        text += f" ({format_da(multiple)} × {format_da(national)} %)"
    return text


@dataclass(frozen=True)
class Test:
    criterion_id: str
    label: str
    scope: str
    threshold: str  # short, for table cells
    threshold_long: str  # with the national rate behind a conviction multiple
    met: bool | None


@dataclass(frozen=True)
class MeasureCell:
    measure: Measure
    label: str
    value: float | None
    tests: tuple[Test, ...]

    @property
    def met(self) -> bool | None:
        """Met for the main (non-forebyggelse) test of the measure, if it has one."""
        for test in self.tests:
            if test.scope == "grænse":
                return test.met
        return None


def measure_cells(criteria: tuple[CriterionResult, ...]) -> list[MeasureCell]:
    """One cell per measure that the year's rules test, in MEASURE_ORDER."""
    cells = []
    for measure in MEASURE_ORDER:
        own = [c for c in criteria if c.criterion.measure == measure]
        if not own:
            continue
        cells.append(
            MeasureCell(
                measure=measure,
                label=MEASURE_SHORT_DA[measure],
                value=own[0].value,
                tests=tuple(
                    Test(
                        c.id,
                        criterion_label(c.id),
                        criterion_scope(c.id),
                        threshold_text(c, short=True),
                        threshold_text(c),
                        c.met,
                    )
                    for c in own
                ),
            )
        )
    return cells


def measures_of_year(criteria_ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(measure, Danish label) of the measures a year's criteria test, for table headers."""
    present = {cid.removeprefix("fb_") for cid in criteria_ids}
    return [(m, MEASURE_SHORT_DA[m]) for m in MEASURE_ORDER if m in present]


@dataclass(frozen=True)
class CountSummary:
    """How many of a list's counted criteria are met, e.g. udsat: 3 of 4 (2 needed)."""

    list_key: str
    label: str
    met: int
    undecided: int
    total: int
    needed: int


_SHORT_LIST = {"forebyggelse": "fb"}


def count_summaries(result: AreaResult) -> list[CountSummary]:
    """One summary per list of the year that counts criteria ("at least k of n")."""
    met = {c.id: c.met for c in result.criteria}
    return [
        CountSummary(
            list_key=rule.key,
            label=_SHORT_LIST.get(rule.key, rule.key),
            met=sum(1 for cid in rule.counted if met[cid] is True),
            undecided=sum(1 for cid in rule.counted if met[cid] is None),
            total=len(rule.counted),
            needed=rule.min_met,
        )
        for rule in result.rules.lists
        if rule.counted
    ]


@dataclass(frozen=True)
class OptionView:
    steps: tuple[str, ...]  # one Danish line per changed criterion, without the estimate note
    total_persons: int
    income_pp: float
    estimated: bool  # some persons figure rests on an estimated population
    certain: bool
    lists_after: tuple[str, ...]


def option_views(path: ListPath, limit: int = 3) -> list[OptionView]:
    """The cheapest options of a path, in parts a page can lay out."""
    return [
        OptionView(
            steps=tuple(step.text.replace(ESTIMATE_NOTE, "") for step in option.steps),
            total_persons=option.total_persons,
            income_pp=option.pp_without_persons,
            estimated=any(step.population_estimated for step in option.steps),
            certain=option.certain,
            lists_after=tuple(list_label(key) for key in option.lists_after),
        )
        for option in path.options[:limit]
    ]
