"""HTML views of the partnership. Thin: fetch through selectors, write through forms/services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhed.partnerships import selectors
from helhed.partnerships.entities import (
    ENTITIES,
    Entity,
    entity_by_slug,
    entity_url,
    parent_instance,
    parent_of,
    visible_queryset,
)
from helhed.partnerships.forms import build_form
from helhed.partnerships.models import Area, Organisation, OrganisationKind, Plan
from helhed.partnerships.services import StaleObjectError, save_versioned


def _entity(slug: str, parent_slug: str | None = None) -> Entity:
    entity = entity_by_slug(slug, parent_slug)
    if entity is None:
        raise Http404
    return entity


def _column_label(entity: Entity, name: str) -> str:
    return str(entity.model._meta.get_field(name).verbose_name).capitalize()


def _sorted(request: HttpRequest, entity: Entity, qs):
    sort = request.GET.get("sort", "")
    if sort.lstrip("-") in entity.columns:
        qs = qs.order_by(sort)
    return qs, sort


def _table_context(
    request: HttpRequest, entity: Entity, qs, *, parent=None, can_edit: bool = False
):
    qs, sort = _sorted(request, entity, qs)
    related = [
        c for c in entity.columns if entity.model._meta.get_field(c).is_relation
    ]  # the table shows each row's related object: fetch them in the same query
    if related:
        qs = qs.select_related(*related)
    search = request.GET.get("q", "").strip()
    search_field = next(
        (
            f
            for f in ("name", "title", "label", "grantor", "description")
            if f in entity.columns or f in entity.fields
        ),
        None,
    )
    if search and search_field:
        qs = qs.filter(**{f"{search_field}__icontains": search})
    return {
        "entity": entity,
        "objects": qs,
        "columns": [(c, _column_label(entity, c)) for c in entity.columns],
        "sort": sort,
        "search": search,
        "searchable": bool(search_field),
        "parent": parent,
        "can_edit": can_edit,
    }


def object_url(entity: Entity, obj: Model) -> str:
    if entity.is_child:
        parent = parent_instance(entity, obj)
        return detail_url(parent_of(entity), parent) + f"#{entity.key}"
    return detail_url(entity, obj)


def detail_url(entity: Entity, obj: Model) -> str:
    return entity_url(entity, "detail", pk=obj.pk)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect(entity_url(ENTITIES["plans"], "list"))


@login_required
def entity_list(request: HttpRequest, slug: str) -> HttpResponse:
    entity = _entity(slug)
    qs = visible_queryset(entity, request.user)
    if entity.model is Plan:
        qs = qs.select_related("municipality")
    context = _table_context(request, entity, qs)
    context["can_create"] = selectors.can_create(entity, request.user)
    template = "partnerships/_table.html" if request.htmx else "partnerships/entity_list.html"
    return render(request, template, context)


@login_required
def entity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    entity = _entity(slug)
    obj = selectors.get_object_for_user(entity, request.user, pk)
    context = {
        "entity": entity,
        "object": obj,
        "can_edit": selectors.can_edit(entity, request.user, obj),
    }
    children = [e for e in ENTITIES.values() if e.parent_key == entity.key]
    sections = []
    for child in children:
        if child.key == "memberships" and not selectors.can_create(child, request.user, obj):
            continue  # memberships are shown to the organisation's administrators only
        sections.append(
            {
                **_table_context(
                    request, child, selectors.children_of(child, obj, request.user), parent=obj
                ),
                "can_create": selectors.can_create(child, request.user, obj),
            }
        )
    context["sections"] = sections
    if isinstance(obj, Plan):
        by_key = {section["entity"].key: section for section in sections}
        shown: dict[str, Any] = {}
        if not request.GET.get("q", "").strip():  # the tables hold every row: reuse them
            # list() fills each queryset's cache, so its table below runs no second query.
            shown = {
                name: list(by_key[key]["objects"])
                for name, key in (
                    ("plan_areas", "plan-areas"),
                    ("activities", "activities"),
                    ("budget_lines", "budget-lines"),
                    ("grants", "grants"),
                )
                if key in by_key
            }
        overview = selectors.plan_overview(obj, request.user, **shown)
        context["overview"] = overview
        context["sections_by_key"] = by_key
        context["chart_max"] = max(
            [row.budget + row.grants for row in overview.funding.rows] or [Decimal(0)]
        )
        context["chart_height"] = len(overview.funding.rows) * 10 + 2
        return render(request, "partnerships/plan_overview.html", context)
    context["fields"] = [
        (_column_label(entity, f), f)
        for f in entity.fields
        if f in {x.name for x in entity.model._meta.fields}
    ]
    if isinstance(obj, Area):
        from helhed.arealists.selectors import latest_list_entry_for_area

        context["plans"] = (
            Plan.objects.visible_to(request.user).filter(plan_areas__area=obj).distinct()
        )
        context["list_entry"] = latest_list_entry_for_area(obj)
    if isinstance(obj, Organisation):
        plans = Plan.objects.visible_to(request.user)
        context["plans"] = (
            plans.filter(municipality=obj.municipality)
            if obj.kind == OrganisationKind.MUNICIPALITY
            else plans.filter(partners=obj)
        )
    return render(request, "partnerships/entity_detail.html", context)


@login_required
def child_list(request: HttpRequest, parent_slug: str, parent_pk: int, slug: str) -> HttpResponse:
    entity = _entity(slug, parent_slug)
    parent = selectors.get_parent_for_user(entity, request.user, parent_pk)
    context = _table_context(
        request, entity, selectors.children_of(entity, parent, request.user), parent=parent
    )
    context["can_create"] = selectors.can_create(entity, request.user, parent)
    context["parent_entity"] = parent_of(entity)
    template = "partnerships/_table.html" if request.htmx else "partnerships/entity_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def entity_create(
    request: HttpRequest, slug: str, parent_slug: str | None = None, parent_pk: int | None = None
) -> HttpResponse:
    entity = _entity(slug, parent_slug)
    parent = None
    if entity.is_child:
        if parent_pk is None:
            raise Http404
        parent = selectors.get_parent_for_user(entity, request.user, parent_pk, write=True)
    elif parent_pk is not None:
        raise Http404
    if not selectors.can_create(entity, request.user, parent):
        raise PermissionDenied(_("Du har ikke adgang til at oprette dette."))
    form = build_form(entity, user=request.user, parent=parent, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save()
        messages.success(
            request, _("%(label)s er oprettet.") % {"label": str(entity.label).capitalize()}
        )
        return redirect(object_url(entity, obj))
    return render(
        request,
        "partnerships/entity_form.html",
        {
            "entity": entity,
            "form": form,
            "parent": parent,
            "creating": True,
            "cancel_url": detail_url(parent_of(entity), parent)
            if parent
            else entity_url(entity, "list"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _object_in_url(entity: Entity, user, pk: int, parent_pk: int | None, *, write: bool) -> Model:
    obj = selectors.get_object_for_user(entity, user, pk, write=write)
    if entity.is_child:
        if parent_pk is None or parent_instance(entity, obj).pk != parent_pk:
            raise Http404
    elif parent_pk is not None:
        raise Http404
    return obj


@login_required
@require_http_methods(["GET", "POST"])
def entity_update(
    request: HttpRequest,
    slug: str,
    pk: int,
    parent_slug: str | None = None,
    parent_pk: int | None = None,
) -> HttpResponse:
    entity = _entity(slug, parent_slug)
    obj = _object_in_url(entity, request.user, pk, parent_pk, write=True)
    parent = parent_instance(entity, obj) if entity.is_child else None
    form = build_form(
        entity, user=request.user, parent=parent, instance=obj, data=request.POST or None
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                with transaction.atomic():
                    obj = form.save(commit=False)
                    save_versioned(obj, loaded_version=form.cleaned_data.get("version"))
                    form.save_m2m()
            except StaleObjectError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, _("Ændringerne er gemt."))
                return redirect(object_url(entity, obj))
    return render(
        request,
        "partnerships/entity_form.html",
        {
            "entity": entity,
            "form": form,
            "parent": parent,
            "object": obj,
            "creating": False,
            "cancel_url": object_url(entity, obj),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entity_delete(
    request: HttpRequest,
    slug: str,
    pk: int,
    parent_slug: str | None = None,
    parent_pk: int | None = None,
) -> HttpResponse:
    entity = _entity(slug, parent_slug)
    obj = _object_in_url(entity, request.user, pk, parent_pk, write=True)
    selectors.check_deletable(obj)
    back = (
        detail_url(parent_of(entity), parent_instance(entity, obj))
        if entity.is_child
        else entity_url(entity, "list")
    )
    if request.method == "POST":
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            messages.error(
                request, _("Kan ikke slettes, fordi andre data henviser til den. Fjern dem først.")
            )
            return redirect(object_url(entity, obj))
        messages.success(
            request, _("%(label)s er slettet.") % {"label": str(entity.label).capitalize()}
        )
        return redirect(back)
    return render(
        request,
        "partnerships/entity_confirm_delete.html",
        {
            "entity": entity,
            "object": obj,
            "cancel_url": object_url(entity, obj),
        },
    )
