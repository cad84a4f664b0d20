"""The status report as one typed value (pure).

A selector in the followup app builds a `StatusReport` from the plan, the year and the reader;
the HTML preview, the PDF (WeasyPrint) and the Word file (python-docx) are all rendered from it,
so the three cannot disagree. Every text and figure in here is final: formatted in Danish, with
suppression already applied for the reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helhed.domain.funding import FundingTable
from helhed.domain.indicators.definitions import Unit
from helhed.domain.reporting.phrases import capitalise, long_date
from helhed.domain.reporting.status import Status


@dataclass(frozen=True)
class ChartLine:
    label: str
    values: tuple[float | None, ...]  # one per year; None = missing or hidden (the line breaks)


@dataclass(frozen=True)
class ChartData:
    title: str
    unit: Unit
    years: tuple[int, ...]
    lines: tuple[ChartLine, ...]
    target: float | None = None  # drawn as a horizontal line when the target is a value


@dataclass(frozen=True)
class TableData:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class UnitStatus:
    unit_name: str
    status: Status
    label: str
    reason: str


@dataclass(frozen=True)
class IndicatorBlock:
    goal_indicator_id: int
    key: str
    name: str
    unit_label: str
    better_label: str
    target: str
    responsible: str
    statuses: tuple[UnitStatus, ...]  # the areas together first, then each area
    text: str  # what the report prints: the edited text if there is one, else the generated
    generated_text: str
    edited: bool
    generated_changed: bool  # the generated text is no longer the one the edit was made from
    chart: ChartData
    table: TableData
    notes: tuple[str, ...]  # suppression, missing years, definition versions, department changes

    @property
    def overall(self) -> UnitStatus:
        return self.statuses[0]


@dataclass(frozen=True)
class GoalBlock:
    title: str
    indicators: tuple[IndicatorBlock, ...]


@dataclass(frozen=True)
class FocusSection:
    focus_area_id: int
    name: str
    description: str
    goals: tuple[GoalBlock, ...]
    added_text: str  # staff's own text for the focus area (empty when none)


@dataclass(frozen=True)
class AreaInfo:
    name: str
    departments: tuple[str, ...]
    tenancies: int
    changes: tuple[str, ...]  # departments that joined or left the area in the years shown


@dataclass(frozen=True)
class BodyInfo:
    name: str
    kind: str
    meetings: tuple[str, ...]  # "03.02.2021: Årligt eftersyn 2020"


@dataclass(frozen=True)
class OrganisationSection:
    partners: tuple[str, ...]
    areas: tuple[AreaInfo, ...]
    bodies: tuple[BodyInfo, ...]

    @property
    def department_count(self) -> int:
        return sum(len(a.departments) for a in self.areas)

    @property
    def tenancies(self) -> int:
        return sum(a.tenancies for a in self.areas)


@dataclass(frozen=True)
class Review:
    """The board's annual review (årligt eftersyn) of the year."""

    meeting_date: date | None
    body_name: str
    organisation: str
    goal_follow_up: str
    budget: str
    collaboration: str


@dataclass(frozen=True)
class GrantInfo:
    grantor: str
    purpose: str
    year: int
    amount: str  # formatted "160.000 kr."


@dataclass(frozen=True)
class GainsInfo:
    """The result of a gains calculation (gevinstberegning) for one of the plan's activities."""

    activity: str
    calculation: str
    net_result: str  # formatted "858.687 kr."
    per_participant: str
    payback: str  # "år 2 (2020)" or "ikke inden for 5 år"
    gain_cost_ratio: str  # "3,18 kr. pr. krone" or "–"
    horizon_years: int

    @property
    def sentence(self) -> str:
        return (
            f"{self.activity} ({self.calculation}): forventet nettogevinst {self.net_result} over "
            f"{self.horizon_years} år, {self.per_participant} pr. deltager; tilbagebetalt {self.payback}; "
            f"gevinst pr. investeret krone: {self.gain_cost_ratio}."
        )


@dataclass(frozen=True)
class ActivityInfo:
    name: str
    focus_area: str
    description: str
    participants: int
    volunteers: int
    results: str
    figures: tuple[tuple[str, str], ...]  # (label, formatted value) for the report year


@dataclass(frozen=True)
class StatusReport:
    plan_name: str
    municipality_name: str
    year: int
    title: str
    as_of: date  # the date the report describes the plan on (the data's date, not the clock)
    issued_on: date | None
    synthetic: bool
    case_summary: str
    introduction: str
    vision: str
    review: Review | None
    organisation: OrganisationSection
    focus_areas: tuple[FocusSection, ...]
    funding: FundingTable
    funding_text: str
    grants: tuple[GrantInfo, ...]
    activities: tuple[ActivityInfo, ...]
    other_efforts: str
    recommendation: str
    sources: tuple[str, ...]  # where the figures come from (computation runs)
    gains: tuple[GainsInfo, ...] = ()  # gains calculations of the plan's activities, if any

    @property
    def indicators(self) -> list[IndicatorBlock]:
        return [i for f in self.focus_areas for g in f.goals for i in g.indicators]

    def status_counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for block in self.indicators:
            counts[block.overall.status] += 1
        return counts

    @property
    def review_sentence(self) -> str:
        """ "Bestyrelsen for X har på møde 3. februar 2021 gennemført det årlige eftersyn …"."""
        if self.review is None:
            return f"Der er ikke registreret et årligt eftersyn for {self.year}."
        when = f" på møde {long_date(self.review.meeting_date)}" if self.review.meeting_date else ""
        return (
            f"{capitalise(self.review.body_name)} har{when} gennemført det årlige eftersyn af "
            f"helhedsplanen for {self.year}."
        )

    @property
    def status_summary(self) -> str:
        counts = self.status_counts()
        n = len(self.indicators)
        noun = "målindikator" if n == 1 else "målindikatorer"
        return (
            f"Af {n} {noun} er {counts[Status.ON_TRACK]} på rette spor, "
            f"{counts[Status.OFF_TRACK]} ikke på rette spor og {counts[Status.NO_DATA]} uden "
            f"data for {self.year}."
        )
