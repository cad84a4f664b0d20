"""Who may do what with the official area lists.

The criterion values and the published lists are public national figures: every logged-in user
reads all of them, whatever their organisation. Importing a data set is for municipal coordinators
and analysts (in any organisation); everybody else is refused (403), and nothing is stored.
"""

from __future__ import annotations

from helhed.accounts.models import Membership, Role

IMPORT_ROLES = (Role.MUNICIPAL_COORDINATOR, Role.ANALYST)


def may_read(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def may_import(user) -> bool:
    if not may_read(user):
        return False
    return Membership.objects.filter(user=user, role__in=IMPORT_ROLES).exists()
