"""The gains API: the same rules as the pages (outsider 404, reader 403, anonymous no data)."""

from __future__ import annotations

import pytest

from helhed.gains.models import Calculation, UserKnowledgeEntry
from tests.gains.conftest import minimal

pytestmark = pytest.mark.django_db

CALCULATIONS = "/api/gains/calculations/"
ANONYMOUS_CHECKS = [
    ("get", CALCULATIONS),
    ("get", f"{CALCULATIONS}1/"),
    ("post", "/api/gains/calculate/"),
    ("get", "/api/gains/knowledge/"),
    ("post", "/api/gains/knowledge/"),
    ("get", "/api/gains/catalogue/"),
    ("get", "/api/gains/catalogue/nabohjaelp-ishoej/"),
]


def _detail(calculation) -> str:
    return f"{CALCULATIONS}{calculation.pk}/"


def _state(calculation) -> tuple:
    calculation.refresh_from_db()
    return (calculation.name, calculation.scenario)


@pytest.mark.parametrize(("method", "url"), ANONYMOUS_CHECKS)
def test_anonymous_gets_no_data(method, url, api_for, calculation):
    response = getattr(api_for(None), method)(url, minimal(), format="json")
    assert response.status_code in (401, 403)
    body = response.json()
    assert set(body) == {"detail"}


def test_owner_reads_lists_and_gets_the_computed_result(api_for, calculation):
    client = api_for("alice")
    data = client.get(_detail(calculation)).json()
    assert data["result"]["net_result"] == 858687.05
    assert data["result"]["net_by_year"] == [-50000.0, 96618.36, 280053.21, 270582.81, 261432.67]
    assert data["activity"] == calculation.activity_id
    assert data["created_by"] == "alice"
    listed = client.get(CALCULATIONS, {"activity": calculation.activity_id}).json()["results"]
    assert [row["id"] for row in listed] == [calculation.pk]
    assert client.get(CALCULATIONS, {"activity": "x"}).status_code == 400


def test_outsider_gets_404(api_for, calculation):
    client = api_for("olivia")
    before = _state(calculation)
    assert client.get(_detail(calculation)).status_code == 404
    assert client.patch(_detail(calculation), {"name": "x"}, format="json").status_code == 404
    assert client.put(_detail(calculation), {"name": "x"}, format="json").status_code == 404
    assert client.delete(_detail(calculation)).status_code == 404
    payload = {"activity": calculation.activity_id, "name": "x", "scenario": minimal()}
    count = Calculation.objects.count()
    assert client.post(CALCULATIONS, payload, format="json").status_code == 404
    listed = client.get(CALCULATIONS).json()["results"]
    assert calculation.pk not in {row["id"] for row in listed}
    assert _state(calculation) == before and Calculation.objects.count() == count


def test_reader_cannot_write(api_for, calculation):
    client = api_for("bob")
    before = _state(calculation)
    count = Calculation.objects.count()
    assert client.get(_detail(calculation)).status_code == 200
    assert client.patch(_detail(calculation), {}, format="json").status_code == 403
    assert client.put(_detail(calculation), {"name": "x"}, format="json").status_code == 403
    assert client.delete(_detail(calculation)).status_code == 403
    payload = {"activity": calculation.activity_id, "name": "x", "scenario": minimal()}
    assert client.post(CALCULATIONS, payload, format="json").status_code == 403
    assert _state(calculation) == before and Calculation.objects.count() == count


def test_housing_staff_create_update_delete(api_for, herning_activity):
    client = api_for("carol")
    payload = {"activity": herning_activity.pk, "name": "Via API", "scenario": minimal()}
    response = client.post(CALCULATIONS, payload, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["result"]["payback_year"] == 1
    url = f"{CALCULATIONS}{created['id']}/"
    changed = {**minimal(), "success_rate": 0.3}
    response = client.patch(url, {"scenario": changed}, format="json")
    assert response.status_code == 200
    assert response.json()["result"]["net_result"] == 1484648.93
    assert response.json()["name"] == "Via API"
    assert client.put(url, {"name": "Kun navn"}, format="json").status_code == 400
    assert (
        client.patch(url, {"activity": herning_activity.pk + 1}, format="json").status_code == 400
    )
    assert client.delete(url).status_code == 204
    assert not Calculation.objects.filter(pk=created["id"]).exists()


def test_bad_scenario_is_refused_with_field_paths(api_for, calculation):
    client = api_for("alice")
    before, count = _state(calculation), Calculation.objects.count()
    bad = {**minimal(), "horizon_years": 11, "succes_rate": 0.1}
    response = client.patch(_detail(calculation), {"scenario": bad}, format="json")
    assert response.status_code == 400
    assert {"path": "succes_rate", "message": "ukendt felt"} in response.json()["errors"]
    payload = {
        "activity": calculation.activity_id,
        "name": "x",
        "scenario": {**minimal(), "horizon_years": 11},
    }
    response = client.post(CALCULATIONS, payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"path": "horizon_years", "message": "skal være mellem 1 og 10 år"}
    ]
    assert _state(calculation) == before and Calculation.objects.count() == count


def test_calculate_returns_the_documented_output_for_any_logged_in_user(api_for):
    response = api_for("olivia").post("/api/gains/calculate/", minimal(), format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["net_result"] == 858687.05
    assert data["net_result_by_body"] == {"kommune": 691763.88, "region": 0.0, "stat": 166923.17}
    assert data["per_participant"] == 42934.35
    assert data["break_even_success_rate"] == 0.062821
    assert data["tornado"] == [] and data["monte_carlo"] is None
    count = Calculation.objects.count()
    response = api_for("bob").post("/api/gains/calculate/", {"horizon_years": "5"}, format="json")
    assert response.status_code == 400
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"horizon_years", "participants_per_year", "success_rate", "consequences"} <= paths
    too_many = {**minimal(), "monte_carlo": {"draws": 50_000}}
    response = api_for("bob").post("/api/gains/calculate/", too_many, format="json")
    assert response.json()["errors"][0]["path"] == "monte_carlo.draws"
    assert Calculation.objects.count() == count


def test_knowledge_list_and_create(api_for):
    from helhed.partnerships.models import Organisation

    data = api_for("olivia").get("/api/gains/knowledge/", {"q": "plejefamilie", "to_year": 2023})
    rows = data.json()["results"]
    placement = next(r for r in rows if r["item"] == "Anbringelse i plejefamilie")
    assert placement["adjusted_value"] == pytest.approx(536034.62, abs=0.01)
    assert placement["id"] is None and placement["organisation"] is None
    entry = {
        "item": "Egen pris",
        "value": "1200",
        "unit": "kr/time",
        "price_year": 2022,
        "public_body": "kommune",
        "source": "Egen opgørelse 2022",
    }
    count = UserKnowledgeEntry.objects.count()
    assert api_for("bob").post("/api/gains/knowledge/", entry, format="json").status_code == 403
    assert api_for("carol").post("/api/gains/knowledge/", entry, format="json").status_code == 403
    no_source = {**entry, "source": ""}
    response = api_for("alice").post("/api/gains/knowledge/", no_source, format="json")
    assert response.status_code == 400 and "source" in response.json()
    missing = {k: v for k, v in entry.items() if k != "source"}
    assert api_for("alice").post("/api/gains/knowledge/", missing, format="json").status_code == 400
    assert UserKnowledgeEntry.objects.count() == count
    viborg = Organisation.objects.get(name="Viborg Kommune")
    other = {**entry, "organisation": viborg.pk}
    assert api_for("alice").post("/api/gains/knowledge/", other, format="json").status_code == 403
    response = api_for("alice").post("/api/gains/knowledge/", entry, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["organisation"] == "Herning Kommune"
    listed = api_for("olivia").get("/api/gains/knowledge/", {"q": "egen pris"}).json()["results"]
    assert [r["organisation"] for r in listed] == ["Herning Kommune"]
    no_year = {k: v for k, v in entry.items() if k != "price_year"}
    response = api_for("alice").post("/api/gains/knowledge/", no_year, format="json")
    assert response.status_code == 201
    assert response.json()["price_year"] is None
    assert response.json()["adjustment_note"] == "prisåret er ukendt"


def test_demo_calculations_have_no_creator_and_say_so(api_for):
    from helhed.gains.demo import load_demo_gains

    load_demo_gains()
    rows = api_for("carol").get(CALCULATIONS).json()["results"]
    assert {row["name"] for row in rows} == {
        "Bydelsmødre: offentlig forsørgelse",
        "Fritidsjob: færre på kontanthjælp",
    }
    assert {row["created_by"] for row in rows} == {None}
    assert all(row["result"]["monte_carlo"]["draws"] == 2000 for row in rows)


def test_catalogue_list_search_and_retrieve(api_for):
    client = api_for("bob")
    assert client.get("/api/gains/catalogue/").json()["count"] == 18
    found = client.get("/api/gains/catalogue/", {"q": "nabohjælp"}).json()["results"]
    assert found[0]["id"] == "nabohjaelp-ishoej"
    detail = client.get("/api/gains/catalogue/bydelsmoedre-herning/").json()
    assert detail["title"] == "Bydelsmødre"
    assert detail["starting_scenario"]["scenario"]["participants_per_year"] == [25]
    assert detail["starting_scenario"]["open_assumptions"]
    assert client.get("/api/gains/catalogue/findes-ikke/").status_code == 404


def test_openapi_schema_of_the_gains_routes_has_no_warnings():
    """The gains endpoints alone (the project-wide check is `helhed spectacular --validate
    --fail-on-warn`, which also covers the other apps)."""
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema
    from rest_framework.routers import DefaultRouter

    from helhed.gains.api import register_gains_routes

    router = DefaultRouter()
    register_gains_routes(router)
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/", include(router.urls))])
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)
    assert not GENERATOR_STATS, dict(GENERATOR_STATS._warn_cache)
    assert {"/api/gains/calculations/{id}/", "/api/gains/calculate/"} <= set(schema["paths"])
    result = schema["components"]["schemas"]["GainsOutput"]["properties"]
    assert "net_result" in result and "break_even_success_rate" in result
