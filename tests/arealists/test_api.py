"""The area-list API: anonymous gets nothing, every user reads, results as the core computes."""

from __future__ import annotations

import pytest

from helhed.arealists import selectors
from helhed.arealists.models import CriterionRow
from helhed.domain.arealists import what_if
from helhed.partnerships.models import Area


def _row_id(name: str, year: int) -> int:
    return selectors.current_rows(years=[year]).get(area_name=name).pk


@pytest.fixture
def holtbjerg_2024(demo_lists) -> int:
    return _row_id("Holtbjerg", 2024)


def test_anonymous_gets_no_data(api_for, holtbjerg_2024):
    client = api_for(None)
    for path in (
        "/api/area-lists/?year=2024",
        f"/api/area-lists/{holtbjerg_2024}/",
        f"/api/area-lists/{holtbjerg_2024}/path/",
        "/api/area-lists/watch/?year=2024",
        "/api/area-list-imports/",
        "/api/area-list-history-imports/",
    ):
        response = client.get(path)
        assert response.status_code in (401, 403), path
        assert "results" not in response.json() and "area" not in response.json()
    response = client.post(f"/api/area-lists/{holtbjerg_2024}/what-if/", {}, format="json")
    assert response.status_code in (401, 403)


def test_list_filters_and_pagination(api_for, demo_lists):
    client = api_for("bob")
    body = client.get("/api/area-lists/?year=2024").json()
    assert body["count"] == 14 and len(body["results"]) == 14
    body = client.get("/api/area-lists/?year=2024&list=parallelsamfund").json()
    assert [r["area"] for r in body["results"]] == [
        "Nordparken (syntetisk)",
        "Solhaven (syntetisk)",
    ]
    assert body["results"][0]["lists"] == ["udsat", "parallelsamfund", "omdannelse"]
    body = client.get("/api/area-lists/?year=2021&municipality=Viborg+Kommune").json()
    assert [(r["area"], r["lists"]) for r in body["results"]] == [
        ("Ellekonebakken", ["forebyggelse"])
    ]
    body = client.get("/api/area-lists/?year=2024&limit=2&offset=2").json()
    assert [r["area"] for r in body["results"]] == ["Ellekonebakken", "Engparken (syntetisk)"]
    # Without a year: the latest list year.
    assert client.get("/api/area-lists/").json()["results"][0]["year"] == 2024
    assert client.get("/api/area-lists/?year=2012").status_code == 404
    assert client.get("/api/area-lists/?year=abc").status_code == 400


def test_retrieve_has_value_threshold_and_distance_per_criterion(api_for, demo_lists):
    row_id = _row_id("Kastanjegården (syntetisk)", 2024)
    body = api_for("olivia").get(f"/api/area-lists/{row_id}/").json()
    assert body["lists"] == [] and body["undecided_lists"] == ["udsat", "forebyggelse"]
    assert body["undecided"] == ["convictions", "fb_convictions"]
    labour = next(c for c in body["criteria"] if c["id"] == "labour_market")
    assert labour == {
        "id": "labour_market",
        "label": "Uden for arbejde og uddannelse",
        "measure": "labour_market",
        "comparison": ">",
        "value": 40.8,
        "threshold": 40.0,
        "met": True,
        "distance_pp": 0.8,
        "distance_persons": 7,  # ⌈0,8 × 780 / 100⌉ with 780 = 60 % of 1.300 (estimated)
        "population": 780,
        "population_estimated": True,
        "text": "7 flere beboere på 18-64 år i arbejde eller uddannelse vil bringe andelen ned "
        "på højst 40 %, så kriteriet ikke er opfyldt "
        "(skøn: befolkningsgruppen er anslået ud fra antal beboere)",
    }
    convictions = next(c for c in body["criteria"] if c["id"] == "convictions")
    assert convictions["met"] is None and convictions["text"] == "Kan ikke afgøres: værdien mangler"
    assert api_for("bob").get("/api/area-lists/999999/").status_code == 404


def test_retrieve_links_the_partnership_area_only_when_visible(api_for, holtbjerg_2024):
    holtbjerg = Area.objects.get(name="Holtbjerg")
    assert api_for("alice").get(f"/api/area-lists/{holtbjerg_2024}/").json()[
        "partnership_area"
    ] == (holtbjerg.pk)
    assert (
        api_for("olivia").get(f"/api/area-lists/{holtbjerg_2024}/").json()["partnership_area"]
        is None
    )


def test_superseded_rows_are_not_served(api_for, personas, demo_lists):
    from helhed.arealists.demo import criteria_csv
    from helhed.arealists.services import criterion_import_create

    old_id = _row_id("Holtbjerg", 2024)
    corrected = criteria_csv(2024).replace(
        b"Holtbjerg,Herning Kommune,2080", b"Holtbjerg,Herning Kommune,2081"
    )
    criterion_import_create(actor=personas.alice, year=2024, data=corrected, file_name="ny.csv")
    assert CriterionRow.objects.filter(pk=old_id).exists()  # kept as provenance …
    assert api_for("bob").get(f"/api/area-lists/{old_id}/").status_code == 404  # … not served
    new = api_for("bob").get(f"/api/area-lists/{_row_id('Holtbjerg', 2024)}/").json()
    assert new["residents"] == 2081


def test_path_off_the_list(api_for, demo_lists):
    body = api_for("bob").get(f"/api/area-lists/{_row_id('Ellekonebakken', 2019)}/path/").json()
    assert body["lists"] == ["udsat"]
    [udsat] = body["paths"]
    assert (udsat["list"], udsat["label"]) == ("udsat", "udsat boligområde")
    best = udsat["options"][0]
    assert best["certain"] is True and best["lists_after"] == []
    result = selectors.area_screening(2019, "Ellekonebakken")
    expected = result.paths[0].options[0]
    assert best["text"] == expected.text
    assert [s["persons"] for s in best["steps"]] == [s.persons for s in expected.steps]


def test_what_if_changes_the_classification_exactly_as_the_core_says(api_for, holtbjerg_2024):
    client = api_for("bob")
    changes = {"pct_outside_labour_market": 41.5, "income_pct_of_region": 54}
    response = client.post(f"/api/area-lists/{holtbjerg_2024}/what-if/", changes, format="json")
    assert response.status_code == 200
    body = response.json()
    base = selectors.area_screening(2024, "Holtbjerg").result
    expected = what_if(base, {"pct_outside_labour_market": 41.5, "income_pct_of_region": 54.0})
    assert body["before"]["lists"] == ["forebyggelse"]
    assert body["after"]["lists"] == list(expected.on_lists) == ["udsat"]
    assert body["after"]["criteria_met"] == list(expected.criteria_met)
    assert body["classification_changed"] is True
    assert body["changes"] == {"pct_outside_labour_market": 41.5, "income_pct_of_region": 54.0}
    # null empties a value: the criterion becomes undecided.
    body = client.post(
        f"/api/area-lists/{holtbjerg_2024}/what-if/", {"conviction_rate_pct": None}, format="json"
    ).json()
    assert body["after"]["undecided"] == ["convictions", "fb_convictions"]
    assert body["classification_changed"] is False


def test_what_if_rejects_values_out_of_range(api_for, holtbjerg_2024):
    client = api_for("bob")
    url = f"/api/area-lists/{holtbjerg_2024}/what-if/"
    response = client.post(url, {"pct_nonwestern": 101}, format="json")
    assert response.status_code == 400 and "pct_nonwestern" in response.json()
    response = client.post(url, {"national_conviction_rate_pct": 0}, format="json")
    assert response.status_code == 400 and "national_conviction_rate_pct" in response.json()


def test_watch_endpoint(api_for, demo_lists):
    body = (
        api_for("bob")
        .get("/api/area-lists/watch/?year=2024&margin=0,5&municipality=Randers+Kommune")
        .json()
    )
    assert [(i["criterion_id"], i["distance_pp"], i["met"]) for i in body][:3] == [
        ("education", 0.0, False),
        ("income", 0.0, False),
        ("labour_market", 0.0, False),
    ]
    assert body[0]["label"] == "Alene grundskole"
    assert api_for("bob").get("/api/area-lists/watch/?margin=-1").status_code == 400
    assert api_for("bob").get("/api/area-lists/watch/?margin=x").status_code == 400


def test_no_data_is_404(api_for, db):
    assert api_for("bob").get("/api/area-lists/").status_code == 404


def test_schema_lists_the_endpoints(api_for, db):
    paths = api_for("bob").get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in (
        "/api/area-lists/",
        "/api/area-lists/{id}/",
        "/api/area-lists/{id}/path/",
        "/api/area-lists/{id}/what-if/",
        "/api/area-lists/watch/",
        "/api/area-list-imports/",
        "/api/area-list-history-imports/",
    ):
        assert path in paths, path
