"""Indicator definitions: every figure defined once, as data.

A definition says who is counted (population), what is counted (numerator) and out of what
(denominator), as small standard-SQL expressions over one row of the `persons` table. The SQL
compiler (`sql.py`) turns the same definition into the query for every level — department, area,
municipality, region and country — so a figure can never be computed two ways. `docs.py`
renders this module into docs/indicators.md.

Change a definition's meaning → bump its `version`; snapshots store the version they were made
with, so old figures stay traceable.
"""

from __future__ import annotations

from dataclasses import replace

from helhed.domain.indicators.definitions import (
    ALL_LEVELS,
    FOCUS_AREA_NAMES,
    HOUSING_LEVELS,
    Better,
    Comparison,
    FocusArea,
    IndicatorDefinition,
    Level,
    Measure,
    Relation,
    Source,
    Unit,
)

# Survey shares and means are hidden below this many respondents (the denominator). The
# numerator has no minimum: respondents are a sample whose members are not published, so "3 of
# 40 respondents are worried" points at no one, while a minimum would hide exactly the notable
# answers. Below 20 respondents a share moves 5 points with a single answer and tells little.
SURVEY_MIN_RESPONDENTS = 20

__all__ = [
    "ALL_LEVELS",
    "DEFINITIONS",
    "FOCUS_AREA_NAMES",
    "HOUSING_LEVELS",
    "REGISTRY",
    "SURVEY_MIN_RESPONDENTS",
    "Better",
    "Comparison",
    "FocusArea",
    "IndicatorDefinition",
    "Level",
    "Measure",
    "Relation",
    "Source",
    "Unit",
    "aggregate_definitions",
    "delivered_definitions",
    "register_definitions",
    "survey_definitions",
]


def _flag(column: str) -> str:
    return f"CASE WHEN {column} THEN 1 ELSE 0 END"


_BASIC = "CASE WHEN education IN ('basic', 'unknown') THEN 1 ELSE 0 END"
_CONVICTED = IndicatorDefinition(
    key="convicted_18plus",
    name="Dømte blandt 18+-årige",
    description=(
        "Andel af beboere på 18 år og derover dømt efter straffeloven, våbenloven eller lov "
        "om euforiserende stoffer i året. Gennemsnit af de to seneste dataår."
    ),
    focus_area=FocusArea.CRIME,
    unit=Unit.PCT,
    measure=Measure.SHARE,
    better=Better.LOWER,
    population="age >= 18",
    numerator=_flag("convicted"),
    window=2,
    list_criterion=True,
)
_INCOME = IndicatorDefinition(
    key="gross_income_15_64",
    name="Gennemsnitlig bruttoindkomst, 15-64-årige",
    description=(
        "Gennemsnitlig bruttoindkomst for fuldt skattepligtige beboere 15-64 år, som ikke er "
        "under uddannelse."
    ),
    focus_area=FocusArea.EMPLOYMENT,
    unit=Unit.KR,
    measure=Measure.MEAN,
    better=Better.HIGHER,
    population="age BETWEEN 15 AND 64 AND taxable AND NOT in_education",
    numerator="gross_income",
    min_numerator=None,
    list_criterion=True,
)
# SFI's five risk factors, all about the mother (see DOMAIN.md); the fifth, her housing
# situation, is proxied by "lives in social housing" — the only housing fact the extract has.
_SFI_FACTORS = (
    "CASE WHEN mother_nuclear_family THEN 0 ELSE 1 END",
    _flag("mother_convicted"),
    _flag("mother_cash_benefit_or_pension"),
    "CASE WHEN mother_education IN ('basic', 'unknown') THEN 1 ELSE 0 END",
    "CASE WHEN mother_department_id IS NOT NULL THEN 1 ELSE 0 END",
)


def _survey(
    key: str,
    name: str,
    description: str,
    focus_area: FocusArea,
    better: Better,
    *,
    measure: Measure = Measure.SHARE,
    scale: tuple[float, float] | None = None,
) -> IndicatorDefinition:
    """A survey figure: numerator = answers (share) or summed scores (mean), denominator =
    respondents; delivered per department or area and year (aggregates.py)."""
    return IndicatorDefinition(
        key=key,
        name=name,
        description=description,
        focus_area=focus_area,
        unit=Unit.PCT if measure is Measure.SHARE else Unit.MEAN,
        measure=measure,
        better=better,
        source=Source.SURVEY,
        levels=HOUSING_LEVELS,
        min_numerator=None,
        min_denominator=SURVEY_MIN_RESPONDENTS,
        scale=scale,
    )


DEFINITIONS: tuple[IndicatorDefinition, ...] = (
    # --- the official list criteria ---------------------------------------------------------
    IndicatorDefinition(
        key="outside_labour_market_18_64",
        name="18-64-årige uden for arbejdsmarked og uddannelse",
        description=(
            "Andel af beboere 18-64 år med labour_status 'unemployed' eller 'outside' (hverken i "
            "beskæftigelse eller under uddannelse). Gennemsnit af de to seneste dataår."
        ),
        focus_area=FocusArea.EMPLOYMENT,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        population="age BETWEEN 18 AND 64",
        numerator="CASE WHEN labour_status IN ('unemployed', 'outside') THEN 1 ELSE 0 END",
        window=2,
        list_criterion=True,
    ),
    _CONVICTED,
    replace(
        _CONVICTED,
        key="convicted_18plus_ratio",
        name="Dømte blandt 18+-årige i forhold til landsgennemsnittet",
        description=(
            "Andelen af dømte 18+-årige (to-års-gennemsnit) divideret med landets andel (samme "
            "to-års-gennemsnit). Listekriteriet er mindst 3. Tæller og nævner er enhedens egne."
        ),
        unit=Unit.RATIO,
        comparison=Comparison.RATIO_TO_COUNTRY,
    ),
    IndicatorDefinition(
        key="basic_education_30_59",
        name="30-59-årige med grundskole som højeste uddannelse",
        description=(
            "Andel af beboere 30-59 år hvis højest fuldførte uddannelse er grundskole; uoplyst "
            "uddannelse tælles som grundskole."
        ),
        focus_area=FocusArea.EDUCATION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        population="age BETWEEN 30 AND 59",
        numerator=_BASIC,
        list_criterion=True,
    ),
    _INCOME,
    replace(
        _INCOME,
        key="gross_income_15_64_pct_of_region",
        name="Bruttoindkomst, 15-64-årige, i procent af regionen",
        description=(
            "Gennemsnitlig bruttoindkomst for fuldt skattepligtige 15-64-årige ekskl. "
            "uddannelsessøgende i procent af samme gruppes gennemsnit i enhedens region (for "
            "landet: i procent af landet, dvs. 100). Listekriteriet er under 55."
        ),
        unit=Unit.PCT,
        comparison=Comparison.PCT_OF_REGION,
    ),
    IndicatorDefinition(
        key="nonwestern_share",
        name="Indvandrere og efterkommere fra ikke-vestlige lande",
        description="Andel af alle beboere, der er ikke-vestlige indvandrere eller efterkommere.",
        focus_area=FocusArea.COHESION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.NEUTRAL,
        numerator=(
            "CASE WHEN origin IN ('nonwestern_immigrant', 'nonwestern_descendant') "
            "THEN 1 ELSE 0 END"
        ),
        list_criterion=True,
    ),
    IndicatorDefinition(
        key="residents",
        name="Beboere",
        description="Antal beboere (personer med en række i året).",
        focus_area=FocusArea.COHESION,
        unit=Unit.COUNT,
        measure=Measure.TOTAL,
        better=Better.NEUTRAL,
        min_denominator=None,
        list_criterion=True,
    ),
    # --- follow-up indicators from the strategic agreements -----------------------------------
    IndicatorDefinition(
        key="charged_10_17",
        name="Sigtede 10-17-årige",
        description="Andel af beboere 10-17 år, der er sigtet i året.",
        focus_area=FocusArea.CRIME,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        population="age BETWEEN 10 AND 17",
        numerator=_flag("charged"),
    ),
    IndicatorDefinition(
        key="education_benefit_18_29",
        name="Unge under 30 på uddannelseshjælp",
        description=(
            "Andel af beboere 18-29 år, der modtager uddannelseshjælp (ydelsen gives kun til "
            "under 30-årige, og fra 18 år, så 18-29 er nævneren)."
        ),
        focus_area=FocusArea.EMPLOYMENT,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        population="age BETWEEN 18 AND 29",
        numerator=_flag("education_benefit"),
    ),
    IndicatorDefinition(
        key="grade_danish_9",
        name="Karaktergennemsnit i dansk, 9. klasse",
        description="Gennemsnit af grade_danish_9 for beboere, der gik til prøve i året.",
        focus_area=FocusArea.EDUCATION,
        unit=Unit.MEAN,
        measure=Measure.MEAN,
        better=Better.HIGHER,
        population="grade_danish_9 IS NOT NULL",
        numerator="grade_danish_9",
        min_numerator=None,
    ),
    IndicatorDefinition(
        key="grade_math_9",
        name="Karaktergennemsnit i matematik, 9. klasse",
        description="Gennemsnit af grade_math_9 for beboere, der gik til prøve i året.",
        focus_area=FocusArea.EDUCATION,
        unit=Unit.MEAN,
        measure=Measure.MEAN,
        better=Better.HIGHER,
        population="grade_math_9 IS NOT NULL",
        numerator="grade_math_9",
        min_numerator=None,
    ),
    IndicatorDefinition(
        key="youth_education_by_25",
        name="25-årige med fuldført ungdomsuddannelse",
        description=(
            "Andel af 25-årige beboere med oplysning om ungdomsuddannelse, der har fuldført en. "
            "25-årige uden oplysning indgår ikke i nævneren."
        ),
        focus_area=FocusArea.EDUCATION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.HIGHER,
        population="age = 25 AND completed_youth_education IS NOT NULL",
        numerator=_flag("completed_youth_education"),
    ),
    IndicatorDefinition(
        key="basic_education_25_29",
        name="25-29-årige med grundskole som højeste uddannelse",
        description=(
            "Andel af beboere 25-29 år med grundskole som højest fuldførte uddannelse; uoplyst "
            "tælles som grundskole (samme regel som listekriteriet)."
        ),
        focus_area=FocusArea.EDUCATION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        population="age BETWEEN 25 AND 29",
        numerator=_BASIC,
    ),
    IndicatorDefinition(
        key="child_case_0_17",
        name="Børn med en sag efter serviceloven",
        description="Andel af beboere 0-17 år med en børnesag i året.",
        focus_area=FocusArea.EDUCATION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        population="age <= 17",
        numerator=_flag("child_case"),
    ),
    IndicatorDefinition(
        key="language_support_3_5",
        name="3-5-årige med behov for sproglig indsats i dagtilbud",
        description=(
            "Andel af 3-5-årige beboere med oplysning om sprogvurdering, der har behov for "
            "sproglig indsats. Børn uden oplysning indgår ikke i nævneren."
        ),
        focus_area=FocusArea.EDUCATION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        population="age BETWEEN 3 AND 5 AND language_support IS NOT NULL",
        numerator=_flag("language_support"),
    ),
    IndicatorDefinition(
        key="employment_18plus",
        name="Beskæftigede blandt 18+-årige",
        description="Andel af beboere på 18 år og derover med labour_status 'employed'.",
        focus_area=FocusArea.EMPLOYMENT,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.HIGHER,
        population="age >= 18",
        numerator="CASE WHEN labour_status = 'employed' THEN 1 ELSE 0 END",
    ),
    IndicatorDefinition(
        key="under_18_share",
        name="Beboere under 18 år",
        description="Andel af alle beboere, der er 0-17 år.",
        focus_area=FocusArea.COHESION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.NEUTRAL,
        numerator="CASE WHEN age <= 17 THEN 1 ELSE 0 END",
    ),
    IndicatorDefinition(
        key="public_support_cost_per_resident",
        name="Offentlige forsørgelsesudgifter pr. beboer",
        description="Summen af public_support_cost divideret med antal beboere (alle aldre).",
        focus_area=FocusArea.EMPLOYMENT,
        unit=Unit.KR,
        measure=Measure.MEAN,
        better=Better.LOWER,
        numerator="public_support_cost",
        min_numerator=None,
    ),
    IndicatorDefinition(
        key="moved_out_residents",
        name="Fraflyttede beboere",
        description="Andel af alle beboere, der er fraflyttet deres bolig i året (registerdata).",
        focus_area=FocusArea.COHESION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        numerator=_flag("moved_out"),
    ),
    IndicatorDefinition(
        key="sfi_risk_children",
        name="Børn med tre eller flere af SFI's fem risikofaktorer",
        description=(
            "Andel af børn 0-17 år, hvis mor (mother_id, mors række samme år) har mindst tre af: "
            "ikke i kernefamilie, dømt, på kontanthjælp eller pension, grundskole som højeste "
            "(inkl. uoplyst), og - som mål for boligforhold - bor i almen bolig (department_id "
            "udfyldt). Børn uden kendt mor det år indgår ikke. Vises kun som andel pr. område og "
            "større enheder, aldrig pr. afdeling eller pr. barn."
        ),
        focus_area=FocusArea.EDUCATION,
        unit=Unit.PCT,
        measure=Measure.SHARE,
        better=Better.LOWER,
        relation=Relation.CHILD_MOTHER,
        numerator="CASE WHEN " + " + ".join(_SFI_FACTORS) + " >= 3 THEN 1 ELSE 0 END",
        levels=(Level.AREA, Level.MUNICIPALITY, Level.REGION, Level.COUNTRY),
    ),
    # --- housing-organisation aggregates per department and year -----------------------------
    IndicatorDefinition(
        key="move_out_rate",
        name="Fraflytningsprocent",
        description=(
            "Fraflytninger i året pr. 100 lejemål (tæller: fraflytninger, nævner: lejemål)."
        ),
        focus_area=FocusArea.COHESION,
        unit=Unit.RATE,
        measure=Measure.RATE,
        better=Better.LOWER,
        source=Source.HOUSING_AGGREGATE,
        levels=HOUSING_LEVELS,
        min_numerator=None,
    ),
    IndicatorDefinition(
        key="complaints_per_100_tenancies",
        name="Klager pr. 100 lejemål",
        description="Klager fra beboere i året pr. 100 lejemål (tæller: klager, nævner: lejemål).",
        focus_area=FocusArea.COHESION,
        unit=Unit.RATE,
        measure=Measure.RATE,
        better=Better.LOWER,
        source=Source.HOUSING_AGGREGATE,
        levels=HOUSING_LEVELS,
        min_numerator=None,
    ),
    IndicatorDefinition(
        key="vandalism_cost",
        name="Udgifter til hærværk",
        description="Boligorganisationens udgifter til hærværk i året i kr., summeret.",
        focus_area=FocusArea.CRIME,
        unit=Unit.KR,
        measure=Measure.TOTAL,
        better=Better.LOWER,
        source=Source.HOUSING_AGGREGATE,
        levels=HOUSING_LEVELS,
        min_numerator=None,
        min_denominator=None,
    ),
    IndicatorDefinition(
        key="volunteers",
        name="Frivillige",
        description="Antal faste frivillige i året, summeret.",
        focus_area=FocusArea.COHESION,
        unit=Unit.COUNT,
        measure=Measure.TOTAL,
        better=Better.HIGHER,
        source=Source.HOUSING_AGGREGATE,
        levels=HOUSING_LEVELS,
        min_numerator=None,
        min_denominator=None,
    ),
    IndicatorDefinition(
        key="leisure_jobs",
        name="Unge i fritidsjob",
        description="Antal unge, der er hjulpet i fritidsjob i året, summeret.",
        focus_area=FocusArea.EMPLOYMENT,
        unit=Unit.COUNT,
        measure=Measure.TOTAL,
        better=Better.HIGHER,
        source=Source.HOUSING_AGGREGATE,
        levels=HOUSING_LEVELS,
        min_numerator=None,
        min_denominator=None,
    ),
    # --- surveys per department or area and year ---------------------------------------------
    _survey(
        "feel_safe_evening",
        "Beboere, der føler sig trygge i området om aftenen",
        "Andel af de adspurgte beboere, der føler sig trygge eller meget trygge ved at færdes i "
        "boligområdet om aftenen efter mørkets frembrud. Tæller: svar »tryg« eller »meget "
        "tryg«; nævner: alle, der har besvaret spørgsmålet (blanke svar tæller ikke med). "
        "Kilde: Landsbyggefondens beboerundersøgelse eller en lokal tryghedsmåling med samme "
        "spørgsmål; Justitsministeriets tryghedsundersøgelse (til 2019 Rigspolitiets) måler "
        "tryghed i nabolaget for de særligt udsatte boligområder. Tal fra forskellige "
        "undersøgelser er ikke direkte sammenlignelige - brug samme kilde alle år.",
        FocusArea.CRIME,
        Better.HIGHER,
    ),
    _survey(
        "worried_about_crime",
        "Beboere, der er bekymrede for kriminalitet i området",
        "Andel af de adspurgte beboere, der er meget eller noget bekymrede for at blive udsat "
        "for kriminalitet i boligområdet. Tæller: svar »meget bekymret« eller »noget "
        "bekymret«; nævner: alle, der har besvaret spørgsmålet. Kilde: Justitsministeriets "
        "tryghedsundersøgelse (til 2019 Rigspolitiets), Landsbyggefondens beboerundersøgelse "
        "eller en lokal tryghedsmåling.",
        FocusArea.CRIME,
        Better.LOWER,
    ),
    _survey(
        "part_of_community",
        "Beboere, der føler sig som en del af fællesskabet i området",
        "Andel af de adspurgte beboere, der er enige eller meget enige i, at de føler sig som "
        "en del af et fællesskab i boligområdet og kender deres naboer (sammenhængskraft). "
        "Tæller: svar »enig« eller »meget enig«; nævner: alle, der har besvaret udsagnet. "
        "Kilde: Landsbyggefondens beboerundersøgelse eller boligorganisationens egen "
        "beboerundersøgelse.",
        FocusArea.COHESION,
        Better.HIGHER,
    ),
    _survey(
        "pupil_wellbeing",
        "Elevernes generelle trivsel, 4.-9. klasse",
        "Gennemsnitlig generel trivsel på skalaen 1-5 (5 er den bedst mulige trivsel) for "
        "elever i 4.-9. klasse, der bor i området, fra Den nationale trivselsmåling (Børne- og "
        "Undervisningsministeriet). En elevs score er gennemsnittet af elevens svar på "
        "spørgsmålene bag den generelle trivsel. Tæller: summen af elevernes scorer; nævner: "
        "antal elever med en score. Kommunen opgør tallet ud fra elevernes bopæl.",
        FocusArea.EDUCATION,
        Better.HIGHER,
        measure=Measure.MEAN,
        scale=(1, 5),
    ),
)

REGISTRY: dict[str, IndicatorDefinition] = {d.key: d for d in DEFINITIONS}
assert len(REGISTRY) == len(DEFINITIONS), "indikatornøgler skal være unikke"


def register_definitions() -> tuple[IndicatorDefinition, ...]:
    """The definitions the engine computes from the person-level extract."""
    return tuple(d for d in DEFINITIONS if d.source is Source.REGISTER)


def aggregate_definitions() -> tuple[IndicatorDefinition, ...]:
    """The definitions delivered as housing-organisation aggregates."""
    return tuple(d for d in DEFINITIONS if d.source is Source.HOUSING_AGGREGATE)


def survey_definitions() -> tuple[IndicatorDefinition, ...]:
    """The definitions delivered as survey results."""
    return tuple(d for d in DEFINITIONS if d.source is Source.SURVEY)


def delivered_definitions() -> tuple[IndicatorDefinition, ...]:
    """Everything an aggregate file may hold: housing-organisation figures and survey results."""
    return tuple(d for d in DEFINITIONS if d.source is not Source.REGISTER)
