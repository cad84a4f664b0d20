"""The knowledge base: shipped and user entries together, price adjustment, and who may add."""

from __future__ import annotations

import pytest

from helhed.gains.models import UserKnowledgeEntry

pytestmark = pytest.mark.django_db

URL = "/gevinster/vidensbase/"
CREATE = "/gevinster/vidensbase/ny/"


def _entry(organisation_pk: int, **overrides) -> dict:
    data = {
        "item": "Lektiecafé, pris pr. elev",
        "value": "4.500",
        "unit": "kr/elev/år",
        "price_year": "2019",
        "public_body": "kommune",
        "source": "Herning Kommune, budget 2019, s. 12",
        "organisation": str(organisation_pk),
    }
    data.update(overrides)
    return data


@pytest.fixture
def herning_org(db):
    from helhed.partnerships.models import Organisation

    return Organisation.objects.get(name="Herning Kommune")


@pytest.fixture
def analyst(db, herning_org):
    from django.contrib.auth import get_user_model

    from helhed.accounts.models import Membership

    user = get_user_model().objects.create_user(username="anna", password="x")
    Membership.objects.create(user=user, organisation=herning_org, role="analyst")
    return user


def test_shipped_entries_with_price_adjustment_and_a_clear_note_without_index(client_for):
    html = client_for("bob").get(URL, {"prisaar": "2023"}).content.decode()
    # A foster-care placement, 470,000 kr in 2019 prices, is 536,034.62 kr in 2023 (docs/gains.md).
    assert "Anbringelse i plejefamilie" in html and "536.035 kr." in html
    # KL's 65,000 kr is in 2014 prices; the index starts in 2015, and the page says so.
    assert "intet indekstal for 2014 (indekset dækker 2015–2023)" in html
    assert "prisåret er ukendt" in html and "ikke et beløb i kr." in html
    assert "Leveret med helhed (unit_costs.csv)" in html


def test_search_narrows_the_list(client_for):
    html = client_for("carol").get(URL, {"q": "plejefamilie"}).content.decode()
    assert "Anbringelse i plejefamilie" in html and "Kontanthjælp" not in html


def test_coordinator_adds_an_entry_everyone_sees_it_with_the_organisation(client_for, herning_org):
    response = client_for("alice").post(CREATE, _entry(herning_org.pk))
    assert response.status_code == 302
    entry = UserKnowledgeEntry.objects.get(item="Lektiecafé, pris pr. elev")
    assert entry.value == 4500 and entry.price_year == 2019 and entry.organisation == herning_org
    assert entry.created_by.username == "alice"
    for persona in ("olivia", "carol", "bob"):  # shared across tenants, with its organisation
        html = client_for(persona).get(URL, {"q": "lektiecafé"}).content.decode()
        assert "Lektiecafé, pris pr. elev" in html and "Herning Kommune" in html


def test_an_entry_without_a_source_is_refused(client_for, herning_org):
    count = UserKnowledgeEntry.objects.count()
    for source in ("", "   "):
        response = client_for("alice").post(CREATE, _entry(herning_org.pk, source=source))
        assert response.status_code == 400
        assert "intet kommer ind i vidensbasen uden kilde" in response.content.decode()
    assert UserKnowledgeEntry.objects.count() == count


def test_the_database_refuses_an_entry_without_a_source(herning_org):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UserKnowledgeEntry.objects.create(
            item="x", value=1, unit="kr/år", organisation=herning_org, source=""
        )


@pytest.mark.parametrize("persona", ["bob", "carol", "adam", "olivia"])
def test_only_coordinators_and_analysts_add(persona, client_for, herning_org):
    client = client_for(persona)
    count = UserKnowledgeEntry.objects.count()
    page = client.get(URL).content.decode()
    if persona == "olivia":  # a coordinator, but only for her own organisation
        assert "Tilføj en post med kilde" in page
        assert client.post(CREATE, _entry(herning_org.pk)).status_code == 400
    else:
        assert "Tilføj en post med kilde" not in page
        assert client.post(CREATE, _entry(herning_org.pk)).status_code == 403
    assert UserKnowledgeEntry.objects.count() == count


def test_analyst_adds_an_entry(client, analyst, herning_org):
    client.force_login(analyst)
    assert client.post(CREATE, _entry(herning_org.pk)).status_code == 302
    assert UserKnowledgeEntry.objects.filter(created_by=analyst).count() == 1


def test_anonymous_is_sent_to_login(client, herning_org):
    assert client.get(URL)["Location"].startswith("/login/")
    response = client.post(CREATE, _entry(herning_org.pk))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not UserKnowledgeEntry.objects.exists()
