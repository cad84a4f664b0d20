"""Reads of partnership data for pages, the API and the CLI.

`get_object_for_user` is the tenancy choke point: an object outside the user's scope is a 404
(its existence is not revealed); a visible object the user may not change is a 403 when asked for
with write=True.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from helhed.accounts.models import Membership, Role
from helhed.domain.funding import FundingTable, funding_table
from helhed.partnerships import access
from helhed.partnerships.entities import (
    PLAN,
    Entity,
    editable_parents,
    editable_queryset,
    visible_parents,
    visible_queryset,
)
from helhed.partnerships.models import (
    Activity,
    AreaDepartment,
    BudgetLine,
    Department,
    Grant,
    Plan,
    PlanArea,
)


def get_object_for_user(entity: Entity, user, pk, *, write: bool = False) -> Model:
    try:
        obj = visible_queryset(entity, user).get(pk=pk)
    except (entity.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Findes ikke.")) from exc
    if write and not editable_queryset(entity, user).filter(pk=obj.pk).exists():
        raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))
    return obj


def get_parent_for_user(entity: Entity, user, parent_pk, *, write: bool = False) -> Model:
    """The parent (plan, area, organisation) a child entity is reached through."""
    from helhed.partnerships.entities import parent_of

    parent_model = parent_of(entity).model
    try:
        parent = visible_parents(entity, user).get(pk=parent_pk)
    except (parent_model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Findes ikke.")) from exc
    if write and not editable_parents(entity, user).filter(pk=parent.pk).exists():
        raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))
    return parent


def get_plan_for_user(user, plan_id, *, write: bool = False) -> Plan:
    plan = get_object_for_user(PLAN, user, plan_id, write=write)
    assert isinstance(plan, Plan)
    return plan


def can_create(entity: Entity, user, parent: Model | None = None) -> bool:
    """May the user create a new object of this entity (under `parent`, for a child)?"""
    if entity.is_child:
        if parent is None:
            return False
        # A page asks this once per section; the answer depends only on the parent and the write
        # rule, so it is remembered on the request's user object.
        cache = user.__dict__.setdefault("_helhed_can_create", {})
        key = (
            type(parent).__name__,
            parent.pk,
            entity.write_kind,
            entity.extra.get("parent_editable"),
        )
        if key not in cache:
            if isinstance(parent, Plan) and "parent_editable" not in entity.extra:
                cache[key] = (
                    access.plan_activities_editable(user, parent)
                    if entity.write_kind == "activity"
                    else access.plan_editable(user, parent)
                )
            else:
                cache[key] = editable_parents(entity, user).filter(pk=parent.pk).exists()
        return cache[key]
    if entity.key == "departments":
        return (
            access.coordinator_municipalities(user).exists()
            or Membership.objects.filter(user=user, role=Role.HOUSING_STAFF).exists()
        )
    return access.coordinator_municipalities(user).exists()


def can_edit(entity: Entity, user, obj: Model) -> bool:
    if isinstance(obj, Plan) and entity.model is Plan:
        return access.plan_editable(user, obj)
    return editable_queryset(entity, user).filter(pk=obj.pk).exists()


def check_deletable(obj: Model) -> None:
    """Some objects can be changed but never deleted from the app: a municipality's own
    organisation carries every membership of the municipality."""
    from helhed.partnerships.models import Organisation, OrganisationKind

    if isinstance(obj, Organisation) and obj.kind == OrganisationKind.MUNICIPALITY:
        raise PermissionDenied(_("En kommunes egen organisation kan ikke slettes."))


def children_of(entity: Entity, parent: Model, user) -> QuerySet:
    return visible_queryset(entity, user).filter(**{entity.parent_path: parent})


def plan_list(user, *, search: str = "") -> QuerySet:
    qs = Plan.objects.visible_to(user).select_related("municipality")
    if search:
        qs = qs.filter(name__icontains=search)
    return qs


@dataclass(frozen=True)
class AreaOnPlan:
    plan_area: PlanArea
    departments: list[Department]
    tenancies: int


@dataclass(frozen=True)
class PlanOverview:
    """The plan's front page. Partners, bodies and focus areas are read when first asked for:
    the status report uses them, the plan page shows them in its own sections."""

    plan: Plan
    areas: list[AreaOnPlan]
    activities: list[Activity]
    funding: FundingTable
    grants: list
    can_edit_plan: bool
    can_edit_activities: bool

    @cached_property
    def partners(self) -> list:
        return list(self.plan.partners.all())

    @cached_property
    def bodies(self) -> list:
        return list(self.plan.bodies.prefetch_related(Prefetch("meetings")))

    @cached_property
    def focus_areas(self) -> list:
        return list(self.plan.focus_areas.prefetch_related("goals"))

    @property
    def department_count(self) -> int:
        return sum(len(a.departments) for a in self.areas)

    @property
    def tenancies(self) -> int:
        return sum(a.tenancies for a in self.areas)


def _area_departments_on(area_ids: Iterable[int], day: date) -> dict[int, list[Department]]:
    result: dict[int, list[Department]] = {}
    rows = AreaDepartment.objects.filter(
        area_id__in=list(area_ids), valid_from__lte=day
    ).select_related("department__organisation")
    for row in rows:
        if row.valid_to is None or row.valid_to >= day:
            result.setdefault(row.area_id, []).append(row.department)
    return result


def plan_overview(
    plan: Plan,
    user,
    *,
    day: date | None = None,
    plan_areas: Sequence[PlanArea] | None = None,
    activities: Sequence[Activity] | None = None,
    budget_lines: Sequence[BudgetLine] | None = None,
    grants: Sequence[Grant] | None = None,
) -> PlanOverview:
    """Everything the plan's front page shows, read in a fixed number of queries.

    The plan page reads the plan's areas, activities, budget lines and grants for its own
    tables anyway and hands them in (all of them: unfiltered); anything not handed in is read
    here. The status report reads everything here, activities with partners and results.
    """
    day = day or date.today()
    # An area's departments are shown as they stood on `day`, or at the plan's end if it is over.
    as_of = min(day, plan.end_date)
    if plan_areas is None:
        plan_areas = list(plan.plan_areas.select_related("area"))
    departments = _area_departments_on([pa.area_id for pa in plan_areas], as_of)
    areas = [
        AreaOnPlan(
            pa,
            departments.get(pa.area_id, []),
            sum(d.tenancies for d in departments.get(pa.area_id, [])),
        )
        for pa in plan_areas
    ]
    if activities is None:
        activities = plan.activities.select_related("focus_area").prefetch_related(
            "partners", "result_figures"
        )
    if budget_lines is None:
        budget_lines = plan.budget_lines.all()
    budget = [(line.year, line.amount) for line in budget_lines]
    if grants is None:
        grants = plan.grants.select_related("activity")
    grants = list(grants)
    activities = list(activities)
    table = funding_table(budget, [(g.year, g.amount) for g in grants], plan.lbf_share_pct)
    return PlanOverview(
        plan=plan,
        areas=areas,
        activities=activities,
        funding=table,
        grants=grants,
        can_edit_plan=access.plan_editable(user, plan),
        can_edit_activities=access.plan_activities_editable(user, plan),
    )


def plan_totals(plan: Plan) -> dict[str, Decimal]:
    table = funding_table(
        [(b.year, b.amount) for b in plan.budget_lines.all()],
        [(g.year, g.amount) for g in plan.grants.all()],
        plan.lbf_share_pct,
    )
    return {
        "budget": table.total.budget,
        "lbf": table.total.lbf,
        "local": table.total.local,
        "grants": table.total.grants,
    }
