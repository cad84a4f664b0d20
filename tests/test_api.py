from decimal import Decimal

from helhed.partnerships.models import Activity
from tests.world import herning_plan


def test_schema_and_docs_are_served_to_logged_in_users(api_for, client_for):
    schema = api_for("bob").get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/plans/",
        "/api/activities/",
        "/api/plans/{id}/funding/",
        "/api/departments/",
    ):
        assert path in paths, path
    assert client_for("bob").get("/api/docs/").status_code == 200
    assert api_for(None).get("/api/schema/").status_code in (401, 403)


def test_funding_endpoint_exact_figures(api_for):
    plan = herning_plan()
    rows = api_for("bob").get(f"/api/plans/{plan.pk}/funding/").json()
    assert rows[0] == {
        "year": 2018,
        "budget": "2800000.00",
        "lbf": "2100000.00",
        "local": "700000.00",
        "grants": "0.00",
    }
    assert rows[-1] == {
        "year": None,
        "budget": "11200000.00",
        "lbf": "8400000.00",
        "local": "2800000.00",
        "grants": "460000.00",
    }


def test_children_filter_by_parent(api_for):
    plan = herning_plan()
    rows = api_for("alice").get(f"/api/activities/?plan={plan.pk}").json()["results"]
    assert {r["name"] for r in rows} == set(plan.activities.values_list("name", flat=True))
    assert api_for("alice").get("/api/activities/?plan=abc").status_code == 400


def test_bad_input_gets_field_errors_and_changes_nothing(api_for):
    plan = herning_plan()
    count = Activity.objects.count()
    response = api_for("alice").post(
        "/api/activities/",
        {
            "plan": plan.pk,
            "name": "",
            "start_date": "i går",
            "participants": -3,
            "volunteers": 0,
        },
        format="json",
    )
    body = response.json()
    assert response.status_code == 400
    assert set(body) >= {"name", "start_date", "participants"}
    assert Activity.objects.count() == count


def test_cross_plan_links_are_refused(api_for):
    plan = herning_plan()
    other_focus = plan.focus_areas.first()
    from helhed.partnerships.models import Plan

    second = Plan.objects.create(
        name="Ny",
        municipality=plan.municipality,
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    response = api_for("alice").post(
        "/api/activities/",
        {
            "plan": second.pk,
            "name": "X",
            "focus_area": other_focus.pk,
            "start_date": "2021-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "focus_area" in response.json()


def test_moving_an_object_into_a_plan_you_cannot_edit_is_forbidden(api_for):
    plan = herning_plan()
    line = plan.budget_lines.first()
    from helhed.partnerships.models import Plan

    viborg = Plan.objects.get(name__startswith="Sammen")
    # carol (housing staff) cannot edit budget lines at all; alice cannot see Viborg's plan.
    assert (
        api_for("alice")
        .patch(f"/api/budget-lines/{line.pk}/", {"plan": viborg.pk}, format="json")
        .status_code
        == 400
    )
    line.refresh_from_db()
    assert line.plan_id == plan.pk


def test_housing_staff_edits_activities_but_not_the_budget(api_for):
    plan = herning_plan()
    activity = plan.activities.first()
    client = api_for("carol")
    assert (
        client.patch(
            f"/api/activities/{activity.pk}/", {"participants": 99}, format="json"
        ).status_code
        == 200
    )
    activity.refresh_from_db()
    assert activity.participants == 99
    line = plan.budget_lines.first()
    assert (
        client.patch(f"/api/budget-lines/{line.pk}/", {"amount": "1"}, format="json").status_code
        == 403
    )
    line.refresh_from_db()
    assert line.amount != Decimal(1)


def test_token_authentication(personas, client):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=personas.bob)
    response = client.get("/api/plans/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == ["Plads Til Forskel"]
