"""Two-factor step-up (TOTP, RFC 6238) before any family data is shown.

Not a change to the global login: users log in as before. Users who hold a role that can see
families (access.FAMILY_ROLES) must, before a family page or API endpoint answers,
  1. have a confirmed TOTP device (enrolment page: QR code and the secret in text), and
  2. have entered a correct code in this session within VERIFIED_FOR (the session stores the
     user id and a timestamp).
The audit log page asks the same of everyone. HTML views send the user to enrolment or
verification (with ?next=); the API answers 403 with a Danish message.

Codes are accepted one time step either side of now (clock drift), and never twice: the time
step of the last accepted code is stored on the device. After MAX_FAILURES wrong codes within
FAILURE_WINDOW the user must wait (the failures are counted from the audit log).
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

import pyotp
import segno
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from helhed.families import access, audit
from helhed.families.models import AuditAction, AuditEntry, TotpDevice

SESSION_KEY = "families_totp_verified"
VERIFIED_FOR = timedelta(hours=8)
ISSUER = "helhed"
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
API_MESSAGE = (
    "Familiedata kræver tofaktorbekræftelse (TOTP). Bekræft din kode på /familier/2fa/bekraeft/ "
    "eller med POST /api/families/totp/verify/ først."
)


class TooManyAttempts(Exception):
    pass


def device_for(user) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def has_confirmed_device(user) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def provisioning_uri(device: TotpDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.get_username(), issuer_name=ISSUER
    )


def qr_svg(device: TotpDevice) -> str:
    """The provisioning URI as an inline SVG QR code (segno), for the enrolment page."""
    return segno.make(provisioning_uri(device), error="m").svg_inline(
        scale=5, title=_("QR-kode til din godkendelsesapp"), dark="#1d2733"
    )


def grouped_secret(device: TotpDevice) -> str:
    return " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))


@transaction.atomic
def device_start(*, user) -> TotpDevice:
    """The user's device, created with a fresh secret if there is none yet."""
    device = device_for(user)
    if device is None:
        device = TotpDevice.objects.create(user=user, secret=pyotp.random_base32())
    return device


def _matching_counter(device: TotpDevice, code: str, now: float) -> int | None:
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(device.secret)
    current = totp.timecode(int(now))
    for counter in (current - 1, current, current + 1):
        if counter > device.last_counter and hmac.compare_digest(totp.generate_otp(counter), code):
            return counter
    return None


def _recent_failures(user) -> int:
    since = timezone.now() - FAILURE_WINDOW
    return AuditEntry.objects.filter(
        actor=user, action=AuditAction.TOTP_FAILED, at__gte=since
    ).count()


def device_verify(*, user, code: str, now: float | None = None) -> bool:
    """Check a code; on success confirm the device (first time) and move its counter on.
    Every attempt is written to the audit log."""
    device = device_for(user)
    if device is None:
        return False
    if _recent_failures(user) >= MAX_FAILURES:
        raise TooManyAttempts
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().get(pk=device.pk)
        counter = _matching_counter(device, code, time.time() if now is None else now)
        if counter is None:
            audit.record_event(actor=user, action=AuditAction.TOTP_FAILED)
            return False
        first = device.confirmed_at is None
        device.last_counter = counter
        if first:
            device.confirmed_at = timezone.now()
        device.save(update_fields=["last_counter", "confirmed_at"])
        audit.record_event(
            actor=user, action=AuditAction.TOTP_ENROL if first else AuditAction.TOTP_VERIFY
        )
    return True


def mark_verified(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = {"user": request.user.pk, "at": time.time()}


def is_verified(request: HttpRequest) -> bool:
    mark = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not isinstance(mark, dict) or mark.get("user") != request.user.pk:
        return False
    age = time.time() - float(mark.get("at", 0))
    return 0 <= age < VERIFIED_FOR.total_seconds()


def step_up_needed(request: HttpRequest, *, everyone: bool = False) -> bool:
    user = request.user
    if not (everyone or access.may_see_families(user)):
        return False
    return not (has_confirmed_device(user) and is_verified(request))


def _redirect_to_step_up(request: HttpRequest) -> HttpResponse:
    name = "families:totp-verify" if has_confirmed_device(request.user) else "families:totp-enrol"
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def step_up_required(view: Callable | None = None, *, everyone: bool = False):
    """Decorator for HTML views: login, then TOTP verification, then the view."""

    def decorate(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if step_up_needed(request, everyone=everyone):
                return _redirect_to_step_up(request)
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


class StepUpVerified(BasePermission):
    """DRF permission: the session has passed the TOTP step (for users who need it)."""

    message = API_MESSAGE
    everyone = False

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return not step_up_needed(request, everyone=self.everyone)


class StepUpVerifiedForEveryone(StepUpVerified):
    everyone = True
