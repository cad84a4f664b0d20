import io

import pytest
from django.core.management import CommandError, call_command

from helhed.partnerships.models import Municipality, Organisation


def _run(monkeypatch, password: str, *args) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("bootstrap", *args, "--password-stdin", stdout=out)
    return out.getvalue()


ARGS = [
    "--code",
    "101",
    "--name",
    "Københavns Kommune",
    "--region-code",
    "1084",
    "--region-name",
    "Region Hovedstaden",
    "--username",
    "kbh-admin",
]


def test_bootstrap_creates_municipality_organisation_and_first_user(monkeypatch, db, client):
    out = _run(monkeypatch, "en-lang-og-god-kode-9", *ARGS)
    assert "Oprettet Københavns Kommune" in out
    org = Organisation.objects.get(name="Københavns Kommune")
    assert org.kind == "municipality" and org.municipality.code == "101"
    assert sorted(org.memberships.values_list("role", flat=True)) == [
        "administrator",
        "municipal_coordinator",
    ]
    response = client.post(
        "/login/", {"username": "kbh-admin", "password": "en-lang-og-god-kode-9"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("password", "args", "message"),
    [
        ("kort", ARGS, "adgangskode"),
        ("en-lang-og-god-kode-9", [*ARGS[:1], "12", *ARGS[2:]], "code"),
        ("en-lang-og-god-kode-9", [*ARGS[:-1], "alice"], "findes allerede"),
    ],
)
def test_bootstrap_bad_input_creates_nothing(monkeypatch, db, password, args, message):
    before = (Municipality.objects.count(), Organisation.objects.count())
    with pytest.raises(CommandError, match="Intet er oprettet") as error:
        _run(monkeypatch, password, *args)
    assert message in str(error.value).lower() or message in str(error.value)
    assert (Municipality.objects.count(), Organisation.objects.count()) == before
