"""Reads of the gains app for pages, the API and (later) the status report.

The choke points `get_activity_for_user` and `get_calculation_for_user` apply the partnership's
rules: outside the user's scope is a 404 (existence not revealed), visible but not writable is a
403 when asked for with write=True. `calculation_summary` is the one typed context of a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from helhed.domain.gains import (
    CatalogueEntry,
    KnowledgeBase,
    KnowledgeEntry,
    KnowledgeError,
    PriceIndex,
    ScenarioError,
    StartingScenario,
    adjust_entry,
    default_knowledge_base,
    get_entry,
    load_catalogue,
    load_price_index,
    search,
    starting_scenario,
)
from helhed.gains import scenarios
from helhed.gains.models import Calculation, UserKnowledgeEntry
from helhed.gains.summary import CalculationSummary, build_summary
from helhed.partnerships.models import Activity, Plan

_NOT_FOUND = "Findes ikke."
_NO_WRITE = "Du har ikke adgang til at ændre dette."


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404(_(_NOT_FOUND)) from exc


def get_activity_for_user(user, activity_pk, *, write: bool = False) -> Activity:
    """An activity through its plan's rules (activities_editable_by for writes)."""
    visible = Activity.objects.filter(plan__in=Plan.objects.visible_to(user))
    try:
        activity = visible.select_related("plan").get(pk=_pk(activity_pk))
    except Activity.DoesNotExist as exc:
        raise Http404(_(_NOT_FOUND)) from exc
    if write and not can_edit_activity(user, activity):
        raise PermissionDenied(_(_NO_WRITE))
    return activity


def can_edit_activity(user, activity: Activity) -> bool:
    return Plan.objects.activities_editable_by(user).filter(pk=activity.plan_id).exists()


def get_calculation_for_user(user, pk, *, activity_pk=None, write: bool = False) -> Calculation:
    """A calculation, reached through its activity when the URL names one (a mismatch is 404)."""
    qs = Calculation.objects.visible_to(user).select_related(
        "activity__plan", "created_by", "updated_by"
    )
    try:
        calculation = qs.get(pk=_pk(pk))
    except Calculation.DoesNotExist as exc:
        raise Http404(_(_NOT_FOUND)) from exc
    if activity_pk is not None and calculation.activity_id != _pk(activity_pk):
        raise Http404(_(_NOT_FOUND))
    if write and not can_edit_activity(user, calculation.activity):
        raise PermissionDenied(_(_NO_WRITE))
    return calculation


def get_plan_for_activity_write(user, plan_pk) -> Plan:
    """A plan to create an activity in: 404 if not visible, 403 if its activities are not
    the user's to edit."""
    try:
        plan = Plan.objects.visible_to(user).get(pk=_pk(plan_pk))
    except Plan.DoesNotExist as exc:
        raise Http404(_(_NOT_FOUND)) from exc
    if not Plan.objects.activities_editable_by(user).filter(pk=plan.pk).exists():
        raise PermissionDenied(_(_NO_WRITE))
    return plan


def plans_for_new_activities(user) -> QuerySet[Plan]:
    return Plan.objects.activities_editable_by(user).select_related("municipality")


def calculation_list(user) -> QuerySet[Calculation]:
    return Calculation.objects.visible_to(user).select_related("activity__plan")


@dataclass(frozen=True)
class PlanActivities:
    plan: Plan
    activities: list[Activity]  # each with .gain_calculations prefetched
    can_edit: bool


def plans_with_activities(user) -> list[PlanActivities]:
    """The gains front page: each visible plan with its activities and their calculations."""
    editable = set(Plan.objects.activities_editable_by(user).values_list("pk", flat=True))
    plans = Plan.objects.visible_to(user).prefetch_related(
        Prefetch(
            "activities",
            queryset=Activity.objects.prefetch_related(
                Prefetch("gain_calculations", queryset=Calculation.objects.order_by("name", "pk"))
            ),
        )
    )
    return [PlanActivities(p, list(p.activities.all()), p.pk in editable) for p in plans]


def calculation_output(calculation: Calculation) -> dict:
    """The stored snapshot when it matches the scenario; otherwise computed now (not stored:
    reads never write). Raises ScenarioError if the scenario cannot be calculated."""
    if calculation.result and calculation.result_key == scenarios.snapshot_key(
        calculation.scenario
    ):
        return calculation.result
    return scenarios.output_for(calculation.scenario)


def calculation_summary(calculation: Calculation) -> CalculationSummary:
    """The result of a calculation as one typed context (see gains/_summary.html)."""
    start = calculation.activity.start_date
    return build_summary(
        name=calculation.name,
        output=calculation_output(calculation),
        scenario=calculation.scenario if isinstance(calculation.scenario, dict) else {},
        first_calendar_year=start.year if start else None,
    )


def calculation_summary_or_problems(
    calculation: Calculation,
) -> tuple[CalculationSummary | None, list[str]]:
    try:
        return calculation_summary(calculation), []
    except ScenarioError as error:
        return None, scenarios.problems_of(error)


# --- knowledge base ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def shipped_knowledge() -> KnowledgeBase:
    return default_knowledge_base()


@lru_cache(maxsize=1)
def price_index() -> PriceIndex:
    return load_price_index()


@dataclass(frozen=True)
class KnowledgeRow:
    entry: KnowledgeEntry
    pk: int | None  # the user entry's id; None for shipped entries
    organisation: str | None  # the organisation that added it; None for shipped entries
    adjusted_value: float | None
    adjustment_note: str

    @property
    def price_year_detail(self) -> str:
        """The source's own price-year text when it says more than the year, e.g. "unknown
        (KORA 2015)" or "2014 (SVB 2014)"."""
        note = self.entry.price_year_note.strip()
        plain = {"", "unknown", "n/a", "ukendt", str(self.entry.price_year)}
        return "" if note in plain else note

    @property
    def source_is_url(self) -> bool:
        return self.entry.source.startswith(("http://", "https://"))


@dataclass(frozen=True)
class KnowledgeListing:
    rows: list[KnowledgeRow]
    to_year: int
    index_years: list[int]
    index_name: str


def user_knowledge_entries(user) -> QuerySet[UserKnowledgeEntry]:
    return UserKnowledgeEntry.objects.visible_to(user).select_related("organisation")


def _as_core(entry: UserKnowledgeEntry) -> KnowledgeEntry:
    return KnowledgeEntry(
        item=entry.item,
        value=float(entry.value),
        unit=entry.unit,
        price_year=entry.price_year,
        price_year_note=str(entry.price_year) if entry.price_year else "ukendt",
        public_body=entry.public_body,
        source=entry.source,
        origin=entry.organisation.name,
    )


def _adjusted(entry: KnowledgeEntry, to_year: int, index: PriceIndex) -> tuple[float | None, str]:
    """The value in to_year prices, or None and a short reason why it cannot be adjusted."""
    if not entry.is_amount_in_kr:
        return None, _("ikke et beløb i kr.")
    if entry.price_year is None:
        return None, _("prisåret er ukendt")
    if entry.price_year not in index.annual:
        return None, _("intet indekstal for %(year)s (indekset dækker %(first)s–%(last)s)") % {
            "year": entry.price_year,
            "first": min(index.annual),
            "last": max(index.annual),
        }
    if entry.price_year == to_year:
        return entry.value, _("allerede i dette prisår")
    try:
        adjusted = adjust_entry(entry, to_year, index)
    except KnowledgeError as error:  # any rule the core adds later
        return None, str(error).removeprefix(f"'{entry.item}': ")
    factor = adjusted.value / entry.value if entry.value else 1.0
    return adjusted.value, _("faktor %(factor)s") % {"factor": f"{factor:.4f}".replace(".", ",")}


def knowledge_listing(user, *, query: str = "", to_year: int | None = None) -> KnowledgeListing:
    """Shipped entries and users' entries together, each price-adjusted to to_year where the
    index allows it (otherwise the note says why)."""
    index = price_index()
    years = sorted(index.annual)
    target = to_year if to_year is not None and to_year in index.annual else years[-1]
    own = list(user_knowledge_entries(user))
    own_entries = [_as_core(e) for e in own]
    base = KnowledgeBase(shipped_knowledge().entries + tuple(own_entries))
    entries = base.search(query) if query.strip() else base.entries
    own_pk = {id(core): model.pk for core, model in zip(own_entries, own, strict=True)}
    rows = []
    for entry in entries:
        pk = own_pk.get(id(entry))
        value, note = _adjusted(entry, target, index)
        rows.append(KnowledgeRow(entry, pk, entry.origin if pk else None, value, note))
    return KnowledgeListing(rows, target, years, index.name)


def knowledge_row(entry: UserKnowledgeEntry) -> KnowledgeRow:
    """One user entry as a listing row, adjusted to the index's latest complete year."""
    index = price_index()
    core = _as_core(entry)
    value, note = _adjusted(core, max(index.annual), index)
    return KnowledgeRow(core, entry.pk, entry.organisation.name, value, note)


# --- inspiration catalogue --------------------------------------------------------------------


@lru_cache(maxsize=1)
def catalogue() -> tuple[CatalogueEntry, ...]:
    return load_catalogue()


def catalogue_entries(query: str = "") -> tuple[CatalogueEntry, ...]:
    return search(catalogue(), query) if query.strip() else catalogue()


def catalogue_entry(entry_id: str) -> CatalogueEntry:
    try:
        return get_entry(catalogue(), entry_id)
    except KeyError as exc:
        raise Http404(_(_NOT_FOUND)) from exc


def catalogue_preview(entry: CatalogueEntry) -> StartingScenario:
    """What starting from this entry would give: the first scenario and its open assumptions."""
    return starting_scenario(entry, shipped_knowledge())
