"""The tenancy rules of the partnership, in one place.

Deny by default: a user sees nothing unless a membership grants it. Every HTML view, API endpoint
and CLI command reaches partnership data through these querysets or the `get_*_for_user` choke
points in selectors.py, so the rules below are the only ones.

- A member of a municipality's own organisation (any role) sees that municipality's plans, areas
  and departments.
- A member of a partner organisation (housing organisation or other partner) sees the plans the
  organisation is a partner in, their areas, and the organisation's own departments.
- A municipal coordinator edits everything in the plans, areas and departments of the municipality.
- Housing social staff edit the activities of plans their organisation is a partner in, and their
  organisation's departments.
- Board members, family coordinators, analysts and administrators read; administrators manage the
  memberships of their own organisation.

The user's memberships (and the plans their organisations are partners in) are read once per
request into a `Scope` of plain ids, so the querysets below filter on literal id lists instead of
nesting membership subqueries (cheaper to build and to run; a page builds dozens of them). The
cache lives for one request (`ScopeCacheMiddleware`) and is emptied whenever a membership or a
plan partnership is saved or deleted; outside a request the scope is read afresh each time.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Q, QuerySet

_request_scopes: ContextVar[dict[int, Scope] | None] = ContextVar("helhed_scopes", default=None)


@dataclass(frozen=True)
class Scope:
    """What a user's memberships grant, as ids (each tuple sorted, possibly empty)."""

    member_municipality_ids: tuple[int, ...]  # municipality organisations, any role
    coordinator_municipality_ids: tuple[int, ...]
    member_organisation_ids: tuple[int, ...]
    staff_organisation_ids: tuple[int, ...]  # housing_staff role
    admin_organisation_ids: tuple[int, ...]  # administrator role
    partner_plan_ids: tuple[int, ...]  # plans a member organisation is a partner in
    staff_plan_ids: tuple[int, ...]  # plans a housing_staff organisation is a partner in


EMPTY_SCOPE = Scope((), (), (), (), (), (), ())


def _read_scope(user) -> Scope:
    from helhed.accounts.models import Membership
    from helhed.partnerships.models import PlanPartner

    rows = list(
        Membership.objects.filter(user=user).values_list(
            "organisation_id", "organisation__kind", "organisation__municipality_id", "role"
        )
    )
    organisations = {org for org, _, _, _ in rows}
    staff = {org for org, _, _, role in rows if role == "housing_staff"}
    partners = list(
        PlanPartner.objects.filter(organisation_id__in=organisations).values_list(
            "plan_id", "organisation_id"
        )
    )
    return Scope(
        member_municipality_ids=tuple(
            sorted({m for _, kind, m, _ in rows if kind == "municipality" and m is not None})
        ),
        coordinator_municipality_ids=tuple(
            sorted(
                {
                    m
                    for _, kind, m, role in rows
                    if kind == "municipality" and role == "municipal_coordinator" and m is not None
                }
            )
        ),
        member_organisation_ids=tuple(sorted(organisations)),
        staff_organisation_ids=tuple(sorted(staff)),
        admin_organisation_ids=tuple(
            sorted({org for org, _, _, role in rows if role == "administrator"})
        ),
        partner_plan_ids=tuple(sorted({plan for plan, _ in partners})),
        staff_plan_ids=tuple(sorted({plan for plan, org in partners if org in staff})),
    )


def scope(user) -> Scope:
    """The user's scope: from this request's cache, or read now (two small queries)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cache = _request_scopes.get()
    if cache is None:
        return _read_scope(user)
    if user.pk not in cache:
        cache[user.pk] = _read_scope(user)
    return cache[user.pk]


def forget_scopes(**_kwargs) -> None:
    """Empty this request's cache (a membership or plan partnership changed)."""
    cache = _request_scopes.get()
    if cache is not None:
        cache.clear()


class ScopeCacheMiddleware:
    """Keeps each user's Scope for the length of one request."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scopes.set({})
        try:
            return self.get_response(request)
        finally:
            _request_scopes.reset(token)


def plans_visible_to(qs: QuerySet, user) -> QuerySet:
    s = scope(user)
    return qs.filter(
        Q(municipality_id__in=list(s.member_municipality_ids)) | Q(pk__in=list(s.partner_plan_ids))
    )


def plans_editable_by(qs: QuerySet, user) -> QuerySet:
    return qs.filter(municipality_id__in=list(scope(user).coordinator_municipality_ids))


def plans_activities_editable_by(qs: QuerySet, user) -> QuerySet:
    s = scope(user)
    return qs.filter(
        Q(municipality_id__in=list(s.coordinator_municipality_ids))
        | Q(pk__in=list(s.staff_plan_ids))
    )


def plan_editable(user, plan) -> bool:
    """`plans_editable_by` for one plan, answered from the scope without a query."""
    return plan.municipality_id in scope(user).coordinator_municipality_ids


def plan_activities_editable(user, plan) -> bool:
    """`plans_activities_editable_by` for one plan, answered from the scope without a query."""
    s = scope(user)
    return plan.municipality_id in s.coordinator_municipality_ids or plan.pk in s.staff_plan_ids


def _visible_plan_ids(user) -> QuerySet:
    from helhed.partnerships.models import Plan

    return plans_visible_to(Plan.objects.all(), user).values("pk")


def areas_visible_to(qs: QuerySet, user) -> QuerySet:
    from helhed.partnerships.models import PlanArea

    s = scope(user)
    return qs.filter(
        Q(municipality_id__in=list(s.member_municipality_ids))
        | Q(pk__in=PlanArea.objects.filter(plan_id__in=_visible_plan_ids(user)).values("area_id"))
    )


def areas_editable_by(qs: QuerySet, user) -> QuerySet:
    return qs.filter(municipality_id__in=list(scope(user).coordinator_municipality_ids))


def departments_visible_to(qs: QuerySet, user) -> QuerySet:
    s = scope(user)
    return qs.filter(
        Q(municipality_id__in=list(s.member_municipality_ids))
        | Q(organisation_id__in=list(s.member_organisation_ids))
    )


def departments_editable_by(qs: QuerySet, user) -> QuerySet:
    s = scope(user)
    return qs.filter(
        Q(municipality_id__in=list(s.coordinator_municipality_ids))
        | Q(organisation_id__in=list(s.staff_organisation_ids))
    )


def organisations_visible_to(qs: QuerySet, user) -> QuerySet:
    from helhed.partnerships.models import PlanPartner

    s = scope(user)
    return qs.filter(
        Q(pk__in=list(s.member_organisation_ids))
        | Q(municipality_id__in=list(s.member_municipality_ids))
        | Q(
            pk__in=PlanPartner.objects.filter(plan_id__in=_visible_plan_ids(user)).values(
                "organisation_id"
            )
        )
    )


def organisations_editable_by(qs: QuerySet, user) -> QuerySet:
    """Coordinators register organisations in their municipality; administrators edit their own."""
    s = scope(user)
    return qs.filter(
        Q(municipality_id__in=list(s.coordinator_municipality_ids))
        | Q(pk__in=list(s.admin_organisation_ids))
    )


def organisations_administered_by(qs: QuerySet, user) -> QuerySet:
    """Organisations whose memberships the user manages (administrator role)."""
    return qs.filter(pk__in=list(scope(user).admin_organisation_ids))


def coordinator_municipalities(user) -> QuerySet:
    from helhed.partnerships.models import Municipality

    return Municipality.objects.filter(pk__in=list(scope(user).coordinator_municipality_ids))


def department_placement_allowed(user, municipality, organisation) -> bool:
    """A department may be registered by the municipality's coordinator or by the owning
    organisation's housing social staff."""
    s = scope(user)
    return (
        municipality.pk in s.coordinator_municipality_ids
        or organisation.pk in s.staff_organisation_ids
    )
