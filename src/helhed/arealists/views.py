"""HTML views of the official area lists. Thin: read through selectors, write through services.

Every logged-in user reads every page (the figures are public); the import page is for municipal
coordinators and analysts. Every form works as a plain GET/POST; HTMX swaps the table when a
filter changes and the what-if result while values are typed.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from helhed.arealists import access, selectors, services
from helhed.arealists.charts import criteria_chart
from helhed.arealists.forms import CriterionImportForm, HistoryImportForm, WatchForm, WhatIfForm
from helhed.arealists.models import CriterionImport, OfficialListImport
from helhed.arealists.presentation import (
    MEASURE_ORDER,
    MEASURE_SHORT_DA,
    count_summaries,
    measure_cells,
    measures_of_year,
    option_views,
)
from helhed.domain.arealists import (
    LIST_LABELS_DA,
    RULE_SETS,
    AreaListInputError,
    rules_for,
    what_if,
    write_xlsx,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BASE_SORT_COLUMNS = (  # area and municipality share the first column
    ("residents", "Beboere"),
    ("lists", "Lister"),
    ("met", "Kriterier opfyldt"),
)


def area_url(year: int, name: str) -> str:
    return reverse("arealists:area", kwargs={"year": year, "key": name})


def _year(request: HttpRequest, years: list[int]) -> int | None:
    raw = request.GET.get("year", "")
    if not raw:
        return years[-1] if years else None
    if not raw.isdigit() or int(raw) not in years:
        raise Http404("Der er ingen kriterieværdier for det listeår.")
    return int(raw)


def _filters(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip() for name in ("municipality", "list", "q")}


def _screened(request: HttpRequest, year: int):
    screening = selectors.screen_year(year)
    f = _filters(request)
    areas = selectors.filter_areas(
        screening.areas, municipality=f["municipality"], list_key=f["list"], search=f["q"]
    )
    areas, sort = selectors.sort_areas(areas, request.GET.get("sort", ""))
    return screening, areas, sort, f


def _query(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    years = selectors.list_years()
    year = _year(request, years)
    context: dict = {"years": years, "year": year, "may_import": access.may_import(request.user)}
    if year is None:
        return render(request, "arealists/overview.html", context)
    screening, areas, sort, f = _screened(request, year)
    rules = rules_for(year)
    links = selectors.visible_area_ids(request.user, (a.row.area_id for a in areas))
    base = {"year": year, "municipality": f["municipality"], "list": f["list"], "q": f["q"]}
    counts = screening.counts()
    context.update(
        screening=screening,
        rules=rules,
        counts=[(LIST_LABELS_DA[k], counts[k]) for k in rules.list_keys],
        undecided_count=counts["undecided"],
        total=counts["total"],
        rows=[
            {
                "item": item,
                "url": area_url(year, item.result.area),
                "cells": measure_cells(item.result.criteria),
                "counts": count_summaries(item.result),
                "partnership_area": item.row.area_id if item.row.area_id in links else None,
            }
            for item in areas
        ],
        sort_columns=[*BASE_SORT_COLUMNS, *measures_of_year(tuple(c.id for c in rules.criteria))],
        numeric_columns=("residents",),
        list_choices=[(k, LIST_LABELS_DA[k]) for k in rules.list_keys],
        filters=f,
        sort=sort,
        base_query=_query(**base),
        export_query=_query(**base, sort=sort),
    )
    template = "arealists/_area_table.html" if request.htmx else "arealists/overview.html"
    return render(request, template, context)


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    year = _year(request, selectors.list_years())
    if year is None:
        raise Http404("Der er ingen kriterieværdier.")
    _, areas, _, _ = _screened(request, year)
    buffer = io.BytesIO()
    write_xlsx([a.result for a in areas], buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="omraadelister-{year}.xlsx"'
    return response


@login_required
@require_GET
def area_latest(request: HttpRequest, key: str) -> HttpResponse:
    return redirect("arealists:area", year=selectors.latest_year_for_area(key), key=key)


@login_required
@require_http_methods(["GET", "POST"])
def area_detail(request: HttpRequest, year: int, key: str) -> HttpResponse:
    s = selectors.area_screening(year, key)
    form = WhatIfForm(request.POST or None, base=s.result.row)
    changed = None
    if request.method == "POST" and form.is_valid():
        changed = what_if(s.result, form.changes())
    context = {
        "s": s,
        "result": s.result,
        "year": year,
        "form": form,
        "changed": changed,
        "comparison": list(zip(s.result.criteria, changed.criteria, strict=True))
        if changed
        else [],
    }
    if request.method == "POST" and request.htmx:
        return render(request, "arealists/_what_if.html", context)
    links = selectors.visible_area_ids(request.user, [s.row.area_id])
    context.update(
        chart=criteria_chart(s.result),
        cells=measure_cells(s.result.criteria),
        partnership_area=s.row.area if s.row.area_id in links else None,
        rules=s.result.rules,
        year_links=[(y, area_url(y, s.row.area_name)) for y in s.years],
        point=next(p for p in s.timeline.points if p.year == year),
        paths=[(p.list_key, option_views(p), len(p.options)) for p in s.paths],
        timeline_columns=[(m, MEASURE_SHORT_DA[m]) for m in MEASURE_ORDER],
    )
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "arealists/area_detail.html", context, status=status)


@login_required
@require_GET
def watch(request: HttpRequest) -> HttpResponse:
    years = selectors.list_years()
    year = _year(request, years)
    form = WatchForm(request.GET if "margin" in request.GET else None)
    municipality = request.GET.get("municipality", "").strip()
    side = request.GET.get("side", "")
    margin = form.margin_value()
    context: dict = {"years": years, "year": year, "form": form, "margin": margin}
    if year is not None:
        screening = selectors.screen_year(year)
        items = selectors.watch(year, margin, municipality=municipality)
        if side in ("warning", "chance"):
            items = [i for i in items if i.met is (side == "chance")]
        context.update(
            municipalities=screening.municipalities,
            municipality=municipality,
            side=side,
            items=[{"item": i, "url": area_url(year, i.area)} for i in items],
        )
    return render(request, "arealists/watch.html", context)


def _import_context(request: HttpRequest, criteria_form, history_form) -> dict:
    return {
        "criteria_form": criteria_form,
        "history_form": history_form,
        "criterion_imports": CriterionImport.objects.select_related("imported_by")[:30],
        "history_imports": OfficialListImport.objects.select_related("imported_by")[:30],
        "current": {s.pk for s in selectors.current_imports().values()},
        "first_year": min(RULE_SETS),
        "last_year": max(RULE_SETS),
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_data(request: HttpRequest) -> HttpResponse:
    if not access.may_import(request.user):
        raise PermissionDenied(services.IMPORT_REFUSED)
    kind = request.POST.get("kind") if request.method == "POST" else None
    criteria_form = CriterionImportForm(
        request.POST if kind == "criteria" else None,
        request.FILES if kind == "criteria" else None,
    )
    history_form = HistoryImportForm(
        request.POST if kind == "history" else None,
        request.FILES if kind == "history" else None,
    )
    form = criteria_form if kind == "criteria" else history_form if kind == "history" else None
    problems: list[str] = []
    if form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if kind == "criteria":
                source = services.criterion_import_create(
                    actor=request.user,
                    year=form.cleaned_data["year"],
                    data=upload.read(),
                    file_name=upload.name,
                )
                messages.success(
                    request,
                    f"{source.row_count} områder for listeåret {source.year} er importeret "
                    f"fra {source.file_name}.",
                )
                return redirect(f"{reverse('arealists:overview')}?year={source.year}")
            history = services.official_list_import_create(
                actor=request.user, data=upload.read(), file_name=upload.name
            )
            messages.success(
                request,
                f"{history.row_count} listeplaceringer er importeret fra {history.file_name}.",
            )
            return redirect("arealists:import")
        except AreaListInputError as error:
            problems = [str(problem) for problem in error.problems]
    context = _import_context(request, criteria_form, history_form)
    context.update(problems=problems, kind=kind)
    status = 400 if form is not None else 200
    return render(request, "arealists/import.html", context, status=status)
