"""The fixed vocabularies of family work (stored values in English, labels in Danish)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhed.domain.families import overlaps


class FamilyStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    CLOSED = "closed", _("Lukket")


class Relation(models.TextChoices):
    MOTHER = "mother", _("Mor")
    FATHER = "father", _("Far")
    CHILD = "child", _("Barn")
    ADULT = "adult", _("Anden voksen")


class ConsentCategory(models.TextChoices):
    IDENTITY = "identity", _("Navne og CPR-numre")
    INTERVENTIONS = "interventions", _("Indsatser")
    MEETINGS = "meetings", _("Netværksmøder, mål, handlinger og fremskridt")


class GoalCategory(models.TextChoices):
    SCHOOL = "school", _("Skole og dagtilbud")
    EMPLOYMENT = "employment", _("Job og uddannelse")
    HEALTH = "health", _("Fysisk sundhed")
    WELLBEING = "wellbeing", _("Trivsel og mental sundhed")
    PARENTING = "parenting", _("Forældreskab")
    HOUSING = "housing", _("Bolig og økonomi")
    CRIME = "crime", _("Kriminalitetsforebyggelse")
    LEISURE = "leisure", _("Fritid og netværk")


class Demand(models.TextChoices):
    NONE = "", _("Ingen særlige krav")
    AVAILABILITY = overlaps.AVAILABILITY, _("Fuld rådighed (job, aktivering, uddannelse)")
    EXEMPTION = overlaps.EXEMPTION, _("Skånehensyn (sygemelding, behandling)")
    SCHOOL_ATTENDANCE = overlaps.SCHOOL_ATTENDANCE, _("Fuldt skolefremmøde")
    DAYTIME_TREATMENT = overlaps.DAYTIME_TREATMENT, _("Forløb i skole- eller arbejdstiden")


class InterventionKind(models.TextChoices):
    FAMILY_TREATMENT = "family_treatment", _("Familiebehandling")
    CHILD_MEASURE = "child_measure", _("Foranstaltning for barn")
    EMPLOYMENT = "employment", _("Beskæftigelsesindsats")
    MENTOR = "mentor", _("Mentor")
    SCHOOL_SUPPORT = "school_support", _("Støtte i skolen")
    DAYCARE = "daycare", _("Indsats i dagtilbud")
    HEALTH_VISITOR = "health_visitor", _("Sundhedspleje")
    HEALTH = "health", _("Sundhedsbehandling")
    PSYCHIATRY = "psychiatry", _("Psykiatri")
    HOUSING_SOCIAL = "housing_social", _("Boligsocial indsats")
    SSP = "ssp", _("SSP eller politi")
    VOLUNTEER = "volunteer", _("Frivillig indsats")
    OTHER = "other", _("Anden indsats")


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    ACTIVE = overlaps.ACTIVE, _("Aktiv")
    PAUSED = "paused", _("Sat på pause")
    ENDED = overlaps.ENDED, _("Afsluttet")


class ParticipantKind(models.TextChoices):
    PRIVATE = "private", _("Privat netværk")
    PROFESSIONAL = "professional", _("Fagperson")
