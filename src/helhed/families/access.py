"""Who may see and change a family — every rule of the families app, in one place.

Deny by default. On day d a user u sees family f when

  (1) u is ASSIGNED to f: u has a FamilyAssignment to f through an organisation o, and u still
      holds the family_coordinator role in o; or
  (2) u is a PARTNER of f through an organisation o, which needs all three of
      (a) u holds a role in o that may see families: family_coordinator, housing_staff or
          municipal_coordinator — never board_member, analyst or administrator;
      (b) f has a consent that covers o and is active on d (valid_from ≤ d ≤ valid_to, an open
          end allowed, not withdrawn);
      (c) f has a current intervention (status planned, active or paused, and no end date
          before d) for which o is the responsible organisation or u is the responsible user.

What a viewer sees of a visible family: an assigned coordinator sees everything. A partner sees
only the categories of the active consents that cover its partner organisations (identity: names
and CPR numbers; interventions; meetings, goals, actions and progress); without "identity",
members are shown by pseudonym only.

What a viewer may change: an assigned coordinator changes everything of the family and makes
the data-subject export. A partner may create and edit the interventions of its own partner
organisations when its consent covers interventions. Nobody else changes anything.

Everybody else gets 404 — in HTML, the API, exports and search alike. The querysets below
filter in SQL; `viewer_for` answers the same questions for one family with the same subqueries.

The audit log: administrators of a municipality's own organisation see the entries about that
municipality's families and the entries written by members of that municipality's organisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from helhed.accounts.models import Membership, Role

FAMILY_ROLES = (Role.FAMILY_COORDINATOR, Role.HOUSING_STAFF, Role.MUNICIPAL_COORDINATOR)
ALL_CATEGORIES = frozenset({"identity", "interventions", "meetings"})
CURRENT_STATUSES = ("planned", "active", "paused")


def today() -> date:
    return timezone.localdate()


def _memberships(user) -> QuerySet:
    if user is None or not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user)


def may_see_families(user) -> bool:
    """Does the user hold a role that can ever see a family? (Such users need TOTP.)"""
    return _memberships(user).filter(role__in=FAMILY_ROLES).exists()


def coordinator_organisations(user) -> QuerySet:
    from helhed.partnerships.models import Organisation

    return Organisation.objects.filter(
        pk__in=_memberships(user).filter(role=Role.FAMILY_COORDINATOR).values("organisation_id")
    )


def _assigned_family_ids(user) -> QuerySet:
    from helhed.families.models import FamilyAssignment

    coordinator_orgs = (
        _memberships(user).filter(role=Role.FAMILY_COORDINATOR).values("organisation_id")
    )
    return FamilyAssignment.objects.filter(user=user, organisation_id__in=coordinator_orgs).values(
        "family_id"
    )


def _covering_links(user, day: date) -> QuerySet:
    """ConsentOrganisation rows that make `user` a partner (rule 2) of the consent's family."""
    from helhed.families.models import ConsentOrganisation, Intervention

    orgs = _memberships(user).filter(role__in=FAMILY_ROLES).values("organisation_id")
    current = Intervention.objects.filter(
        family_id=OuterRef("consent__family_id"), status__in=CURRENT_STATUSES
    ).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=day),
        Q(organisation_id=OuterRef("organisation_id")) | Q(responsible_user_id=user.pk),
    )
    return (
        ConsentOrganisation.objects.filter(
            organisation_id__in=orgs,
            consent__withdrawn_at__isnull=True,
            consent__valid_from__lte=day,
        )
        .filter(Q(consent__valid_to__isnull=True) | Q(consent__valid_to__gte=day))
        .filter(Exists(current))
    )


def families_visible_to(qs: QuerySet, user, day: date | None = None) -> QuerySet:
    if not _memberships(user).exists():
        return qs.none()
    day = day or today()
    return qs.filter(
        Q(pk__in=_assigned_family_ids(user))
        | Q(pk__in=_covering_links(user, day).values("consent__family_id"))
    )


@dataclass(frozen=True)
class Viewer:
    """What one user may do with one family today."""

    assigned: bool
    partner_organisation_ids: frozenset[int]
    categories: frozenset[str]

    @property
    def can_view(self) -> bool:
        return self.assigned or bool(self.partner_organisation_ids)

    @property
    def can_edit_family(self) -> bool:
        return self.assigned

    def sees(self, category: str) -> bool:
        return category in self.categories

    def can_edit_intervention(self, intervention) -> bool:
        return self.assigned or (
            self.sees("interventions")
            and intervention.organisation_id in self.partner_organisation_ids
        )

    @property
    def can_create_intervention(self) -> bool:
        return self.assigned or (self.sees("interventions") and bool(self.partner_organisation_ids))


NOBODY = Viewer(False, frozenset(), frozenset())


def viewer_for(user, family, day: date | None = None) -> Viewer:
    if not _memberships(user).exists():
        return NOBODY
    day = day or today()
    assigned = _assigned_family_ids(user).filter(family_id=family.pk).exists()
    links = list(
        _covering_links(user, day)
        .filter(consent__family_id=family.pk)
        .values_list("organisation_id", "consent__categories")
    )
    partner_orgs = frozenset(org for org, _categories in links)
    if assigned:
        return Viewer(True, partner_orgs, ALL_CATEGORIES)
    categories = frozenset(c for _org, cats in links for c in cats) & ALL_CATEGORIES
    return Viewer(False, partner_orgs, categories)


def audit_visible_to(qs: QuerySet, user) -> QuerySet:
    admin_municipalities = (
        _memberships(user)
        .filter(role=Role.ADMINISTRATOR, organisation__kind="municipality")
        .values("organisation__municipality_id")
    )
    staff = Membership.objects.filter(
        organisation__municipality_id__in=admin_municipalities
    ).values("user_id")
    return qs.filter(
        Q(municipality_id__in=admin_municipalities)
        | Q(municipality_id__isnull=True, actor_id__in=staff)
    )


def may_read_audit(user) -> bool:
    return (
        _memberships(user)
        .filter(role=Role.ADMINISTRATOR, organisation__kind="municipality")
        .exists()
    )


def aggregate_family_ids(user) -> QuerySet:
    """The families a user's aggregates count: those living in a municipality where the user is a
    member of any organisation. Only counts leave this set (see selectors.board_figures)."""
    from helhed.families.models import Family

    municipalities = _memberships(user).values("organisation__municipality_id")
    return Family.objects.filter(department__municipality_id__in=municipalities).values("pk")
