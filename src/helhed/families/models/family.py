"""Families, their members, consent, interventions, network meetings, goals and actions.

Every model here holds personal data. They derive from `AuditedModel` (guard.py): bulk writes
raise, and a save or delete outside an audited service raises, so every write has its audit row.
Who may see what is decided in access.py and applied as querysets (`Family.objects.visible_to`).
Lists show only the pseudonymous family code; names and CPR-like identifiers are on the record
page for those the consent allows.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhed.domain.families import overlaps, progress
from helhed.families import access
from helhed.families.guard import AuditedModel, GuardedQuerySet
from helhed.families.models.choices import (
    ConsentCategory,
    Demand,
    FamilyStatus,
    GoalCategory,
    InterventionKind,
    InterventionStatus,
    ParticipantKind,
    Relation,
)

USER = settings.AUTH_USER_MODEL


class FamilyQuerySet(GuardedQuerySet):
    def visible_to(self, user, day: date | None = None):
        return access.families_visible_to(self, user, day)


class Family(AuditedModel):
    code = models.CharField(_("familiekode"), max_length=6, unique=True, editable=False)
    department = models.ForeignKey(
        "partnerships.Department",
        on_delete=models.PROTECT,
        related_name="families",
        verbose_name=_("afdeling"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FamilyStatus.choices, default=FamilyStatus.OPEN
    )
    opened_on = models.DateField(_("sagen åbnet"))
    closed_on = models.DateField(_("sagen lukket"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("familie")
        verbose_name_plural = _("familier")

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("Sagen kan ikke lukkes før den er åbnet.")})


class FamilyAssignment(AuditedModel):
    """A family coordinator assigned to the family, through a membership of `organisation`."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="assignments")
    # PROTECT: deleting a user must not silently remove an assignment outside the audit log.
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="family_assignments")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    assigned_on = models.DateField(_("tilknyttet"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "user"], name="unique_family_assignment")
        ]


class Member(AuditedModel):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    number = models.PositiveSmallIntegerField(_("nummer"), editable=False)
    relation = models.CharField(_("rolle i familien"), max_length=10, choices=Relation.choices)
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    cpr = models.CharField(
        _("CPR-nummer"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^\d{6}-[0-9X]{4}$", _("Skriv CPR-nummeret som 010101-XXXX."))],
        help_text=_("Formen 010101-XXXX. Brug aldrig rigtige CPR-numre i demo og test."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("fødselsår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    class Meta:
        ordering = ["family", "number"]
        verbose_name = _("familiemedlem")
        verbose_name_plural = _("familiemedlemmer")
        constraints = [
            models.UniqueConstraint(fields=["family", "number"], name="unique_member_number")
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        """What every list shows: the family code and the member's number, e.g. F-7K3Q-2."""
        return f"{self.family.code}-{self.number}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Consent(AuditedModel):
    """Samtykke: what the family agreed to share, with which organisations, from when to when."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("givet af"), max_length=200)
    categories = models.JSONField(_("hvad må deles"), default=list)
    organisations = models.ManyToManyField(
        "partnerships.Organisation",
        through="ConsentOrganisation",
        related_name="+",
        verbose_name=_("med hvem"),
    )
    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")

    def __str__(self) -> str:
        return f"{self.family.code}: samtykke fra {self.valid_from:%d.%m.%Y}"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Slutdatoen ligger før startdatoen.")})
        unknown = set(self.categories or []) - set(ConsentCategory.values)
        if not self.categories or unknown:
            raise ValidationError({"categories": _("Vælg mindst én af de kendte kategorier.")})

    def active_on(self, day: date) -> bool:
        return (
            self.withdrawn_at is None
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )

    def category_labels(self) -> list[str]:
        return [str(ConsentCategory(c).label) for c in self.categories]


class ConsentOrganisation(AuditedModel):
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="links")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consent", "organisation"], name="unique_consent_organisation"
            )
        ]


class Intervention(AuditedModel):
    """Indsats: one agency's intervention for one or more members of the family."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField(_("type"), max_length=20, choices=InterventionKind.choices)
    title = models.CharField(_("indsats"), max_length=200)
    legal_basis = models.CharField(
        _("lovgrundlag"), max_length=200, blank=True, help_text=_("Fx serviceloven § 52.")
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="family_interventions",
        verbose_name=_("ansvarlig organisation"),
    )
    responsible_person = models.CharField(_("ansvarlig person"), max_length=200, blank=True)
    responsible_user = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,  # it grants access (access.py rule 2c); never cleared silently
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig bruger"),
    )
    members = models.ManyToManyField(
        Member, through="InterventionMember", related_name="interventions", verbose_name=_("for")
    )
    goal = models.CharField(_("mål"), max_length=300)
    goal_category = models.CharField(_("målområde"), max_length=20, choices=GoalCategory.choices)
    demand = models.CharField(
        _("krav til personen"), max_length=20, choices=Demand.choices, blank=True
    )
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("slut"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InterventionStatus.choices,
        default=InterventionStatus.ACTIVE,
    )

    class Meta:
        ordering = ["start_on", "pk"]
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("Slutdatoen ligger før startdatoen.")})
        if self.status == InterventionStatus.ENDED and not self.end_on:
            raise ValidationError({"end_on": _("Skriv hvornår indsatsen sluttede.")})

    def fact(self) -> overlaps.InterventionFact:
        return overlaps.InterventionFact(
            id=self.pk,
            member_ids=frozenset(link.member_id for link in self.member_links.all()),
            goal_category=self.goal_category,
            status=self.status,
            start=self.start_on,
            end=self.end_on,
            demand=self.demand,
        )


class InterventionMember(AuditedModel):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="member_links"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "member"], name="unique_intervention_member"
            )
        ]


class NetworkMeeting(AuditedModel):
    """Netværksmøde: the family with its private and professional network."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("dato"))
    summary = models.TextField(_("referat"), blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("netværksmøde")
        verbose_name_plural = _("netværksmøder")

    def __str__(self) -> str:
        return f"Netværksmøde {self.held_on:%d.%m.%Y}"


class MeetingParticipant(AuditedModel):
    meeting = models.ForeignKey(
        NetworkMeeting, on_delete=models.CASCADE, related_name="participants"
    )
    kind = models.CharField(_("type"), max_length=20, choices=ParticipantKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    role = models.CharField(_("rolle eller organisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "pk"]


class FamilyGoal(AuditedModel):
    """A goal the whole family and its network agreed on at a meeting."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="goals")
    agreed_at = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("mål"), max_length=300)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.title


class Action(AuditedModel):
    """Handling: who does what by when, agreed at a meeting and followed up at later ones."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        FamilyGoal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("mål"),
    )
    description = models.CharField(_("handling"), max_length=300)
    owner = models.CharField(_("ansvarlig"), max_length=200)
    due_on = models.DateField(_("frist"))
    done_on = models.DateField(_("udført"), null=True, blank=True)
    done_at = models.ForeignKey(
        NetworkMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completed_actions",
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("handling")
        verbose_name_plural = _("handlinger")

    def __str__(self) -> str:
        return self.description

    def status_on(self, day: date) -> str:
        return progress.action_status(self.due_on, self.done_on, day)


class ProgressScore(AuditedModel):
    goal = models.ForeignKey(FamilyGoal, on_delete=models.CASCADE, related_name="scores")
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score (1–10)"),
        validators=[MinValueValidator(progress.SCALE_MIN), MaxValueValidator(progress.SCALE_MAX)],
    )

    class Meta:
        ordering = ["meeting__held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "meeting"], name="unique_score_per_meeting")
        ]
