"""Imports: who may import, all-or-nothing with Danish row/column errors, provenance, links."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from helhed.arealists import selectors, services
from helhed.arealists.models import CriterionImport, CriterionRow, OfficialListRow
from helhed.domain.arealists import AreaListInputError
from helhed.partnerships.models import Area
from tests.arealists.conftest import APARKEN_HISTORY, HEADER, SMALL_2021, counts

BAD = (
    HEADER
    + "\n2021,Aparken,Aby,1200,41.2,1.0,0.72,61.0,50.0,55.0"
    + "\n2021,Bparken,Bby,1000,abc,1.5,0.72,50.0,60.0,35.0"
    + "\n2021,Cparken,Cby,12.5,41.0,,0.72,55.0,58.0,20.0\n"
).encode()
BAD_PROBLEMS = [
    'areas.csv, række 3, kolonne pct_outside_labour_market: "abc" er ikke et tal',
    'areas.csv, række 4, kolonne residents: "12.5" er ikke et helt tal',
]


def _upload(data: bytes, name: str = "areas.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_service_stores_rows_with_provenance(personas):
    source = services.criterion_import_create(
        actor=personas.alice, year=2021, data=SMALL_2021, file_name="areas.csv"
    )
    assert (source.year, source.file_name, source.row_count) == (2021, "areas.csv", 3)
    assert source.imported_by == personas.alice
    assert source.sha256 == hashlib.sha256(SMALL_2021).hexdigest()
    row = source.rows.get(area_name="Cparken")
    assert (row.municipality_name, row.residents, row.conviction_rate_pct) == ("Cby", 1500, None)
    assert row.to_input().pct_outside_labour_market == 41.0


@pytest.mark.parametrize("name", ["bob", "carol", "adam"])
def test_readers_may_not_import_and_nothing_is_stored(personas, name):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.criterion_import_create(
            actor=getattr(personas, name), year=2021, data=SMALL_2021, file_name="areas.csv"
        )
    with pytest.raises(PermissionDenied):
        services.official_list_import_create(
            actor=getattr(personas, name), data=APARKEN_HISTORY, file_name="history.csv"
        )
    assert counts() == before


def test_analyst_and_outside_coordinator_may_import(personas, analyst):
    services.criterion_import_create(actor=analyst, year=2021, data=SMALL_2021, file_name="a.csv")
    services.official_list_import_create(
        actor=personas.olivia, data=APARKEN_HISTORY, file_name="h.csv"
    )
    assert CriterionRow.objects.count() == 3
    assert OfficialListRow.objects.count() == 4


def test_bad_file_names_row_and_column_and_stores_nothing(personas):
    before = counts()
    with pytest.raises(AreaListInputError) as caught:
        services.criterion_import_create(
            actor=personas.alice, year=2021, data=BAD, file_name="areas.csv"
        )
    assert [str(p) for p in caught.value.problems] == BAD_PROBLEMS
    assert counts() == before


def test_a_criterion_file_holds_one_list_year(personas):
    data = SMALL_2021 + b"2020,Dparken,Dby,1000,1,1,1,1,1,1\n"
    with pytest.raises(AreaListInputError) as caught:
        services.criterion_import_create(
            actor=personas.alice, year=2021, data=data, file_name="areas.csv"
        )
    assert [str(p) for p in caught.value.problems] == [
        'areas.csv, kolonne year: området "Dparken" har året 2020, men importen gælder '
        "listeåret 2021 (importér ét listeår ad gangen)"
    ]
    assert not CriterionImport.objects.exists()


def test_reimporting_the_current_file_is_refused_but_a_correction_wins(personas):
    services.criterion_import_create(
        actor=personas.alice, year=2021, data=SMALL_2021, file_name="a.csv"
    )
    first = next(a for a in selectors.screen_year(2021).areas if a.result.area == "Aparken")
    assert first.result.row.pct_outside_labour_market == 41.2  # screened, and kept in the cache
    with pytest.raises(AreaListInputError, match="identisk med den gældende import for 2021"):
        services.criterion_import_create(
            actor=personas.alice, year=2021, data=SMALL_2021, file_name="a2.csv"
        )
    corrected = SMALL_2021.replace(b"Aparken,Aby,1200,41.2", b"Aparken,Aby,1200,39.9")
    services.criterion_import_create(
        actor=personas.alice, year=2021, data=corrected, file_name="rettet.csv"
    )
    assert CriterionImport.objects.count() == 2
    aparken = next(a for a in selectors.screen_year(2021).areas if a.result.area == "Aparken")
    assert aparken.row.source.file_name == "rettet.csv"
    assert aparken.result.row.pct_outside_labour_market == 39.9


def test_rows_link_to_partnership_areas_by_name_and_municipality(personas):
    data = (
        HEADER
        + "\n2022,holtbjerg,Herning,2000,41,1,0.725,61,50,40"
        + "\n2022,Ellekonebakken,Herning Kommune,1100,41,1,0.725,61,50,40\n"
    ).encode()
    source = services.criterion_import_create(
        actor=personas.alice, year=2022, data=data, file_name="links.csv"
    )
    links = dict(source.rows.values_list("area_name", "area__name"))
    # Case and a missing "Kommune" do not matter; Ellekonebakken lies in Viborg, not Herning.
    assert links == {"holtbjerg": "Holtbjerg", "Ellekonebakken": None}


def test_history_import_links_unique_names_and_latest_import_holds_a_year(personas):
    services.official_list_import_create(
        actor=personas.alice, data=APARKEN_HISTORY, file_name="h1.csv"
    )
    history = selectors.official_history()
    assert history.on_any("Aparken", 2018, ["ghetto"]) is True
    # A later import holding 2018 is that year's complete list: Aparken was not on it.
    services.official_list_import_create(
        actor=personas.alice,
        data=b"area,year,list\nHoltbjerg,2018,ghetto\nHoltbjerg,2018,ghetto\n",
        file_name="h2.csv",
    )
    history = selectors.official_history()
    assert history.on_any("Aparken", 2018, ["ghetto"]) is False
    assert history.on_any("Aparken", 2017, ["ghetto"]) is True
    row = OfficialListRow.objects.get(area_name="Holtbjerg")  # the repeated row is stored once
    assert row.area == Area.objects.get(name="Holtbjerg")


def test_history_errors_name_row_and_column(personas):
    before = counts()
    with pytest.raises(AreaListInputError) as caught:
        services.official_list_import_create(
            actor=personas.alice,
            data=b"area,year,list\nAparken,2015,parallelsamfund\n",
            file_name="h.csv",
        )
    assert [str(p) for p in caught.value.problems] == [
        'h.csv, række 2, kolonne list: listen "parallelsamfund" fandtes ikke i 2015 '
        "(listerne var: ghetto)"
    ]
    assert counts() == before


# ---- the import page ---------------------------------------------------------------------------


def test_import_page_anonymous_is_sent_to_login(client, db):
    response = client.get("/lister/import/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    response = client.post("/lister/import/", {"kind": "criteria", "year": 2021})
    assert response.status_code == 302 and not CriterionImport.objects.exists()


@pytest.mark.parametrize("name", ["bob", "carol"])
def test_import_page_refuses_readers_and_stores_nothing(client_for, name):
    client = client_for(name)
    assert client.get("/lister/import/").status_code == 403
    before = counts()
    response = client.post(
        "/lister/import/", {"kind": "criteria", "year": 2021, "file": _upload(SMALL_2021)}
    )
    assert response.status_code == 403
    assert counts() == before


def test_import_page_stores_a_good_file_and_redirects(client_for):
    response = client_for("alice").post(
        "/lister/import/", {"kind": "criteria", "year": "2021", "file": _upload(SMALL_2021)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/lister/?year=2021"
    assert CriterionImport.objects.get().row_count == 3


def test_import_page_shows_every_problem_and_stores_nothing(client_for):
    before = counts()
    response = client_for("alice").post(
        "/lister/import/", {"kind": "criteria", "year": "2021", "file": _upload(BAD)}
    )
    assert response.status_code == 400
    assert list(response.context["problems"]) == BAD_PROBLEMS
    assert "intet er gemt" in response.content.decode()
    assert counts() == before


def test_import_page_history_file(client_for):
    response = client_for("alice").post(
        "/lister/import/", {"kind": "history", "file": _upload(APARKEN_HISTORY, "h.csv")}
    )
    assert response.status_code == 302
    assert OfficialListRow.objects.count() == 4
    page = client_for("alice").get("/lister/import/").content.decode()
    assert "h.csv" in page and "alice" in page


# ---- the API -----------------------------------------------------------------------------------


def test_api_import_anonymous_and_readers_are_refused(api_for, db):
    before = counts()
    assert api_for(None).get("/api/area-list-imports/").status_code in (401, 403)
    response = api_for(None).post(
        "/api/area-list-imports/", {"year": 2021, "file": _upload(SMALL_2021)}, format="multipart"
    )
    assert response.status_code in (401, 403)
    for name in ("bob", "carol"):
        response = api_for(name).post(
            "/api/area-list-imports/",
            {"year": 2021, "file": _upload(SMALL_2021)},
            format="multipart",
        )
        assert response.status_code == 403
        response = api_for(name).post(
            "/api/area-list-history-imports/",
            {"file": _upload(APARKEN_HISTORY, "h.csv")},
            format="multipart",
        )
        assert response.status_code == 403
    assert counts() == before


def test_api_import_errors_are_400_with_rows_and_columns(api_for):
    before = counts()
    response = api_for("alice").post(
        "/api/area-list-imports/", {"year": 2021, "file": _upload(BAD)}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Filen indeholder fejl; intet er gemt."
    assert [(p["row"], p["column"]) for p in body["problems"]] == [
        (3, "pct_outside_labour_market"),
        (4, "residents"),
    ]
    assert [p["text"] for p in body["problems"]] == BAD_PROBLEMS
    assert counts() == before


def test_api_import_and_read_provenance(api_for):
    response = api_for("alice").post(
        "/api/area-list-imports/", {"year": 2021, "file": _upload(SMALL_2021)}, format="multipart"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["year"], body["row_count"], body["imported_by"]) == (2021, 3, "alice")
    listed = api_for("bob").get("/api/area-list-imports/").json()["results"]
    assert [item["id"] for item in listed] == [body["id"]]
    assert api_for("bob").get(f"/api/area-list-imports/{body['id']}/").json()["file_name"] == (
        "areas.csv"
    )
    response = api_for("alice").post(
        "/api/area-list-history-imports/",
        {"file": _upload(APARKEN_HISTORY, "h.csv")},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["years"] == [2017, 2018, 2019, 2020]


def test_a_screening_is_kept_until_an_import_changes(personas, django_assert_max_num_queries):
    services.criterion_import_create(
        actor=personas.alice, year=2021, data=SMALL_2021, file_name="a.csv"
    )
    first = selectors.screen_year(2021)
    with django_assert_max_num_queries(2):  # the imports and the official-list stamp only
        again = selectors.screen_year(2021)
    assert [a.result for a in again.areas] == [a.result for a in first.areas]
    services.official_list_import_create(
        actor=personas.alice, data=APARKEN_HISTORY, file_name="lister.csv"
    )
    after_history = selectors.screen_year(2021)
    aparken = next(a for a in after_history.areas if a.result.area == "Aparken")
    before = next(a for a in first.areas if a.result.area == "Aparken")
    assert aparken.result != before.result  # the new history was screened, not the cache
