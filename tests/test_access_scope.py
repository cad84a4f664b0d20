"""The per-request cache of a user's access scope (partnerships/access.py).

A user's memberships are read once per request; the cache must never outlive the request and
must be emptied when a membership or a plan partnership changes within it.
"""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch

from helhed.accounts.models import Membership
from helhed.partnerships import access
from helhed.partnerships.models import Organisation, Plan, PlanPartner
from tests.world import herning_plan

pytestmark = pytest.mark.django_db


def test_scope_lists_exactly_what_the_memberships_grant(personas):
    herning = Organisation.objects.get(name="Herning Kommune")
    faellesbo = Organisation.objects.get(name="Fællesbo")
    alice = access.scope(personas.alice)
    assert alice.member_municipality_ids == (herning.municipality_id,)
    assert alice.coordinator_municipality_ids == (herning.municipality_id,)
    assert alice.staff_organisation_ids == ()
    carol = access.scope(personas.carol)
    assert carol.member_municipality_ids == ()
    assert carol.member_organisation_ids == (faellesbo.pk,)
    assert carol.staff_organisation_ids == (faellesbo.pk,)
    assert herning_plan().pk in carol.partner_plan_ids
    assert carol.staff_plan_ids == carol.partner_plan_ids
    adam = access.scope(personas.adam)
    assert adam.admin_organisation_ids == (herning.pk,)
    assert adam.coordinator_municipality_ids == ()


def test_anonymous_and_inactive_users_have_an_empty_scope(personas):
    from django.contrib.auth.models import AnonymousUser

    assert access.scope(AnonymousUser()) == access.EMPTY_SCOPE
    personas.alice.is_active = False
    assert access.scope(personas.alice) == access.EMPTY_SCOPE
    assert not Plan.objects.visible_to(personas.alice).exists()


def test_within_a_request_the_scope_is_read_once(personas, django_assert_num_queries):
    token = access._request_scopes.set({})
    try:
        with django_assert_num_queries(2):
            first = access.scope(personas.carol)
        with django_assert_num_queries(0):
            assert access.scope(personas.carol) is first
    finally:
        access._request_scopes.reset(token)


def test_a_membership_change_within_a_request_empties_the_cache(personas):
    viborg = Organisation.objects.get(name="Viborg Kommune")
    token = access._request_scopes.set({})
    try:
        assert not Plan.objects.visible_to(personas.carol).filter(
            municipality__name__startswith="Viborg"
        )
        Membership.objects.create(user=personas.carol, organisation=viborg, role="board_member")
        assert viborg.municipality_id in access.scope(personas.carol).member_municipality_ids
        membership = Membership.objects.get(user=personas.carol, organisation=viborg)
        membership.delete()
        assert viborg.municipality_id not in access.scope(personas.carol).member_municipality_ids
    finally:
        access._request_scopes.reset(token)


def test_a_partnership_change_within_a_request_empties_the_cache(personas):
    faellesbo = Organisation.objects.get(name="Fællesbo")
    viborg_plan = Plan.objects.get(municipality__name__startswith="Viborg")
    token = access._request_scopes.set({})
    try:
        assert viborg_plan.pk not in access.scope(personas.carol).partner_plan_ids
        PlanPartner.objects.create(plan=viborg_plan, organisation=faellesbo)
        assert viborg_plan.pk in access.scope(personas.carol).partner_plan_ids
    finally:
        access._request_scopes.reset(token)


def test_the_cache_does_not_outlive_the_request(client_for, personas):
    """A membership granted between two requests counts from the very next request."""
    viborg = Organisation.objects.get(name="Viborg Kommune")
    viborg_plan = Plan.objects.get(municipality__name__startswith="Viborg")
    carol = client_for("carol")
    assert carol.get(f"/planer/{viborg_plan.pk}/").status_code == 404
    assert access._request_scopes.get() is None  # nothing left behind by the request
    Membership.objects.create(user=personas.carol, organisation=viborg, role="board_member")
    assert carol.get(f"/planer/{viborg_plan.pk}/").status_code == 200
    Membership.objects.filter(user=personas.carol, organisation=viborg).delete()
    assert carol.get(f"/planer/{viborg_plan.pk}/").status_code == 404


@pytest.mark.parametrize("name", ["alice", "bob", "carol", "adam", "olivia", "anders"])
def test_the_one_plan_answers_agree_with_the_querysets(personas, name):
    user = getattr(personas, name)
    for plan in Plan.objects.all():
        assert (
            access.plan_editable(user, plan)
            == Plan.objects.editable_by(user).filter(pk=plan.pk).exists()
        ), plan
        assert access.plan_activities_editable(user, plan) == (
            Plan.objects.activities_editable_by(user).filter(pk=plan.pk).exists()
        ), plan


def test_cached_entity_urls_equal_the_urlconf():
    from helhed.partnerships.entities import ENTITIES, _reverse_entity_url, entity_url

    checked = 0
    for entity in ENTITIES.values():
        parent_pk = 31 if entity.is_child else None
        for action in ("list", "create", "detail", "update", "delete"):
            pk = 4207 if action in ("detail", "update", "delete") else None
            if entity.is_child and action in ("detail",):
                continue  # a child is shown on its parent's page
            for ids in ((pk, parent_pk), (pk + 1 if pk else None, 7 if parent_pk else None)):
                try:
                    expected = _reverse_entity_url(entity, action, pk=ids[0], parent_pk=ids[1])
                except NoReverseMatch:  # an action the entity has no URL for
                    continue
                assert entity_url(entity, action, pk=ids[0], parent_pk=ids[1]) == expected
                checked += 1
    assert checked > 40
