"""Enrolment (QR code as inline SVG and the secret in text) and verification of the TOTP step."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhed.families import twofactor
from helhed.families.forms import TotpForm
from helhed.families.views.common import safe_next


def _check(request: HttpRequest, form: TotpForm) -> bool:
    if not form.is_valid():
        return False
    try:
        ok = twofactor.device_verify(user=request.user, code=form.cleaned_data["code"])
    except twofactor.TooManyAttempts:
        form.add_error("code", _("For mange forkerte koder. Vent et kvarter, og prøv igen."))
        return False
    if not ok:
        form.add_error("code", _("Koden er forkert eller allerede brugt. Prøv den næste kode."))
        return False
    twofactor.mark_verified(request)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    home = reverse("families:index")
    if twofactor.has_confirmed_device(request.user):
        return redirect(
            f"{reverse('families:totp-verify')}?{urlencode({'next': safe_next(request, home)})}"
        )
    device = twofactor.device_start(user=request.user)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and _check(request, form):
        return redirect(safe_next(request, home))
    return render(
        request,
        "families/totp_enrol.html",
        {
            "form": form,
            "qr": mark_safe(twofactor.qr_svg(device)),  # noqa: S308  (segno's own SVG markup)
            "secret": twofactor.grouped_secret(device),
            "next": safe_next(request, home),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    home = reverse("families:index")
    if not twofactor.has_confirmed_device(request.user):
        return redirect(
            f"{reverse('families:totp-enrol')}?{urlencode({'next': safe_next(request, home)})}"
        )
    form = TotpForm(request.POST or None)
    if request.method == "POST" and _check(request, form):
        return redirect(safe_next(request, home))
    return render(
        request,
        "families/totp_verify.html",
        {"form": form, "next": safe_next(request, home)},
        status=400 if request.method == "POST" else 200,
    )
