"""REST API of the followup app: a thin layer over the same selectors and services as the pages.

    /api/followup/goal-indicators/                          list (?plan=), create
    /api/followup/goal-indicators/{id}/                     read, update, delete
    /api/followup/plans/{id}/                               the plan's years and goal indicators
    /api/followup/plans/{id}/years/{year}/                  follow-up: values, status, texts
    /api/followup/plans/{id}/years/{year}/review/           annual review (GET, PUT)
    /api/followup/plans/{id}/years/{year}/texts/            staff text (PUT)
    /api/followup/plans/{id}/years/{year}/report/           render PDF and Word (POST)
    /api/followup/plans/{id}/years/{year}/report/{pdf|docx}/ download (GET)

The plan is reached through its choke point: 404 outside the user's scope, 403 for a reader on
every write; an object of another plan is a 404.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from helhed.followup import selectors, services
from helhed.followup.figures import plan_followup
from helhed.followup.forms import AnnualReviewForm
from helhed.followup.models import GoalIndicator, ReportFormat
from helhed.followup.rendering import CONTENT_TYPES
from helhed.partnerships.models import Plan

_YEAR = r"years/(?P<year>\d{4})"


def _drf_error(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"detail": error.messages})


class GoalIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalIndicator
        fields = [
            "id",
            "goal",
            "indicator",
            "target_kind",
            "target_value",
            "target_year",
            "baseline_year",
            "responsible",
            "note",
        ]


class GoalIndicatorViewSet(viewsets.ModelViewSet):
    serializer_class = GoalIndicatorSerializer
    queryset = GoalIndicator.objects.none()

    def get_queryset(self):
        qs = GoalIndicator.objects.filter(
            goal__plan__in=Plan.objects.visible_to(self.request.user)
        ).order_by("pk")
        plan = self.request.query_params.get("plan")
        if plan is not None:
            if not plan.isdigit():
                raise ValidationError({"plan": [_("Skal være et heltal.")]})
            qs = qs.filter(goal__plan_id=int(plan))
        return qs

    def update(self, request, *args, **kwargs):
        # A reader is told so before the payload is validated.
        instance = self.get_object()
        selectors.get_plan_for_user(request.user, instance.goal.plan_id, write=True)
        return super().update(request, *args, **kwargs)

    def _save(self, serializer, instance: GoalIndicator | None) -> None:
        goal = serializer.validated_data.get("goal") or (instance.goal if instance else None)
        if goal is None:
            raise ValidationError({"goal": [_("Dette felt er påkrævet.")]})
        # The goal's plan decides: 404 when the user cannot see it, 403 when they cannot edit it.
        selectors.get_plan_for_user(self.request.user, goal.plan_id, write=True)
        try:
            serializer.instance = services.goal_indicator_save(
                actor=self.request.user,
                goal=goal,
                data=serializer.validated_data,
                instance=instance,
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from error

    def perform_create(self, serializer) -> None:
        self._save(serializer, None)

    def perform_update(self, serializer) -> None:
        if "goal" in serializer.validated_data and (
            serializer.validated_data["goal"] != serializer.instance.goal
        ):
            raise ValidationError(
                {"goal": [_("En målindikator kan ikke flyttes til et andet mål.")]}
            )
        self._save(serializer, serializer.instance)

    def perform_destroy(self, instance: GoalIndicator) -> None:
        selectors.get_plan_for_user(self.request.user, instance.goal.plan_id, write=True)
        services.goal_indicator_delete(actor=self.request.user, goal_indicator=instance)


class TextSerializer(serializers.Serializer):
    goal_indicator = serializers.IntegerField(required=False)
    focus_area = serializers.IntegerField(required=False)
    text = serializers.CharField(allow_blank=True, max_length=5000)

    def validate(self, attrs):
        if ("goal_indicator" in attrs) == ("focus_area" in attrs):
            raise ValidationError(_("Angiv enten goal_indicator eller focus_area."))
        return attrs


def _series_dict(series) -> dict:
    return {
        "name": series.name,
        "values": {
            str(y): {"value": p.value, "suppressed": p.suppressed}
            for y, p in sorted(series.points.items())
        },
    }


def _followup_dict(plan: Plan, year: int, user) -> dict:
    followup = plan_followup(plan, year, user)
    return {
        "plan": plan.pk,
        "year": year,
        "department_changes": followup.department_changes,
        "indicators": [
            {
                "goal_indicator": i.goal_indicator.pk,
                "goal": i.goal_indicator.goal.title,
                "indicator": i.definition.key,
                "name": i.definition.name,
                "better": i.definition.better.value,
                "target_kind": i.target.kind.value,
                "target_value": i.target.value,
                "target_year": i.target.year,
                "baseline_year": i.target.baseline_year,
                "statuses": [
                    {"unit": s.unit_name, "status": s.status.value, "reason": s.reason}
                    for s in i.statuses
                ],
                "generated_text": i.generated_text,
                "edited_text": i.text.text if i.text else None,
                "generated_changed": i.generated_changed,
                "areas": [_series_dict(s) for s in i.areas],
                "combined": _series_dict(i.combined) if i.combined else None,
                "municipality": _series_dict(i.municipality),
                "region": _series_dict(i.region),
                "country": _series_dict(i.country),
                "notes": i.notes,
            }
            for i in followup.indicators
        ],
        "focus_texts": {str(k): t.text for k, t in followup.focus_texts.items()},
    }


def _review_dict(plan: Plan, year: int) -> dict:
    review = selectors.review_for(plan, year)
    if review is None:
        return {"plan": plan.pk, "year": year, "exists": False}
    return {
        "plan": plan.pk,
        "year": year,
        "exists": True,
        "meeting": review.meeting_id,
        "meeting_date": review.meeting_date.isoformat() if review.meeting_date else None,
        **{name: getattr(review, name) for name in services.REVIEW_FIELDS[2:]},
    }


class PlanFollowupViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Plan.objects.none()
    # The actions build their responses themselves; DRF still asks for a serializer when it
    # describes the endpoint (OPTIONS), so give it an empty one rather than fail.
    serializer_class = serializers.Serializer

    def _plan(self, pk, year: str | None = None, *, write: bool = False) -> Plan:
        plan = selectors.get_plan_for_user(self.request.user, pk, write=write)
        if year is not None:
            selectors.check_year(plan, int(year))
        return plan

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        plan = self._plan(kwargs["pk"])
        return Response(
            {
                "id": plan.pk,
                "name": plan.name,
                "years": selectors.plan_years(plan),
                "goal_indicators": GoalIndicatorSerializer(
                    selectors.goal_indicators(plan), many=True, context={"request": request}
                ).data,
            }
        )

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"], url_path=_YEAR)
    def year(self, request: Request, pk=None, year=None) -> Response:
        plan = self._plan(pk, year)
        return Response(_followup_dict(plan, int(year), request.user))

    @extend_schema(request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get", "put"], url_path=_YEAR + "/review")
    def review(self, request: Request, pk=None, year=None) -> Response:
        if request.method == "GET":
            return Response(_review_dict(self._plan(pk, year), int(year)))
        plan = self._plan(pk, year, write=True)
        existing = selectors.review_for(plan, int(year))
        form = AnnualReviewForm(
            request.data, plan=plan, year=int(year), **({"instance": existing} if existing else {})
        )
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        try:
            services.annual_review_save(
                actor=request.user, plan=plan, year=int(year), data=form.cleaned_data
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from error
        return Response(_review_dict(plan, int(year)))

    @extend_schema(request=TextSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["put"], url_path=_YEAR + "/texts")
    def texts(self, request: Request, pk=None, year=None) -> Response:
        plan = self._plan(pk, year, write=True)
        serializer = TextSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        gi = focus = None
        generated = ""
        if "goal_indicator" in data:
            gi = selectors.get_goal_indicator_for_plan(plan, data["goal_indicator"])
            items = plan_followup(plan, int(year), request.user).indicators
            generated = next(i.generated_text for i in items if i.goal_indicator.pk == gi.pk)
        else:
            focus = selectors.get_focus_area_for_plan(plan, data["focus_area"])
        try:
            stored = services.report_text_save(
                actor=request.user,
                plan=plan,
                year=int(year),
                text=data["text"],
                generated_text=generated,
                goal_indicator=gi,
                focus_area=focus,
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from error
        return Response({"text": stored.text if stored else None, "generated_text": generated})

    @extend_schema(request=None, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"], url_path=_YEAR + "/report")
    def report(self, request: Request, pk=None, year=None) -> Response:
        plan = self._plan(pk, year, write=True)
        files = services.report_files_render(actor=request.user, plan=plan, year=int(year))
        return Response(
            [{"format": f.format, "sha256": f.sha256, "size": f.size} for f in files], status=201
        )

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=_YEAR + r"/report/(?P<fmt>[a-z]+)")
    def download(self, request: Request, pk=None, year=None, fmt=None) -> HttpResponse:
        plan = self._plan(pk, year)
        if fmt not in ReportFormat.values:
            raise Http404
        stored = selectors.get_report_file(plan, int(year), fmt)
        response = HttpResponse(bytes(stored.content), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="statusrapport-{plan.pk}-{year}.{fmt}"'
        )
        return response


def register_followup_routes(router) -> None:
    router.register(
        "followup/goal-indicators", GoalIndicatorViewSet, basename="followup-indicators"
    )
    router.register("followup/plans", PlanFollowupViewSet, basename="followup-plans")
