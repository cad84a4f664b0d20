"""The official area lists' rules (almenboligloven §§ 61 a, 61 b) as data: a `RuleSet` per year.

Every choice where the sources disagree is documented in docs/area-lists.md with its source; the
short version sits beside each rule set below. Nothing here computes anything beyond looking a
threshold up: classification lives in `screening.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Literal

from helhed.domain.arealists.measures import Measure

ListKey = Literal[
    "ghetto", "haardt_ghetto", "udsat", "parallelsamfund", "omdannelse", "forebyggelse"
]

LIST_KEYS: tuple[ListKey, ...] = (
    "udsat",
    "ghetto",
    "parallelsamfund",
    "haardt_ghetto",
    "omdannelse",
    "forebyggelse",
)
LIST_LABELS_DA: dict[ListKey, str] = {
    "ghetto": "ghettoområde",
    "haardt_ghetto": "hårdt ghettoområde",
    "udsat": "udsat boligområde",
    "parallelsamfund": "parallelsamfund",
    "omdannelse": "omdannelsesområde",
    "forebyggelse": "forebyggelsesområde",
}

FIRST_LIST_YEAR = 2010
LAST_LIST_YEAR = 2025


class Comparison(Enum):
    """How a value is compared with its threshold, in the statute's own words."""

    GREATER = ">"  # "overstiger": strictly greater than
    AT_LEAST = ">="  # "udgør mindst": greater than or equal
    LESS = "<"  # "udgør mindre end": strictly less than


@dataclass(frozen=True)
class Criterion:
    """One test of one measure against a threshold.

    `id` is unique within a rule set. The forebyggelse tests (2021+) that differ from the udsat
    tests get an `fb_` prefix; where the two lists share a test (education > 60 %) they share
    the criterion object.
    """

    id: str
    measure: Measure
    comparison: Comparison
    threshold: float | None = None  # fixed threshold in percent
    national_multiple: float | None = None  # threshold = multiple x national conviction rate
    averaging_years: int = 1  # years averaged in the input value (applied before screening)
    note: str = ""

    def threshold_for(self, national_rate_pct: float | None) -> float | None:
        """The threshold in percent, or None when it depends on a national rate not given."""
        if self.threshold is not None:
            return self.threshold
        if self.national_multiple is None or national_rate_pct is None:
            return None
        return self.national_multiple * national_rate_pct


@dataclass(frozen=True)
class ListRule:
    """When an area is on one list.

    All parts must hold: at least `min_met` of the `counted` criteria met, every `conditions`
    criterion met, on every `requires` list and on no `excludes` list this year, and — for the
    consecutive-year lists — on one of `streak_lists` in each of the previous
    `consecutive_years - 1` years. The minimum number of residents applies to every list.
    """

    key: ListKey
    counted: tuple[str, ...] = ()
    min_met: int = 0
    conditions: tuple[str, ...] = ()
    requires: tuple[ListKey, ...] = ()
    excludes: tuple[ListKey, ...] = ()
    consecutive_years: int = 0
    streak_lists: tuple[ListKey, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    """Everything that decides the lists published in one list year."""

    year: int
    published: date
    min_residents: int
    criteria: tuple[Criterion, ...]
    lists: tuple[ListRule, ...]  # in evaluation order: a list only requires/excludes earlier ones
    statute: str
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def list_rule(self, key: ListKey) -> ListRule:
        for rule in self.lists:
            if rule.key == key:
                return rule
        raise KeyError(key)

    @property
    def list_keys(self) -> tuple[ListKey, ...]:
        return tuple(rule.key for rule in self.lists)


MIN_RESIDENTS = 1000  # "mindst 1.000 beboere" in every version of § 61 a
CONSECUTIVE_YEARS = 5  # hårdt ghetto / omdannelse: used in practice every year 2018-2024
STREAK_LISTS: tuple[ListKey, ...] = ("ghetto", "parallelsamfund")

_SRC_2010 = (
    "https://www.tv2ostjylland.dk/artikel/hvad-er-en-ghetto",
    "https://www.tvsyd.dk/vejle/finlandsparken-pa-ghettoliste",
    "http://kommunist.dk/10-aar-med-ghettolisten/",
    "https://ft.dk/samling/20111/almdel/uui/spm/550/svar/910404/1164493/index.htm",
    "https://docplayer.dk/219276470-Indhold-ghettokriterier-opgoerelsesmetode.html",
)
_SRC_2013 = (
    "https://eu.dk/samling/20131/lovforslag/l45/20131_l45_som_fremsat.htm",
    "https://www.berlingske.dk/politik/her-er-de-nye-ghettokriterier",
    "https://jyllands-posten.dk/politik/ECE10161417/fakta-her-er-regeringens-liste-over-ghettoomraader/",
    "https://www.regeringen.dk/nyheder/2017/ghetto-listen-2017-to-nye-omraader-tilfoejet-fem-fjernet/",
    "https://www.sm.dk/publikationer/2016/dec/liste-over-ghettoomraader-pr-1-december-2016",
)
_SRC_2018 = (
    "https://eu.dk/samling/20181/lovforslag/l38/20181_l38_som_fremsat.htm",
    "https://ft.dk/samling/20201/almdel/BOU/bilag/33/2293806/index.htm",
    "https://www.dr.dk/nyheder/indland/29-boligomraader-er-paa-aarets-ghettoliste",
    "https://sn.dk/Taastrup/Udsat-boligomraade-ryger-tilbage-paa-ghettoliste/artikel/744871?rss",
    "https://bogodt-bl.dk/artikler/2020/november/7-ting-du-ikke-vidste-om-ghetto-listen/",
)
_SRC_2021 = (
    "https://ft.dk/samling/20211/lovforslag/l23/20211_l23_som_fremsat.htm",
    "https://danskelove.dk/almenboligloven/61a",
    "https://www.lovguiden.dk/loven/almenboligloven/61b",
    "https://www.dknyt.dk/artikel/regeringens-lister-over-udsatte-boligomraader-skrumper-og-har-nye-navne",
    "https://bl.dk/viden-kartotek/forebyggelsesomraader-og-udsatte-omraader",
    "https://www.mondaq.com/real-estate/1552896/nye-lister-over-udsatte-boligomrder-indsatserne-virker",
)

_FIXED_CONVICTION = 2.70  # "270 pr. 10.000 beboere på 18 år og derover" = "2,7 pct."


def _ghetto_2010(year: int, published: date) -> RuleSet:
    """2010-2012 (and the 1 Oct 2013 list): ghetto if 2 of 3, LM and convictions over 4 years."""
    criteria = (
        Criterion("nonwestern", "nonwestern", Comparison.GREATER, 50.0),
        Criterion("labour_market", "labour_market", Comparison.GREATER, 40.0, averaging_years=4),
        Criterion(
            "convictions",
            "convictions",
            Comparison.GREATER,
            _FIXED_CONVICTION,
            averaging_years=4,
            note="pr. beboer på 18 år og derover",
        ),
    )
    ghetto = ListRule("ghetto", counted=tuple(c.id for c in criteria), min_met=2)
    return RuleSet(
        year=year,
        published=published,
        min_residents=MIN_RESIDENTS,
        criteria=criteria,
        lists=(ghetto,),
        statute="almenboligloven § 61 a som ændret i 2010 (Ghettoen tilbage til samfundet)",
        sources=_SRC_2010,
    )


def _ghetto_2013(year: int) -> RuleSet:
    """1 Dec 2013 - 1 Dec 2017: ghetto if 3 of 5 (L 45, 2013-14); LM, convictions over 2 years."""
    criteria = (
        Criterion("labour_market", "labour_market", Comparison.GREATER, 40.0, averaging_years=2),
        Criterion("nonwestern", "nonwestern", Comparison.GREATER, 50.0),
        Criterion(
            "convictions",
            "convictions",
            Comparison.GREATER,
            _FIXED_CONVICTION,
            averaging_years=2,
            note="pct. af beboere på 18 år og derover",
        ),
        Criterion(
            "education",
            "education",
            Comparison.GREATER,
            50.0,
            note="uoplyst uddannelse tælles som grunduddannelse",
        ),
        Criterion("income", "income", Comparison.LESS, 55.0),
    )
    ghetto = ListRule("ghetto", counted=tuple(c.id for c in criteria), min_met=3)
    return RuleSet(
        year=year,
        published=date(year, 12, 1),
        min_residents=MIN_RESIDENTS,
        criteria=criteria,
        lists=(ghetto,),
        statute="almenboligloven § 61 a som affattet ved L 45 (2013-14)",
        sources=_SRC_2013,
        notes=(
            "2013 = listen pr. 1. december 2013 efter de nye 3-af-5-kriterier (L 45 fastsætter "
            "offentliggørelse hver 1. december); listen pr. 1. oktober 2013 efter de gamle "
            "kriterier findes som OCTOBER_2013.",
        )
        if year == 2013
        else (),
    )


# The four udsat criteria of § 61 a stk. 1 as enacted by L 38 (2018-19) and kept by L 23 (2021-22).
_UDSAT_CRITERIA = (
    Criterion("labour_market", "labour_market", Comparison.GREATER, 40.0, averaging_years=2),
    Criterion(
        "convictions",
        "convictions",
        Comparison.AT_LEAST,
        national_multiple=3.0,
        averaging_years=2,
        note="landsgennemsnittet er også et 2-årsgennemsnit",
    ),
    Criterion(
        "education",
        "education",
        Comparison.GREATER,
        60.0,
        note="kun uddannelse taget eller godkendt i Danmark tæller",
    ),
    Criterion("income", "income", Comparison.LESS, 55.0),
)
_NONWESTERN_50 = Criterion("nonwestern", "nonwestern", Comparison.GREATER, 50.0)
_UDSAT = ListRule("udsat", counted=tuple(c.id for c in _UDSAT_CRITERIA), min_met=2)


def _udsat_2018(year: int) -> RuleSet:
    """1 Dec 2018 - 1 Dec 2020: udsat 2 of 4; ghetto = udsat and non-western > 50 %; hårdt."""
    lists = (
        _UDSAT,
        ListRule("ghetto", conditions=("nonwestern",), requires=("udsat",)),
        ListRule(
            "haardt_ghetto",
            requires=("ghetto",),
            consecutive_years=CONSECUTIVE_YEARS,
            streak_lists=STREAK_LISTS,
        ),
    )
    return RuleSet(
        year=year,
        published=date(year, 12, 1),
        min_residents=MIN_RESIDENTS,
        criteria=(*_UDSAT_CRITERIA, _NONWESTERN_50),
        lists=lists,
        statute="almenboligloven § 61 a som affattet ved L 38 (2018-19), overgangsregel om 5 år",
        sources=_SRC_2018,
        notes=(
            "Hårdt ghettoområde: ghetto i hvert af de seneste 5 år (overgangsreglen for 2018-2020; "
            "listerne bekræfter 5 år).",
        ),
    )


_FB_CRITERIA = (
    Criterion("fb_labour_market", "labour_market", Comparison.GREATER, 30.0, averaging_years=2),
    Criterion(
        "fb_convictions",
        "convictions",
        Comparison.AT_LEAST,
        national_multiple=2.0,
        averaging_years=2,
    ),
    Criterion("fb_income", "income", Comparison.LESS, 65.0),
    Criterion("fb_nonwestern", "nonwestern", Comparison.GREATER, 30.0),
)


def _parallel_2021(year: int) -> RuleSet:
    """1 Dec 2021 onward (L 23): udsat, parallelsamfund, omdannelse and forebyggelse (§ 61 b)."""
    lists = (
        _UDSAT,
        ListRule("parallelsamfund", conditions=("nonwestern",), requires=("udsat",)),
        ListRule(
            "omdannelse",
            requires=("parallelsamfund",),
            consecutive_years=CONSECUTIVE_YEARS,
            streak_lists=STREAK_LISTS,
        ),
        ListRule(
            "forebyggelse",
            counted=("fb_labour_market", "fb_convictions", "education", "fb_income"),
            min_met=2,
            conditions=("fb_nonwestern",),
            # Disjoint from udsat: the published counts only add up that way (see the docs).
            excludes=("udsat",),
        ),
    )
    return RuleSet(
        year=year,
        published=date(year, 12, 1),
        min_residents=MIN_RESIDENTS,
        criteria=(*_UDSAT_CRITERIA, _NONWESTERN_50, *_FB_CRITERIA),
        lists=lists,
        statute="almenboligloven §§ 61 a og 61 b efter L 23 (2021-22); LBK 1171 af 11/11/2024",
        sources=_SRC_2021,
        notes=(
            "Omdannelsesområde: parallelsamfund (før 2021 ghetto) i hvert af de seneste 5 år.",
            "Forebyggelsesområde udelukker områder på listen over udsatte boligområder.",
        )
        + (("2025: ingen regelændring fundet; samme regler som 2024.",) if year == 2025 else ()),
    )


def _build() -> dict[int, RuleSet]:
    rule_sets: dict[int, RuleSet] = {
        2010: _ghetto_2010(2010, date(2010, 10, 26)),
        2011: _ghetto_2010(2011, date(2011, 10, 1)),
        2012: _ghetto_2010(2012, date(2012, 10, 1)),
    }
    rule_sets.update({year: _ghetto_2013(year) for year in range(2013, 2018)})
    rule_sets.update({year: _udsat_2018(year) for year in range(2018, 2021)})
    rule_sets.update({year: _parallel_2021(year) for year in range(2021, LAST_LIST_YEAR + 1)})
    return rule_sets


RULE_SETS: dict[int, RuleSet] = _build()

# The list of 1 October 2013, still under the 2010 rules; not the default for 2013 (see above).
OCTOBER_2013: RuleSet = _ghetto_2010(2013, date(2013, 10, 1))


class UnknownListYear(KeyError):
    """No rule set exists for the year asked for."""


def rules_for(year: int) -> RuleSet:
    """The rule set of list year `year` (2010-2025)."""
    try:
        return RULE_SETS[year]
    except KeyError:
        raise UnknownListYear(year) from None


def lists_in_year(year: int) -> tuple[ListKey, ...]:
    return rules_for(year).list_keys


# A history row for one list implies the lists it is a subset of (the hårde ghettoer were ghettoer,
# every ghetto from 2018 and every parallelsamfund was an udsat area).
def implied_lists(key: ListKey, year: int) -> frozenset[ListKey]:
    implied: set[ListKey] = {key}
    if key == "haardt_ghetto":
        implied.add("ghetto")
    if key == "omdannelse":
        implied.add("parallelsamfund")
    if "parallelsamfund" in implied or ("ghetto" in implied and year >= 2018):
        implied.add("udsat")
    return frozenset(implied)
