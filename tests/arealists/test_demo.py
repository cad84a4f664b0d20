"""The synthetic demo lists: imported once, linked to the demo areas, telling the intended stories."""

from __future__ import annotations

from helhed.arealists import selectors
from helhed.arealists.demo import load_demo_lists
from helhed.arealists.models import CriterionImport, CriterionRow, OfficialListImport


def _lists_by_year(area: str) -> dict[int, tuple[str, ...]]:
    s = selectors.area_screening(2024, area)
    return {p.year: p.lists for p in s.timeline.points}


def test_demo_is_idempotent_and_linked(demo_lists):
    assert len(demo_lists["imported"]) == 7
    assert load_demo_lists() == {"imported": []}
    assert CriterionImport.objects.count() == 6 and OfficialListImport.objects.count() == 1
    assert CriterionImport.objects.filter(imported_by=None).count() == 6
    linked = set(
        CriterionRow.objects.filter(year=2024)
        .exclude(area=None)
        .values_list("area_name", "area__municipality__name")
    )
    assert linked == {
        ("Lyngbyen/Gullestrup", "Herning Kommune"),
        ("Holtbjerg", "Herning Kommune"),
        ("Brændgård-området", "Herning Kommune"),
        ("Ellekonebakken", "Viborg Kommune"),
    }


def test_demo_stories(demo_lists):
    # Ellekonebakken came off the udsat list within a year, by more residents in work.
    assert _lists_by_year("Ellekonebakken") == {
        2019: ("udsat",),
        2020: (),
        2021: ("forebyggelse",),
        2022: ("forebyggelse",),
        2023: (),
        2024: (),
    }
    # Nordparken: official ghetto years 2015-2018 make it hårdt in 2019 and omdannelse in 2021.
    nordparken = _lists_by_year("Nordparken (syntetisk)")
    assert nordparken[2019] == ("udsat", "ghetto", "haardt_ghetto")
    assert nordparken[2021] == ("udsat", "parallelsamfund", "omdannelse")
    # Solhaven: five screened years running (2019-2023) make it an omdannelsesområde in 2023.
    solhaven = _lists_by_year("Solhaven (syntetisk)")
    assert solhaven[2022] == ("udsat", "parallelsamfund")
    assert solhaven[2023] == ("udsat", "parallelsamfund", "omdannelse")
    assert _lists_by_year("Fyrreparken (syntetisk)")[2023] == ("udsat",)
    assert _lists_by_year("Engparken (syntetisk)")[2024] == ()
    watched = {i.area for i in selectors.watch(2024, 2.0, municipality="Herning Kommune")}
    assert "Brændgård-området" in watched
