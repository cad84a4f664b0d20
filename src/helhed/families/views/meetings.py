"""Network meetings: record one (participants, goals, actions, follow-up, scores), read one, add
an action to it, and mark an action done. Only assigned coordinators write (services check)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhed.families import access, audit, selectors, services
from helhed.families.forms import ActionForm, MeetingForm, action_formset
from helhed.families.models import Action
from helhed.families.views.common import FamilyContext, family_url, family_view


def _require_meetings(ctx: FamilyContext) -> None:
    if not ctx.viewer.sees("meetings"):
        raise PermissionDenied(_("Samtykket dækker ikke netværksmøder."))


@family_view
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, ctx: FamilyContext) -> HttpResponse:
    if not ctx.viewer.can_edit_family:
        raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))
    form = MeetingForm(request.POST or None, family=ctx.family)
    actions = action_formset(ctx.family, request.POST or None)
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        try:
            meeting = services.meeting_record(
                actor=request.user,
                family=ctx.family,
                held_on=form.cleaned_data["held_on"],
                summary=form.cleaned_data["summary"],
                participants=form.participants(),
                new_goals=form.new_goals_list(),
                new_actions=actions.new_actions(),
                done_action_ids=[a.pk for a in form.cleaned_data["done_actions"]],
                scores=form.scores(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Netværksmødet er gemt."))
            return redirect(family_url(ctx.family, "meeting", meeting.pk))
    return render(
        request,
        "families/meeting_form.html",
        {"form": form, "actions": actions, "family": ctx.family},
        status=400 if request.method == "POST" else 200,
    )


@family_view
def meeting_detail(request: HttpRequest, ctx: FamilyContext, pk: int) -> HttpResponse:
    _require_meetings(ctx)
    meeting = selectors.meeting_for(ctx.family, pk)
    audit.record_read(actor=request.user, family=ctx.family, obj=meeting, reason=ctx.reason)
    day = access.today()
    context = {
        "family": ctx.family,
        "viewer": ctx.viewer,
        "meeting": meeting,
        "goals": meeting.goals.all(),
        "agreed": [(a, a.status_on(day)) for a in meeting.actions.select_related("goal")],
        "completed": meeting.completed_actions.all(),
        "scores": meeting.scores.select_related("goal"),
    }
    if ctx.viewer.can_edit_family:
        context["action_form"] = ActionForm(family=ctx.family)
    return render(request, "families/meeting.html", context)


@family_view
@require_POST
def action_create(request: HttpRequest, ctx: FamilyContext, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(ctx.family, pk)
    if not ctx.viewer.can_edit_family:
        raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))
    form = ActionForm(request.POST, family=ctx.family)
    if form.is_valid():
        services.action_create(actor=request.user, meeting=meeting, new=form.new_action())
        messages.success(request, _("Handlingen er tilføjet."))
    else:
        messages.error(
            request, _("Handlingen blev ikke gemt: udfyld handling, ansvarlig og frist.")
        )
    return redirect(family_url(ctx.family, "meeting", meeting.pk))


@family_view
@require_POST
def action_complete(request: HttpRequest, ctx: FamilyContext, pk: int) -> HttpResponse:
    action = selectors.child_of(ctx.family, Action, pk)
    if not ctx.viewer.can_edit_family:
        raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))
    services.action_complete(actor=request.user, action=action, done_on=access.today())
    messages.success(request, _("Handlingen er markeret som udført."))
    return redirect(family_url(ctx.family) + "#handlinger")
