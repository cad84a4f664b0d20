"""Pages without persons: the SFI risk share per area, the board's aggregates, and the audit log
for administrators (who see the log, never the family data)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from helhed.families import access, audit, exports, oversight
from helhed.families.forms import AuditFilterForm
from helhed.families.models import AuditAction
from helhed.families.twofactor import step_up_required

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def risk(request: HttpRequest) -> HttpResponse:
    years, rows = oversight.risk_rows(request.user)
    return render(request, "families/risk.html", {"years": years, "rows": rows})


@login_required
def aggregates(request: HttpRequest) -> HttpResponse:
    return render(request, "families/aggregates.html", {"figures": oversight.board(request.user)})


def _audit_admin(request: HttpRequest) -> None:
    if not access.may_read_audit(request.user):
        raise PermissionDenied(_("Revisionsloggen er for kommunens administratorer."))


def _period(request: HttpRequest) -> tuple[AuditFilterForm, date | None, date | None]:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    _audit_admin(request)
    return _audit_log(request)


@step_up_required(everyone=True)
def _audit_log(request: HttpRequest) -> HttpResponse:
    form, start, end = _period(request)
    # Logged first, so that this reading is itself on the page (and the page count is right).
    audit.record_event(
        actor=request.user,
        action=AuditAction.AUDIT_VIEW,
        detail={"start": start and start.isoformat(), "end": end and end.isoformat()},
    )
    entries = oversight.audit_for_user(request.user, start=start, end=end).order_by("-at", "-pk")
    page = Paginator(entries, 100).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request, "families/audit.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@login_required
def audit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _audit_admin(request)
    return _audit_export(request, fmt)


@step_up_required(everyone=True)
def _audit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, start, end = _period(request)
    entries = oversight.audit_for_user(request.user, start=start, end=end)
    body = exports.audit_file(
        actor=request.user,
        entries=entries,
        fmt=fmt,
        detail={"start": start and start.isoformat(), "end": end and end.isoformat()},
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="revisionslog.{fmt}"'
    return response
