"""The inspiration catalogue: browsing, searching, and starting an activity from an example."""

from __future__ import annotations

import pytest

from helhed.gains.models import Calculation
from helhed.partnerships.models import Activity, Plan

pytestmark = pytest.mark.django_db

ENTRY = "nabohjaelp-ishoej"


def _start(client, target: Plan, entry: str = ENTRY, **overrides):
    data = {"plan": str(target.pk), "name": "Nabohjælp i Holtbjerg", "start_date": "2024-01-15"}
    data.update(overrides)
    return client.post(f"/gevinster/katalog/{entry}/start/", data)


@pytest.fixture
def herning_plan(db):
    return Plan.objects.get(name="Plads Til Forskel")


def test_list_search_and_detail(client_for):
    client = client_for("olivia")  # the catalogue is for every logged-in user
    html = client.get("/gevinster/katalog/").content.decode()
    assert html.count('<li>\n      <h2><a href="/gevinster/katalog/') == 18
    found = client.get("/gevinster/katalog/", {"q": "noeddeknaekker"}).content.decode()
    assert "Nøddeknækkerfunktionen" in found and "Nabohjælp" not in found
    detail = client.get(f"/gevinster/katalog/{ENTRY}/").content.decode()
    assert "Det Kriminalpræventive Råd" in detail  # a documented result with its source
    assert "Succesrate: kataloget oplyser ingen" in detail  # an open assumption
    assert client.get("/gevinster/katalog/findes-ikke/").status_code == 404


def test_start_creates_one_activity_and_one_calculation_in_the_chosen_plan(
    client_for, herning_plan
):
    activities, calculations = Activity.objects.count(), Calculation.objects.count()
    response = _start(client_for("carol"), herning_plan)
    assert response.status_code == 302
    assert Activity.objects.count() == activities + 1
    assert Calculation.objects.count() == calculations + 1
    activity = Activity.objects.get(name="Nabohjælp i Holtbjerg")
    assert activity.plan == herning_plan
    assert "Kilde: KL: Gevinster ved boligsociale indsatser (2016)" in activity.description
    calculation = activity.gain_calculations.get()
    assert calculation.catalogue_entry == ENTRY
    assert calculation.created_by.username == "carol"
    assert response["Location"] == (
        f"/gevinster/aktiviteter/{activity.pk}/beregninger/{calculation.pk}/"
    )
    notes = calculation.scenario["notes"]
    assert any(n.startswith("Åben antagelse: Succesrate") for n in notes)
    assert calculation.scenario["approach"] == "wellbeing"  # the Nabohjælp template
    page = client_for("carol").get(response["Location"]).content.decode()
    assert "Åben antagelse: Omkostning pr. deltager" in page


def test_start_refuses_a_plan_the_user_cannot_edit(client_for, herning_plan):
    viborg = Plan.objects.get(municipality__code="791")
    activities, calculations = Activity.objects.count(), Calculation.objects.count()
    assert _start(client_for("bob"), herning_plan).status_code == 403  # reader
    assert _start(client_for("olivia"), herning_plan).status_code == 404  # outsider
    assert _start(client_for("carol"), viborg).status_code == 404
    assert _start(client_for("carol"), herning_plan, plan="abc").status_code == 404
    assert Activity.objects.count() == activities
    assert Calculation.objects.count() == calculations
    # The picker lists only plans whose activities the user may edit.
    page = client_for("olivia").get(f"/gevinster/katalog/{ENTRY}/").content.decode()
    assert "Sammen På Tværs" in page and "Plads Til Forskel" not in page
    assert (
        "Opret aktivitet og beregning"
        not in client_for("bob").get(f"/gevinster/katalog/{ENTRY}/").content.decode()
    )


def test_start_with_a_missing_name_changes_nothing(client_for, herning_plan):
    activities = Activity.objects.count()
    response = _start(client_for("alice"), herning_plan, name="")
    assert response.status_code == 400
    assert Activity.objects.count() == activities


def test_an_entry_without_text_starts_with_everything_open(client_for, herning_plan):
    response = _start(client_for("alice"), herning_plan, entry="kamoon-holstebro", name="KAMOON")
    assert response.status_code == 302
    calculation = Activity.objects.get(name="KAMOON").gain_calculations.get()
    assert calculation.scenario["participants_per_year"] == [0]
    assert calculation.result["net_result"] == 0.0


def test_anonymous_is_sent_to_login(client, herning_plan):
    for url in ("/gevinster/katalog/", f"/gevinster/katalog/{ENTRY}/"):
        assert client.get(url)["Location"].startswith("/login/")
    count = Activity.objects.count()
    assert _start(client, herning_plan)["Location"].startswith("/login/")
    assert Activity.objects.count() == count
