"""The TOTP step-up: enrolment, wrong codes, replay, expiry, and that a logged-in user who has not
verified is sent to verification (HTML) or refused with a Danish 403 (API)."""

from __future__ import annotations

import time

import pyotp
import pytest
from django.test import Client

from tests.families.conftest import audit_rows

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # 160 bits (pyotp wants at least 112)


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_enrolment_shows_a_qr_code_and_the_secret_and_a_correct_code_confirms(family, people):
    from helhed.families.models import TotpDevice

    c = login(people.fiona)
    page = f"/familier/{family.code}/"
    first = c.get(page)
    assert first.status_code == 302
    assert first["Location"].startswith("/familier/2fa/opsaet/?next=")
    enrol = c.get(first["Location"])
    assert enrol.status_code == 200
    device = TotpDevice.objects.get(user=people.fiona)
    html = enrol.content.decode()
    assert '<svg width="' in html and "QR-kode til din godkendelsesapp" in html
    grouped = " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))
    assert grouped in html
    assert device.confirmed_at is None
    done = c.post(first["Location"], {"code": pyotp.TOTP(device.secret).now(), "next": page})
    assert (done.status_code, done["Location"]) == (302, page)
    device.refresh_from_db()
    assert device.confirmed_at is not None
    assert c.get(page).status_code == 200
    assert [r.action for r in audit_rows(actor=people.fiona, object_type="")] == ["totp_enrol"]


def test_a_wrong_code_is_refused_and_logged(family, people) -> None:
    from helhed.families.models import TotpDevice

    c = login(people.fiona)
    c.get("/familier/2fa/opsaet/")
    device = TotpDevice.objects.get(user=people.fiona)
    right = pyotp.TOTP(device.secret).now()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = c.post("/familier/2fa/opsaet/", {"code": wrong})
    assert response.status_code == 400
    assert "Koden er forkert" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed_at is None
    assert c.get(f"/familier/{family.code}/").status_code == 302
    assert [r.action for r in audit_rows(actor=people.fiona, object_type="")] == ["totp_failed"]


def _confirmed(user, secret: str = SECRET):
    from django.utils import timezone

    from helhed.families.models import TotpDevice

    return TotpDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())


def test_a_logged_in_user_without_verification_is_sent_to_the_verification_page(family, people):
    _confirmed(people.fiona)
    c = login(people.fiona)
    for url in ["/familier/", f"/familier/{family.code}/", f"/familier/{family.code}/moeder/ny/"]:
        response = c.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/familier/2fa/bekraeft/?next=")
    verify = c.post(
        "/familier/2fa/bekraeft/",
        {"code": pyotp.TOTP(SECRET).now(), "next": f"/familier/{family.code}/"},
    )
    assert verify["Location"] == f"/familier/{family.code}/"
    assert c.get(f"/familier/{family.code}/").status_code == 200


def test_a_code_cannot_be_used_twice(people) -> None:
    from helhed.families import twofactor

    _confirmed(people.fiona)
    code = pyotp.TOTP(SECRET).now()
    assert twofactor.device_verify(user=people.fiona, code=code) is True
    assert twofactor.device_verify(user=people.fiona, code=code) is False


def test_clock_drift_of_one_step_is_accepted_two_is_not(people) -> None:
    from helhed.families import twofactor

    _confirmed(people.fiona)
    totp = pyotp.TOTP(SECRET)
    now = time.time()
    assert twofactor.device_verify(user=people.fiona, code=totp.at(now - 30), now=now)
    assert not twofactor.device_verify(user=people.fiona, code=totp.at(now + 90), now=now)


def test_too_many_wrong_codes_lock_the_step_for_a_while(people) -> None:
    from helhed.families import twofactor

    _confirmed(people.fiona)
    for _ in range(twofactor.MAX_FAILURES):
        assert not twofactor.device_verify(user=people.fiona, code="000000")
    with pytest.raises(twofactor.TooManyAttempts):
        twofactor.device_verify(user=people.fiona, code=pyotp.TOTP(SECRET).now())


def test_verification_expires_and_is_bound_to_the_user(family, people) -> None:
    from helhed.families.twofactor import SESSION_KEY, VERIFIED_FOR

    _confirmed(people.fiona)
    c = login(people.fiona)
    session = c.session
    session[SESSION_KEY] = {
        "user": people.fiona.pk,
        "at": time.time() - VERIFIED_FOR.total_seconds() - 1,
    }
    session.save()
    assert c.get(f"/familier/{family.code}/").status_code == 302
    session = c.session
    session[SESSION_KEY] = {"user": people.frank.pk, "at": time.time()}
    session.save()
    assert c.get(f"/familier/{family.code}/").status_code == 302


def test_api_without_verification_is_403_in_danish_until_verified(family, people) -> None:
    from rest_framework.test import APIClient

    _confirmed(people.fiona)
    c = APIClient()
    c.force_login(people.fiona)
    for url in ["/api/families/", f"/api/families/{family.code}/"]:
        response = c.get(url)
        assert response.status_code == 403
        assert "tofaktorbekræftelse (TOTP)" in response.json()["detail"]
    wrong = c.post("/api/families/totp/verify/", {"code": "12345"}, format="json")
    assert wrong.status_code == 400
    ok = c.post(
        "/api/families/totp/verify/",
        {"code": pyotp.TOTP(SECRET).now()},
        format="json",
    )
    assert ok.json() == {"verified": True}
    assert c.get(f"/api/families/{family.code}/").status_code == 200


def test_token_clients_cannot_pass_the_step(family, people) -> None:
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    _confirmed(people.fiona)
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people.fiona).key}")
    assert c.get(f"/api/families/{family.code}/").status_code == 403


def test_roles_that_never_see_families_are_not_asked_for_totp(people) -> None:
    c = login(people.bob)
    index = c.get("/familier/")
    assert index.status_code == 200
    assert "giver ikke adgang til enkelte familier" in index.content.decode()
    assert c.get("/familier/tal/").status_code == 200
    assert c.get("/familier/risiko/").status_code == 200


def test_the_audit_log_asks_administrators_for_totp_too(people) -> None:
    c = login(people.adam)
    response = c.get("/familier/revisionslog/")
    assert response.status_code == 302
    assert response["Location"].startswith("/familier/2fa/opsaet/")
    assert login(people.bob).get("/familier/revisionslog/").status_code == 403
