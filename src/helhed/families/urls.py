from django.urls import path, re_path, register_converter

from helhed.domain.families.codes import PATTERN
from helhed.families.views import meetings, oversight, records, twofactor


class FamilyCodeConverter:
    regex = PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FamilyCodeConverter, "familycode")

app_name = "families"

_F = "<familycode:code>/"

urlpatterns = [
    path("", records.index, name="index"),
    path("ny/", records.family_create, name="create"),
    path("risiko/", oversight.risk, name="risk"),
    path("tal/", oversight.aggregates, name="aggregates"),
    path("revisionslog/", oversight.audit_log, name="audit"),
    re_path(
        r"^revisionslog/eksport\.(?P<fmt>csv|xlsx)$", oversight.audit_export, name="audit-export"
    ),
    path("2fa/opsaet/", twofactor.enrol, name="totp-enrol"),
    path("2fa/bekraeft/", twofactor.verify, name="totp-verify"),
    path(_F, records.family_detail, name="family"),
    path(f"{_F}begrundelse/", records.reason, name="reason"),
    path(f"{_F}luk/", records.family_close, name="close"),
    path(f"{_F}tilknyt/", records.family_assign, name="assign"),
    path(f"{_F}medlemmer/ny/", records.member_create, name="member-create"),
    path(f"{_F}medlemmer/<int:pk>/", records.member_update, name="member-update"),
    path(f"{_F}medlemmer/<int:pk>/indsigt/", records.subject_export, name="subject-export"),
    path(f"{_F}samtykker/ny/", records.consent_create, name="consent-create"),
    path(f"{_F}samtykker/<int:pk>/tilbagekald/", records.consent_withdraw, name="consent-withdraw"),
    path(f"{_F}indsatser/ny/", records.intervention_create, name="intervention-create"),
    path(f"{_F}indsatser/<int:pk>/", records.intervention_update, name="intervention-update"),
    path(f"{_F}moeder/ny/", meetings.meeting_create, name="meeting-create"),
    path(f"{_F}moeder/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path(f"{_F}moeder/<int:pk>/handlinger/", meetings.action_create, name="action-create"),
    path(f"{_F}handlinger/<int:pk>/udfoert/", meetings.action_complete, name="action-complete"),
]
