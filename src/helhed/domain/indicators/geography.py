"""Denmark's 5 regions and 98 municipalities (kommuner), the public reference data.

Codes and names are the official ones (public administrative facts, not personal data). The
engine uses them to name municipality and region units when the extract itself carries only
codes; the synthetic generator uses them to place its population.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTRY_ID = "DK"
COUNTRY_NAME = "Hele landet"


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    region_code: str


REGIONS: tuple[Region, ...] = (
    Region("1081", "Region Nordjylland"),
    Region("1082", "Region Midtjylland"),
    Region("1083", "Region Syddanmark"),
    Region("1084", "Region Hovedstaden"),
    Region("1085", "Region Sjælland"),
)

# (code, name) per region; the suffix " Kommune" is added below.
_BY_REGION: dict[str, tuple[tuple[str, str], ...]] = {
    "1084": (
        ("101", "København"),
        ("147", "Frederiksberg"),
        ("151", "Ballerup"),
        ("153", "Brøndby"),
        ("155", "Dragør"),
        ("157", "Gentofte"),
        ("159", "Gladsaxe"),
        ("161", "Glostrup"),
        ("163", "Herlev"),
        ("165", "Albertslund"),
        ("167", "Hvidovre"),
        ("169", "Høje-Taastrup"),
        ("173", "Lyngby-Taarbæk"),
        ("175", "Rødovre"),
        ("183", "Ishøj"),
        ("185", "Tårnby"),
        ("187", "Vallensbæk"),
        ("190", "Furesø"),
        ("201", "Allerød"),
        ("210", "Fredensborg"),
        ("217", "Helsingør"),
        ("219", "Hillerød"),
        ("223", "Hørsholm"),
        ("230", "Rudersdal"),
        ("240", "Egedal"),
        ("250", "Frederikssund"),
        ("260", "Halsnæs"),
        ("270", "Gribskov"),
        ("400", "Bornholms Regionskommune"),
    ),
    "1085": (
        ("253", "Greve"),
        ("259", "Køge"),
        ("265", "Roskilde"),
        ("269", "Solrød"),
        ("306", "Odsherred"),
        ("316", "Holbæk"),
        ("320", "Faxe"),
        ("326", "Kalundborg"),
        ("329", "Ringsted"),
        ("330", "Slagelse"),
        ("336", "Stevns"),
        ("340", "Sorø"),
        ("350", "Lejre"),
        ("360", "Lolland"),
        ("370", "Næstved"),
        ("376", "Guldborgsund"),
        ("390", "Vordingborg"),
    ),
    "1083": (
        ("410", "Middelfart"),
        ("420", "Assens"),
        ("430", "Faaborg-Midtfyn"),
        ("440", "Kerteminde"),
        ("450", "Nyborg"),
        ("461", "Odense"),
        ("479", "Svendborg"),
        ("480", "Nordfyns"),
        ("482", "Langeland"),
        ("492", "Ærø"),
        ("510", "Haderslev"),
        ("530", "Billund"),
        ("540", "Sønderborg"),
        ("550", "Tønder"),
        ("561", "Esbjerg"),
        ("563", "Fanø"),
        ("573", "Varde"),
        ("575", "Vejen"),
        ("580", "Aabenraa"),
        ("607", "Fredericia"),
        ("621", "Kolding"),
        ("630", "Vejle"),
    ),
    "1082": (
        ("615", "Horsens"),
        ("657", "Herning"),
        ("661", "Holstebro"),
        ("665", "Lemvig"),
        ("671", "Struer"),
        ("706", "Syddjurs"),
        ("707", "Norddjurs"),
        ("710", "Favrskov"),
        ("727", "Odder"),
        ("730", "Randers"),
        ("740", "Silkeborg"),
        ("741", "Samsø"),
        ("746", "Skanderborg"),
        ("751", "Aarhus"),
        ("756", "Ikast-Brande"),
        ("760", "Ringkøbing-Skjern"),
        ("766", "Hedensted"),
        ("779", "Skive"),
        ("791", "Viborg"),
    ),
    "1081": (
        ("773", "Morsø"),
        ("787", "Thisted"),
        ("810", "Brønderslev"),
        ("813", "Frederikshavn"),
        ("820", "Vesthimmerlands"),
        ("825", "Læsø"),
        ("840", "Rebild"),
        ("846", "Mariagerfjord"),
        ("849", "Jammerbugt"),
        ("851", "Aalborg"),
        ("860", "Hjørring"),
    ),
}


def _full_name(name: str) -> str:
    return name if name.endswith("kommune") else f"{name} Kommune"


MUNICIPALITIES: tuple[Municipality, ...] = tuple(
    sorted(
        (
            Municipality(code, _full_name(name), region_code)
            for region_code, members in _BY_REGION.items()
            for code, name in members
        ),
        key=lambda m: m.code,
    )
)

MUNICIPALITY_BY_CODE: dict[str, Municipality] = {m.code: m for m in MUNICIPALITIES}
REGION_BY_CODE: dict[str, Region] = {r.code: r for r in REGIONS}

assert len(MUNICIPALITIES) == 98, "Danmark har 98 kommuner"
