from decimal import Decimal

import pytest

from helhed.partnerships.templatetags.helhed import dk_number, kr, pct


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567.5, "1.234.568 kr."),
        (Decimal("2800000.00"), "2.800.000 kr."),
        (0.49, "0 kr."),
        (None, "–"),
    ],
)
def test_kr(value, expected):
    assert kr(value) == expected


def test_numbers_round_half_up_with_danish_separators():
    assert dk_number(1234.55, 1) == "1.234,6"
    assert dk_number(6.2821, 1) == "6,3"
    assert pct(0.0628 * 100, 1) == "6,3 %"
    assert pct(12.25, 1) == "12,3 %"
    assert dk_number(None) == "–"
