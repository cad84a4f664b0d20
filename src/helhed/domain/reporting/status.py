"""Targets (måltal) and whether an indicator is on track (pure, direction-aware).

Three kinds of target, as in the strategic agreements:
- a value by a year ("højst 30 % i 2021"): on track when the target is reached, or — before the
  target year — when the latest value is at least as good as the straight line from the
  baseline value to the target would have it that year; off track when the target year has
  passed without the target being reached;
- approach the municipal average: on track when the unit is at least as good as the average, or
  its distance to the average has shrunk by more than the tolerance since the baseline year;
- at least as good as last year: on track when the latest value is no worse than the year before
  (within the tolerance).
"Better" follows the indicator's direction (lower crime is better). The latest year is the latest
year up to the report year with a figure; when that figure is hidden for the reader (suppressed),
or a value a rule needs is missing, the status is "ingen data", with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from helhed.domain.indicators.definitions import Better, Unit
from helhed.domain.reporting.phrases import format_difference, format_value
from helhed.domain.reporting.series import UnitSeries, at_least_as_good, tolerance


class TargetKind(StrEnum):
    VALUE_BY_YEAR = "value_by_year"
    APPROACH_AVERAGE = "approach_average"
    NOT_WORSE = "not_worse"


class Status(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


STATUS_LABELS = {
    Status.ON_TRACK: "På rette spor",
    Status.OFF_TRACK: "Ikke på rette spor",
    Status.NO_DATA: "Ingen data",
}


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    baseline_year: int
    value: float | None = None  # VALUE_BY_YEAR only
    year: int | None = None  # VALUE_BY_YEAR only

    def __post_init__(self) -> None:
        if self.kind is TargetKind.VALUE_BY_YEAR:
            if self.value is None or self.year is None:
                raise ValueError("et måltal kræver både en værdi og et år")
            if self.year <= self.baseline_year:
                raise ValueError("målåret skal ligge efter basisåret")


@dataclass(frozen=True)
class Assessment:
    status: Status
    reason: str
    year: int | None = None  # the year assessed

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def describe_target(target: Target, better: Better, unit: Unit) -> str:
    if target.kind is TargetKind.APPROACH_AVERAGE:
        return f"Nærme sig kommunens gennemsnit (basisår {target.baseline_year})"
    if target.kind is TargetKind.NOT_WORSE:
        return "Mindst lige så godt som året før"
    bound = "Højst" if better is Better.LOWER else "Mindst"
    assert target.value is not None
    return (
        f"{bound} {format_value(target.value, unit)} i {target.year} "
        f"(basisår {target.baseline_year})"
    )


def _latest(series: UnitSeries, year: int) -> int | None:
    years = [y for y in series.points if y <= year and series.present(y)]
    return max(years) if years else None


def _missing(series: UnitSeries, year: int, what: str) -> Assessment:
    why = "er diskretioneret" if series.hidden(year) else "mangler"
    return Assessment(Status.NO_DATA, f"Tallet for {what} i {year} {why}.")


def assess(
    target: Target,
    better: Better,
    unit: Unit,
    series: UnitSeries,
    municipality: UnitSeries | None,
    year: int,
) -> Assessment:
    latest = _latest(series, year)
    if latest is None:
        return Assessment(Status.NO_DATA, f"Der er ingen tal til og med {year}.")
    value = series.value(latest)
    if value is None:  # the latest figure is hidden: no status from an older one
        return _missing(series, latest, series.name)
    if target.kind is TargetKind.NOT_WORSE:
        previous = series.value(latest - 1)
        if previous is None:
            return _missing(series, latest - 1, series.name)
        tol = tolerance(unit, previous)
        ok = at_least_as_good(value, previous, better, tol)
        word = "Mindst lige så godt som" if ok else "Dårligere end"
        return Assessment(
            Status.ON_TRACK if ok else Status.OFF_TRACK,
            f"{word} året før: {format_value(previous, unit)} i {latest - 1}, "
            f"{format_value(value, unit)} i {latest}.",
            latest,
        )
    if latest <= target.baseline_year:
        return Assessment(
            Status.NO_DATA, f"Der er endnu ingen tal efter basisåret {target.baseline_year}."
        )
    base = series.value(target.baseline_year)
    if base is None:
        return _missing(series, target.baseline_year, series.name)
    if target.kind is TargetKind.APPROACH_AVERAGE:
        return _assess_average(target, better, unit, series, municipality, latest, base, value)
    return _assess_value(target, better, unit, latest, base, value)


def _assess_average(
    target: Target,
    better: Better,
    unit: Unit,
    series: UnitSeries,
    municipality: UnitSeries | None,
    latest: int,
    base: float,
    value: float,
) -> Assessment:
    if municipality is None:
        return Assessment(Status.NO_DATA, "Der er ingen kommunetal at sammenligne med.")
    m_base = municipality.value(target.baseline_year)
    m_now = municipality.value(latest)
    if m_base is None:
        return _missing(municipality, target.baseline_year, "kommunen")
    if m_now is None:
        return _missing(municipality, latest, "kommunen")
    tol = tolerance(unit, m_now)
    gap_base, gap_now = abs(base - m_base), abs(value - m_now)
    distances = (
        f"{format_difference(gap_base, unit)} i {target.baseline_year}, "
        f"{format_difference(gap_now, unit)} i {latest}"
    )
    if at_least_as_good(value, m_now, better, tol):
        return Assessment(
            Status.ON_TRACK,
            f"På niveau med eller bedre end kommunens gennemsnit i {latest}.",
            latest,
        )
    if gap_now < gap_base - tol:
        return Assessment(
            Status.ON_TRACK, f"Afstanden til kommunens gennemsnit er mindsket: {distances}.", latest
        )
    return Assessment(
        Status.OFF_TRACK,
        f"Afstanden til kommunens gennemsnit er ikke mindsket: {distances}.",
        latest,
    )


def _assess_value(
    target: Target, better: Better, unit: Unit, latest: int, base: float, value: float
) -> Assessment:
    assert target.value is not None and target.year is not None
    tol = tolerance(unit, target.value)
    goal = format_value(target.value, unit)
    if at_least_as_good(value, target.value, better, tol):
        return Assessment(
            Status.ON_TRACK,
            f"Måltallet {goal} er nået ({format_value(value, unit)} i {latest}).",
            latest,
        )
    if latest >= target.year:
        return Assessment(
            Status.OFF_TRACK,
            f"Måltallet {goal} for {target.year} er ikke nået ({format_value(value, unit)} i {latest}).",
            latest,
        )
    share = (latest - target.baseline_year) / (target.year - target.baseline_year)
    expected = base + (target.value - base) * share
    ok = at_least_as_good(value, expected, better, tol)
    word = "På vej mod" if ok else "Bagud i forhold til"
    return Assessment(
        Status.ON_TRACK if ok else Status.OFF_TRACK,
        f"{word} måltallet {goal} i {target.year}: {format_value(value, unit)} i {latest}, "
        f"forventet {format_value(expected, unit)} på en lige linje fra basisåret.",
        latest,
    )
