"""The follow-up of a plan's goal indicators for one year, read from the stored snapshots.

For every goal indicator: its values year by year for each of the plan's areas, the areas
together, the municipality, the region and the country, as the reader may see them (suppressed
values hidden outside the data owner); the status against the target; the generated Danish text;
and the notes that keep the figures honest — hidden or missing values, definition versions that
changed between years, departments that joined or left an area.

The areas together: shares, rates and means are pooled from the areas' counts (sum of
numerators / sum of denominators), totals are summed. The pooled value is hidden when any area's
figure is hidden for the reader, or when the pooled counts are themselves below the definition's
suppression thresholds and the reader does not own every figure. Two-year averages and values
relative to the country or region cannot be pooled and have no combined value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from helhed.domain.indicators.definitions import (
    Comparison,
    IndicatorDefinition,
    Measure,
    Source,
)
from helhed.domain.indicators.geography import COUNTRY_ID
from helhed.domain.indicators.registry import REGISTRY
from helhed.domain.indicators.suppression import is_suppressed
from helhed.domain.reporting.context import ChartData, ChartLine, TableData, UnitStatus
from helhed.domain.reporting.phrases import danish_key, format_value, join_names, subject_for
from helhed.domain.reporting.sentences import TrendInput, paragraph
from helhed.domain.reporting.series import Point, UnitSeries
from helhed.domain.reporting.status import Target, TargetKind, assess
from helhed.followup.models import GoalIndicator, ReportText
from helhed.followup.selectors import goal_indicators, texts_for
from helhed.indicators.access import owned_organisation_ids
from helhed.indicators.models import ComputationRun, IndicatorValue
from helhed.indicators.selectors import Figure, current_values
from helhed.partnerships.models import Area, AreaDepartment, Plan

COMBINED = "Boligområderne samlet"
COUNTRY = "Hele landet"


@dataclass
class IndicatorFollowup:
    goal_indicator: GoalIndicator
    definition: IndicatorDefinition
    years: list[int]
    areas: list[UnitSeries]
    combined: UnitSeries | None
    municipality: UnitSeries
    region: UnitSeries
    country: UnitSeries
    target: Target
    statuses: list[UnitStatus]
    generated_text: str
    text: ReportText | None
    notes: list[str]
    chart: ChartData
    table: TableData

    @property
    def final_text(self) -> str:
        return self.text.text if self.text else self.generated_text

    @property
    def generated_changed(self) -> bool:
        return self.text is not None and self.text.generated_text != self.generated_text


@dataclass(frozen=True)
class PlanFollowup:
    plan: Plan
    year: int
    areas: list[Area]
    indicators: list[IndicatorFollowup]
    focus_texts: dict[int, ReportText]
    department_changes: list[str]
    run_ids: list[int]


def _target(gi: GoalIndicator) -> Target:
    return Target(
        TargetKind(gi.target_kind),
        gi.baseline_year,
        float(gi.target_value) if gi.target_value is not None else None,
        gi.target_year,
    )


def plan_areas(plan: Plan, years: list[int]) -> tuple[list[Area], dict[int, set[str]]]:
    """The plan's areas (every area in the plan in any of the years), and which were in it each year."""
    in_year: dict[int, set[str]] = {y: set() for y in years}
    areas: dict[int, Area] = {}
    for pa in plan.plan_areas.select_related("area").order_by("area__name", "valid_from"):
        for y in years:
            if pa.valid_from <= date(y, 12, 31) and (
                pa.valid_to is None or pa.valid_to >= date(y, 1, 1)
            ):
                in_year[y].add(pa.area.code)
                areas[pa.area_id] = pa.area
    return sorted(areas.values(), key=lambda a: danish_key(a.name)), in_year


def department_changes(areas: list[Area], first: int, last: int) -> list[str]:
    """Departments that joined or left one of the areas between the first and the last year."""
    notes = []
    rows = AreaDepartment.objects.filter(area__in=areas).select_related("area", "department")
    for row in rows.order_by("valid_from", "department__number"):
        name = f"Afdeling {row.department.number} {row.department.name}"
        if first < row.valid_from.year <= last:
            notes.append(f"{name} indgår i {row.area.name} fra {row.valid_from:%d.%m.%Y}.")
        if row.valid_to is not None and first <= row.valid_to.year < last:
            notes.append(f"{name} indgår ikke i {row.area.name} efter {row.valid_to:%d.%m.%Y}.")
    return notes


def _series(name: str, figures: list[Figure]) -> UnitSeries:
    return UnitSeries(name, {f.year: Point(f.value, f.suppressed) for f in figures})


def _pooled(
    definition: IndicatorDefinition, parts: list[Figure], run_owner: dict[int, int], owned: set[int]
) -> Point | None:
    if any(f.hidden for f in parts):
        return Point(None, True)
    if any(f.value is None for f in parts):
        return None
    if definition.measure is Measure.TOTAL:
        return Point(sum(f.value for f in parts if f.value is not None))
    numerator = sum(f.numerator or 0.0 for f in parts)
    denominator = sum(f.denominator or 0.0 for f in parts)
    if not denominator:
        return None
    suppressed = is_suppressed(definition, numerator, denominator)
    if suppressed and not all(run_owner.get(f.run_id) in owned for f in parts):
        return Point(None, True)
    return Point(definition.value_of(numerator, denominator), suppressed)


def _combined(
    definition: IndicatorDefinition,
    by_area: dict[str, list[Figure]],
    in_year: dict[int, set[str]],
    run_owner: dict[int, int],
    owned: set[int],
) -> UnitSeries | None:
    if definition.window != 1 or definition.comparison is not Comparison.NONE:
        return None
    points: dict[int, Point] = {}
    for year, codes in in_year.items():
        if not codes:
            continue
        parts = [f for code in codes for f in by_area.get(code, []) if f.year == year]
        if len(parts) < len(codes):  # an area without a figure: no honest total
            if parts:
                points[year] = Point(None)
            continue
        point = _pooled(definition, parts, run_owner, owned)
        if point is not None:
            points[year] = point
    return UnitSeries(COMBINED, points)


def _version_notes(definition: IndicatorDefinition, figures: list[Figure]) -> list[str]:
    keys = {(f.run_id, f.level, f.unit_id, f.year) for f in figures}
    versions: dict[int, set[int]] = defaultdict(set)
    rows = IndicatorValue.objects.filter(
        run_id__in={k[0] for k in keys}, indicator=definition.key
    ).values_list("run_id", "level", "unit_id", "year", "version")
    for run_id, level, unit_id, year, version in rows:
        if (run_id, level, unit_id, year) in keys:
            versions[version].add(year)
    if len(versions) < 2:
        return []
    parts = [
        f"version {v} for {join_names([str(y) for y in sorted(ys)])}"
        for v, ys in sorted(versions.items())
    ]
    return [
        f"Definitionen af »{definition.name}« er ændret undervejs ({join_names(parts)}); "
        "tallene før og efter er ikke direkte sammenlignelige."
    ]


def _comparable(
    definition: IndicatorDefinition, main: UnitSeries | None, municipality: UnitSeries
) -> bool:
    """Is the municipal figure a meaningful comparison? Not for totals (a sum over more
    departments), nor for delivered figures (housing aggregates, surveys) whose municipal sum
    covers only what was delivered — typically the plan's own departments and areas."""
    if definition.measure is Measure.TOTAL or main is None:
        return False
    if definition.source is Source.REGISTER:
        return True
    return any(
        main.value(y) is not None
        and municipality.value(y) is not None
        and abs(main.value(y) - municipality.value(y)) > 1e-9  # type: ignore[operator]
        for y in main.points
    )


def _no_comparison_note(definition: IndicatorDefinition) -> str:
    if definition.source is Source.SURVEY and definition.measure is not Measure.TOTAL:
        return (
            "Der er intet kommunetal at sammenligne med: undersøgelsens tal dækker kun de "
            "afdelinger og boligområder, der er indlæst tal for."
        )
    return (
        "Der er intet kommunetal at sammenligne med: en sum kan ikke sammenlignes, og "
        "boligorganisationernes tal dækker kun de afdelinger, der er indlæst tal for."
    )


def _cell(series: UnitSeries, year: int, definition: IndicatorDefinition) -> str:
    if series.hidden(year):
        return "diskr."
    return format_value(series.value(year), definition.unit)


def _build(
    gi: GoalIndicator,
    plan: Plan,
    year: int,
    ctx: dict,
    text: ReportText | None,
) -> IndicatorFollowup:
    definition = REGISTRY[gi.indicator]
    figures: list[Figure] = [f for f in ctx["figures"] if f.indicator == gi.indicator]
    by_unit: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for f in figures:
        by_unit[(f.level, f.unit_id)].append(f)
    municipality = plan.municipality
    area_series = [
        _series(a.name, by_unit[("area", a.code)])
        for a in ctx["areas"]
        if by_unit.get(("area", a.code))
    ]
    by_area = {a.code: by_unit.get(("area", a.code), []) for a in ctx["areas"]}
    combined = (
        _combined(definition, by_area, ctx["in_year"], ctx["run_owner"], ctx["owned"])
        if len(area_series) > 1
        else None
    )
    m_series = _series(municipality.name, by_unit[("municipality", municipality.code)])
    r_series = _series(municipality.region_name, by_unit[("region", municipality.region_code)])
    c_series = _series(COUNTRY, by_unit[("country", COUNTRY_ID)])
    years = sorted({f.year for f in figures})
    comparable = _comparable(
        definition, combined or (area_series[0] if area_series else None), m_series
    )
    target = _target(gi)
    main = combined or (area_series[0] if area_series else UnitSeries(COMBINED))
    statuses = []
    for s in [main, *(area_series if combined else [])]:
        a = assess(
            target, definition.better, definition.unit, s, m_series if comparable else None, year
        )
        statuses.append(UnitStatus(s.name, a.status, a.label, a.reason))
    generated = paragraph(
        TrendInput(
            subject_for(definition.key, definition.name),
            definition.unit,
            year,
            area_series,
            combined,
            m_series if comparable else None,
            municipality.name,
        )
    )
    others = [m_series, r_series, c_series] if comparable else []
    rows = [*area_series, *([combined] if combined else []), *others]
    table = TableData(
        ("", *[str(y) for y in years]),
        tuple((s.name, *[_cell(s, y, definition) for y in years]) for s in rows),
    )
    chart_units = [*area_series, *[s for s in others if s.points]]
    chart = ChartData(
        definition.name,
        definition.unit,
        tuple(years),
        tuple(ChartLine(s.name, tuple(s.value(y) for y in years)) for s in chart_units),
        target.value,
    )
    notes = []
    if any(s.hidden(y) for s in rows for y in years):
        notes.append("»diskr.«: tallet er diskretioneret (for få personer) og vises ikke.")
    if not comparable:
        notes.append(_no_comparison_note(definition))
    if combined is None and len(area_series) > 1:
        notes.append("Indikatoren kan ikke lægges sammen på tværs af boligområderne.")
    notes.extend(_version_notes(definition, figures))
    if gi.note:
        notes.append(gi.note)
    if years:
        notes.extend(department_changes(ctx["areas"], years[0], years[-1]))
    return IndicatorFollowup(
        gi,
        definition,
        years,
        area_series,
        combined,
        m_series,
        r_series,
        c_series,
        target,
        statuses,
        generated,
        text,
        notes,
        chart,
        table,
    )


def plan_followup(plan: Plan, year: int, user) -> PlanFollowup:
    """The follow-up of every goal indicator of the plan up to `year`, for `user` (None: as
    published, with every suppressed value hidden)."""
    years = list(range(plan.start_date.year, year + 1))
    areas, in_year = plan_areas(plan, years)
    indicators = goal_indicators(plan)
    m = plan.municipality
    units = [("area", a.code) for a in areas] + [
        ("municipality", m.code),
        ("region", m.region_code),
        ("country", COUNTRY_ID),
    ]
    keys = sorted({gi.indicator for gi in indicators})
    figures = current_values(user, units=units, indicators=keys, years=years) if keys else []
    run_ids = sorted({f.run_id for f in figures})
    ctx = {
        "figures": figures,
        "areas": areas,
        "in_year": in_year,
        "run_owner": dict(
            ComputationRun.objects.filter(pk__in=run_ids).values_list("pk", "organisation_id")
        ),
        "owned": owned_organisation_ids(user) if user is not None else set(),
    }
    by_indicator, by_focus = texts_for(plan, year)
    return PlanFollowup(
        plan,
        year,
        areas,
        [_build(gi, plan, year, ctx, by_indicator.get(gi.pk)) for gi in indicators],
        by_focus,
        department_changes(areas, years[0], year),
        run_ids,
    )
