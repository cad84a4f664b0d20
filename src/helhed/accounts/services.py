"""Writes about users and memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from helhed.accounts.models import Membership


@transaction.atomic
def membership_create(
    *,
    actor,
    organisation,
    username: str,
    role: str,
    password: str | None = None,
    email: str = "",
    full_name: str = "",
) -> Membership:
    """Give `username` a role in `organisation`, creating the user if it does not exist yet."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        first, _sep, last = full_name.partition(" ")
        user = User(username=username, email=email, first_name=first, last_name=last)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    return membership
