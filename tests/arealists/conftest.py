"""Fixtures of the area-list tests: the synthetic demo lists and small hand-made files."""

from __future__ import annotations

import pytest

HEADER = (
    "year,area,municipality,residents,pct_outside_labour_market,conviction_rate_pct,"
    "national_conviction_rate_pct,pct_basic_education,income_pct_of_region,pct_nonwestern"
)
# Three areas under the 2021 rules: Aparken is udsat and parallelsamfund (omdannelse undecided
# without history), Bparken is a forebyggelsesområde, Cparken lacks its conviction rate.
SMALL_2021 = (
    HEADER
    + "\n2021,Aparken,Aby,1200,41.2,1.0,0.72,61.0,50.0,55.0"
    + "\n2021,Bparken,Bby,1000,35.0,1.5,0.72,50.0,60.0,35.0"
    + "\n2021,Cparken,Cby,1500,41.0,,0.72,55.0,58.0,20.0\n"
).encode()
# Aparken on the ghetto/parallelsamfund list in each of the four years before 2021.
APARKEN_HISTORY = (
    b"area,year,list\nAparken,2017,ghetto\nAparken,2018,ghetto\nAparken,2019,ghetto\n"
    b"Aparken,2020,ghetto\n"
)


@pytest.fixture
def demo_lists(db):
    from helhed.arealists.demo import load_demo_lists

    return load_demo_lists()


@pytest.fixture
def analyst(db):
    """A user whose only role is analyst (in Viborg): may import, like a coordinator."""
    from django.contrib.auth import get_user_model

    from helhed.accounts.models import Membership, Role
    from helhed.partnerships.models import Organisation

    user = get_user_model().objects.create_user(username="ane", password="x" * 12)
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(name="Viborg Kommune"), role=Role.ANALYST
    )
    return user


def counts() -> tuple[int, ...]:
    """Every stored row of the arealists app, to show that a refused import stores nothing."""
    from helhed.arealists.models import (
        CriterionImport,
        CriterionRow,
        OfficialListImport,
        OfficialListRow,
    )

    return tuple(
        m.objects.count()
        for m in (CriterionImport, CriterionRow, OfficialListImport, OfficialListRow)
    )
