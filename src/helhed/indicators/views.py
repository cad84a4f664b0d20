"""Indicator pages: areas against municipality, region and country; definitions; runs; import; export."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhed.domain.indicators.aggregates import AggregateFileError
from helhed.domain.indicators.definitions import (
    FOCUS_AREA_NAMES,
    SOURCE_NAMES,
    IndicatorDefinition,
    Level,
)
from helhed.domain.indicators.docs import UNIT_NAMES
from helhed.domain.indicators.registry import SURVEY_MIN_RESPONDENTS
from helhed.domain.indicators.sql import compile_sql
from helhed.domain.indicators.suppression import describe_rule
from helhed.indicators import access, selectors
from helhed.indicators.charts import Line, line_chart
from helhed.indicators.exports import CONTENT_TYPES, export_rows
from helhed.indicators.exports import render as render_file
from helhed.indicators.forms import AggregateImportForm, ExportForm
from helhed.indicators.models import ComputationRun
from helhed.indicators.services import aggregates_import
from helhed.indicators.tasks import start_computation
from helhed.partnerships.entities import AREA
from helhed.partnerships.models import Area
from helhed.partnerships.selectors import get_object_for_user
from helhed.partnerships.templatetags.helhed import dk_number

LEVEL_LABELS = {
    "area": "Boligområdet",
    "municipality": "Kommunen",
    "region": "Regionen",
    "country": "Hele landet",
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "indicators/index.html",
        {
            "areas": Area.objects.visible_to(request.user).select_related("municipality"),
            "runs": access.visible_runs(request.user).select_related("organisation", "started_by")[
                :10
            ],
            "can_compute": access.compute_organisation(request.user) is not None,
            "can_import": access.import_organisations(request.user).exists(),
            "export_form": ExportForm(),
        },
    )


def _table_cell(figure, decimals: int) -> tuple[str, bool]:
    """(text, suppressed) of one table cell: the value, "diskr." when hidden, else "–"."""
    if figure is not None and figure.value is not None:
        return dk_number(figure.value, decimals), False
    if figure is not None and figure.suppressed:
        return "diskr.", True
    return "–", False


@login_required
def area(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_for_user(AREA, request.user, pk)
    assert isinstance(obj, Area)
    groups = []
    for focus_name, series_list in selectors.area_series(obj, request.user):
        items = []
        for series in series_list:
            if not series.has_data:
                continue
            lines = [
                Line(
                    f"{LEVEL_LABELS[level]}",
                    [
                        (f.value if (f := series.value(level, year)) else None)
                        for year in series.years
                    ],
                )
                for level in ("area", "municipality", "region", "country")
                if level in series.lines
            ]
            decimals = 0 if series.definition.unit.value == "kr" else 1
            rows = [
                (label, [_table_cell(series.value(level, year), decimals) for year in series.years])
                for level, label in LEVEL_LABELS.items()
                if level in series.lines
            ]
            items.append(
                {
                    "series": series,
                    "rows": rows,
                    "chart": line_chart(series.definition.name, series.years, lines),
                    "source": SOURCE_NAMES[series.definition.source],
                    "unit": UNIT_NAMES[series.definition.unit],
                }
            )
        if items:
            groups.append((focus_name, items))
    return render(
        request,
        "indicators/area.html",
        {
            "area": obj,
            "groups": groups,
            "levels": [(k, v) for k, v in LEVEL_LABELS.items()],
        },
    )


@login_required
def definitions(request: HttpRequest) -> HttpResponse:
    from helhed.domain.indicators.registry import DEFINITIONS

    rows = [(definition, _names(definition)) for definition in DEFINITIONS]
    return render(request, "indicators/definitions.html", {"rows": rows})


def _names(definition: IndicatorDefinition) -> dict[str, str]:
    """A definition's unit, focus area, source and suppression rule in Danish (as in
    docs/indicators.md)."""
    return {
        "unit": UNIT_NAMES[definition.unit],
        "focus_area": FOCUS_AREA_NAMES[definition.focus_area],
        "source": SOURCE_NAMES[definition.source],
        "suppression": describe_rule(definition),
    }


@login_required
def definition_detail(request: HttpRequest, key: str) -> HttpResponse:
    definition = selectors.definition(key)
    if definition is None:
        raise Http404
    sql = None
    if definition.source.value == "register" and Level.AREA in definition.levels:
        sql = compile_sql(definition, Level.AREA)
    return render(
        request,
        "indicators/definition.html",
        {"d": definition, "sql": sql, "names": _names(definition)},
    )


def _run_for_user(user, pk: int) -> ComputationRun:
    try:
        return access.visible_runs(user).select_related("organisation", "started_by").get(pk=pk)
    except ComputationRun.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_user(request.user, pk)
    template = "indicators/_run_status.html" if request.htmx else "indicators/run.html"
    return render(request, template, {"run": run})


@login_required
@require_POST
def compute(request: HttpRequest) -> HttpResponse:
    organisation = access.compute_organisation(request.user)
    if organisation is None:
        raise PermissionDenied(
            _("Kun kommunale koordinatorer og analytikere kan beregne indikatorer.")
        )
    extract = settings.HELHED_EXTRACT_DIR
    if not extract or not Path(extract).is_dir():
        messages.error(
            request,
            _("Der er ikke sat en udtræksmappe op (HELHED_EXTRACT_DIR). Brug `helhed compute`."),
        )
        return redirect("indicators:index")
    run = start_computation(
        actor=request.user,
        organisation=organisation,
        extract=extract,
        mapping=settings.HELHED_EXTRACT_MAPPING or None,
    )
    return redirect("indicators:run", pk=run.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_aggregates(request: HttpRequest) -> HttpResponse:
    organisations = access.import_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied(
            _("Kun boligsociale medarbejdere og kommunale koordinatorer kan indlæse tal.")
        )
    form = AggregateImportForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"upload{suffix}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                run = aggregates_import(
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    path=path,
                    filename=upload.name,
                )
            except AggregateFileError as exc:
                problems = [p.replace("upload" + suffix, upload.name) for p in exc.problems]
            else:
                messages.success(request, _("Filen er indlæst: %(n)s tal.") % {"n": run.row_count})
                return redirect("indicators:run", pk=run.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "indicators/import.html",
        {"form": form, "problems": problems, "survey_minimum": SURVEY_MIN_RESPONDENTS},
        status=status,
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "indicators/index.html",
            {
                "areas": Area.objects.visible_to(request.user),
                "runs": [],
                "export_form": form,
            },
            status=400,
        )
    data = form.cleaned_data
    figures = selectors.current_values(request.user, level=data["level"], years=[data["year"]])
    body = render_file(export_rows(figures), data["format"])
    response = HttpResponse(body, content_type=CONTENT_TYPES[data["format"]])
    response["Content-Disposition"] = (
        f'attachment; filename="indikatorer-{data["level"]}-{data["year"]}.{data["format"]}"'
    )
    return response
