"""REST API of the indicators app: definitions, current values (suppression applied), runs, imports."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from helhed.domain.indicators.aggregates import AggregateFileError
from helhed.domain.indicators.registry import DEFINITIONS, REGISTRY
from helhed.indicators import access, selectors
from helhed.indicators.models import ComputationRun
from helhed.indicators.services import aggregates_import


class DefinitionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    focus_area = serializers.CharField()
    unit = serializers.CharField()
    better = serializers.CharField()
    source = serializers.CharField()
    version = serializers.IntegerField()
    window = serializers.IntegerField()
    min_numerator = serializers.IntegerField(allow_null=True)
    min_denominator = serializers.IntegerField(allow_null=True)
    scale = serializers.ListField(
        child=serializers.FloatField(),
        min_length=2,
        max_length=2,
        allow_null=True,
        help_text="Svarskalaen for et gennemsnit fra en undersøgelse: [laveste, højeste], fx [1, 5]; "
        "null for alle andre indikatorer.",
    )


class ValueSerializer(serializers.Serializer):
    level = serializers.CharField()
    unit_id = serializers.CharField()
    unit_name = serializers.CharField()
    indicator = serializers.CharField()
    year = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()
    run_id = serializers.IntegerField()


class RunSerializer(serializers.ModelSerializer):
    class Meta:
        model = ComputationRun
        fields = [
            "id",
            "kind",
            "status",
            "organisation",
            "started_at",
            "finished_at",
            "source",
            "input_hash",
            "mapping_hash",
            "years",
            "versions",
            "row_count",
            "progress_step",
            "progress_done",
            "progress_total",
            "error",
        ]


def _definition_dict(d) -> dict:
    return {
        k: (v.value if hasattr(v, "value") else v)
        for k, v in asdict(d).items()
        if k in DefinitionSerializer().fields
    }


class DefinitionViewSet(viewsets.ViewSet):
    lookup_field = "key"
    lookup_value_regex = "[a-z0-9_]+"

    @extend_schema(responses=DefinitionSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(
            DefinitionSerializer([_definition_dict(d) for d in DEFINITIONS], many=True).data
        )

    @extend_schema(responses=DefinitionSerializer)
    def retrieve(self, request: Request, key: str | None = None) -> Response:
        if key not in REGISTRY:
            raise Http404
        return Response(DefinitionSerializer(_definition_dict(REGISTRY[key])).data)


class ValueViewSet(viewsets.ViewSet):
    """The newest stored figures; a suppressed value is null unless you are its data owner."""

    @extend_schema(
        parameters=[
            OpenApiParameter("level", str),
            OpenApiParameter("unit_id", str),
            OpenApiParameter("indicator", str),
            OpenApiParameter("year", int),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses=ValueSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        year = params.get("year")
        if year is not None and not year.isdigit():
            raise ValidationError({"year": [_("Skal være et årstal.")]})
        figures = selectors.current_values(
            request.user,
            level=params.get("level") or None,
            units=None,
            indicators=[params["indicator"]] if params.get("indicator") else None,
            years=[int(year)] if year else None,
        )
        if params.get("unit_id"):
            figures = [f for f in figures if f.unit_id == params["unit_id"]]
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(figures, request)
        return paginator.get_paginated_response(
            ValueSerializer([asdict(f) for f in page or []], many=True).data
        )


class RunViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RunSerializer

    def get_queryset(self):
        return access.visible_runs(self.request.user).order_by("-pk")


class AggregateImportSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    file = serializers.FileField()


class AggregateImportView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(request=AggregateImportSerializer, responses={201: RunSerializer})
    def post(self, request: Request) -> Response:
        organisations = access.import_organisations(request.user)
        if not organisations.exists():
            raise PermissionDenied(
                _("Kun boligsociale medarbejdere og kommunale koordinatorer kan indlæse tal.")
            )
        payload = AggregateImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        organisation = organisations.filter(pk=payload.validated_data["organisation"]).first()
        if organisation is None:
            raise PermissionDenied(_("Du kan ikke indlæse tal for den organisation."))
        upload = payload.validated_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in {".csv", ".xlsx"}:
            raise ValidationError({"file": [_("Filen skal være CSV eller XLSX.")]})
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(upload.read())
            try:
                run = aggregates_import(
                    actor=request.user, organisation=organisation, path=path, filename=upload.name
                )
            except AggregateFileError as exc:
                raise ValidationError(
                    {"file": [p.replace(f"upload{suffix}", upload.name) for p in exc.problems]}
                ) from exc
        return Response(RunSerializer(run).data, status=201)


def register_indicator_routes(router) -> None:
    router.register("indicators/definitions", DefinitionViewSet, basename="indicator-definitions")
    router.register("indicators/values", ValueViewSet, basename="indicator-values")
    router.register("indicators/runs", RunViewSet, basename="indicator-runs")
