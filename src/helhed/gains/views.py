"""HTML views of the gains app. Thin: reads through selectors, writes through services."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhed.domain.gains import DEFAULT_DISCOUNT_RATE, KnowledgeError, ScenarioError, write_xlsx
from helhed.gains import access, scenarios, selectors, services
from helhed.gains.forms import KnowledgeEntryForm, StartFromCatalogueForm
from helhed.gains.models import Calculation
from helhed.gains.scenario_form import JsonScenarioForm, ScenarioEditor
from helhed.partnerships.models import Activity

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _calculation_url(calculation: Calculation) -> str:
    return reverse("gains:calculation", args=[calculation.activity_id, calculation.pk])


def _json_text(name: str, scenario: dict[str, Any]) -> str:
    return json.dumps({"name": name, **scenario}, ensure_ascii=False, indent=2)


def _default_scenario(activity: Activity) -> dict[str, Any]:
    return {
        "horizon_years": 5,
        "discount_rate": DEFAULT_DISCOUNT_RATE,
        "participants_per_year": [activity.participants] if activity.participants else [],
        "cost_per_participant": {},
        "success_rate": 0.0,
        "consequences": [],
    }


class _Submission:
    """A POSTed scenario, from the structured form or from the JSON text box."""

    def __init__(self, request: HttpRequest, *, stored: dict[str, Any], name: str) -> None:
        self.as_json = request.method == "POST" and request.POST.get("mode") == "json"
        posted = request.POST if request.method == "POST" else None
        self.editor = ScenarioEditor(
            stored=stored, name=name, data=None if self.as_json else posted
        )
        self.json_form = JsonScenarioForm(
            posted if self.as_json else None, initial={"scenario_json": _json_text(name, stored)}
        )
        self.default_name = name

    def save(self, store: Callable[[str, dict[str, Any]], Calculation]) -> Calculation | None:
        """Validate, then store(name, scenario); None (and errors on the forms) if refused."""
        try:
            if self.as_json:
                if not self.json_form.is_valid():
                    return None
                data = scenarios.parse_json_object(self.json_form.cleaned_data["scenario_json"])
                name = data.get("name")
                name = name.strip() if isinstance(name, str) and name.strip() else self.default_name
            else:
                if not self.editor.is_valid():
                    return None
                data, name = self.editor.scenario(), self.editor.form.cleaned_data["name"]
            return store(name, data)
        except ScenarioError as error:
            if self.as_json:
                for line in scenarios.problems_of(error):
                    self.json_form.add_error("scenario_json", line)
            else:
                self.editor.add_problems(error.problems)
        except DjangoValidationError as error:
            form = self.json_form if self.as_json else self.editor.form
            by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for field, errors in by_field.items():
                for message in errors:
                    form.add_error(None, f"{field}: {message}" if field else message)
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "gains/index.html",
        {"plans": selectors.plans_with_activities(request.user)},
    )


@login_required
def activity(request: HttpRequest, activity_pk: int) -> HttpResponse:
    obj = selectors.get_activity_for_user(request.user, activity_pk)
    return render(
        request,
        "gains/activity.html",
        {
            "activity": obj,
            "calculations": obj.gain_calculations.order_by("name", "pk"),
            "can_edit": selectors.can_edit_activity(request.user, obj),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calculation_create(request: HttpRequest, activity_pk: int) -> HttpResponse:
    obj = selectors.get_activity_for_user(request.user, activity_pk, write=True)
    submission = _Submission(
        request, stored=_default_scenario(obj), name=_("Beregning: %(name)s") % {"name": obj.name}
    )
    if request.method == "POST":
        created = submission.save(
            lambda name, data: services.calculation_create(
                actor=request.user, activity=obj, name=name, scenario=data
            )
        )
        if created is not None:
            messages.success(request, _("Beregningen er oprettet."))
            return redirect(_calculation_url(created))
    return render(
        request,
        "gains/calculation_form.html",
        {"activity": obj, "submission": submission},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def calculation_detail(request: HttpRequest, activity_pk: int, pk: int) -> HttpResponse:
    write = request.method == "POST"
    calculation = selectors.get_calculation_for_user(
        request.user, pk, activity_pk=activity_pk, write=write
    )
    submission = _Submission(request, stored=calculation.scenario, name=calculation.name)
    if write:
        saved = submission.save(
            lambda name, data: services.calculation_update(
                actor=request.user, calculation=calculation, name=name, scenario=data
            )
        )
        if saved is not None:
            messages.success(request, _("Beregningen er gemt."))
            return redirect(_calculation_url(saved))
    summary, problems = selectors.calculation_summary_or_problems(calculation)
    return render(
        request,
        "gains/calculation.html",
        {
            "calculation": calculation,
            "activity": calculation.activity,
            "summary": summary,
            "stored_problems": problems,
            "submission": submission,
            "can_edit": write or selectors.can_edit_activity(request.user, calculation.activity),
        },
        status=400 if write else 200,
    )


@login_required
def calculation_xlsx(request: HttpRequest, activity_pk: int, pk: int) -> HttpResponse:
    calculation = selectors.get_calculation_for_user(request.user, pk, activity_pk=activity_pk)
    try:
        evaluation = scenarios.evaluate_input(calculation.scenario)
    except ScenarioError:
        messages.error(request, _("Beregningen kan ikke regnes igennem; ret scenariet først."))
        return redirect(_calculation_url(calculation))
    buffer = io.BytesIO()
    write_xlsx(evaluation, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    filename = f"gevinstberegning-{slugify(calculation.name) or calculation.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calculation_delete(request: HttpRequest, activity_pk: int, pk: int) -> HttpResponse:
    calculation = selectors.get_calculation_for_user(
        request.user, pk, activity_pk=activity_pk, write=True
    )
    if request.method == "POST":
        services.calculation_delete(actor=request.user, calculation=calculation)
        messages.success(request, _("Beregningen er slettet."))
        return redirect("gains:activity", activity_pk=calculation.activity_id)
    return render(request, "gains/calculation_confirm_delete.html", {"calculation": calculation})


def _knowledge_page(request: HttpRequest, form: KnowledgeEntryForm | None, status: int = 200):
    query = request.GET.get("q", "").strip()
    to_year = request.GET.get("prisaar", "")
    listing = selectors.knowledge_listing(
        request.user, query=query, to_year=int(to_year) if to_year.isdigit() else None
    )
    return render(
        request,
        "gains/knowledge.html",
        {"listing": listing, "query": query, "form": form},
        status=status,
    )


@login_required
def knowledge(request: HttpRequest) -> HttpResponse:
    organisations = access.knowledge_organisations(request.user)
    form = KnowledgeEntryForm(organisations=organisations) if organisations.exists() else None
    return _knowledge_page(request, form)


@login_required
@require_POST
def knowledge_create(request: HttpRequest) -> HttpResponse:
    organisations = access.knowledge_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied(_("Kun kommunale koordinatorer og analytikere kan tilføje poster."))
    form = KnowledgeEntryForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.knowledge_entry_create(actor=request.user, **form.cleaned_data)
        except KnowledgeError as error:  # the core's own rule, should the form miss one
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Posten er tilføjet vidensbasen."))
            return redirect("gains:knowledge")
    return _knowledge_page(request, form, status=400)


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "gains/catalogue.html",
        {"entries": selectors.catalogue_entries(query), "query": query},
    )


def _catalogue_page(request, entry, form, status=200) -> HttpResponse:
    return render(
        request,
        "gains/catalogue_entry.html",
        {"entry": entry, "preview": selectors.catalogue_preview(entry), "form": form},
        status=status,
    )


@login_required
def catalogue_detail(request: HttpRequest, entry_id: str) -> HttpResponse:
    entry = selectors.catalogue_entry(entry_id)
    plans = list(selectors.plans_for_new_activities(request.user))
    form = StartFromCatalogueForm(plans=plans, entry_title=entry.title) if plans else None
    return _catalogue_page(request, entry, form)


@login_required
@require_POST
def catalogue_start(request: HttpRequest, entry_id: str) -> HttpResponse:
    entry = selectors.catalogue_entry(entry_id)
    plan = selectors.get_plan_for_activity_write(request.user, request.POST.get("plan"))
    plans = list(selectors.plans_for_new_activities(request.user))
    form = StartFromCatalogueForm(request.POST, plans=plans, entry_title=entry.title)
    if not form.is_valid():
        return _catalogue_page(request, entry, form, status=400)
    started = services.activity_start_from_catalogue(
        actor=request.user,
        plan=plan,
        entry=entry,
        name=form.cleaned_data["name"],
        start_date=form.cleaned_data["start_date"],
    )
    messages.success(
        request,
        _("Aktiviteten “%(name)s” er oprettet i %(plan)s med en startberegning.")
        % {"name": started.activity.name, "plan": plan},
    )
    return redirect(_calculation_url(started.calculation))
