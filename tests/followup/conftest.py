"""Follow-up fixtures: the demo plan, the hand-made snapshot of data.py and goal indicators."""

from __future__ import annotations

import pytest

from tests.followup.data import make_goal_indicators, make_snapshot


@pytest.fixture
def plan(db):
    from helhed.partnerships.models import Plan

    return Plan.objects.get(name="Plads Til Forskel")


@pytest.fixture
def viborg_plan(db):
    from helhed.partnerships.models import Plan

    return Plan.objects.get(name="Sammen På Tværs (syntetisk)")


@pytest.fixture
def snapshot(personas):
    return make_snapshot(personas.alice)


@pytest.fixture
def goal_indicators(plan, snapshot):
    return make_goal_indicators(plan)
