"""Imported national data sets behind the official area lists, with their provenance.

These are public national figures (the ministry's criterion values and published lists), so every
logged-in user reads them; importing is restricted (see access.py). An import is stored whole or
not at all, and is never edited afterwards: a corrected file is a new import, and the latest import
of a list year is the one screened (selectors.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhed.domain.arealists import LIST_KEYS, LIST_LABELS_DA, AreaInput


class ImportProvenance(models.Model):
    """Who imported which file when; the file itself is identified by its SHA-256."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importeret af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tom for data indlæst af systemet (demo)."),
    )
    imported_at = models.DateTimeField(_("importeret"), auto_now_add=True)
    file_name = models.CharField(_("filnavn"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    row_count = models.PositiveIntegerField(_("antal rækker"))

    class Meta:
        abstract = True

    @property
    def imported_by_label(self) -> str:
        if self.imported_by is None:
            return "systemet"
        return self.imported_by.get_full_name() or self.imported_by.get_username()


class CriterionImport(ImportProvenance):
    """One file of per-area criterion values for one list year."""

    year = models.PositiveSmallIntegerField(_("listeår"))

    class Meta:
        ordering = ["-year", "-imported_at", "-pk"]
        verbose_name = _("import af kriterieværdier")
        verbose_name_plural = _("importer af kriterieværdier")

    def __str__(self) -> str:
        return f"{self.year}: {self.file_name}"


class CriterionRow(models.Model):
    """One area's criterion values in one import: the input columns of the rule core."""

    source = models.ForeignKey(
        CriterionImport, on_delete=models.CASCADE, related_name="rows", verbose_name=_("import")
    )
    year = models.PositiveSmallIntegerField(_("listeår"))
    area_name = models.CharField(_("boligområde"), max_length=200)
    municipality_name = models.CharField(_("kommune"), max_length=100)
    area = models.ForeignKey(
        "partnerships.Area",
        verbose_name=_("boligområde i partnerskabet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="list_rows",
    )
    residents = models.PositiveIntegerField(_("beboere"), null=True, blank=True)
    pct_outside_labour_market = models.FloatField(null=True, blank=True)
    conviction_rate_pct = models.FloatField(null=True, blank=True)
    national_conviction_rate_pct = models.FloatField(null=True, blank=True)
    pct_basic_education = models.FloatField(null=True, blank=True)
    income_pct_of_region = models.FloatField(null=True, blank=True)
    pct_nonwestern = models.FloatField(null=True, blank=True)
    residents_18_64 = models.PositiveIntegerField(null=True, blank=True)
    residents_18plus = models.PositiveIntegerField(null=True, blank=True)
    residents_30_59 = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["year", "area_name"]
        verbose_name = _("kriterierække")
        verbose_name_plural = _("kriterierækker")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "area_name"], name="arealists_unique_area_per_import"
            )
        ]
        indexes = [models.Index(fields=["area_name", "year"])]

    def __str__(self) -> str:
        return f"{self.area_name} ({self.year})"

    def to_input(self) -> AreaInput:
        return AreaInput(
            year=self.year,
            area=self.area_name,
            municipality=self.municipality_name,
            residents=self.residents,
            pct_outside_labour_market=self.pct_outside_labour_market,
            conviction_rate_pct=self.conviction_rate_pct,
            national_conviction_rate_pct=self.national_conviction_rate_pct,
            pct_basic_education=self.pct_basic_education,
            income_pct_of_region=self.income_pct_of_region,
            pct_nonwestern=self.pct_nonwestern,
            residents_18_64=self.residents_18_64,
            residents_18plus=self.residents_18plus,
            residents_30_59=self.residents_30_59,
        )


class OfficialListImport(ImportProvenance):
    """One file of published lists (`area, year, list`), the history of the consecutive rules."""

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("import af officielle lister")
        verbose_name_plural = _("importer af officielle lister")

    def __str__(self) -> str:
        return self.file_name


class OfficialListRow(models.Model):
    LIST_CHOICES = [(key, LIST_LABELS_DA[key]) for key in LIST_KEYS]

    source = models.ForeignKey(
        OfficialListImport,
        on_delete=models.CASCADE,
        related_name="rows",
        verbose_name=_("import"),
    )
    area_name = models.CharField(_("boligområde"), max_length=200)
    year = models.PositiveSmallIntegerField(_("listeår"))
    list_key = models.CharField(_("liste"), max_length=20, choices=LIST_CHOICES)
    area = models.ForeignKey(
        "partnerships.Area",
        verbose_name=_("boligområde i partnerskabet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="official_list_rows",
    )

    class Meta:
        ordering = ["year", "area_name", "list_key"]
        verbose_name = _("officiel listeplacering")
        verbose_name_plural = _("officielle listeplaceringer")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "area_name", "year", "list_key"],
                name="arealists_unique_official_row",
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_name} {self.year}: {self.list_key}"
