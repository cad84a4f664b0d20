from __future__ import annotations

import random
from datetime import date

import pytest

from helhed.domain.families.codes import ALPHABET, new_code, normalise_code
from helhed.domain.families.retention import is_due, months_before


def test_codes_use_the_alphabet_without_look_alikes() -> None:
    rng = random.Random(7)
    for _ in range(200):
        code = new_code(rng.choice)
        assert code.startswith("F-") and len(code) == 6
        assert set(code[2:]) <= set(ALPHABET)
    assert not set("01IO") & set(ALPHABET)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("F-7K3Q", "F-7K3Q"),
        ("f-7k3q", "F-7K3Q"),
        (" 7K3Q ", "F-7K3Q"),
        ("F7K3Q", "F-7K3Q"),
        ("F-7K3", None),
        ("F-7K3Q1", None),
        ("F-0K3Q", None),
        ("", None),
        ("' OR 1=1", None),
    ],
)
def test_normalise_code(typed, expected) -> None:
    assert normalise_code(typed) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 6, 15), 24, date(2023, 6, 15)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),  # leap year clamp
        (date(2023, 3, 31), 1, date(2023, 2, 28)),
        (date(2025, 1, 10), 13, date(2023, 12, 10)),
        (date(2025, 1, 10), 0, date(2025, 1, 10)),
    ],
)
def test_months_before(day, months, expected) -> None:
    assert months_before(day, months) == expected


def test_months_before_rejects_negative() -> None:
    with pytest.raises(ValueError):
        months_before(date(2025, 1, 1), -1)


def test_is_due_is_strictly_before_the_cutoff() -> None:
    today = date(2025, 6, 15)
    assert is_due(date(2023, 6, 14), today, 24)
    assert not is_due(date(2023, 6, 15), today, 24)  # exactly 24 months: not yet
    assert not is_due(None, today, 24)
