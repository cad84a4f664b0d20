"""HTML views of the followup app. Thin: the plan through its choke point (404 outside the user's
scope, 403 for a reader on every write), reads through selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhed.followup import selectors, services
from helhed.followup.figures import plan_followup
from helhed.followup.forms import AnnualReviewForm, GoalIndicatorForm, ReportTextForm
from helhed.followup.models import ReportFormat
from helhed.followup.rendering import CONTENT_TYPES, chart_image, chart_images
from helhed.followup.report_context import build_status_report
from helhed.partnerships.models import Plan


def _plan(request: HttpRequest, plan_id: int, year: int | None = None, *, write=False) -> Plan:
    plan = selectors.get_plan_for_user(request.user, plan_id, write=write)
    if year is not None:
        selectors.check_year(plan, year)
    return plan


def _year_url(plan: Plan, year: int, anchor: str = "") -> str:
    return reverse("followup:year", args=[plan.pk, year]) + (f"#{anchor}" if anchor else "")


def _refused(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.visible_to(request.user).select_related("municipality")
    return render(request, "followup/index.html", {"plans": plans.order_by("name")})


@login_required
def plan_home(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    return redirect(_year_url(plan, selectors.default_year(plan)))


@login_required
def year_view(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan(request, plan_id, year)
    followup = plan_followup(plan, year, request.user)
    by_goal: dict[int, list] = {}
    for item in followup.indicators:
        by_goal.setdefault(item.goal_indicator.goal_id, []).append((item, chart_image(item.chart)))
    groups = [
        (
            fa,
            [(goal, by_goal.get(goal.pk, [])) for goal in fa.goals.all()],
            followup.focus_texts.get(fa.pk),
        )
        for fa in plan.focus_areas.prefetch_related("goals")
    ]
    return render(
        request,
        "followup/year.html",
        {
            "plan": plan,
            "year": year,
            "years": selectors.plan_years(plan),
            "followup": followup,
            "groups": groups,
            "can_edit": selectors.can_edit(request.user, plan),
            "issue": selectors.issue_for(plan, year),
            "review": selectors.review_for(plan, year),
            "files": selectors.report_files(plan, year),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(
    request: HttpRequest, plan_id: int, goal_id: int | None = None, pk: int | None = None
) -> HttpResponse:
    plan = _plan(request, plan_id, write=True)
    instance = selectors.get_goal_indicator_for_plan(plan, pk) if pk is not None else None
    goal = instance.goal if instance else selectors.get_goal_for_plan(plan, goal_id)
    form = GoalIndicatorForm(request.POST or None, goal=goal, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            gi = services.goal_indicator_save(
                actor=request.user, goal=goal, data=form.cleaned_data, instance=instance
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Målindikatoren er gemt."))
            return redirect(_year_url(plan, selectors.default_year(plan), f"indikator-{gi.pk}"))
    return render(
        request,
        "followup/indicator_form.html",
        {"plan": plan, "goal": goal, "form": form, "instance": instance},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request: HttpRequest, plan_id: int, pk: int) -> HttpResponse:
    plan = _plan(request, plan_id, write=True)
    gi = selectors.get_goal_indicator_for_plan(plan, pk)
    if request.method == "POST":
        services.goal_indicator_delete(actor=request.user, goal_indicator=gi)
        messages.success(request, _("Målindikatoren er slettet."))
        return redirect("followup:plan", plan.pk)
    return render(request, "followup/indicator_delete.html", {"plan": plan, "gi": gi})


@login_required
@require_http_methods(["GET", "POST"])
def text_edit(
    request: HttpRequest,
    plan_id: int,
    year: int,
    gi_pk: int | None = None,
    focus_pk: int | None = None,
) -> HttpResponse:
    plan = _plan(request, plan_id, year, write=True)
    gi = selectors.get_goal_indicator_for_plan(plan, gi_pk) if gi_pk is not None else None
    focus = selectors.get_focus_area_for_plan(plan, focus_pk) if focus_pk is not None else None
    by_indicator, by_focus = selectors.texts_for(plan, year)
    stored = by_indicator.get(gi.pk) if gi else by_focus.get(focus.pk) if focus else None
    generated = ""
    if gi is not None:
        item = next(
            i
            for i in plan_followup(plan, year, request.user).indicators
            if i.goal_indicator.pk == gi.pk
        )
        generated = item.generated_text
    initial = {"text": stored.text if stored else generated}
    form = ReportTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_text_save(
                actor=request.user,
                plan=plan,
                year=year,
                text=form.cleaned_data["text"],
                generated_text=generated,
                goal_indicator=gi,
                focus_area=focus,
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Teksten er gemt."))
            anchor = f"indikator-{gi.pk}" if gi else f"indsats-{focus.pk}" if focus else ""
            return redirect(_year_url(plan, year, anchor))
    return render(
        request,
        "followup/text_form.html",
        {
            "plan": plan,
            "year": year,
            "gi": gi,
            "focus": focus,
            "form": form,
            "stored": stored,
            "generated": generated,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def review_view(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan(request, plan_id, year)
    return render(
        request,
        "followup/review.html",
        {
            "plan": plan,
            "year": year,
            "review": selectors.review_for(plan, year),
            "issue": selectors.issue_for(plan, year),
            "can_edit": selectors.can_edit(request.user, plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan(request, plan_id, year, write=True)
    review = selectors.review_for(plan, year)
    form = AnnualReviewForm(
        request.POST or None, plan=plan, year=year, **({"instance": review} if review else {})
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_review_save(
                actor=request.user, plan=plan, year=year, data=form.cleaned_data
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Det årlige eftersyn er gemt."))
            return redirect("followup:review", plan.pk, year)
    return render(
        request,
        "followup/review_form.html",
        {"plan": plan, "year": year, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def report_preview(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan(request, plan_id, year)
    report = build_status_report(plan, year, request.user)
    return render(
        request,
        "followup/report_preview.html",
        {
            "plan": plan,
            "year": year,
            "report": report,
            "charts": chart_images(report),
            "can_edit": selectors.can_edit(request.user, plan),
            "issue": selectors.issue_for(plan, year),
            "files": selectors.report_files(plan, year),
        },
    )


@login_required
@require_POST
def report_generate(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan(request, plan_id, year, write=True)
    services.report_files_render(actor=request.user, plan=plan, year=year)
    context = {"plan": plan, "year": year, "files": selectors.report_files(plan, year)}
    if request.htmx:
        return render(request, "followup/_report_files.html", {**context, "fresh": True})
    messages.success(request, _("Statusrapporten er dannet som PDF og Word."))
    return redirect(_year_url(plan, year, "statusrapport"))


@login_required
def report_download(request: HttpRequest, plan_id: int, year: int, fmt: str) -> HttpResponse:
    plan = _plan(request, plan_id, year)
    if fmt not in ReportFormat.values:
        raise Http404
    stored = selectors.get_report_file(plan, year, fmt)
    response = HttpResponse(bytes(stored.content), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="statusrapport-{plan.pk}-{year}.{fmt}"'
    return response


@login_required
@require_POST
def report_issue(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan(request, plan_id, year, write=True)
    try:
        if request.POST.get("action") == "reopen":
            services.report_reopen(actor=request.user, plan=plan, year=year)
            messages.success(request, _("Rapporten er genåbnet; teksterne kan ændres igen."))
        else:
            services.report_issue(actor=request.user, plan=plan, year=year)
            messages.success(request, _("Rapporten er markeret som udsendt."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(_year_url(plan, year, "statusrapport"))
