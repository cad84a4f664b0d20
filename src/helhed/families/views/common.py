"""What every family page does first: step-up (TOTP), the choke point (404 outside scope), and —
for a reader who is not assigned to the family — a "tjenstlig begrundelse" for reading it.

A reason is asked once per family and kept in the session for REASON_VALID; every read logged in
that time carries it. Assigned coordinators are not asked (the assignment is the reason).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from helhed.families import selectors
from helhed.families.access import Viewer
from helhed.families.models import Family
from helhed.families.twofactor import step_up_required

REASONS_KEY = "families_reasons"
REASON_VALID = timedelta(hours=1)


@dataclass(frozen=True)
class FamilyContext:
    family: Family
    viewer: Viewer
    reason: str


def stored_reason(request: HttpRequest, family: Family) -> str | None:
    entry = request.session.get(REASONS_KEY, {}).get(str(family.pk))
    if not entry or entry.get("user") != request.user.pk:
        return None
    if time.time() - float(entry.get("at", 0)) > REASON_VALID.total_seconds():
        return None
    return str(entry.get("reason", ""))


def store_reason(request: HttpRequest, family: Family, reason: str) -> None:
    reasons = dict(request.session.get(REASONS_KEY, {}))
    reasons[str(family.pk)] = {"user": request.user.pk, "reason": reason, "at": time.time()}
    request.session[REASONS_KEY] = reasons


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def family_url(family: Family, name: str = "family", *args) -> str:
    return reverse(f"families:{name}", args=[family.code, *args])


def family_view(func: Callable) -> Callable:
    """Step-up, then the family through the choke point, then the reason if one is needed."""

    @step_up_required
    @wraps(func)
    def wrapper(request: HttpRequest, code: str, *args, **kwargs) -> HttpResponse:
        family, viewer = selectors.get_family_for_user(request.user, code)
        reason = "" if viewer.assigned else stored_reason(request, family)
        if reason is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{family_url(family, 'reason')}?{query}")
        return func(request, FamilyContext(family, viewer, reason), *args, **kwargs)

    return wrapper
