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


@transaction.atomic
def municipality_bootstrap(
    *,
    code: str,
    name: str,
    region_code: str,
    region_name: str,
    username: str,
    password: str,
    email: str = "",
):
    """Day one of an installation: the municipality, its own organisation, and a first user who is
    both its administrator and its municipal coordinator."""
    from django.core.exceptions import ValidationError

    from helhed.accounts.models import Role
    from helhed.partnerships.models import Municipality, Organisation, OrganisationKind

    municipality = Municipality(
        code=code, name=name, region_code=region_code, region_name=region_name
    )
    municipality.full_clean()
    municipality.save()
    organisation = Organisation.objects.create(
        name=name, kind=OrganisationKind.MUNICIPALITY, municipality=municipality
    )
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"Brugernavnet {username!r} findes allerede."})
    from django.contrib.auth.password_validation import validate_password

    validate_password(password, User(username=username))
    for role in (Role.ADMINISTRATOR, Role.MUNICIPAL_COORDINATOR):
        membership_create(
            actor=None,
            organisation=organisation,
            username=username,
            role=role,
            password=password,
            email=email,
        )
    return organisation
