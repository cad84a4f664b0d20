"""REST API of the families app: /api/families/…, a thin layer over the same selectors, services
and audit log as the pages, under the same rules.

/api/families/                      GET list (?code= searches by family code) · POST create
/api/families/{code}/               GET the family as the viewer may see it (?reason= when not
                                    assigned: the tjenstlig begrundelse)
/api/families/{code}/interventions/ POST · …/interventions/{id}/ PATCH
/api/families/{code}/consents/{id}/withdraw/  POST
/api/families/{code}/meetings/      POST a network meeting (participants, goals, actions, scores)
/api/families/{code}/actions/{id}/done/       POST
/api/families/{code}/members/{id}/export/     GET the data-subject export (assigned only)
/api/families/aggregates/           GET the board's figures (suppressed; no TOTP needed)
/api/families/risk/                 GET the SFI share per area
/api/families/audit/                GET the audit log (municipality administrators)
/api/families/totp/verify/          POST {"code"}: the TOTP step for this session

A family outside the user's scope is 404; a visible one the user may not change is 403; without
the TOTP step, 403 with a Danish message.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from helhed.domain.families.codes import PATTERN
from helhed.families import access, audit, exports, oversight, selectors, services, twofactor
from helhed.families.models import Action, AuditAction, Consent, FamilyGoal, Intervention, Member
from helhed.families.serializers import (
    AuditEntryOutput,
    CodeInput,
    FamilyCreateInput,
    InterventionInput,
    MeetingInput,
    record_dict,
    row_dict,
)
from helhed.partnerships.models import Department, Organisation


def _validation(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


def _object(qs, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise ValidationError({"id": [_("Findes ikke.")]}) from exc


class FamilyViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated, twofactor.StepUpVerified]
    lookup_field = "code"
    lookup_value_regex = PATTERN

    def _family(self, request: Request, code: str, *, reason: str = ""):
        family, viewer = selectors.get_family_for_user(request.user, code)
        if not viewer.assigned and len(reason.strip()) < 10:
            raise ValidationError(
                {"reason": [_("En tjenstlig begrundelse (mindst 10 tegn) er påkrævet.")]}
            )
        return family, viewer

    def _assigned_family(self, request: Request, code: str):
        """For writes only an assigned coordinator may make: 404 outside scope, else 403."""
        family, viewer = selectors.get_family_for_user(request.user, code)
        if not viewer.can_edit_family:
            raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))
        return family

    @extend_schema(
        operation_id="families_list",
        parameters=[OpenApiParameter("code", str, description="Familiekode (søgning).")],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request: Request) -> Response:
        code = request.query_params.get("code", "").strip()
        families = selectors.family_list(request.user, code=code)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(families, request, view=self) or []
        rows = selectors.family_rows(request.user, page)
        audit.record_reads(
            actor=request.user,
            families=[r.family for r in rows],
            action=AuditAction.SEARCH if code else AuditAction.LIST,
            detail={"query": code} if code else None,
        )
        return paginator.get_paginated_response([row_dict(r) for r in rows])

    @extend_schema(request=FamilyCreateInput, responses=OpenApiTypes.OBJECT)
    def create(self, request: Request) -> Response:
        data = FamilyCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        orgs = access.coordinator_organisations(request.user)
        if not orgs.exists():
            raise PermissionDenied(_("Kun familiebehandlere opretter familier."))
        organisation = (
            _object(orgs, data.validated_data["organisation"])
            if "organisation" in data.validated_data
            else orgs.first()
        )
        department = _object(
            Department.objects.visible_to(request.user), data.validated_data["department"]
        )
        try:
            family = services.family_create(
                actor=request.user,
                department=department,
                opened_on=data.validated_data["opened_on"],
                organisation=organisation,
            )
        except DjangoValidationError as exc:
            raise _validation(exc) from exc
        return Response({"code": family.code}, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def retrieve(self, request: Request, code: str | None = None) -> Response:
        reason = request.query_params.get("reason", "")
        family, viewer = self._family(request, code or "", reason=reason)
        record = selectors.family_record(family, viewer)
        audit.record_read(actor=request.user, family=family, reason=reason.strip())
        return Response(record_dict(record))

    def _intervention_args(self, family, data) -> dict:
        values = dict(data)
        values.pop("reason")
        member_ids = values.pop("members")
        members = list(Member.objects.filter(family=family, pk__in=member_ids))
        if len(members) != len(set(member_ids)):
            raise ValidationError({"members": [_("Medlemmet hører til en anden familie.")]})
        values["organisation"] = _object(Organisation.objects.all(), values["organisation"])
        return {"members": members, **values}

    @extend_schema(request=InterventionInput, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"], url_path="interventions")
    def intervention_create(self, request: Request, code: str | None = None) -> Response:
        data = InterventionInput(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data["reason"]
        family, _viewer = self._family(request, code or "", reason=reason)
        try:
            intervention = services.intervention_create(
                actor=request.user,
                family=family,
                reason=reason,
                **self._intervention_args(family, data.validated_data),
            )
        except DjangoValidationError as exc:
            raise _validation(exc) from exc
        return Response({"id": intervention.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=InterventionInput, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["patch"], url_path=r"interventions/(?P<intervention_id>\d+)")
    def intervention_update(
        self, request: Request, intervention_id: str, code: str | None = None
    ) -> Response:
        data = InterventionInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        reason = data.validated_data.get("reason", "")
        family, _viewer = self._family(request, code or "", reason=reason)
        intervention = selectors.child_of(family, Intervention, intervention_id)
        values = dict(data.validated_data)
        values.pop("reason", None)
        members = None
        if "members" in values:
            members = list(Member.objects.filter(family=family, pk__in=values.pop("members")))
        if "organisation" in values:
            values["organisation"] = _object(Organisation.objects.all(), values["organisation"])
        try:
            services.intervention_update(
                actor=request.user,
                intervention=intervention,
                members=members,
                reason=reason,
                **values,
            )
        except DjangoValidationError as exc:
            raise _validation(exc) from exc
        return Response({"id": intervention.pk})

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"], url_path=r"consents/(?P<consent_id>\d+)/withdraw")
    def consent_withdraw(self, request: Request, consent_id: str, code: str | None = None):
        family = self._assigned_family(request, code or "")
        consent = selectors.child_of(family, Consent, consent_id)
        services.consent_withdraw(actor=request.user, consent=consent)
        return Response({"id": consent.pk, "withdrawn_at": consent.withdrawn_at})

    @extend_schema(request=MeetingInput, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"], url_path="meetings")
    def meeting_create(self, request: Request, code: str | None = None) -> Response:
        family = self._assigned_family(request, code or "")
        data = MeetingInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        goals = {g.pk: g for g in FamilyGoal.objects.filter(family=family)}
        new_actions = []
        for a in d["new_actions"]:
            if a["goal"] is not None and a["goal"] not in goals:
                raise ValidationError({"new_actions": [_("Målet hører til en anden familie.")]})
            new_actions.append(
                services.NewAction(a["description"], a["owner"], a["due_on"], goals.get(a["goal"]))
            )
        try:
            meeting = services.meeting_record(
                actor=request.user,
                family=family,
                held_on=d["held_on"],
                summary=d["summary"],
                participants=[(p["name"], p["kind"], p["role"]) for p in d["participants"]],
                new_goals=d["new_goals"],
                new_actions=new_actions,
                done_action_ids=d["done_action_ids"],
                scores={int(k): v for k, v in d["scores"].items()},
            )
        except (DjangoValidationError, ValueError) as exc:
            if isinstance(exc, DjangoValidationError):
                raise _validation(exc) from exc
            raise ValidationError({"scores": [_("Nøglerne skal være mål-id'er.")]}) from exc
        return Response({"id": meeting.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<action_id>\d+)/done")
    def action_done(self, request: Request, action_id: str, code: str | None = None) -> Response:
        family = self._assigned_family(request, code or "")
        obj = selectors.child_of(family, Action, action_id)
        services.action_complete(actor=request.user, action=obj, done_on=access.today())
        return Response({"id": obj.pk, "done_on": obj.done_on})

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"], url_path=r"members/(?P<member_id>\d+)/export")
    def subject_export(self, request: Request, member_id: str, code: str | None = None):
        family = self._assigned_family(request, code or "")
        member = selectors.child_of(family, Member, member_id)
        return Response(exports.subject_export(actor=request.user, member=member))


class AggregatesViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def list(self, request: Request) -> Response:
        figures = oversight.board(request.user)
        return Response(
            {
                name: {"value": fig.value, "suppressed": fig.suppressed}
                for name, fig in vars(figures).items()
            }
        )


class RiskViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def list(self, request: Request) -> Response:
        years, rows = oversight.risk_rows(request.user)
        return Response(
            {
                "indicator": oversight.SFI_INDICATOR,
                "years": years,
                "areas": [
                    {
                        "code": row.area.code,
                        "name": row.area.name,
                        "values": {
                            str(y): None if row.figures[y].hidden else row.figures[y].value
                            for y in years
                            if y in row.figures
                        },
                        "suppressed": [
                            y for y in years if y in row.figures and row.figures[y].hidden
                        ],
                    }
                    for row in rows
                ],
            }
        )


class AuditViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated, twofactor.StepUpVerifiedForEveryone]

    @extend_schema(responses=AuditEntryOutput(many=True))
    def list(self, request: Request) -> Response:
        if not access.may_read_audit(request.user):
            raise PermissionDenied(_("Revisionsloggen er for kommunens administratorer."))
        start = parse_date(request.query_params.get("start", "") or "") or None
        end = parse_date(request.query_params.get("end", "") or "") or None
        audit.record_event(  # first, so the answer includes it and counts are consistent
            actor=request.user,
            action=AuditAction.AUDIT_VIEW,
            detail={"start": start and start.isoformat(), "end": end and end.isoformat()},
        )
        entries = oversight.audit_for_user(request.user, start=start, end=end)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(entries, request, view=self) or []
        return paginator.get_paginated_response(AuditEntryOutput(page, many=True).data)


class TotpVerifyViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CodeInput, responses=OpenApiTypes.OBJECT)
    def create(self, request: Request) -> Response:
        data = CodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            ok = twofactor.device_verify(user=request.user, code=data.validated_data["code"])
        except twofactor.TooManyAttempts as exc:
            raise PermissionDenied(_("For mange forkerte koder. Vent et kvarter.")) from exc
        if not ok:
            raise ValidationError({"code": [_("Koden er forkert eller allerede brugt.")]})
        twofactor.mark_verified(request._request)
        return Response({"verified": True})


def register_families_routes(router) -> None:
    """Called from helhed/api_urls.py: everything under /api/families/."""
    router.register("families/aggregates", AggregatesViewSet, basename="families-aggregates")
    router.register("families/risk", RiskViewSet, basename="families-risk")
    router.register("families/audit", AuditViewSet, basename="families-audit")
    router.register("families/totp/verify", TotpVerifyViewSet, basename="families-totp")
    router.register("families", FamilyViewSet, basename="families")
