"""Goal follow-up (målopfølgning), the annual review (årligt eftersyn) and the status report.

Who may read or change these is the plan's rule: readable by whoever sees the plan, changed by
whoever may edit it (`Plan.objects.visible_to` / `.editable_by`); see selectors.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helhed.domain.indicators.definitions import Better, Measure
from helhed.domain.indicators.registry import DEFINITIONS, REGISTRY
from helhed.domain.reporting.status import TargetKind as CoreTargetKind

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def indicator_choices() -> list[tuple[str, str]]:
    """Indicators a goal can be followed with: those with a better direction."""
    return [(d.key, d.name) for d in DEFINITIONS if d.better is not Better.NEUTRAL]


class TargetKind(models.TextChoices):
    VALUE_BY_YEAR = CoreTargetKind.VALUE_BY_YEAR.value, _("En værdi i et bestemt år")
    APPROACH_AVERAGE = CoreTargetKind.APPROACH_AVERAGE.value, _("Nærme sig kommunens gennemsnit")
    NOT_WORSE = CoreTargetKind.NOT_WORSE.value, _("Mindst lige så godt som året før")


class GoalIndicator(models.Model):
    """An indicator a goal is followed with, and its target (måltal)."""

    goal = models.ForeignKey(
        "partnerships.Goal",
        on_delete=models.CASCADE,
        related_name="followup_indicators",
        verbose_name=_("mål"),
    )
    indicator = models.CharField(_("indikator"), max_length=80, choices=indicator_choices)
    target_kind = models.CharField(_("måltype"), max_length=20, choices=TargetKind.choices)
    target_value = models.DecimalField(
        _("måltal"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kun for måltypen »en værdi i et bestemt år«, i indikatorens enhed."),
    )
    target_year = models.PositiveSmallIntegerField(
        _("målår"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_year = models.PositiveSmallIntegerField(_("basisår"), validators=YEAR_VALIDATORS)
    responsible = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followup_indicators",
        verbose_name=_("ansvarlig partner"),
    )
    note = models.TextField(
        _("bemærkning"), blank=True, help_text=_("Fx om tallene opgøres forskelligt fra år til år.")
    )

    class Meta:
        ordering = ["goal__focus_area__order", "goal__title", "pk"]
        verbose_name = _("målindikator")
        verbose_name_plural = _("målindikatorer")
        constraints = [
            models.UniqueConstraint(fields=["goal", "indicator"], name="unique_goal_indicator")
        ]

    def __str__(self) -> str:
        definition = REGISTRY.get(self.indicator)
        return f"{self.goal}: {definition.name if definition else self.indicator}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        definition = REGISTRY.get(self.indicator)
        if definition is not None and definition.better is Better.NEUTRAL:
            errors["indicator"] = _("Indikatoren har ingen bedre retning og kan ikke have et mål.")
        if self.target_kind == TargetKind.VALUE_BY_YEAR:
            if self.target_value is None:
                errors["target_value"] = _("Angiv måltallet.")
            if self.target_year is None:
                errors["target_year"] = _("Angiv året, måltallet skal være nået.")
            elif self.baseline_year and self.target_year <= self.baseline_year:
                errors["target_year"] = _("Målåret skal ligge efter basisåret.")
        elif (
            self.target_kind == TargetKind.APPROACH_AVERAGE
            and definition is not None
            and definition.measure is Measure.TOTAL
        ):
            errors["target_kind"] = _(
                "En sum kan ikke sammenlignes med kommunens gennemsnit; vælg en anden måltype."
            )
        if self.target_kind and self.target_kind != TargetKind.VALUE_BY_YEAR:
            if self.target_value is not None:
                errors["target_value"] = _("Et måltal hører kun til måltypen »en værdi i et år«.")
            if self.target_year is not None:
                errors["target_year"] = _("Et målår hører kun til måltypen »en værdi i et år«.")
        if self.responsible_id and self.goal_id:
            plan = self.goal.plan
            allowed = plan.partnerships.filter(organisation_id=self.responsible_id).exists() or (
                self.responsible.kind == "municipality"
                and self.responsible.municipality_id == plan.municipality_id
            )
            if not allowed:
                errors["responsible"] = _(
                    "Den ansvarlige skal være partner i planen eller planens kommune."
                )
        if errors:
            raise ValidationError(errors)


class ReportText(models.Model):
    """Staff's text for the report of a year: an edit of an indicator's generated text, or text
    added under a focus area. The generated text is never overwritten: it is computed anew from
    the figures, and `generated_text` keeps the version the edit was made from, so the report can
    say when the figures have changed since."""

    plan = models.ForeignKey(
        "partnerships.Plan", on_delete=models.CASCADE, related_name="followup_texts"
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    goal_indicator = models.ForeignKey(
        GoalIndicator, on_delete=models.CASCADE, null=True, blank=True, related_name="texts"
    )
    focus_area = models.ForeignKey(
        "partnerships.FocusArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followup_texts",
    )
    text = models.TextField(_("tekst"))
    generated_text = models.TextField(_("genereret tekst, da teksten blev redigeret"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("rapporttekst")
        verbose_name_plural = _("rapporttekster")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal_indicator__isnull=True) ^ Q(focus_area__isnull=True),
                name="report_text_for_one_thing",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "goal_indicator"],
                condition=Q(goal_indicator__isnull=False),
                name="unique_indicator_text_per_year",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "focus_area"],
                condition=Q(focus_area__isnull=False),
                name="unique_focus_text_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"


class AnnualReview(models.Model):
    """Årligt eftersyn: the board's observations on the year, and the report's free sections."""

    plan = models.ForeignKey(
        "partnerships.Plan",
        on_delete=models.CASCADE,
        related_name="annual_reviews",
        verbose_name=_("helhedsplan"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    meeting = models.ForeignKey(
        "partnerships.BodyMeeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annual_reviews",
        verbose_name=_("møde"),
        help_text=_("Bestyrelsesmødet, hvor eftersynet blev gennemført (valgfrit)."),
    )
    meeting_date = models.DateField(_("mødedato"), null=True, blank=True)
    organisation = models.TextField(_("organisering"), blank=True)
    goal_follow_up = models.TextField(_("opfølgning på mål"), blank=True)
    budget = models.TextField(_("budget"), blank=True)
    collaboration = models.TextField(_("samarbejde"), blank=True)
    case_summary = models.TextField(_("sagsresume"), blank=True)
    other_efforts = models.TextField(
        _("samspil med øvrige tiltag"),
        blank=True,
        help_text=_("Samspillet mellem den boligsociale indsats og øvrige tiltag."),
    )
    recommendation = models.TextField(_("indstilling"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("årligt eftersyn")
        verbose_name_plural = _("årlige eftersyn")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="unique_review_per_year")
        ]

    def __str__(self) -> str:
        return f"Årligt eftersyn {self.year}: {self.plan}"

    def clean(self) -> None:
        if self.meeting_id and self.plan_id and self.meeting.body.plan_id != self.plan_id:
            raise ValidationError({"meeting": _("Mødet hører til en anden plan.")})
        if self.meeting_id and self.meeting_date and self.meeting_date != self.meeting.date:
            raise ValidationError({"meeting_date": _("Mødedatoen skal være mødets dato.")})


class ReportIssue(models.Model):
    """The report of a year has been issued (udsendt): its texts and review are then locked."""

    plan = models.ForeignKey(
        "partnerships.Plan", on_delete=models.CASCADE, related_name="report_issues"
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    issued_at = models.DateTimeField(_("udsendt"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="unique_issue_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


class ReportFile(models.Model):
    """The latest rendered report file of a plan and year. Rendered for publication: suppressed
    values are hidden whoever pressed the button, so every reader of the plan may download it."""

    plan = models.ForeignKey(
        "partnerships.Plan", on_delete=models.CASCADE, related_name="report_files"
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    format = models.CharField(_("format"), max_length=10, choices=ReportFormat.choices)
    content = models.BinaryField()
    size = models.PositiveIntegerField(_("størrelse (byte)"), default=0)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dannet"), auto_now=True)

    class Meta:
        ordering = ["format"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "format"], name="unique_report_file")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}.{self.format}"
