"""REST API of the area lists: a thin layer over the same selectors and services as the pages.

- /api/area-lists/?year=&municipality=&list=  screened areas of a list year (paginated)
- /api/area-lists/{id}/                       one screened area (id = its current criterion row)
- /api/area-lists/{id}/path/                  the path off each list the area is on
- /api/area-lists/{id}/what-if/               POST changed values, get the classification
- /api/area-lists/watch/?year=&margin=        criteria within a margin of their threshold
- /api/area-list-imports/                     criterion imports: list, read, POST a file
- /api/area-list-history-imports/             official-list imports: list, read, POST a file

Every logged-in user reads; importing is for coordinators and analysts (403 for everybody else,
before the file is read); a bad file is a 400 listing every problem by row and column.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from helhed.arealists import access, selectors, services
from helhed.arealists.forms import MAX_UPLOAD_BYTES, WHAT_IF_SPECS, YEAR_CHOICES
from helhed.arealists.models import CriterionImport, CriterionRow, OfficialListImport
from helhed.arealists.presentation import criterion_label, list_label
from helhed.arealists.serializers import (
    AreaPathSerializer,
    CriterionImportSerializer,
    ImportProblemsSerializer,
    OfficialListImportSerializer,
    ScreenedAreaSerializer,
    WatchItemSerializer,
    WhatIfResultSerializer,
    screened_data,
)
from helhed.domain.arealists import AreaListInputError, what_if

YEAR_PARAM = OpenApiParameter(
    "year", OpenApiTypes.INT, description="Listeår (standard: det seneste med data)."
)


def _year(request: Request) -> int:
    raw = request.query_params.get("year")
    if raw is None:
        year = selectors.latest_year()
        if year is None:
            raise selectors.NoListData(_("Der er ingen kriterieværdier endnu."))
        return year
    if not raw.isdigit():
        raise ValidationError({"year": [_("Skal være et heltal.")]})
    return int(raw)


class WhatIfInputSerializer(serializers.Serializer):
    """Changed input values; a field left out keeps its value, null makes it undecided."""

    def get_fields(self):
        fields = {}
        for spec in WHAT_IF_SPECS:
            kind = serializers.IntegerField if spec.whole else serializers.FloatField
            fields[spec.name] = kind(
                required=False, allow_null=True, min_value=spec.minimum, max_value=spec.maximum
            )
        return fields

    def validate(self, attrs):
        for spec in WHAT_IF_SPECS:
            value = attrs.get(spec.name)
            if spec.above_minimum and value is not None and value <= spec.minimum:
                raise ValidationError({spec.name: [_("Værdien skal være større end 0.")]})
        return attrs


class ScreenedAreaViewSet(viewsets.GenericViewSet):
    serializer_class = ScreenedAreaSerializer
    queryset = CriterionRow.objects.none()

    @extend_schema(
        parameters=[
            YEAR_PARAM,
            OpenApiParameter("municipality", str, description="Kommunens navn."),
            OpenApiParameter(
                "list",
                str,
                description="En listenøgle, `any`, `none` (afgjort på ingen) eller `undecided`.",
            ),
        ],
        responses=ScreenedAreaSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        """Every screened area of a list year, filtered by municipality and list."""
        screening = selectors.screen_year(_year(request))
        areas = selectors.filter_areas(
            screening.areas,
            municipality=request.query_params.get("municipality", ""),
            list_key=request.query_params.get("list", ""),
        )
        areas, _sort = selectors.sort_areas(areas, "")
        visible = selectors.visible_area_ids(request.user, (a.row.area_id for a in areas))
        page = self.paginate_queryset(areas)
        data = ScreenedAreaSerializer(
            [screened_data(a, visible) for a in page or areas], many=True
        ).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(responses=ScreenedAreaSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        """One screened area: lists, criteria met, undecided, value vs threshold per criterion."""
        item = selectors.screened_row(_row_id(pk))
        visible = selectors.visible_area_ids(request.user, [item.row.area_id])
        return Response(ScreenedAreaSerializer(screened_data(item, visible)).data)

    @extend_schema(responses=AreaPathSerializer)
    @action(detail=True, methods=["get"])
    def path(self, request: Request, pk: str) -> Response:
        """The smallest per-criterion changes (in persons) that take the area off each list."""
        item = selectors.screened_row(_row_id(pk))
        screening = selectors.area_screening(item.row.year, item.row.area_name)
        data = {
            "id": item.row.pk,
            "year": item.result.year,
            "area": item.result.area,
            "lists": list(item.result.on_lists),
            "paths": [
                {"list": p.list_key, "label": list_label(p.list_key), "options": p.options}
                for p in screening.paths
            ],
        }
        return Response(AreaPathSerializer(data).data)

    @extend_schema(request=WhatIfInputSerializer, responses=WhatIfResultSerializer)
    @action(detail=True, methods=["post"], url_path="what-if")
    def what_if(self, request: Request, pk: str) -> Response:
        """Re-classify the area with changed values (the rule core's what_if)."""
        item = selectors.screened_row(_row_id(pk))
        changes = WhatIfInputSerializer(data=request.data)
        changes.is_valid(raise_exception=True)
        after = what_if(item.result, changes.validated_data)
        visible = selectors.visible_area_ids(request.user, [item.row.area_id])
        before_data = screened_data(item, visible)
        after_data = screened_data(selectors.ScreenedArea(item.row, after), visible)
        data = {
            "changes": changes.validated_data,
            "classification_changed": (after.on_lists, after.undecided_lists)
            != (item.result.on_lists, item.result.undecided_lists),
            "before": before_data,
            "after": after_data,
        }
        return Response(WhatIfResultSerializer(data).data)

    @extend_schema(
        parameters=[
            YEAR_PARAM,
            OpenApiParameter("margin", float, description="Margin i procentpoint (standard 2)."),
            OpenApiParameter("municipality", str, description="Kommunens navn."),
        ],
        responses=WatchItemSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def watch(self, request: Request) -> Response:
        """Criteria within the margin of their threshold on either side, closest first."""
        raw = request.query_params.get("margin", "2").replace(",", ".")
        try:
            margin = float(raw)
        except ValueError:
            raise ValidationError({"margin": [_("Skal være et tal.")]}) from None
        if not 0 <= margin <= 25:
            raise ValidationError({"margin": [_("Skal ligge mellem 0 og 25.")]})
        items = selectors.watch(
            _year(request), margin, municipality=request.query_params.get("municipality", "")
        )
        data = [{**vars(i), "label": criterion_label(i.criterion_id)} for i in items]
        return Response(WatchItemSerializer(data, many=True).data)


def _row_id(pk: str) -> int:
    if not str(pk).isdigit():
        raise selectors.NoListData(_("Findes ikke."))
    return int(pk)


class CriterionImportInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    year = serializers.ChoiceField(choices=YEAR_CHOICES)

    def validate_file(self, upload):
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen er større end 10 MB."))
        return upload


class HistoryImportInputSerializer(serializers.Serializer):
    file = serializers.FileField()

    validate_file = CriterionImportInputSerializer.validate_file


def _problems_response(error: AreaListInputError) -> Response:
    data = {
        "detail": _("Filen indeholder fejl; intet er gemt."),
        "problems": [
            {
                "file": p.file,
                "row": p.row,
                "column": p.column,
                "message": p.message,
                "text": str(p),
            }
            for p in error.problems
        ],
    }
    return Response(ImportProblemsSerializer(data).data, status=400)


def _refuse_unless_importer(request: Request) -> None:
    if not access.may_import(request.user):
        raise PermissionDenied(services.IMPORT_REFUSED)


_IMPORT_RESPONSES = {
    400: OpenApiResponse(ImportProblemsSerializer, description="Fejl i filen; intet er gemt."),
    403: OpenApiResponse(description="Kun kommunale koordinatorer og analytikere importerer."),
}


class CriterionImportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Imports of per-area criterion values, one list year each, with their provenance."""

    queryset = CriterionImport.objects.select_related("imported_by").order_by("-pk")
    serializer_class = CriterionImportSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=CriterionImportInputSerializer,
        responses={201: CriterionImportSerializer, **_IMPORT_RESPONSES},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Import a CSV/XLSX file of criterion values for one list year (all or nothing)."""
        _refuse_unless_importer(request)
        data = CriterionImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            source = services.criterion_import_create(
                actor=request.user,
                year=int(data.validated_data["year"]),
                data=upload.read(),
                file_name=upload.name,
            )
        except AreaListInputError as error:
            return _problems_response(error)
        return Response(CriterionImportSerializer(source).data, status=201)


class OfficialListImportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Imports of the published lists (`area, year, list`), the history of the five-year rules."""

    queryset = OfficialListImport.objects.select_related("imported_by").order_by("-pk")
    serializer_class = OfficialListImportSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=HistoryImportInputSerializer,
        responses={201: OfficialListImportSerializer, **_IMPORT_RESPONSES},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Import a CSV/XLSX file of official list placements (all or nothing)."""
        _refuse_unless_importer(request)
        data = HistoryImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            source = services.official_list_import_create(
                actor=request.user, data=upload.read(), file_name=upload.name
            )
        except AreaListInputError as error:
            return _problems_response(error)
        return Response(OfficialListImportSerializer(source).data, status=201)


def register_arealists_routes(router) -> None:
    """Register this app's viewsets on the project router (see helhed/api_urls.py)."""
    router.register("area-lists", ScreenedAreaViewSet, basename="area-lists")
    router.register("area-list-imports", CriterionImportViewSet, basename="area-list-imports")
    router.register(
        "area-list-history-imports",
        OfficialListImportViewSet,
        basename="area-list-history-imports",
    )
