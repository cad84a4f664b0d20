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
"""

from __future__ import annotations

from django.db.models import Q, QuerySet


def _memberships(user):
    from helhed.accounts.models import Membership

    if user is None or not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user)


def _member_municipality_ids(user):
    """Municipalities whose own organisation the user belongs to (any role)."""
    return (
        _memberships(user)
        .filter(organisation__kind="municipality")
        .values("organisation__municipality_id")
    )


def _coordinator_municipality_ids(user):
    return (
        _memberships(user)
        .filter(organisation__kind="municipality", role="municipal_coordinator")
        .values("organisation__municipality_id")
    )


def _member_organisation_ids(user):
    return _memberships(user).values("organisation_id")


def _partner_plan_ids(user):
    from helhed.partnerships.models import PlanPartner

    return PlanPartner.objects.filter(organisation_id__in=_member_organisation_ids(user)).values(
        "plan_id"
    )


def plans_visible_to(qs: QuerySet, user) -> QuerySet:
    return qs.filter(
        Q(municipality_id__in=_member_municipality_ids(user)) | Q(pk__in=_partner_plan_ids(user))
    )


def plans_editable_by(qs: QuerySet, user) -> QuerySet:
    return qs.filter(municipality_id__in=_coordinator_municipality_ids(user))


def plans_activities_editable_by(qs: QuerySet, user) -> QuerySet:
    from helhed.partnerships.models import PlanPartner

    staff_orgs = _memberships(user).filter(role="housing_staff").values("organisation_id")
    staff_plans = PlanPartner.objects.filter(organisation_id__in=staff_orgs).values("plan_id")
    return qs.filter(
        Q(municipality_id__in=_coordinator_municipality_ids(user)) | Q(pk__in=staff_plans)
    )


def areas_visible_to(qs: QuerySet, user) -> QuerySet:
    from helhed.partnerships.models import Plan, PlanArea

    plan_ids = plans_visible_to(Plan.objects.all(), user).values("pk")
    return qs.filter(
        Q(municipality_id__in=_member_municipality_ids(user))
        | Q(pk__in=PlanArea.objects.filter(plan_id__in=plan_ids).values("area_id"))
    )


def areas_editable_by(qs: QuerySet, user) -> QuerySet:
    return qs.filter(municipality_id__in=_coordinator_municipality_ids(user))


def departments_visible_to(qs: QuerySet, user) -> QuerySet:
    return qs.filter(
        Q(municipality_id__in=_member_municipality_ids(user))
        | Q(organisation_id__in=_member_organisation_ids(user))
    )


def departments_editable_by(qs: QuerySet, user) -> QuerySet:
    staff_orgs = _memberships(user).filter(role="housing_staff").values("organisation_id")
    return qs.filter(
        Q(municipality_id__in=_coordinator_municipality_ids(user))
        | Q(organisation_id__in=staff_orgs)
    )


def organisations_visible_to(qs: QuerySet, user) -> QuerySet:
    from helhed.partnerships.models import Plan, PlanPartner

    plan_ids = plans_visible_to(Plan.objects.all(), user).values("pk")
    return qs.filter(
        Q(pk__in=_member_organisation_ids(user))
        | Q(municipality_id__in=_member_municipality_ids(user))
        | Q(pk__in=PlanPartner.objects.filter(plan_id__in=plan_ids).values("organisation_id"))
    )


def organisations_editable_by(qs: QuerySet, user) -> QuerySet:
    """Coordinators register organisations in their municipality; administrators edit their own."""
    admin_orgs = _memberships(user).filter(role="administrator").values("organisation_id")
    return qs.filter(
        Q(municipality_id__in=_coordinator_municipality_ids(user)) | Q(pk__in=admin_orgs)
    )


def organisations_administered_by(qs: QuerySet, user) -> QuerySet:
    """Organisations whose memberships the user manages (administrator role)."""
    return qs.filter(
        pk__in=_memberships(user).filter(role="administrator").values("organisation_id")
    )


def coordinator_municipalities(user) -> QuerySet:
    from helhed.partnerships.models import Municipality

    return Municipality.objects.filter(pk__in=_coordinator_municipality_ids(user))


def department_placement_allowed(user, municipality, organisation) -> bool:
    """A department may be registered by the municipality's coordinator or by the owning
    organisation's housing social staff."""
    if coordinator_municipalities(user).filter(pk=municipality.pk).exists():
        return True
    return _memberships(user).filter(organisation=organisation, role="housing_staff").exists()
