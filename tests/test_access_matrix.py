"""Every partnership entity × (HTML, API) × (owner, reader, outsider, anonymous).

Deny by default: an outsider gets 404 for everything in another tenant (its existence is not
revealed); a reader who can see an object gets 403 on every write, and nothing changes.
"""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from helhed.partnerships.entities import entity_url
from tests.world import ALL_ENTITIES, api_create_data, create_data, parent_pk, sample

IDS = [e.key for e in ALL_ENTITIES]
# The persona who owns (may write) each entity, and the one who may only read it.
OWNER = {"memberships": "adam"}
READER_STATUS = {"memberships": 404}  # memberships are hidden from everyone but administrators


def _owner(entity) -> str:
    return OWNER.get(entity.key, "alice")


def _snapshot(obj):
    obj.refresh_from_db()
    return model_to_dict(obj)


def _urls(entity, obj):
    ppk = parent_pk(entity, obj)
    urls = {
        "update": entity_url(entity, "update", pk=obj.pk, parent_pk=ppk),
        "delete": entity_url(entity, "delete", pk=obj.pk, parent_pk=ppk),
        "create": entity_url(entity, "create", parent_pk=ppk),
        "list": entity_url(entity, "list", parent_pk=ppk),
    }
    if not entity.is_child:
        urls["detail"] = entity_url(entity, "detail", pk=obj.pk)
    return urls


# --- HTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_html_outsider_gets_404(entity, client_for):
    obj = sample(entity)
    before = _snapshot(obj)
    client = client_for("olivia")
    urls = _urls(entity, obj)
    for action, url in urls.items():
        if action in {"create", "list"} and not entity.is_child:
            continue  # top-level lists and create pages exist for everyone; scoping is tested below
        assert client.get(url).status_code == 404, (action, url)
        if action in {"update", "delete", "create"}:
            assert client.post(url, create_data(entity)).status_code == 404, (action, url)
    assert _snapshot(obj) == before


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_html_reader_cannot_write(entity, client_for):
    obj = sample(entity)
    before = _snapshot(obj)
    count = type(obj).objects.count()
    client = client_for("bob")
    expected = READER_STATUS.get(entity.key, 403)
    urls = _urls(entity, obj)
    for action in ("update", "delete", "create"):
        assert client.get(urls[action]).status_code == expected, action
        assert client.post(urls[action], create_data(entity)).status_code == expected, action
    assert _snapshot(obj) == before
    assert type(obj).objects.count() == count


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_html_owner_can_read_create_edit(entity, client_for):
    obj = sample(entity)
    client = client_for(_owner(entity))
    urls = _urls(entity, obj)
    for action in ("update", "create", "delete"):
        assert client.get(urls[action]).status_code == 200, action
    if "detail" in urls:
        assert client.get(urls["detail"]).status_code == 200
    count = entity.model.objects.count()
    response = client.post(urls["create"], create_data(entity))
    assert response.status_code == 302, (
        getattr(response, "context", {}) and response.context["form"].errors
    )
    assert entity.model.objects.count() == count + 1


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_html_anonymous_is_sent_to_login(entity, client, db):
    obj = sample(entity)
    for url in _urls(entity, obj).values():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


# --- API -------------------------------------------------------------------------------------


def _api_url(entity, pk=None) -> str:
    return f"/api/{entity.key}/" + (f"{pk}/" if pk else "")


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_api_anonymous_gets_no_data(entity, api_for):
    obj = sample(entity)
    client = api_for(None)
    for response in (client.get(_api_url(entity)), client.get(_api_url(entity, obj.pk))):
        assert response.status_code in (401, 403)
        assert "results" not in response.json() and "id" not in response.json()


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_api_outsider_gets_404(entity, api_for):
    obj = sample(entity)
    before = _snapshot(obj)
    client = api_for("olivia")
    assert client.get(_api_url(entity, obj.pk)).status_code == 404
    assert client.patch(_api_url(entity, obj.pk), {}, format="json").status_code == 404
    assert client.delete(_api_url(entity, obj.pk)).status_code == 404
    listed = client.get(_api_url(entity)).json()["results"]
    assert obj.pk not in {row["id"] for row in listed}
    assert _snapshot(obj) == before


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_api_reader_cannot_write(entity, api_for):
    obj = sample(entity)
    before = _snapshot(obj)
    count = type(obj).objects.count()
    client = api_for("bob")
    expected = READER_STATUS.get(entity.key, 403)
    assert client.patch(_api_url(entity, obj.pk), {}, format="json").status_code == expected
    assert client.delete(_api_url(entity, obj.pk)).status_code == expected
    assert client.post(_api_url(entity), api_create_data(entity), format="json").status_code == 403
    assert _snapshot(obj) == before
    assert type(obj).objects.count() == count


@pytest.mark.parametrize("entity", ALL_ENTITIES, ids=IDS)
def test_api_owner_can_read_and_create(entity, api_for):
    obj = sample(entity)
    client = api_for(_owner(entity))
    assert client.get(_api_url(entity, obj.pk)).json()["id"] == obj.pk
    count = entity.model.objects.count()
    response = client.post(_api_url(entity), api_create_data(entity), format="json")
    assert response.status_code == 201, response.json()
    assert entity.model.objects.count() == count + 1
