"""Two people editing the same record: the second save from a stale version is refused."""

from __future__ import annotations

import pytest

from helhed.partnerships.models import Body
from helhed.partnerships.services import StaleObjectError, save_versioned
from tests.world import herning_plan


def _form_data(activity, **changes):
    data = {
        "name": activity.name,
        "start_date": activity.start_date.isoformat(),
        "participants": activity.participants,
        "volunteers": activity.volunteers,
        "description": activity.description,
        "results": activity.results,
        "version": activity.version,
    }
    data.update(changes)
    return data


def test_html_second_editor_gets_a_conflict_and_the_first_edit_survives(client_for):
    plan = herning_plan()
    activity = plan.activities.get(name="Sommerlejr")
    url = f"/planer/{plan.pk}/aktiviteter/{activity.pk}/rediger/"
    first = _form_data(activity, participants=130)
    second = _form_data(activity, participants=99)  # loaded the same version
    assert client_for("alice").post(url, first).status_code == 302
    response = client_for("carol").post(url, second)
    assert response.status_code == 409
    assert "ændret af en anden" in response.content.decode()
    activity.refresh_from_db()
    assert activity.participants == 130 and activity.version == 2


def test_api_stale_version_gets_409(api_for):
    plan = herning_plan()
    line = plan.budget_lines.first()
    client = api_for("alice")
    v = client.get(f"/api/budget-lines/{line.pk}/").json()["version"]
    url = f"/api/budget-lines/{line.pk}/"
    assert client.patch(url, {"amount": "1000", "version": v}, format="json").status_code == 200
    stale = client.patch(url, {"amount": "5", "version": v}, format="json")
    assert stale.status_code == 409 and "ændret af en anden" in stale.json()["detail"]
    line.refresh_from_db()
    assert str(line.amount) == "1000.00" and line.version == v + 1


def test_api_without_version_still_saves_and_bumps(api_for):
    plan = herning_plan()
    goal = plan.goals.first()
    before = goal.version
    response = api_for("alice").patch(f"/api/goals/{goal.pk}/", {"title": "Nyt mål"}, format="json")
    assert response.status_code == 200
    goal.refresh_from_db()
    assert goal.title == "Nyt mål" and goal.version == before + 1


@pytest.mark.django_db
def test_conditional_update_is_atomic():
    """Check and bump are one UPDATE … WHERE version = loaded: of two saves from the same
    version only one can match."""
    body = Body.objects.first()
    a, b = Body.objects.get(pk=body.pk), Body.objects.get(pk=body.pk)
    a.name, b.name = "A", "B"
    save_versioned(a, loaded_version=a.version)
    with pytest.raises(StaleObjectError):
        save_versioned(b, loaded_version=b.version)
    body.refresh_from_db()
    assert body.name == "A"
