"""Who may do what in the gains app; the partnership's tenancy rules stay in partnerships/access.py.

- A calculation follows its activity's plan: readable by whoever sees the plan, writable by
  whoever may edit the plan's activities (Calculation.objects.visible_to / editable_by).
- The knowledge base is shared: every logged-in user reads every entry, shown with the
  organisation that added it. Municipal coordinators and analysts add entries, in the name of the
  organisation where they hold that role.
- The inspiration catalogue is public reference text for every logged-in user.
"""

from __future__ import annotations

from django.db.models import QuerySet

from helhed.accounts.models import Membership, Role
from helhed.partnerships.models import Organisation

KNOWLEDGE_ROLES = (Role.MUNICIPAL_COORDINATOR, Role.ANALYST)


def knowledge_organisations(user) -> QuerySet[Organisation]:
    """The organisations a user may add knowledge-base entries for (empty: may not add)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    org_ids = Membership.objects.filter(user=user, role__in=KNOWLEDGE_ROLES).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=org_ids).order_by("name")


def may_add_knowledge(user) -> bool:
    return knowledge_organisations(user).exists()
