"""Users belong to organisations through memberships with a role (rolle).

What each role may see is decided in helhed.partnerships.access (deny by default); see
docs/security.md for the matrix.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Kommunal koordinator")
    HOUSING_STAFF = "housing_staff", _("Boligsocial medarbejder")
    BOARD_MEMBER = "board_member", _("Bestyrelsesmedlem")
    FAMILY_COORDINATOR = "family_coordinator", _("Familiebehandler")
    ANALYST = "analyst", _("Analytiker")
    ADMINISTRATOR = "administrator", _("Administrator")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("bruger"),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices)

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} i {self.organisation}"


class DemoAccount(models.Model):
    """Marks a user created by `helhed demo`. Such users can log in only while HELHED_DEMO is on,
    so a demo password printed on screen can never open a production installation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demo_account"
    )

    class Meta:
        verbose_name = _("demokonto")
        verbose_name_plural = _("demokonti")

    def __str__(self) -> str:
        return str(self.user)
