"""Reads of stored indicator snapshots, with suppression applied for the reader."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from helhed.domain.indicators.definitions import FOCUS_AREA_NAMES, IndicatorDefinition, Level
from helhed.domain.indicators.geography import COUNTRY_ID
from helhed.domain.indicators.registry import DEFINITIONS, REGISTRY
from helhed.indicators.access import owned_organisation_ids
from helhed.indicators.models import ComputationRun, IndicatorValue, RunStatus
from helhed.partnerships.models import Area


@dataclass(frozen=True)
class Figure:
    """A value as a reader may see it: `value` is None when missing or suppressed for them."""

    level: str
    unit_id: str
    unit_name: str
    indicator: str
    year: int
    value: float | None
    numerator: float | None
    denominator: float | None
    suppressed: bool
    run_id: int

    @property
    def hidden(self) -> bool:
        return self.suppressed and self.value is None


def _done_runs() -> QuerySet:
    return ComputationRun.objects.filter(status=RunStatus.DONE).order_by("-finished_at", "-pk")


def current_values(
    user,
    *,
    units: Iterable[tuple[str, str]] | None = None,
    indicators: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    level: str | None = None,
) -> list[Figure]:
    """The newest stored value of each (level, unit, indicator, year), suppression applied.

    A newer run replaces an older one figure by figure, so a year computed once stays available
    after a later run that covers other years.
    """
    qs = IndicatorValue.objects.filter(run__status=RunStatus.DONE)
    if units is not None:
        from django.db.models import Q

        condition = Q(pk__in=[])
        for unit_level, unit_id in units:
            condition |= Q(level=unit_level, unit_id=unit_id)
        qs = qs.filter(condition)
    if level is not None:
        qs = qs.filter(level=level)
    if indicators is not None:
        qs = qs.filter(indicator__in=list(indicators))
    if years is not None:
        qs = qs.filter(year__in=list(years))
    rows = qs.order_by("-run__finished_at", "-run_id").values_list(
        "level",
        "unit_id",
        "unit_name",
        "indicator",
        "year",
        "value",
        "numerator",
        "denominator",
        "suppressed",
        "run_id",
        "run__organisation_id",
    )
    owned = owned_organisation_ids(user)
    seen: set[tuple[str, str, str, int]] = set()
    figures: list[Figure] = []
    # Tuples, not model instances: a page reads hundreds of values and an export all of them.
    for row in rows.iterator(chunk_size=5000):
        (lvl, unit_id, unit_name, indicator, year, value, num, den, suppressed, run, org) = row
        key = (lvl, unit_id, indicator, year)
        if key in seen:
            continue
        seen.add(key)
        visible = not suppressed or org in owned
        figures.append(
            Figure(
                lvl,
                unit_id,
                unit_name,
                indicator,
                year,
                value if visible else None,
                num if visible else None,
                den if visible else None,
                suppressed,
                run,
            )
        )
    return sorted(
        figures, key=lambda f: (list(Level).index(Level(f.level)), f.unit_id, f.indicator, f.year)
    )


@dataclass
class Series:
    """One indicator for an area with its comparison units, year by year."""

    definition: IndicatorDefinition
    years: list[int]
    lines: dict[str, dict[int, Figure]] = field(default_factory=dict)  # level → year → figure
    names: dict[str, str] = field(default_factory=dict)  # level → unit name

    def value(self, level: str, year: int) -> Figure | None:
        return self.lines.get(level, {}).get(year)

    @property
    def has_data(self) -> bool:
        return any(f.value is not None for line in self.lines.values() for f in line.values())


def comparison_units(area: Area) -> list[tuple[str, str]]:
    m = area.municipality
    return [
        ("area", area.code),
        ("municipality", m.code),
        ("region", m.region_code),
        ("country", COUNTRY_ID),
    ]


def area_series(area: Area, user) -> list[tuple[str, list[Series]]]:
    """Every indicator for the area against municipality, region and country, grouped by focus area."""
    figures = current_values(user, units=comparison_units(area))
    by_indicator: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_indicator[figure.indicator].append(figure)
    groups: dict[str, list[Series]] = defaultdict(list)
    for definition in DEFINITIONS:
        own = by_indicator.get(definition.key, [])
        series = Series(definition, sorted({f.year for f in own}))
        for f in own:
            series.lines.setdefault(f.level, {})[f.year] = f
            series.names[f.level] = f.unit_name
        groups[FOCUS_AREA_NAMES[definition.focus_area]].append(series)
    return list(groups.items())


def definition(key: str) -> IndicatorDefinition | None:
    return REGISTRY.get(key)
