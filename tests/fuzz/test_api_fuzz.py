"""API fuzzing with schemathesis: cases generated from the OpenAPI schema, sent as every role of
the test world — the municipal coordinator (owner), board member (reader), housing staff (a
partner organisation), analyst, administrator, and another municipality's coordinator (the
outsider). No case may cause a server error, and no response may carry another tenant's data."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

# Names that exist only in one tenant of the test world (tests/conftest.py).
HERNING_ONLY = ("Plads Til Forskel", "Holtbjerg Nord", "Brændgårdsparken", "Fruehøjgaard")
VIBORG_ONLY = ("Sammen På Tværs", "Viborg Almene Boliger")


# persona → names of the other tenant that must never reach them (tests/conftest.py).
ROLES = (
    ("alice", VIBORG_ONLY),  # municipal coordinator, Herning
    ("bob", VIBORG_ONLY),  # board member, Herning
    ("carol", VIBORG_ONLY),  # housing staff, Fællesbo (partner in the Herning plan)
    ("anders", VIBORG_ONLY),  # analyst, Herning
    ("adam", VIBORG_ONLY),  # administrator, Herning Kommune
    ("olivia", HERNING_ONLY),  # municipal coordinator, Viborg
)


def _schema():
    """The app's own OpenAPI document, generated in-process (no server, no database)."""
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(json.loads(json.dumps(document, default=str)))


schema = _schema()


def _send(client, case):
    kwargs = case.as_transport_kwargs()
    method = kwargs["method"].upper()
    query = kwargs.get("params") or {}
    path = case.formatted_path
    if query:
        from urllib.parse import urlencode

        path += "?" + urlencode(query, doseq=True)
    if method in ("GET", "DELETE", "HEAD", "OPTIONS"):
        return client.generic(method, path)
    body = kwargs.get("json")
    if body is None and kwargs.get("data") is not None:
        headers = {k.lower(): v for k, v in (kwargs.get("headers") or {}).items()}
        data = kwargs["data"]
        if isinstance(data, dict):
            return client.generic(method, path, json.dumps(data), content_type="application/json")
        content_type = headers.get("content-type", "application/octet-stream")
        return client.generic(method, path, data, content_type=content_type)
    return client.generic(method, path, json.dumps(body), content_type="application/json")


@pytest.mark.fuzz
@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error_and_no_leak(case, api_for, db):
    for persona, foreign in ROLES:
        response = _send(api_for(persona), case)
        assert response.status_code < 500, (
            persona,
            case.method,
            case.formatted_path,
            response.content[:300],
        )
        text = response.content.decode("utf-8", errors="replace")
        leaked = [marker for marker in foreign if marker in text]
        assert not leaked, (persona, case.method, case.formatted_path, leaked)
