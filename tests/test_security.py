"""Security headers, CSRF on HTMX requests, session expiry, and `check --deploy` in production."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client

from tests.world import herning_plan


def test_security_headers_on_every_page(client_for):
    response = client_for("alice").get("/planer/")
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
        and "object-src 'none'" in csp
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_api_docs_need_no_third_party_scripts(client_for):
    html = client_for("alice").get("/api/docs/").content.decode()
    assert "cdn." not in html and "jsdelivr" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_csrf_is_enforced_for_htmx_and_forms(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.alice)
    plan = herning_plan()
    url = f"/planer/{plan.pk}/budget/ny/"
    data = {"year": 2021, "description": "Uden token", "amount": "1"}
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 403
    page = client.get(url)
    token = page.cookies["csrftoken"].value
    assert client.post(url, data, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token).status_code == 302
    # base.html sends the token on every HTMX request
    assert 'hx-headers=\'{"X-CSRFToken":' in page.content.decode()


def test_sessions_expire_and_cookies_are_http_only():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_check_deploy_is_clean_in_production_settings(tmp_path: Path):
    env = {
        **os.environ,
        "HELHED_SECRET_KEY": secrets.token_urlsafe(50),
        "HELHED_SSL_REDIRECT": "1",
        "HELHED_HSTS_SECONDS": "31536000",
        "HELHED_ALLOWED_HOSTS": "helhed.example.dk",
        "HELHED_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "helhed.settings",
    }
    for name in ("HELHED_DEBUG", "HELHED_DEMO", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "helhed.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_wsgi_refuses_to_serve_without_a_secret_key(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELHED_")}
    env["DJANGO_SETTINGS_MODULE"] = "helhed.settings"
    env["HELHED_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import helhed.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "HELHED_SECRET_KEY must be set" in result.stderr
