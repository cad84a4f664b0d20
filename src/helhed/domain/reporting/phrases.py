"""Danish words for the report: indicator subjects, number words, numbers and years (pure).

A sentence about an indicator needs a subject that reads as Danish prose ("kriminaliteten blandt
de 10–17-årige", not the registry's table name "Sigtede 10-17-årige") and the pronoun that refers
back to it (den / det / de), because Danish pronouns and the adjective "uændret" agree with the
noun. Subjects are stored in lower case and capitalised where they start a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from helhed.domain.indicators.definitions import Unit


@dataclass(frozen=True)
class Subject:
    text: str  # lower case, e.g. "andelen af unge på uddannelseshjælp"
    pronoun: str = "den"  # "den" (fælleskøn), "det" (intetkøn) or "de" (flertal)

    @property
    def plural(self) -> bool:
        return self.pronoun == "de"

    @property
    def unchanged(self) -> str:
        return "uændrede" if self.plural else "uændret"


SUBJECTS: dict[str, Subject] = {
    "outside_labour_market_18_64": Subject(
        "andelen af 18–64-årige uden for arbejdsmarked og uddannelse"
    ),
    "convicted_18plus": Subject("andelen af dømte blandt de 18+-årige"),
    "convicted_18plus_ratio": Subject("andelen af dømte i forhold til landsgennemsnittet"),
    "basic_education_30_59": Subject(
        "andelen af 30–59-årige med grundskole som højeste uddannelse"
    ),
    "gross_income_15_64": Subject("den gennemsnitlige bruttoindkomst for 15–64-årige"),
    "gross_income_15_64_pct_of_region": Subject(
        "bruttoindkomsten for 15–64-årige i procent af regionen"
    ),
    "nonwestern_share": Subject("andelen af indvandrere og efterkommere fra ikke-vestlige lande"),
    "residents": Subject("antallet af beboere", "det"),
    "charged_10_17": Subject("kriminaliteten blandt de 10–17-årige"),
    "education_benefit_18_29": Subject("andelen af unge på uddannelseshjælp"),
    "grade_danish_9": Subject("karaktergennemsnittet i dansk for 9. klasse", "det"),
    "grade_math_9": Subject("karaktergennemsnittet i matematik for 9. klasse", "det"),
    "youth_education_by_25": Subject("andelen af 25-årige med en fuldført ungdomsuddannelse"),
    "basic_education_25_29": Subject(
        "andelen af 25–29-årige med grundskole som højeste fuldførte uddannelse"
    ),
    "child_case_0_17": Subject("andelen af børnesager"),
    "language_support_3_5": Subject("behovet for ekstra sproglig indsats i dagtilbud", "det"),
    "employment_18plus": Subject("andelen af beskæftigede blandt de 18+-årige"),
    "under_18_share": Subject("andelen af beboere under 18 år"),
    "public_support_cost_per_resident": Subject(
        "de offentlige forsørgelsesudgifter pr. beboer", "de"
    ),
    "moved_out_residents": Subject("fraflytningen blandt beboerne"),
    "sfi_risk_children": Subject("andelen af børn med tre eller flere af SFI's fem risikofaktorer"),
    "move_out_rate": Subject("fraflytningsprocenten"),
    "complaints_per_100_tenancies": Subject("antallet af klager pr. 100 lejemål", "det"),
    "vandalism_cost": Subject("udgifterne til hærværk", "de"),
    "volunteers": Subject("antallet af frivillige", "det"),
    "leisure_jobs": Subject("antallet af unge i fritidsjob", "det"),
    "feel_safe_evening": Subject("trygheden om aftenen"),
    "worried_about_crime": Subject("bekymringen for kriminalitet"),
    "part_of_community": Subject("andelen af beboere med en oplevelse af fællesskab"),
    "pupil_wellbeing": Subject("elevernes generelle trivsel"),
}


def subject_for(key: str, name: str) -> Subject:
    """The prose subject of an indicator; an indicator without one is quoted by its name."""
    return SUBJECTS.get(key) or Subject(f"værdien for »{name}«")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_NUMBER_WORDS = {
    2: "to",
    3: "tre",
    4: "fire",
    5: "fem",
    6: "seks",
    7: "syv",
    8: "otte",
    9: "ni",
    10: "ti",
    11: "elleve",
    12: "tolv",
}


def number_word(n: int) -> str:
    return _NUMBER_WORDS.get(n, str(n))


def join_names(names: Sequence[str]) -> str:
    """["A"] → "A"; ["A", "B", "C"] → "A, B og C"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]


def join_years(years: Sequence[int]) -> str:
    return join_names([str(y) for y in sorted(years)])


def dk_number(value: float, decimals: int) -> str:
    """1234.5 → "1.234,5" (Danish separators), rounded half away from zero as printed."""
    exponent = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{decimals}f}".replace(",", "\x00").replace(".", ",")
    text = text.replace("\x00", ".")
    return f"−{text}" if rounded < 0 else text


_DECIMALS = {Unit.PCT: 1, Unit.RATE: 1, Unit.MEAN: 1, Unit.KR: 0, Unit.COUNT: 0, Unit.RATIO: 2}


def format_value(value: float | None, unit: Unit) -> str:
    """A value as it is printed in tables and sentences ("–" when there is none)."""
    if value is None:
        return "–"
    text = dk_number(value, _DECIMALS[unit])
    if unit is Unit.PCT:
        return f"{text} %"
    if unit is Unit.KR:
        return f"{text} kr."
    return text


def format_difference(value: float, unit: Unit) -> str:
    """A distance between two values: percentage points for shares."""
    text = dk_number(abs(value), _DECIMALS[unit])
    if unit is Unit.PCT:
        return f"{text} procentpoint"
    if unit is Unit.KR:
        return f"{text} kr."
    return text


UNIT_LABELS = {
    Unit.PCT: "procent",
    Unit.RATE: "pr. 100",
    Unit.MEAN: "gennemsnit",
    Unit.KR: "kr.",
    Unit.COUNT: "antal",
    Unit.RATIO: "gange landsgennemsnittet",
}


MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def long_date(day) -> str:
    """date(2021, 2, 3) → "3. februar 2021"."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def short_date(day) -> str:
    """date(2021, 2, 3) → "03.02.2021"."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def kroner(amount) -> str:
    """Decimal("160000") → "160.000 kr." (whole kroner)."""
    return f"{dk_number(float(amount), 0)} kr."


def text_blocks(text: str) -> list[tuple[str, list[str]]]:
    """Free text as blocks: ("list", items) for lines starting with "- " or "• ", else
    ("p", lines). Blank lines separate blocks; the HTML and the Word file render the same."""
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line[:2] in ("- ", "• ") for line in lines):
            blocks.append(("list", [line[2:].strip() for line in lines]))
        else:
            blocks.append(("p", lines))
    return blocks


_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def danish_key(text: str) -> str:
    """A sort key with æ, ø and å after z, so lists sort the same on every database."""
    return text.lower().translate(_DANISH_ORDER)
