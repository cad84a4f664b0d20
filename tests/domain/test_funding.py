from decimal import Decimal

import pytest

from helhed.domain.funding import funding_table, split


def test_split_75_25_exact():
    assert split(Decimal("2800000"), Decimal("75")) == (Decimal("2100000.00"), Decimal("700000.00"))


def test_split_rounds_lbf_half_up_and_local_takes_the_remainder():
    # 75 % of 0.10 is 0.075 → 0.08 (half up); the local share is what is left, so parts sum exactly.
    assert split(Decimal("0.10"), Decimal("75")) == (Decimal("0.08"), Decimal("0.02"))
    lbf, local = split(Decimal("1000.01"), Decimal("75"))
    assert lbf + local == Decimal("1000.01")


@pytest.mark.parametrize("share", [Decimal("-1"), Decimal("100.01")])
def test_split_rejects_impossible_share(share):
    with pytest.raises(ValueError, match="LBF-andelen"):
        split(Decimal(100), share)


def test_funding_table_groups_by_year_and_totals():
    table = funding_table(
        [(2021, Decimal(100)), (2020, Decimal(300)), (2021, Decimal(200))],
        [(2020, Decimal(50)), (2022, Decimal(10))],
        Decimal(75),
    )
    assert [(r.year, r.budget, r.lbf, r.local, r.grants) for r in table.rows] == [
        (2020, Decimal(300), Decimal("225.00"), Decimal("75.00"), Decimal(50)),
        (2021, Decimal(300), Decimal("225.00"), Decimal("75.00"), Decimal(0)),
        (2022, Decimal(0), Decimal("0.00"), Decimal("0.00"), Decimal(10)),
    ]
    assert (table.total.budget, table.total.lbf, table.total.local, table.total.grants) == (
        Decimal(600),
        Decimal("450.00"),
        Decimal("150.00"),
        Decimal(60),
    )
    assert table.total.total_funding == Decimal("660.00")
    assert table.local_share_pct == Decimal(25)


def test_funding_table_empty():
    table = funding_table([], [], Decimal(75))
    assert table.rows == () and table.total.budget == 0
