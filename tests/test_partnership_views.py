"""What users do in the browser: read the plan overview, create and edit, and get clear errors."""

from __future__ import annotations

import pytest

from helhed.partnerships.models import Activity, Department, FocusArea, Plan
from tests.world import herning_plan


def test_plan_overview_shows_structure_and_75_25_funding(client_for):
    plan = herning_plan()
    html = client_for("bob").get(f"/planer/{plan.pk}/").content.decode()
    for text in (
        "Plads Til Forskel",
        "Herning Kommune",
        "Lyngbyen/Gullestrup",
        "Holtbjerg",
        "Brændgård-området",
        "601-31 Brændgårdsparken",
        "Kriminalitetsforebyggelse",
        "Sommerlejr",
        "Bydelsmødre",
        "Arbejdsmarkedets Feriefond",
    ):
        assert text in html, text
    # 4 years × 2.800.000 kr. = 11.200.000 kr.; LBF 75 % = 8.400.000 kr.; local 2.800.000 kr.; grants 460.000 kr.
    assert "11.200.000 kr." in html
    assert "8.400.000 kr." in html
    assert "460.000 kr." in html
    assert "01.10.2017–30.09.2021" in html  # Danish dates
    assert "Tilføj aktivitet" not in html  # a board member reads only


def test_plan_overview_offers_editing_to_the_right_roles(client_for):
    plan = herning_plan()
    owner = client_for("alice").get(f"/planer/{plan.pk}/").content.decode()
    staff = client_for("carol").get(f"/planer/{plan.pk}/").content.decode()
    assert "Tilføj mål" in owner and "Tilføj aktivitet" in owner
    assert "Tilføj aktivitet" in staff and "Tilføj mål" not in staff


def test_plan_list_is_scoped_to_the_tenant(client_for):
    herning = client_for("alice").get("/planer/").content.decode()
    viborg = client_for("olivia").get("/planer/").content.decode()
    assert "Plads Til Forskel" in herning and "Sammen På Tværs" not in herning
    assert "Sammen På Tværs" in viborg and "Plads Til Forskel" not in viborg


def test_htmx_sort_returns_only_the_table(client_for):
    response = client_for("alice").get("/planer/?sort=-name", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="table-plans"') and "<html" not in html


def test_search_filters_the_list(client_for):
    html = client_for("alice").get("/afdelinger/?q=Holtbjerg").content.decode()
    assert "Holtbjerg Nord" in html and "Lyngbyen I" not in html


def test_bad_activity_input_gets_danish_errors_and_changes_nothing(client_for):
    plan = herning_plan()
    count = Activity.objects.count()
    response = client_for("alice").post(
        f"/planer/{plan.pk}/aktiviteter/ny/",
        {"name": "", "start_date": "31.02.2021", "participants": "mange", "volunteers": "-1"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Formularen indeholder fejl" in html
    assert "Dette felt er påkrævet." in html
    assert "Indtast en gyldig dato." in html
    assert "Indtast et heltal." in html
    assert Activity.objects.count() == count


def test_end_before_start_is_refused(client_for):
    plan = herning_plan()
    response = client_for("alice").post(
        f"/planer/{plan.pk}/aktiviteter/ny/",
        {
            "name": "X",
            "start_date": "2021-05-01",
            "end_date": "2021-04-01",
            "participants": 1,
            "volunteers": 0,
        },
    )
    assert response.status_code == 400
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()


def test_danish_date_and_decimal_input_are_accepted(client_for):
    plan = herning_plan()
    response = client_for("alice").post(
        f"/planer/{plan.pk}/budget/ny/", {"year": 2021, "description": "Lejr", "amount": "1.234,50"}
    )
    assert response.status_code == 302
    line = plan.budget_lines.get(description="Lejr")
    assert str(line.amount) == "1234.50"
    response = client_for("alice").post(
        f"/planer/{plan.pk}/aktiviteter/ny/",
        {"name": "Fodbold", "start_date": "15.03.2021", "participants": 3, "volunteers": 1},
    )
    assert response.status_code == 302
    assert str(Activity.objects.get(name="Fodbold").start_date) == "2021-03-15"


def test_duplicate_focus_area_is_a_form_error_not_a_crash(client_for):
    plan = herning_plan()
    response = client_for("alice").post(
        f"/planer/{plan.pk}/indsatsomraader/ny/", {"name": "Trivsel og tryghed", "order": 9}
    )
    assert response.status_code == 400
    assert FocusArea.objects.filter(plan=plan, name="Trivsel og tryghed").count() == 1


def test_focus_area_of_another_plan_cannot_be_linked(client_for):
    plan = herning_plan()
    foreign = FocusArea.objects.exclude(plan=plan).first()
    response = client_for("alice").post(
        f"/planer/{plan.pk}/maal/ny/", {"focus_area": foreign.pk, "title": "Snyd"}
    )
    assert response.status_code == 400
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_coordinator_cannot_create_a_plan_in_another_municipality(client_for):
    viborg_plan = Plan.objects.get(name__startswith="Sammen")
    count = Plan.objects.count()
    response = client_for("alice").post(
        "/planer/ny/",
        {
            "name": "Kuckucksei",
            "municipality": viborg_plan.municipality_id,
            "start_date": "2026-01-01",
            "end_date": "2027-01-01",
            "lbf_share_pct": "75",
        },
    )
    assert response.status_code == 400
    assert Plan.objects.count() == count


def test_housing_staff_may_only_register_departments_of_their_own_organisation(client_for):
    from helhed.partnerships.models import Organisation

    lejerbo = Organisation.objects.get(name="Lejerbo")
    response = client_for("carol").post(
        "/afdelinger/ny/",
        {
            "number": "603-99",
            "name": "Fremmed",
            "organisation": lejerbo.pk,
            "municipality": lejerbo.municipality_id,
            "tenancies": 10,
        },
    )
    assert response.status_code == 400
    assert not Department.objects.filter(number="603-99").exists()


def test_deleting_something_still_referenced_is_refused_with_a_message(client_for):
    from helhed.partnerships.models import Area

    area = Area.objects.get(code="657-HOL")  # referenced by the plan (PROTECT)
    response = client_for("alice").post(f"/omraader/{area.pk}/slet/", follow=True)
    assert "Kan ikke slettes" in response.content.decode()
    assert Area.objects.filter(pk=area.pk).exists()


def test_child_object_under_the_wrong_parent_is_404(client_for):
    plan = herning_plan()
    other = Plan.objects.create(
        name="Anden plan",
        municipality=plan.municipality,
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    activity = plan.activities.first()
    assert (
        client_for("alice")
        .get(f"/planer/{other.pk}/aktiviteter/{activity.pk}/rediger/")
        .status_code
        == 404
    )


def test_administrator_adds_a_member(client_for):
    from django.contrib.auth import get_user_model

    from helhed.partnerships.models import Organisation

    org = Organisation.objects.get(name="Herning Kommune")
    response = client_for("adam").post(
        f"/organisationer/{org.pk}/medlemmer/ny/",
        {
            "username": "ny.analytiker",
            "role": "analyst",
            "password": "kort",
        },
    )
    assert response.status_code == 400  # password too short: nothing is created
    assert not get_user_model().objects.filter(username="ny.analytiker").exists()
    response = client_for("adam").post(
        f"/organisationer/{org.pk}/medlemmer/ny/",
        {
            "username": "ny.analytiker",
            "role": "analyst",
            "password": "en-rigtig-god-kode-7",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="ny.analytiker")
    assert user.check_password("en-rigtig-god-kode-7")
    assert user.memberships.get().role == "analyst"


def test_a_municipalitys_own_organisation_cannot_be_deleted(client_for, api_for):
    from helhed.partnerships.models import Organisation

    org = Organisation.objects.get(name="Herning Kommune")
    assert client_for("adam").post(f"/organisationer/{org.pk}/slet/").status_code == 403
    assert api_for("adam").delete(f"/api/organisations/{org.pk}/").status_code == 403
    assert Organisation.objects.filter(pk=org.pk).exists()
    html = client_for("adam").get(f"/organisationer/{org.pk}/").content.decode()
    assert "Plads Til Forskel" in html  # the municipality's plans are listed on its page


def test_area_page_links_to_its_place_on_the_official_lists(client_for):
    from helhed.arealists.demo import load_demo_lists
    from helhed.partnerships.models import Area

    area = Area.objects.get(code="657-HOL")
    html = client_for("alice").get(f"/omraader/{area.pk}/").content.decode()
    assert "/lister/omraade/" not in html  # no list data yet
    load_demo_lists()
    html = client_for("alice").get(f"/omraader/{area.pk}/").content.decode()
    assert f'href="/lister/omraade/{area.pk}/"' in html
    assert client_for("alice").get(f"/lister/omraade/{area.pk}/").status_code == 302


@pytest.mark.parametrize("name", ["alice", "carol", "bob"])
def test_plan_page_reads_in_a_fixed_number_of_queries(
    client_for, name, django_assert_max_num_queries
):
    plan = herning_plan()
    client = client_for(name)
    client.get(f"/planer/{plan.pk}/")
    # session, user, the demo-account check, scope (2), plan, its municipality, the areas'
    # departments, and one per table (10 tables, whose rows also feed the key figures and the
    # funding table) — 18; the page read 31 before the tables fed the overview.
    with django_assert_max_num_queries(18):
        response = client.get(f"/planer/{plan.pk}/")
    assert response.status_code == 200


def test_a_search_filters_the_tables_but_not_the_plans_key_figures(client_for):
    plan = herning_plan()
    client = client_for("alice")
    everything = client.get(f"/planer/{plan.pk}/").context["overview"]
    searched = client.get(f"/planer/{plan.pk}/?q=zzz-findes-ikke").context
    assert everything.activities  # the demo plan has activities
    assert len(searched["overview"].activities) == len(everything.activities)
    assert searched["overview"].funding.total == everything.funding.total
    assert not list(searched["sections_by_key"]["activities"]["objects"])
