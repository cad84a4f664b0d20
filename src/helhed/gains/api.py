"""REST API of the gains app: a thin layer over the same selectors and services as the pages.

/api/gains/calculations/  calculations of activities (the plan's rules; the result is included)
/api/gains/calculate/     POST a scenario, get the core's JSON output (nothing is stored)
/api/gains/knowledge/     the knowledge base (list; create for coordinators and analysts)
/api/gains/catalogue/     the inspiration catalogue (list with ?q=, retrieve by id)

Outside the user's scope is a 404, a visible object the user may not change a 403, anonymous
requests get 401/403 and never data.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from helhed.api_parsers import JSONParser
from helhed.domain.gains import KnowledgeError, ScenarioError, scenario_to_dict
from helhed.gains import access, scenarios, selectors, services
from helhed.gains.models import Calculation
from helhed.gains.selectors import KnowledgeRow
from helhed.gains.serializers import (
    CalculationInputSerializer,
    CalculationOutputSerializer,
    CalculationUpdateSerializer,
    CatalogueDetailSerializer,
    CatalogueEntrySerializer,
    GainsOutputSerializer,
    KnowledgeInputSerializer,
    KnowledgeOutputSerializer,
    ScenarioErrorSerializer,
)

MINIMAL_EXAMPLE = {
    "horizon_years": 5,
    "discount_rate": 0.035,
    "participants_per_year": [10, 10],
    "cost_per_participant": {"kommune": 20000},
    "success_rate": 0.2,
    "consequences": [
        {
            "item": "offentlig forsørgelse",
            "change_per_success_per_year": [1, 1, 1, 1, 1],
            "price": {"kommune": 65000, "stat": 10000},
        }
    ],
}
_SCENARIO_ERROR = {400: ScenarioErrorSerializer}


def _scenario_error(error: ScenarioError) -> Response:
    return Response(
        {
            "detail": _("Scenariet kan ikke beregnes."),
            "errors": [{"path": p.path, "message": p.message} for p in error.problems],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


@extend_schema_field(GainsOutputSerializer(allow_null=True))
class _ResultField(serializers.Field):
    """The computed result of the stored scenario (the snapshot when it is current)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Calculation):
        try:
            return selectors.calculation_output(value)
        except ScenarioError:
            return None


class _CalculationOutput(CalculationOutputSerializer):
    result = _ResultField()


class CalculationViewSet(viewsets.GenericViewSet):
    queryset = Calculation.objects.none()
    serializer_class = _CalculationOutput

    def get_queryset(self):
        qs = selectors.calculation_list(self.request.user).select_related(
            "created_by", "updated_by"
        )
        activity = self.request.query_params.get("activity")
        if activity is not None:
            if not activity.isdigit():
                raise ValidationError({"activity": [_("Skal være et heltal.")]})
            qs = qs.filter(activity_id=int(activity))
        return qs.order_by("pk")

    @extend_schema(
        parameters=[OpenApiParameter("activity", int, description="Kun denne aktivitet.")]
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(_CalculationOutput(page, many=True).data)

    def retrieve(self, request: Request, pk=None) -> Response:
        calculation = selectors.get_calculation_for_user(request.user, pk)
        return Response(_CalculationOutput(calculation).data)

    @extend_schema(
        request=CalculationInputSerializer,
        responses={201: _CalculationOutput, **_SCENARIO_ERROR},
    )
    def create(self, request: Request) -> Response:
        data = CalculationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        activity = selectors.get_activity_for_user(
            request.user, data.validated_data["activity"], write=True
        )
        if not isinstance(data.validated_data["scenario"], dict):
            raise ValidationError({"scenario": [_("Skal være et objekt ({…}).")]})
        try:
            calculation = services.calculation_create(
                actor=request.user,
                activity=activity,
                name=data.validated_data["name"],
                scenario=data.validated_data["scenario"],
            )
        except ScenarioError as error:
            return _scenario_error(error)
        return Response(_CalculationOutput(calculation).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=CalculationUpdateSerializer, responses={200: _CalculationOutput, **_SCENARIO_ERROR}
    )
    def update(self, request: Request, pk=None, partial: bool = False) -> Response:
        # The write check comes first: a reader learns nothing from validation errors.
        calculation = selectors.get_calculation_for_user(request.user, pk, write=True)
        if not isinstance(request.data, dict):
            raise ValidationError({"detail": [_("Forventer et JSON-objekt.")]})
        moved = str(request.data.get("activity", calculation.activity_id)) != str(
            calculation.activity_id
        )
        if moved:
            raise ValidationError({"activity": [_("En beregning kan ikke flyttes.")]})
        data = CalculationUpdateSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        scenario = data.validated_data.get("scenario", calculation.scenario)
        if not isinstance(scenario, dict):
            raise ValidationError({"scenario": [_("Skal være et objekt ({…}).")]})
        try:
            services.calculation_update(
                actor=request.user,
                calculation=calculation,
                name=data.validated_data.get("name", calculation.name),
                scenario=scenario,
            )
        except ScenarioError as error:
            return _scenario_error(error)
        return Response(_CalculationOutput(calculation).data)

    @extend_schema(
        request=CalculationUpdateSerializer, responses={200: _CalculationOutput, **_SCENARIO_ERROR}
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        return self.update(request, pk, partial=True)

    def destroy(self, request: Request, pk=None) -> Response:
        calculation = selectors.get_calculation_for_user(request.user, pk, write=True)
        services.calculation_delete(actor=request.user, calculation=calculation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CalculateViewSet(viewsets.ViewSet):
    parser_classes = [JSONParser]

    @extend_schema(
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: GainsOutputSerializer, **_SCENARIO_ERROR},
        examples=[OpenApiExample("Minimalt scenarie (docs/gains.md)", value=MINIMAL_EXAMPLE)],
        description="Beregn et scenarie i kernens inputformat; intet gemmes.",
    )
    def create(self, request: Request) -> Response:
        try:
            return Response(scenarios.output_for(request.data))
        except ScenarioError as error:
            return _scenario_error(error)


def _knowledge_data(row: KnowledgeRow, to_year: int) -> dict:
    entry = row.entry
    return {
        "id": row.pk,
        "item": entry.item,
        "value": entry.value,
        "unit": entry.unit,
        "price_year": entry.price_year,
        "price_year_note": entry.price_year_note,
        "public_body": entry.public_body,
        "source": entry.source,
        "origin": entry.origin,
        "organisation": row.organisation,
        "adjusted_to_year": to_year,
        "adjusted_value": row.adjusted_value,
        "adjustment_note": row.adjustment_note,
    }


class KnowledgeViewSet(viewsets.GenericViewSet):
    serializer_class = KnowledgeOutputSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Søg i post, enhed, kasse og kilde."),
            OpenApiParameter("to_year", int, description="Omregn til dette prisår."),
        ]
    )
    def list(self, request: Request) -> Response:
        to_year = request.query_params.get("to_year", "")
        listing = selectors.knowledge_listing(
            request.user,
            query=request.query_params.get("q", ""),
            to_year=int(to_year) if to_year.isdigit() else None,
        )
        page = self.paginate_queryset(listing.rows)
        rows = [_knowledge_data(row, listing.to_year) for row in page or []]
        return self.get_paginated_response(KnowledgeOutputSerializer(rows, many=True).data)

    @extend_schema(request=KnowledgeInputSerializer, responses={201: KnowledgeOutputSerializer})
    def create(self, request: Request) -> Response:
        organisations = access.knowledge_organisations(request.user)
        if not organisations.exists():
            raise PermissionDenied(_("Kun kommunale koordinatorer og analytikere kan tilføje."))
        data = KnowledgeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {"price_year": None, **data.validated_data}
        chosen = values.pop("organisation", None)
        if chosen is None and organisations.count() > 1:
            raise ValidationError({"organisation": [_("Angiv organisationen.")]})
        organisation = organisations.filter(pk=chosen).first() if chosen else organisations.get()
        if organisation is None:
            raise PermissionDenied(_("Du kan ikke tilføje poster for den organisation."))
        try:
            entry = services.knowledge_entry_create(
                actor=request.user, organisation=organisation, **values
            )
        except KnowledgeError as error:
            raise ValidationError({"detail": [str(error)]}) from error
        row = selectors.knowledge_row(entry)
        to_year = max(selectors.price_index().annual)
        return Response(_knowledge_data(row, to_year), status=status.HTTP_201_CREATED)


class CatalogueViewSet(viewsets.GenericViewSet):
    serializer_class = CatalogueEntrySerializer
    lookup_url_kwarg = "entry_id"
    lookup_value_regex = "[a-z0-9-]+"

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Søg i kataloget.")])
    def list(self, request: Request) -> Response:
        entries = selectors.catalogue_entries(request.query_params.get("q", ""))
        page = self.paginate_queryset(list(entries))
        return self.get_paginated_response(CatalogueEntrySerializer(page, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("entry_id", str, OpenApiParameter.PATH)],
        responses=CatalogueDetailSerializer,
    )
    def retrieve(self, request: Request, entry_id: str = "") -> Response:
        entry = selectors.catalogue_entry(entry_id)
        preview = selectors.catalogue_preview(entry)
        data = dict(CatalogueEntrySerializer(entry).data)
        data["starting_scenario"] = {
            "scenario": scenario_to_dict(preview.scenario),
            "open_assumptions": list(preview.open_assumptions),
            "sources": list(preview.sources),
        }
        return Response(data)


def register_gains_routes(router) -> None:
    """Register this app's viewsets on the project router (see helhed/api_urls.py)."""
    router.register("gains/calculations", CalculationViewSet, basename="gains-calculations")
    router.register("gains/calculate", CalculateViewSet, basename="gains-calculate")
    router.register("gains/knowledge", KnowledgeViewSet, basename="gains-knowledge")
    router.register("gains/catalogue", CatalogueViewSet, basename="gains-catalogue")
