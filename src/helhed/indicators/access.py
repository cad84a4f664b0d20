"""Who may compute, import and see unsuppressed indicator values.

- Indicator values are aggregates: every logged-in user may read them, but a value marked
  suppressed (diskretioneret: counts under the threshold) is shown only to the data owner — the
  municipal coordinators and analysts of the organisation whose computation produced it, or the
  housing social staff and coordinators of the organisation that imported an aggregate file.
- Computing from a register extract: municipal coordinators and analysts of a municipality's own
  organisation; the run is owned by that organisation.
- Importing housing-organisation aggregates and survey results: housing social staff (their own
  organisation's departments) and municipal coordinators (departments in their municipality); a
  survey for a whole area, for an area with at least one such department.
"""

from __future__ import annotations

from django.db.models import QuerySet

from helhed.accounts.models import Membership, Role
from helhed.partnerships.models import Organisation, OrganisationKind

COMPUTE_ROLES = (Role.MUNICIPAL_COORDINATOR, Role.ANALYST)
OWNER_READ_ROLES = (Role.MUNICIPAL_COORDINATOR, Role.ANALYST, Role.HOUSING_STAFF)


def _memberships(user) -> QuerySet:
    if user is None or not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user)


def compute_organisation(user) -> Organisation | None:
    """The municipality organisation a user computes for (the first, if several)."""
    membership = (
        _memberships(user)
        .filter(role__in=COMPUTE_ROLES, organisation__kind=OrganisationKind.MUNICIPALITY)
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    return membership.organisation if membership else None


def import_organisations(user) -> QuerySet:
    """Organisations a user may import aggregates for."""
    return Organisation.objects.filter(
        pk__in=_memberships(user)
        .filter(role__in=(Role.HOUSING_STAFF, Role.MUNICIPAL_COORDINATOR))
        .values("organisation_id")
    )


def owned_organisation_ids(user) -> set[int]:
    """Organisations whose suppressed values the user may see."""
    return set(
        _memberships(user)
        .filter(role__in=OWNER_READ_ROLES)
        .values_list("organisation_id", flat=True)
    )


def visible_runs(user) -> QuerySet:
    from helhed.indicators.models import ComputationRun

    return ComputationRun.objects.filter(
        organisation_id__in=_memberships(user).values("organisation_id")
    )
