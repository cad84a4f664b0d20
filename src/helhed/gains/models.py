"""Gains calculations of plan activities and the users' own knowledge-base entries.

A calculation belongs to an activity of a plan and follows the plan's rules exactly: whoever sees
the plan reads it, whoever may edit the plan's activities changes it (partnerships/access.py).
The scenario is stored in the core's input format (docs/gains.md); the computed output is kept as
a snapshot keyed by a hash of that input, so pages read the snapshot instead of recomputing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhed.domain.gains import BODY_LABELS
from helhed.partnerships.models import Activity, Organisation, Plan


class CalculationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(activity__plan__in=Plan.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(activity__plan__in=Plan.objects.activities_editable_by(user))


class Calculation(models.Model):
    """A gains calculation (gevinstberegning) of one activity."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="gain_calculations",
        verbose_name=_("aktivitet"),
    )
    name = models.CharField(_("navn"), max_length=200)
    scenario = models.JSONField(
        _("scenarie"), help_text=_("Input i kernens format (docs/gains.md).")
    )
    catalogue_entry = models.CharField(
        _("eksempel i inspirationskataloget"),
        max_length=100,
        blank=True,
        help_text=_("Id på det eksempel, beregningen er startet fra."),
    )
    # The core's JSON output for the stored scenario, and the hash of the input it was made from.
    result = models.JSONField(_("resultat"), null=True, blank=True, editable=False)
    result_key = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ændret af"),
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = CalculationQuerySet.as_manager()

    class Meta:
        ordering = ["activity__name", "name", "pk"]
        verbose_name = _("gevinstberegning")
        verbose_name_plural = _("gevinstberegninger")

    def __str__(self) -> str:
        return self.name


PUBLIC_BODY_CHOICES = [(key, label) for key, label in BODY_LABELS.items()]


class UserKnowledgeEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every logged-in user sees every entry, with the organisation that added it."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self


class UserKnowledgeEntry(models.Model):
    """A user's own sourced figure for the knowledge base (vidensbase). No source, no entry."""

    item = models.CharField(_("post"), max_length=300)
    value = models.DecimalField(_("værdi"), max_digits=18, decimal_places=4)
    unit = models.CharField(
        _("enhed"),
        max_length=80,
        help_text=_("Fx kr/person/år, kr/måned eller andel. Kun beløb i kr kan prisomregnes."),
    )
    price_year = models.PositiveSmallIntegerField(
        _("prisår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Tomt, hvis kilden ikke oplyser prisåret."),
    )
    public_body = models.CharField(
        _("kasse"), max_length=20, choices=PUBLIC_BODY_CHOICES, default="kommune"
    )
    source = models.TextField(
        _("kilde"),
        help_text=_("Hvor tallet kommer fra: publikation, side eller webadresse. Skal udfyldes."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="gain_knowledge_entries",
        verbose_name=_("tilføjet af organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = UserKnowledgeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = _("post i vidensbasen")
        verbose_name_plural = _("poster i vidensbasen")
        constraints = [
            # The database refuses an entry without a source too, whatever path it comes by.
            models.CheckConstraint(
                condition=~models.Q(source=""), name="gains_knowledge_entry_has_source"
            ),
        ]

    def __str__(self) -> str:
        return self.item
