"""One data year's attributes for the synthetic population (see synth.py for the calibration).

Every probability is a function of the person's age, sex and the vulnerability `v` of where they
live that year (0 = an ordinary neighbourhood, about 1 = among the most vulnerable areas). A
person's persistent `disadvantage` draw is shared by the attributes that go together, so e.g.
the same people tend to be outside the labour market, on benefits and with basic education.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from helhed.domain.indicators.synth import Population

F32 = np.float32
EMPLOYED, IN_EDUCATION, UNEMPLOYED, OUTSIDE = 0, 1, 2, 3  # index into LABOUR_STATUS_CODES
BASIC, UNKNOWN = 0, 6  # index into EDUCATION_CODES
# Non-basic education by rising disadvantage: long, medium, short higher, vocational, upper sec.
_HIGHER = (
    (0.17, 5),
    (0.40, 4),
    (0.47, 3),
    (0.85, 2),
    (1.01, 1),
)
# Public support cost in kr by situation (before noise); scaled to 29,000 kr per resident
# nationally and roughly twice that in vulnerable areas (KL's 65,000 vs 29,000).
_COST = {"child": 22_000, "employed": 4_300, "student": 57_000, "unemployed": 129_000,
         "outside": 200_000, "old": 75_000}  # fmt: skip


# Calibration knobs, each (at v = 0, change per unit of v). Set with
# scripts/synth_calibration.py against the published figures (docs/extract-format.md).
# P(employed) of an 18-64-year-old who is not a student: 73 % of 18+ employed nationally, 46 %
# in the areas meeting the list criteria (a slope of 0.46 gave 40-42 %).
EMPLOYED_P = (0.99, 0.405)
# P(lives in a nuclear family) of a woman aged 18-57 (the mothers; a child follows its mother).
# The one SFI risk factor no other figure pins down, so it sets the share of children with three
# or more factors in those areas to 37 % (a slope of 0.3 gave 44-48 %): 15 % of mothers are
# outside a nuclear family at v = 0, 33 % at v = 1.
NUCLEAR_P = (0.85, 0.18)
# Public support cost multiplier (1 + COST_V·v) on the situation's cost: keeps those areas near
# KL's 65,000 kr per resident now that more of their residents are employed.
COST_V = 0.05


def _correlated(rng: np.random.Generator, base: np.ndarray, rho: float) -> np.ndarray:
    fresh = rng.random(len(base), dtype=F32)
    take = rng.random(len(base), dtype=F32) < rho
    fresh[take] = base[take]
    return fresh


def _mother_rows(population: Population) -> np.ndarray:
    """Row index of each person's mother in this year's population, -1 when absent."""
    order = np.argsort(population.person_id, kind="stable")
    sorted_ids = population.person_id[order]
    position = np.searchsorted(sorted_ids, population.mother)
    position = np.minimum(position, len(sorted_ids) - 1)
    found = (population.mother >= 0) & (sorted_ids[position] == population.mother)
    return np.where(found, order[position], -1)


def year_attributes(
    population: Population, v: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Arrays for one data year; nullable columns come with a `<name>_valid` mask."""
    age = population.age.astype(np.int32)
    n = len(age)
    female = population.female
    s = population.disadvantage
    v = np.clip(v, -0.2, 1.2).astype(F32)
    adult = age >= 18
    working_age = adult & (age <= 64)
    old = age >= 65
    child = age <= 17
    nonwestern = population.origin >= 3

    # labour-market attachment
    status = np.full(n, OUTSIDE, dtype=np.int8)
    status[(age >= 6) & child] = IN_EDUCATION
    student_p = np.select([age <= 24, age <= 29, age <= 39], [0.55, 0.22, 0.05], 0.02)
    student = working_age & (rng.random(n, dtype=F32) < student_p * (1 - 0.25 * v))
    u = _correlated(rng, s, 0.7)
    employed_p = np.clip(EMPLOYED_P[0] - EMPLOYED_P[1] * v, 0.05, 0.995)
    unemployed_p = 0.03 + 0.05 * v
    rest = working_age & ~student
    status[rest & (u < employed_p)] = EMPLOYED
    status[rest & (u >= employed_p) & (u < employed_p + unemployed_p)] = UNEMPLOYED
    status[student] = IN_EDUCATION
    old_p = np.where(age < 70, 0.8, 0.22) * np.clip(1 - 0.55 * v, 0.1, 1.1)
    status[old & (u < old_p)] = EMPLOYED

    # highest completed education (persistent draw, so it rarely changes between years)
    basic_p = np.select(
        [age < 16, age <= 19, age <= 24, age <= 29, age <= 59],
        [1.0, 0.85, 0.45 + 0.2 * v, 0.14 + 0.36 * v, 0.16 + 0.5 * v],
        0.28 + 0.3 * v,
    )
    basic_p = np.clip(basic_p, 0.02, 1.0)
    e = population.education_draw
    education = np.full(n, BASIC, dtype=np.int8)
    position = e / np.maximum(1 - basic_p, 1e-6)
    for limit, code in reversed(_HIGHER):
        education[position < limit] = code
    education[e >= 1 - basic_p] = BASIC
    immigrant = (population.origin == 1) | (population.origin == 3)
    second = (e * 997) % 1
    education[(education == BASIC) & immigrant & (age >= 16) & (second < 0.35)] = UNKNOWN

    # income, taxes and benefits
    z = rng.standard_normal(n).astype(F32)
    income = np.zeros(n, dtype=F32)
    employed = status == EMPLOYED
    income[employed] = (
        360_000 * np.clip(1 - 0.4 * v[employed], 0.4, 1.1) * np.exp(0.4 * z[employed])
    )
    income[adult & (status == IN_EDUCATION)] = 80_000 * np.exp(
        0.3 * z[adult & (status == IN_EDUCATION)]
    )
    income[status == UNEMPLOYED] = 190_000 * np.exp(0.2 * z[status == UNEMPLOYED])
    outside = (status == OUTSIDE) & adult
    income[outside] = np.where(old[outside], 210_000, 155_000) * np.exp(0.25 * z[outside])
    teen = (age >= 15) & child
    income[teen] = np.where(rng.random(int(teen.sum())) < 0.5, 0, 25_000 * np.exp(0.5 * z[teen]))
    taxable = (age >= 15) & (rng.random(n, dtype=F32) >= 0.01 + 0.03 * v)
    benefit_u = rng.random(n, dtype=F32)
    cash = working_age & (
        ((status == OUTSIDE) & (benefit_u < 0.85)) | ((status == UNEMPLOYED) & (benefit_u < 0.35))
    )
    cash |= old & ((age >= 67) | (status == OUTSIDE))
    education_benefit = (
        adult & (age <= 29) & ((status == UNEMPLOYED) | (status == OUTSIDE)) & (benefit_u < 0.65)
    )
    cost_base = np.select(
        [child, old, status == EMPLOYED, status == IN_EDUCATION, status == UNEMPLOYED],
        [_COST["child"], _COST["old"], _COST["employed"], _COST["student"], _COST["unemployed"]],
        _COST["outside"],
    ).astype(F32)
    cost = cost_base * (1 + COST_V * v) * np.exp(0.3 * rng.standard_normal(n).astype(F32) - 0.05)

    # crime
    sex_factor = np.where(female, 0.3, 1.7)
    age_factor = np.select([age <= 29, age <= 49], [2.2, 1.0], 0.4)
    convicted_p = 0.0058 * (1 + 4 * np.clip(v, 0, None)) * sex_factor * age_factor
    convicted = adult & (_correlated(rng, s, 0.5) > 1 - convicted_p)
    charged_p = (0.015 + 0.05 * np.clip(v, 0, None)) * np.where(female, 0.4, 1.6)
    charged = (age >= 10) & child & (_correlated(rng, s, 0.5) > 1 - charged_p)

    # children and young people
    child_case = child & (_correlated(rng, s, 0.6) > 1 - (0.03 + 0.09 * np.clip(v, 0, None)))
    exam = (age == 15) & (rng.random(n, dtype=F32) < 0.95)
    mark = 7.2 - 2.2 * v - 3.0 * (s - 0.5)
    grade_danish = np.clip(np.round(mark + 2.0 * rng.standard_normal(n), 1), -3, 12)
    grade_math = np.clip(np.round(mark + 2.2 * rng.standard_normal(n), 1), -3, 12)
    youth = (age == 25) & (rng.random(n, dtype=F32) >= 0.03)
    youth_done = _correlated(rng, s, 0.6) < 0.86 - 0.32 * v
    language = (age >= 3) & (age <= 5) & (rng.random(n, dtype=F32) >= 0.04)
    language_p = np.clip((0.05 + 0.28 * v) * np.where(nonwestern, 1.8, 0.8), 0.01, 0.9)
    language_need = _correlated(rng, s, 0.5) > 1 - language_p

    # family: a child shares the mother's household situation when she is in the data
    mother_row = _mother_rows(population)
    nuclear_p = np.where(adult & female & (age <= 57), NUCLEAR_P[0] - NUCLEAR_P[1] * v, 0.6)
    nuclear = population.family_draw < nuclear_p
    with_mother = child & (mother_row >= 0)
    nuclear[with_mother] = nuclear[mother_row[with_mother]]

    return {
        "labour_status": status,
        "education": education,
        "in_education": status == IN_EDUCATION,
        "gross_income": np.round(income).astype(np.int64),
        "taxable": taxable,
        "convicted": convicted,
        "charged": charged,
        "education_benefit": education_benefit,
        "cash_benefit_or_pension": cash,
        "public_support_cost": np.round(cost).astype(np.int64),
        "moved_out": rng.random(n, dtype=F32) < 0.08 + 0.06 * v,
        "child_case": child_case,
        "grade_danish_9": grade_danish,
        "grade_danish_9_valid": exam,
        "grade_math_9": grade_math,
        "grade_math_9_valid": exam,
        "completed_youth_education": youth_done,
        "completed_youth_education_valid": youth,
        "language_support": language_need,
        "language_support_valid": language,
        "nuclear_family": nuclear,
    }
