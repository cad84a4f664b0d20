"""The partnership (partnerskab): who works together, where, and with which plan.

Organisations, housing departments (afdelinger), housing areas (boligområder) built from departments
with validity periods, and the plan (helhedsplan) with its governance, focus areas, goals,
activities, budget and funding. Which user may see or change what is decided by the querysets'
`visible_to` / `editable_by` methods (see access.py), never per view.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhed.partnerships import access


class Versioned(models.Model):
    """Optimistic locking: every change bumps `version`; an edit made from an older version is
    refused (services.save_versioned), so two people editing the same record never silently
    overwrite each other."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class Municipality(models.Model):
    """Kommune: one of Denmark's 98, identified by its 3-digit code."""

    code = models.CharField(
        _("kommunekode"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("Kommunekoden skal være tre cifre."))],
    )
    name = models.CharField(_("navn"), max_length=100)
    region_code = models.CharField(
        _("regionskode"),
        max_length=4,
        validators=[RegexValidator(r"^108[1-5]$", _("Regionskoden skal være 1081–1085."))],
    )
    region_name = models.CharField(_("region"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommune")
    HOUSING = "housing", _("Boligorganisation")
    PARTNER = "partner", _("Anden samarbejdspartner")


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.organisations_visible_to(self, user)

    def editable_by(self, user):
        return access.organisations_editable_by(self, user)


class Organisation(Versioned):
    """A municipality, a housing organisation (boligorganisation) or another partner (school, police, SSP…)."""

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_(
            "For en kommune: kommunen selv. For andre: den kommune organisationen hører til."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "municipality"], name="unique_org_name_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(kind="municipality"),
                name="one_municipality_org_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DepartmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.departments_visible_to(self, user)

    def editable_by(self, user):
        return access.departments_editable_by(self, user)


class Department(Versioned):
    """Afdeling: the unit a housing organisation runs, numbered like 123-45 (LBF number)."""

    number = models.CharField(
        _("afdelingsnummer"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^\d{1,5}-\d{1,4}$", _("Afdelingsnummeret skal have formen 123-45."))
        ],
    )
    name = models.CharField(_("navn"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("boligorganisation"),
        on_delete=models.PROTECT,
        related_name="departments",
        limit_choices_to={"kind": OrganisationKind.HOUSING},
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    tenancies = models.PositiveIntegerField(_("antal lejemål"))

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def clean(self) -> None:
        if self.organisation_id and self.organisation.kind != OrganisationKind.HOUSING:
            raise ValidationError(
                {"organisation": _("En afdeling skal høre til en boligorganisation.")}
            )


class AreaQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.areas_visible_to(self, user)

    def editable_by(self, user):
        return access.areas_editable_by(self, user)


class Area(Versioned):
    """Boligområde: physically connected departments; what the official lists are about."""

    code = models.CharField(_("områdekode"), max_length=20, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="areas"
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("boligområde")
        verbose_name_plural = _("boligområder")

    def __str__(self) -> str:
        return self.name

    def departments_on(self, day):
        """The departments that belonged to the area on `day` (validity periods are inclusive)."""
        return (
            Department.objects.filter(
                area_memberships__area=self, area_memberships__valid_from__lte=day
            )
            .filter(
                models.Q(area_memberships__valid_to__isnull=True)
                | models.Q(area_memberships__valid_to__gte=day)
            )
            .distinct()
        )


class ValidityPeriod(Versioned):
    """A from–to period (to is open when empty). Time series stay comparable because every figure
    for an area is computed from the departments that belonged to it in that year."""

    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)

    class Meta(Versioned.Meta):
        abstract = True

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Slutdatoen ligger før startdatoen.")})

    def overlaps(self, other: ValidityPeriod) -> bool:
        self_end = self.valid_to or self.valid_from.max
        other_end = other.valid_to or other.valid_from.max
        return self.valid_from <= other_end and other.valid_from <= self_end


class AreaDepartment(ValidityPeriod):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("boligområde")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="area_memberships",
        verbose_name=_("afdeling"),
    )

    class Meta:
        ordering = ["department__number", "valid_from"]
        verbose_name = _("afdeling i boligområde")
        verbose_name_plural = _("afdelinger i boligområde")

    def __str__(self) -> str:
        return f"{self.department} i {self.area}"

    def clean(self) -> None:
        super().clean()
        if not (self.department_id and self.valid_from):
            return
        if self.area_id and self.department.municipality_id != self.area.municipality_id:
            raise ValidationError(
                {"department": _("Afdelingen ligger i en anden kommune end boligområdet.")}
            )
        others = AreaDepartment.objects.filter(department_id=self.department_id).exclude(pk=self.pk)
        for other in others:
            if self.overlaps(other):
                raise ValidationError(
                    _("Afdelingen hører allerede til %(area)s i en overlappende periode.")
                    % {"area": other.area}
                )


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.plans_visible_to(self, user)

    def editable_by(self, user):
        return access.plans_editable_by(self, user)

    def activities_editable_by(self, user):
        return access.plans_activities_editable_by(self, user)


class Plan(Versioned):
    """Helhedsplan: the joint four-year social plan of a municipality and housing organisations."""

    name = models.CharField(_("navn"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="plans"
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"))
    vision = models.TextField(_("vision"), blank=True)
    lbf_share_pct = models.DecimalField(
        _("Landsbyggefondens andel (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("75.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Normalt 75 %; resten finansieres lokalt af boligorganisationer og kommune."),
    )
    partners = models.ManyToManyField(
        Organisation, through="PlanPartner", related_name="plans", verbose_name=_("partnere")
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("helhedsplan")
        verbose_name_plural = _("helhedsplaner")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutdatoen ligger før startdatoen.")})


class PlanPartner(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="plan_partnerships",
        verbose_name=_("organisation"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation"], name="unique_plan_partner")
        ]
        verbose_name = _("partner i planen")
        verbose_name_plural = _("partnere i planen")

    def __str__(self) -> str:
        return str(self.organisation)


class PlanArea(ValidityPeriod):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="plan_areas", verbose_name=_("helhedsplan")
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="plan_memberships",
        verbose_name=_("boligområde"),
    )

    class Meta:
        ordering = ["area__name", "valid_from"]
        verbose_name = _("boligområde i planen")
        verbose_name_plural = _("boligområder i planen")

    def __str__(self) -> str:
        return str(self.area)

    def clean(self) -> None:
        super().clean()
        if self.plan_id and self.area_id and self.area.municipality_id != self.plan.municipality_id:
            raise ValidationError({"area": _("Boligområdet ligger i en anden kommune end planen.")})


class BodyKind(models.TextChoices):
    BOARD = "board", _("Bestyrelse")
    FOLLOW_UP = "follow_up", _("Følgegruppe")
    RESIDENTS = "residents", _("Beboerpanel")
    OTHER = "other", _("Andet organ")


class Body(Versioned):
    """A governance body of the plan: board (bestyrelse), follow-up group (følgegruppe), residents' panel."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="bodies", verbose_name=_("helhedsplan")
    )
    kind = models.CharField(_("type"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    members = models.TextField(
        _("medlemmer"), blank=True, help_text=_("Én pr. linje: navn og organisation.")
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organ")
        verbose_name_plural = _("organer")

    def __str__(self) -> str:
        return self.name


class BodyMeeting(Versioned):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("organ")
    )
    date = models.DateField(_("dato"))
    title = models.CharField(_("emne"), max_length=200)
    minutes = models.TextField(_("referat"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")

    def __str__(self) -> str:
        return f"{self.body}: {self.title}"


class LbfTheme(models.TextChoices):
    EDUCATION = "uddannelse", _("Uddannelse og livschancer")
    EMPLOYMENT = "beskaeftigelse", _("Beskæftigelse")
    CRIME = "kriminalitet", _("Kriminalitetsforebyggelse")
    COHESION = "sammenhaeng", _("Sammenhængskraft og medborgerskab")


class FocusArea(Versioned):
    """Indsatsområde: one of LBF's current four themes, or a plan's own (e.g. Herning's four)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("helhedsplan")
    )
    name = models.CharField(_("navn"), max_length=200)
    lbf_theme = models.CharField(
        _("LBF-tema"),
        max_length=20,
        choices=LbfTheme.choices,
        blank=True,
        help_text=_("Tom for et frit indsatsområde."),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("indsatsområde")
        verbose_name_plural = _("indsatsområder")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_focus_area_name")
        ]

    def __str__(self) -> str:
        return self.name


class Goal(Versioned):
    """A goal (mål) of the strategic agreement under a focus area; indicators and targets attach here."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("helhedsplan")
    )
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="goals", verbose_name=_("indsatsområde")
    )
    title = models.CharField(_("mål"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["focus_area__order", "title"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.title


class Activity(Versioned):
    """Aktivitet: summer camp, homework café, leisure-job scheme, Bydelsmødre …"""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("helhedsplan")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("indsatsområde"),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="activities", verbose_name=_("partnere")
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("deltagere"), default=0)
    volunteers = models.PositiveIntegerField(_("frivillige"), default=0)
    results = models.TextField(_("resultater"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutdatoen ligger før startdatoen.")})
        if self.focus_area_id and self.plan_id and self.focus_area.plan_id != self.plan_id:
            raise ValidationError({"focus_area": _("Indsatsområdet hører til en anden plan.")})


class ActivityResult(Versioned):
    """A result of an activity as a number with a label, e.g. 2020: 38 unge i fritidsjob."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="result_figures",
        verbose_name=_("aktivitet"),
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    label = models.CharField(_("resultat"), max_length=200)
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=2)
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        ordering = ["-year", "label"]
        verbose_name = _("resultat")
        verbose_name_plural = _("resultater")

    def __str__(self) -> str:
        return f"{self.year}: {self.label}"


class BudgetLine(Versioned):
    """A budget line of the plan for one year, optionally under a focus area."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("helhedsplan")
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("indsatsområde"),
    )
    description = models.CharField(_("post"), max_length=200)
    amount = models.DecimalField(
        _("beløb (kr.)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        ordering = ["year", "description"]
        verbose_name = _("budgetpost")
        verbose_name_plural = _("budgetposter")

    def __str__(self) -> str:
        return f"{self.year}: {self.description}"

    def clean(self) -> None:
        if self.focus_area_id and self.plan_id and self.focus_area.plan_id != self.plan_id:
            raise ValidationError({"focus_area": _("Indsatsområdet hører til en anden plan.")})


class Grant(Versioned):
    """An external grant (ekstern bevilling) on top of the LBF and local funding."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="grants", verbose_name=_("helhedsplan")
    )
    grantor = models.CharField(_("bevillingsgiver"), max_length=200)
    amount = models.DecimalField(
        _("beløb (kr.)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    purpose = models.CharField(_("formål"), max_length=300)
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("aktivitet"),
    )

    class Meta:
        ordering = ["year", "grantor"]
        verbose_name = _("ekstern bevilling")
        verbose_name_plural = _("eksterne bevillinger")

    def __str__(self) -> str:
        return f"{self.grantor} ({self.year})"

    def clean(self) -> None:
        if self.activity_id and self.plan_id and self.activity.plan_id != self.plan_id:
            raise ValidationError({"activity": _("Aktiviteten hører til en anden plan.")})
