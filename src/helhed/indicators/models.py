"""Indicator snapshots (øjebliksbilleder) with their provenance.

Pages and reports never aggregate person data on page load: they read the stored results of a
computation run, which records who ran it, on what input (sha256), with which definition versions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunKind(models.TextChoices):
    REGISTER = "register", _("Registerudtræk")
    AGGREGATE = "aggregate", _("Boligorganisationstal")
    SURVEY = "survey", _("Undersøgelsesresultater")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("I gang")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


class ComputationRun(models.Model):
    """One computation of indicators from a register extract, or one import of aggregates."""

    kind = models.CharField(_("type"), max_length=20, choices=RunKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="indicator_runs",
        verbose_name=_("dataejer"),
        help_text=_("Organisationen, der ejer data; kun den ser værdier, der er diskretioneret."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="indicator_runs", null=True
    )
    started_at = models.DateTimeField(_("startet"), auto_now_add=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    source = models.CharField(
        _("kilde"), max_length=500, help_text=_("Udtrækkets mappe eller filens navn.")
    )
    input_hash = models.CharField(_("inputhash (sha256)"), max_length=64, blank=True)
    mapping_hash = models.CharField(_("mappingfilens sha256"), max_length=64, blank=True)
    years = models.JSONField(_("år"), default=list)
    versions = models.JSONField(_("definitionsversioner"), default=dict)
    row_count = models.PositiveIntegerField(_("antal resultater"), default=0)
    progress_step = models.CharField(_("trin"), max_length=200, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(_("fejl"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("beregning")
        verbose_name_plural = _("beregninger")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%d.%m.%Y %H:%M}"

    @property
    def progress_pct(self) -> int:
        if not self.progress_total:
            return 0
        return round(100 * self.progress_done / self.progress_total)


class IndicatorValue(models.Model):
    """One figure: an indicator for one unit (department, area, municipality, region, country) and year."""

    run = models.ForeignKey(ComputationRun, on_delete=models.CASCADE, related_name="values")
    level = models.CharField(max_length=20)
    unit_id = models.CharField(max_length=40)
    unit_name = models.CharField(max_length=200)
    indicator = models.CharField(max_length=80)
    year = models.PositiveSmallIntegerField()
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    suppressed = models.BooleanField(default=False)
    version = models.PositiveSmallIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(fields=["run", "level", "unit_id"]),
            models.Index(fields=["run", "indicator", "level", "year"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "level", "unit_id", "indicator", "year"], name="unique_value_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit_name} {self.year}"


class AggregateRecord(models.Model):
    """A reported figure for one department — or, for a survey, one area — and year, as imported."""

    run = models.ForeignKey(
        ComputationRun, on_delete=models.CASCADE, related_name="aggregate_records"
    )
    department = models.ForeignKey(
        "partnerships.Department",
        on_delete=models.PROTECT,
        related_name="aggregates",
        null=True,
        blank=True,
    )
    area = models.ForeignKey(
        "partnerships.Area",
        on_delete=models.PROTECT,
        related_name="aggregates",
        null=True,
        blank=True,
        help_text=_("Kun for undersøgelser, der er indleveret for hele boligområdet."),
    )
    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=80)
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)

    class Meta:
        ordering = ["department__number", "area__code", "year", "indicator"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(department__isnull=False, area__isnull=True)
                | models.Q(department__isnull=True, area__isnull=False),
                name="aggregate_for_department_or_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.department_id or self.area_id} {self.year}"
