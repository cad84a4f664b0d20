"""The audit log (revisionslog) and the TOTP devices of the step-up check.

An audit entry is written once and never changed: its queryset refuses update/delete/bulk writes
and `save()` refuses an existing row. It keeps no foreign key to the family, so it survives the
family's deletion under the retention rule; it names the family by id and pseudonymous code only.
The `detail` holds field names and counts, never field values.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhed.families import access
from helhed.families.guard import BulkWriteBlocked, GuardedQuerySet


class AuditAction(models.TextChoices):
    VIEW = "view", _("Læst")
    LIST = "list", _("Vist i liste")
    SEARCH = "search", _("Fundet ved søgning")
    CREATE = "create", _("Oprettet")
    UPDATE = "update", _("Ændret")
    WITHDRAW = "withdraw", _("Samtykke tilbagekaldt")
    CLOSE = "close", _("Sag lukket")
    SUBJECT_EXPORT = "subject_export", _("Indsigtseksport")
    AUDIT_VIEW = "audit_view", _("Revisionslog læst")
    AUDIT_EXPORT = "audit_export", _("Revisionslog eksporteret")
    RETENTION_DELETE = "retention_delete", _("Slettet efter opbevaringsfrist")
    TOTP_ENROL = "totp_enrol", _("Tofaktor oprettet")
    TOTP_VERIFY = "totp_verify", _("Tofaktor bekræftet")
    TOTP_FAILED = "totp_failed", _("Forkert tofaktorkode")


OBJECT_LABELS = {
    "family": _("Familie"),
    "familyassignment": _("Tilknytning"),
    "member": _("Familiemedlem"),
    "consent": _("Samtykke"),
    "intervention": _("Indsats"),
    "networkmeeting": _("Netværksmøde"),
    "action": _("Handling"),
}


class AuditQuerySet(GuardedQuerySet):
    def visible_to(self, user):
        return access.audit_visible_to(self, user)


class AuditEntry(models.Model):
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_username = models.CharField(_("bruger"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("objekttype"), max_length=40, blank=True)
    object_id = models.BigIntegerField(_("objekt-id"), null=True, blank=True)
    family_id = models.BigIntegerField(_("familie-id"), null=True, blank=True, db_index=True)
    family_code = models.CharField(_("familiekode"), max_length=6, blank=True, db_index=True)
    municipality_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    reason = models.TextField(_("begrundelse"), blank=True)
    detail = models.JSONField(_("detaljer"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("revisionslogpost")
        verbose_name_plural = _("revisionslog")

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.actor_username} {self.action} {self.family_code}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise BulkWriteBlocked("En post i revisionsloggen kan ikke ændres.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise BulkWriteBlocked("En post i revisionsloggen kan ikke slettes.")

    @property
    def object_label(self) -> str:
        """ "Netværksmøde #12": the object in Danish, for the page and the exports."""
        if not self.object_type:
            return ""
        label = OBJECT_LABELS.get(self.object_type, self.object_type)
        return f"{label} #{self.object_id}" if self.object_id is not None else str(label)


class TotpDevice(models.Model):
    """A user's authenticator app (TOTP, RFC 6238), confirmed once with a correct code.

    `last_counter` is the time step of the last accepted code, so a code cannot be used twice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="families_totp"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_counter = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tofaktorenhed")
        verbose_name_plural = _("tofaktorenheder")

    def __str__(self) -> str:
        return f"TOTP for {self.user}"
