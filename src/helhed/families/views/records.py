"""The family overview (list and search by code), the record page and the writes on it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhed.families import access, audit, exports, presentation, selectors, services
from helhed.families.forms import (
    AssignForm,
    CloseForm,
    ConsentForm,
    FamilyCreateForm,
    InterventionForm,
    MemberForm,
    ReasonForm,
)
from helhed.families.models import (
    AuditAction,
    Consent,
    ConsentCategory,
    Intervention,
    Member,
)
from helhed.families.twofactor import step_up_required
from helhed.families.views.common import (
    FamilyContext,
    family_url,
    family_view,
    safe_next,
    store_reason,
)

PAGE_SIZE = 50


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@step_up_required
def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    families = selectors.family_list(request.user, code=query)
    page = Paginator(families, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = selectors.family_rows(request.user, page.object_list)
    audit.record_reads(
        actor=request.user,
        families=[row.family for row in rows],
        action=AuditAction.SEARCH if query else AuditAction.LIST,
        detail={"query": query} if query else None,
    )
    return render(
        request,
        "families/index.html",
        {
            "rows": rows,
            "page": page,
            "query": query,
            "may_see_families": access.may_see_families(request.user),
            "can_create": access.coordinator_organisations(request.user).exists(),
            "may_read_audit": access.may_read_audit(request.user),
        },
    )


@step_up_required
@require_http_methods(["GET", "POST"])
def family_create(request: HttpRequest) -> HttpResponse:
    if not access.coordinator_organisations(request.user).exists():
        raise PermissionDenied(_("Kun familiebehandlere opretter familier."))
    form = FamilyCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            family = services.family_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Familien %(code)s er oprettet.") % {"code": family.code})
            return redirect(family_url(family))
    return render(
        request,
        "families/form.html",
        {"form": form, "title": _("Ny familie"), "cancel_url": "../"},
        status=400 if request.method == "POST" else 200,
    )


@step_up_required
@require_http_methods(["GET", "POST"])
def reason(request: HttpRequest, code: str) -> HttpResponse:
    family, viewer = selectors.get_family_for_user(request.user, code)
    back = safe_next(request, family_url(family))
    if viewer.assigned:
        return redirect(back)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        store_reason(request, family, form.cleaned_data["reason"])
        return redirect(back)
    return render(
        request,
        "families/reason.html",
        {"family": family, "form": form, "next": back},
        status=400 if request.method == "POST" else 200,
    )


@family_view
def family_detail(request: HttpRequest, ctx: FamilyContext) -> HttpResponse:
    record = selectors.family_record(ctx.family, ctx.viewer)
    audit.record_read(actor=request.user, family=ctx.family, reason=ctx.reason)
    context = {
        "record": record,
        "family": ctx.family,
        "viewer": ctx.viewer,
        "reason": ctx.reason,
        "findings": presentation.finding_texts(record),
        "progress": presentation.progress_rows(record),
        "covered": [
            str(label).lower()
            for value, label in ConsentCategory.choices
            if value in ctx.viewer.categories and value != "identity"
        ],
        "open_actions": sum(1 for a in record.actions if a.status != "done"),
        "overdue_actions": sum(1 for a in record.actions if a.status == "overdue"),
    }
    if ctx.viewer.assigned:
        context["close_form"] = CloseForm(initial={"closed_on": access.today()})
        context["assign_form"] = AssignForm(actor=request.user, family=ctx.family)
    return render(request, "families/family.html", context)


def _edit(request, ctx: FamilyContext, form, *, title: str, save) -> HttpResponse:
    """GET: the form (a read, logged); POST: validate and call `save` (a service)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect(family_url(ctx.family))
    if request.method == "GET" and getattr(form, "instance", None) is not None and form.instance.pk:
        audit.record_read(
            actor=request.user, family=ctx.family, obj=form.instance, reason=ctx.reason
        )
    return render(
        request,
        "families/form.html",
        {"form": form, "family": ctx.family, "title": title, "cancel_url": family_url(ctx.family)},
        status=400 if request.method == "POST" else 200,
    )


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))


@family_view
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, ctx: FamilyContext) -> HttpResponse:
    _require(ctx.viewer.can_edit_family)
    form = MemberForm(request.POST or None)

    def save(form):
        services.member_create(actor=request.user, family=ctx.family, **form.cleaned_data)

    return _edit(request, ctx, form, title=_("Nyt familiemedlem"), save=save)


@family_view
@require_http_methods(["GET", "POST"])
def member_update(request: HttpRequest, ctx: FamilyContext, pk: int) -> HttpResponse:
    member = selectors.child_of(ctx.family, Member, pk)
    _require(ctx.viewer.can_edit_family)
    form = MemberForm(request.POST or None, instance=member)

    def save(form):
        fresh = selectors.child_of(ctx.family, Member, pk)
        services.member_update(actor=request.user, member=fresh, **form.cleaned_data)

    return _edit(request, ctx, form, title=_("Rediger %(m)s") % {"m": member.pseudonym}, save=save)


@family_view
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, ctx: FamilyContext) -> HttpResponse:
    _require(ctx.viewer.can_edit_family)
    form = ConsentForm(request.POST or None, user=request.user)

    def save(form):
        services.consent_create(actor=request.user, family=ctx.family, **form.cleaned_data)

    return _edit(request, ctx, form, title=_("Nyt samtykke"), save=save)


@family_view
@require_POST
def consent_withdraw(request: HttpRequest, ctx: FamilyContext, pk: int) -> HttpResponse:
    consent = selectors.child_of(ctx.family, Consent, pk)
    _require(ctx.viewer.can_edit_family)
    services.consent_withdraw(actor=request.user, consent=consent)
    messages.success(request, _("Samtykket er tilbagekaldt. Det gælder fra nu."))
    return redirect(family_url(ctx.family))


@family_view
@require_http_methods(["GET", "POST"])
def intervention_create(request: HttpRequest, ctx: FamilyContext) -> HttpResponse:
    _require(ctx.viewer.can_create_intervention)
    form = InterventionForm(
        request.POST or None, family=ctx.family, viewer=ctx.viewer, user=request.user
    )

    def save(form):
        services.intervention_create(
            actor=request.user,
            family=ctx.family,
            members=form.cleaned_data["members"],
            reason=ctx.reason,
            **form.service_fields(),
        )

    return _edit(request, ctx, form, title=_("Ny indsats"), save=save)


@family_view
@require_http_methods(["GET", "POST"])
def intervention_update(request: HttpRequest, ctx: FamilyContext, pk: int) -> HttpResponse:
    intervention = selectors.child_of(ctx.family, Intervention, pk)
    _require(ctx.viewer.can_edit_intervention(intervention))
    form = InterventionForm(
        request.POST or None,
        instance=intervention,
        family=ctx.family,
        viewer=ctx.viewer,
        user=request.user,
    )

    def save(form):
        services.intervention_update(
            actor=request.user,
            intervention=selectors.child_of(ctx.family, Intervention, pk),
            members=form.cleaned_data["members"],
            reason=ctx.reason,
            **form.service_fields(),
        )

    return _edit(request, ctx, form, title=_("Rediger indsats"), save=save)


@family_view
@require_POST
def family_close(request: HttpRequest, ctx: FamilyContext) -> HttpResponse:
    _require(ctx.viewer.can_edit_family)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.family_close(actor=request.user, family=ctx.family, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Sagen er lukket."))
    return redirect(family_url(ctx.family))


@family_view
@require_POST
def family_assign(request: HttpRequest, ctx: FamilyContext) -> HttpResponse:
    _require(ctx.viewer.can_edit_family)
    form = AssignForm(request.POST, actor=request.user, family=ctx.family)
    if form.is_valid():
        services.family_assign(
            actor=request.user, family=ctx.family, user=form.cleaned_data["user"]
        )
        messages.success(request, _("Familiebehandleren er tilknyttet."))
    return redirect(family_url(ctx.family))


@family_view
@require_POST
def subject_export(request: HttpRequest, ctx: FamilyContext, pk: int) -> HttpResponse:
    member = selectors.child_of(ctx.family, Member, pk)
    _require(ctx.viewer.can_edit_family)
    data = exports.subject_export(actor=request.user, member=member)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="indsigt-{member.pseudonym}.json"'
    return response
