"""Malformed gains scenarios: a clear error naming the field path, or the correct result — never
a crash or a 500, and nothing saved on an error (hypothesis-generated, through the core, the
API, the JSON editor and `helhed gains calc`).

A valid scenario is generated, then up to three faults are put into distinct top-level fields.
Each fault knows the path it must be reported at and at which stage the core finds it (the
reader's type checks, then the model's rules, then the uncertainty paths: a later stage is only
checked when the earlier ones pass). Faults in the JSON text itself (not UTF-8, cut short,
nested a hundred thousand deep, a 5000-digit number, NaN) have no field path: the error names
the JSON problem instead.
"""

from __future__ import annotations

import copy
import io
import json
import math
import reprlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from helhed.domain.gains import ScenarioError, evaluate, evaluation_to_dict, parse_input
from helhed.gains.models import Calculation

PUBLIC = ["kommune", "region", "stat"]
TYPE, RULE, ASSUMPTION = 1, 2, 3  # the stage at which the core finds a fault
DEEP = 100_000  # deeper than Python's JSON parser can go
API = "/api/gains/calculate/"
# A problem with the JSON text: DRF's "JSON parse error - …", the core's "ugyldig JSON (…)" or
# "er ikke gemt som UTF-8".
JSON_WORDS = ("JSON parse error", "ugyldig JSON", "UTF-8")
CALCULATIONS = "/api/gains/calculations/"

# ---- valid scenarios ---------------------------------------------------------------------------

AMOUNTS = st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False, allow_subnormal=True))
PRICES = st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6, allow_nan=False))
ITEMS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ÆØÅ-,.", min_size=1, max_size=20).filter(
    lambda text: text.strip() != ""
)


@st.composite
def scenarios(draw) -> dict[str, Any]:
    horizon = draw(st.integers(1, 10))
    approach = draw(st.sampled_from(["budget", "wellbeing"]))
    bodies = PUBLIC + (["samfund"] if approach == "wellbeing" else [])
    items = draw(st.lists(ITEMS, max_size=3, unique=True))
    data: dict[str, Any] = {
        "horizon_years": horizon,
        "participants_per_year": draw(st.lists(st.integers(0, 500), min_size=1, max_size=horizon)),
        "success_rate": draw(st.floats(0, 1)),
        "consequences": [
            {
                "item": item,
                "change_per_success_per_year": draw(
                    st.lists(
                        st.one_of(st.integers(-5, 5), st.floats(-10, 10)),
                        min_size=1,
                        max_size=horizon,
                    )
                ),
                "price": draw(st.dictionaries(st.sampled_from(bodies), PRICES, min_size=1)),
            }
            for item in items
        ],
    }
    if draw(st.booleans()):
        data["discount_rate"] = draw(st.floats(0, 0.5))
    if draw(st.booleans()):
        data["cost_per_participant"] = draw(st.dictionaries(st.sampled_from(bodies), AMOUNTS))
    if draw(st.booleans()):
        data["cost_per_year"] = draw(
            st.lists(st.dictionaries(st.sampled_from(bodies), AMOUNTS), max_size=horizon)
        )
    if draw(st.booleans()):
        data["effect_offset_years"] = draw(st.integers(0, horizon - 1))
    if approach == "wellbeing" or draw(st.booleans()):
        data["approach"] = approach
    if approach == "wellbeing" and draw(st.booleans()):
        data["sroi"] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    name: st.floats(0, 1)
                    for name in ("deadweight", "attribution", "displacement", "drop_off")
                },
            )
        )
    if draw(st.booleans()) and not data.get("sroi", {}).get("drop_off"):
        data["effect_fade"] = draw(st.floats(0, 1))
    if draw(st.booleans()):
        rate = data["success_rate"]
        low = draw(st.floats(0, rate))
        high = draw(st.floats(rate, 1))
        data["uncertainty"] = {"success_rate": {"low": low, "high": high}}
        data["monte_carlo"] = {
            "draws": draw(st.integers(1, 40)),
            "seed": draw(st.integers(-(10**9), 10**9)),
            "interval": draw(st.floats(0.05, 0.95)),
        }
    if draw(st.booleans()):
        data["name"] = draw(st.text(max_size=30).filter(lambda text: "\x00" not in text))
    if draw(st.booleans()):
        data["notes"] = draw(st.lists(st.text(alphabet="abc æøå", max_size=10), max_size=3))
    return data


# ---- faults ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    key: str  # the top-level field it changes
    path: str  # where the error must be reported ("" for a problem with the JSON text)
    stage: int  # TYPE, RULE or ASSUMPTION; 0 for the JSON text
    value: Any = None
    place: tuple[Any, ...] = ()  # where to put value; () with `delete` for a missing field
    delete: bool = False
    text: str | None = None  # JSON text put in for a placeholder (JSON-text faults)
    raw: bytes | None = None  # bytes put in for a placeholder (not UTF-8)
    python_only: bool = False  # NaN/inf/huge ints: written as NaN or digits in JSON text


def _deep_list(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


NOT_A_NUMBER = ["0,2", "abc", None, True, [], {}, [0.2], "1.000,50", _deep_list(40)]
NOT_AN_INTEGER = ["5", 5.5, "fem", None, True, [], 5.0, _deep_list(40)]


@st.composite
def faults(draw, data: dict[str, Any]) -> Fault:
    n = len(data["consequences"])
    choices: list[Fault] = []

    def add(key, path, stage, value=None, place=None, **kwargs):
        choices.append(
            Fault(key, path, stage, value, place if place is not None else (key,), **kwargs)
        )

    for key in ("success_rate", "discount_rate", "effect_fade"):
        add(key, key, TYPE, draw(st.sampled_from(NOT_A_NUMBER)))
        add(key, key, TYPE, draw(st.sampled_from([1e300, -1e13, 10**400])))
        add(
            key, key, TYPE, draw(st.sampled_from([math.nan, math.inf, -math.inf])), python_only=True
        )
    add("success_rate", "success_rate", RULE, draw(st.sampled_from([1.5, -0.1, 2])))
    add("discount_rate", "discount_rate", RULE, draw(st.sampled_from([1.0, -0.01, 7])))
    add("effect_fade", "effect_fade", RULE, draw(st.sampled_from([1.5, -0.5])))
    for key in ("horizon_years", "effect_offset_years"):
        add(key, key, TYPE, draw(st.sampled_from(NOT_AN_INTEGER)))
        add(key, key, TYPE, draw(st.sampled_from([10**13, -(10**400)])))
    # Rule faults never depend on the horizon, which another fault may change (lists of 12 are
    # longer than any horizon these faults leave, 0 to 11).
    add("horizon_years", "horizon_years", RULE, draw(st.sampled_from([0, -3, 11])))
    add("effect_offset_years", "effect_offset_years", RULE, -1)
    cohorts = len(data["participants_per_year"])
    index = draw(st.integers(0, cohorts - 1))
    add(
        "participants_per_year",
        "participants_per_year",
        TYPE,
        draw(st.sampled_from(["10; 10", 10, {}, None])),
    )
    add(
        "participants_per_year",
        f"participants_per_year[{index}]",
        TYPE,
        draw(st.sampled_from(["10", 1.5, None, True, 10**400, "ti"])),
        ("participants_per_year", index),
    )
    add(
        "participants_per_year",
        f"participants_per_year[{index}]",
        RULE,
        -1,
        ("participants_per_year", index),
    )
    add("participants_per_year", "participants_per_year", RULE, [])
    add("participants_per_year", "participants_per_year", RULE, [1] * 12)
    add("consequences", "consequences", TYPE, draw(st.sampled_from(["x", {}, None, 5])))
    if n:
        i = draw(st.integers(0, n - 1))
        c = f"consequences[{i}]"
        add("consequences", c, TYPE, draw(st.sampled_from([[], "x", None])), ("consequences", i))
        add(
            "consequences",
            f"{c}.item",
            TYPE,
            draw(st.sampled_from([5, None, [], "a\x00b"])),
            ("consequences", i, "item"),
        )
        add(
            "consequences",
            f"{c}.price",
            TYPE,
            draw(st.sampled_from([[], "65000", 65000])),
            ("consequences", i, "price"),
        )
        add(
            "consequences",
            f"{c}.price.kommune",
            TYPE,
            draw(st.sampled_from(["65.000,00", "abc", None, 1e13, 10**400])),
            ("consequences", i, "price", "kommune"),
        )
        add(
            "consequences",
            f"{c}.price.kommune",
            TYPE,
            math.inf,
            ("consequences", i, "price", "kommune"),
            python_only=True,
        )
        add(
            "consequences",
            f"{c}.change_per_success_per_year",
            TYPE,
            draw(st.sampled_from(["1,1", 1, None])),
            ("consequences", i, "change_per_success_per_year"),
        )
        add(
            "consequences",
            f"{c}.change_per_success_per_year[0]",
            TYPE,
            draw(st.sampled_from(["1,5", None, 1e16])),
            ("consequences", i, "change_per_success_per_year", 0),
        )
        add("consequences", f"{c}.pris", TYPE, 1, ("consequences", i, "pris"))
        add("consequences", f"{c}.item", TYPE, None, ("consequences", i, "item"), delete=True)
        add(
            "consequences",
            f"{c}.item",
            RULE,
            draw(st.sampled_from(["", "   "])),
            ("consequences", i, "item"),
        )
        add(
            "consequences",
            f"{c}.change_per_success_per_year",
            RULE,
            [],
            ("consequences", i, "change_per_success_per_year"),
        )
        add(
            "consequences",
            f"{c}.change_per_success_per_year",
            RULE,
            [1] * 12,
            ("consequences", i, "change_per_success_per_year"),
        )
        add("consequences", f"{c}.price", RULE, {}, ("consequences", i, "price"))
        add("consequences", f"{c}.price.borger", RULE, 100, ("consequences", i, "price", "borger"))
        if n > 1:
            add(
                "consequences",
                f"consequences[{n - 1}].item",
                RULE,
                data["consequences"][0]["item"],
                ("consequences", n - 1, "item"),
            )
    add(
        "cost_per_participant",
        "cost_per_participant",
        TYPE,
        draw(st.sampled_from([[], "20000", 5])),
    )
    add(
        "cost_per_participant",
        "cost_per_participant.kommune",
        TYPE,
        draw(st.sampled_from(["20.000", None, 1e200])),
        ("cost_per_participant", "kommune"),
    )
    add(
        "cost_per_participant",
        "cost_per_participant.kommune",
        RULE,
        -5,
        ("cost_per_participant", "kommune"),
    )
    if data.get("approach", "budget") == "budget":
        add(
            "cost_per_participant",
            "cost_per_participant.samfund",
            RULE,
            5,
            ("cost_per_participant", "samfund"),
        )
        add("sroi", "sroi", RULE, {"deadweight": 0.1})
    add("cost_per_year", "cost_per_year[0]", TYPE, [draw(st.sampled_from([[1], "100", None]))])
    add("approach", "approach", TYPE, draw(st.sampled_from(["Budget", "welfare", 1, None])))
    add("name", "name", TYPE, draw(st.sampled_from([5, [], None, "Beregning\x00"])))
    add("notes", "notes", TYPE, draw(st.sampled_from(["x", [1], None])))
    add("notes", "notes[0]", TYPE, ["a\x00"])
    add("sroi", "sroi", TYPE, draw(st.sampled_from([[], "0,1"])))
    add("sroi", "sroi.dødvægt", TYPE, {"dødvægt": 0.1})
    add("monte_carlo", "monte_carlo", TYPE, draw(st.sampled_from([[], "x"])))
    add(
        "monte_carlo",
        draw(st.sampled_from(["monte_carlo.draws", "monte_carlo.seed", "monte_carlo.interval"])),
        TYPE,
        None,
        ("monte_carlo",),
    )
    add("uncertainty", "uncertainty", TYPE, draw(st.sampled_from([[], "x", 5])))
    add("uncertainty", "uncertainty.success_rate", TYPE, {"success_rate": 5})
    add(
        "uncertainty",
        "uncertainty.success_rate.low",
        TYPE,
        {"success_rate": {"low": "0,1", "high": 1}},
        ("uncertainty",),
    )
    add(
        "uncertainty",
        "uncertainty.success_rate.high",
        TYPE,
        {"success_rate": {"low": 0}},
        ("uncertainty",),
    )
    add(
        "uncertainty",
        "uncertainty.succes_rate",
        ASSUMPTION,
        {"succes_rate": {"low": 0, "high": 1}},
        ("uncertainty",),
    )
    add(
        "uncertainty",
        "uncertainty.success_rate",
        ASSUMPTION,
        {"success_rate": {"low": 2, "high": 3}},
        ("uncertainty",),
    )
    huge_index = "consequences[" + "9" * 5000 + "].price.kommune"
    add(
        "uncertainty",
        f"uncertainty.{huge_index}",
        ASSUMPTION,
        {huge_index: {"low": 0, "high": 1}},
        ("uncertainty",),
    )
    add(
        "uncertainty",
        "uncertainty.consequences[99].change_scale",
        ASSUMPTION,
        {"consequences[99].change_scale": {"low": 0, "high": 2}},
        ("uncertainty",),
    )
    for key in ("horizon_years", "participants_per_year", "success_rate", "consequences"):
        add(key, key, TYPE, None, delete=True)
    extra = draw(st.sampled_from(["succes_rate", "Horizon_years", "participants", "gevinst"]))
    add(extra, extra, TYPE, 0.2)
    # Faults in the JSON text: at the place of `key`, replaced after json.dumps.
    add("success_rate", "", 0, text="9" * 5000)
    add("success_rate", "", 0, text="[" * DEEP + "]" * DEEP)
    add("success_rate", "success_rate", TYPE, text="[" * 60 + "]" * 60)
    add("consequences", "", 0, raw=b'"\xff\xfe"')
    add("success_rate", "", 0, text="0,2")  # not JSON
    add("success_rate", "", 0, text="NaN")
    fault = draw(st.sampled_from(choices))
    if fault.path.startswith("monte_carlo."):
        name = fault.path.removeprefix("monte_carlo.")
        wrong = {"draws": ["100", 0, 10**15], "seed": [1.5, "1"], "interval": [1.5, 0, "0,9"]}
        fault = Fault(
            fault.key,
            fault.path,
            fault.stage,
            {name: draw(st.sampled_from(wrong[name]))},
            ("monte_carlo",),
        )
    return fault


def _apply(data: dict[str, Any], fault: Fault) -> None:
    target: Any = data
    for step in fault.place[:-1]:
        target = target.setdefault(step, {}) if isinstance(target, dict) else target[step]
    last = fault.place[-1]
    if fault.delete:
        target.pop(last, None)
    elif fault.text is not None or fault.raw is not None:
        target[last] = "__PLACEHOLDER__"
    else:
        target[last] = copy.deepcopy(fault.value)


@dataclass(repr=False)
class Case:
    data: dict[str, Any]
    faults: list[Fault] = field(default_factory=list)
    channel: str = "core"

    def __repr__(self) -> str:
        shown = reprlib.Repr()
        shown.maxstring, shown.maxlist, shown.maxdict, shown.maxlevel = 80, 12, 20, 6
        return f"Case(channel={self.channel!r}, data={shown.repr(self.data)}, faults={shown.repr(self.faults)})"

    @property
    def json_text_fault(self) -> Fault | None:
        return next((f for f in self.faults if f.text is not None or f.raw is not None), None)

    @property
    def nan_in_json(self) -> bool:
        return any(
            f.python_only and isinstance(f.value, float) and not math.isfinite(f.value)
            for f in self.faults
        )

    def body(self) -> bytes:
        text = json.dumps(self.data, ensure_ascii=False)
        fault = self.json_text_fault
        encoded = text.encode()
        if fault is not None:
            if fault.raw is not None:
                encoded = encoded.replace(b'"__PLACEHOLDER__"', fault.raw)
            else:
                encoded = encoded.replace(b'"__PLACEHOLDER__"', fault.text.encode())
        return encoded

    def expected(self) -> tuple[str, set[str]]:
        """('json', set()) for a problem with the JSON text, else (stage name, paths)."""
        fault = self.json_text_fault
        if fault is not None and fault.stage == 0:
            if fault.text == "NaN" and self.channel in ("cli", "form"):
                return "fields", {"success_rate"}  # Python's json reads NaN; the core refuses it
            return "json", set()
        if self.nan_in_json and self.channel.startswith("api"):
            return "json", set()  # DRF's strict parser refuses NaN and Infinity
        for stage in (TYPE, RULE, ASSUMPTION):
            paths = {f.path for f in self.faults if f.stage == stage}
            if paths:
                return "fields", paths
        return "ok", set()


# The core, POST /api/gains/calculate/, creating and changing a calculation through the API,
# the JSON editor of the web page and `helhed gains calc`.
CHANNELS = ["core", "api", "api_create", "api_update", "form", "cli"]


@st.composite
def cases(draw, channel: str) -> Case:
    data = draw(scenarios())
    original = copy.deepcopy(data)  # faults are drawn for the valid scenario
    case = Case(data=data, channel=channel)
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 1, 2, 3]))):
        fault = draw(faults(original))
        if any(f.key == fault.key for f in case.faults):
            continue
        if (fault.text is not None or fault.raw is not None) and (
            channel == "core" or case.json_text_fault is not None
        ):
            continue
        if fault.raw is not None and channel == "form":
            continue
        if fault.key == "name" and channel in ("api_create", "api_update", "form"):
            continue  # the app keeps the name apart from the scenario
        _apply(case.data, fault)
        case.faults.append(fault)
    return case


# ---- running one case --------------------------------------------------------------------------


@dataclass
class Outcome:
    output: dict[str, Any] | None = None
    lines: list[str] = field(default_factory=list)  # "path: message", or the message alone


def _state() -> tuple:
    return tuple(
        Calculation.objects.order_by("pk").values_list("pk", "name", "scenario", "result_key")
    )


def _run(case: Case, api_for, client_for, activity, stored: Calculation) -> Outcome:
    if case.channel == "core":
        try:
            return Outcome(output=evaluation_to_dict(evaluate(*parse_input(case.data))))
        except ScenarioError as error:
            return Outcome(lines=[str(problem) for problem in error.problems])
    if case.channel == "cli":
        with tempfile.TemporaryDirectory() as tmp:
            source, result = Path(tmp) / "scenario.json", Path(tmp) / "r.json"
            source.write_bytes(case.body())
            try:
                call_command(
                    "gains", "calc", "--input", str(source), "--out", str(result),
                    stdout=io.StringIO(),
                )  # fmt: skip
            except CommandError as error:
                head, *lines = str(error).splitlines()
                assert head == "Scenariet kan ikke beregnes:", head
                assert all(line.startswith("scenario.json: ") for line in lines), lines
                return Outcome(lines=[line.removeprefix("scenario.json: ") for line in lines])
            return Outcome(output=json.loads(result.read_text(encoding="utf-8")))
    if case.channel == "form":
        response = client_for("alice").post(
            f"/gevinster/aktiviteter/{activity.pk}/beregninger/ny/",
            {"mode": "json", "scenario_json": case.body().decode()},
        )
        if response.status_code == 302:
            return Outcome(output=Calculation.objects.order_by("-pk").first().result)
        assert response.status_code == 400
        form = response.context["submission"].json_form
        return Outcome(lines=list(form.errors.get("scenario_json", [])))
    client = api_for("alice")
    body = case.body()
    if case.channel == "api":
        response = client.generic("POST", API, body, content_type="application/json")
    elif case.channel == "api_create":
        wrapped = b'{"activity": %d, "name": "Fuzz", "scenario": %s}' % (activity.pk, body)
        response = client.generic("POST", CALCULATIONS, wrapped, content_type="application/json")
    else:
        wrapped = b'{"name": "Fuzz", "scenario": %s}' % body
        url = f"{CALCULATIONS}{stored.pk}/"
        response = client.generic("PATCH", url, wrapped, content_type="application/json")
    assert response.status_code in (200, 201, 400), (response.status_code, response.content[:300])
    data = response.json()
    if response.status_code != 400:
        return Outcome(output=data if case.channel == "api" else data["result"])
    if "errors" in data:
        assert data["detail"] == "Scenariet kan ikke beregnes."
        return Outcome(
            lines=[
                f"{e['path']}: {e['message']}" if e["path"] else e["message"]
                for e in data["errors"]
            ]
        )
    return Outcome(lines=[str(data.get("detail", data))])


# ---- the property --------------------------------------------------------------------------------


def _check_output(case: Case, output: dict[str, Any]) -> None:
    json.dumps(output, allow_nan=False)  # every number is finite
    expected = evaluation_to_dict(evaluate(*parse_input(case.data)))
    assert output == expected
    participants = sum(case.data["participants_per_year"])
    assert output["participants_total"] == participants
    assert len(output["net_by_year"]) == case.data["horizon_years"]
    scale = 1 + max(abs(output["gains_total"]), abs(output["costs_total"]))
    assert (
        abs(output["net_result"] - (output["gains_total"] + output["costs_total"]))
        <= 0.02 + 1e-9 * scale
    )
    assert (
        abs(output["net_result"] - sum(output["net_by_year"]))
        <= 0.01 * (1 + len(output["net_by_year"])) + 1e-9 * scale
    )
    cumulative = output["cumulative_net_by_year"]
    if output["payback_year"] is not None:
        assert cumulative[output["payback_year"]] >= -0.01 - 1e-9 * scale


@pytest.mark.parametrize("channel", CHANNELS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_any_scenario_gives_its_field_errors_or_the_correct_result(
    personas, api_for, client_for, channel, data
):
    from helhed.gains import services
    from helhed.partnerships.models import Activity

    case = data.draw(cases(channel), label="case")
    note(repr(case))

    activity = Activity.objects.get(plan__name="Plads Til Forskel", name="Bydelsmødre")
    with transaction.atomic():
        stored = services.calculation_create(
            actor=personas.alice,
            activity=activity,
            name="Før",
            scenario={
                "horizon_years": 2,
                "participants_per_year": [1],
                "success_rate": 0.5,
                "consequences": [],
            },
        )
        before = _state()
        kind, paths = case.expected()
        event(kind)
        outcome = _run(case, api_for, client_for, activity, stored)
        if kind == "ok":
            assert outcome.output is not None, outcome.lines
            _check_output(case, outcome.output)
        else:
            assert outcome.output is None, "a faulty scenario must not give a result"
            assert outcome.lines and all(line.strip() for line in outcome.lines)
            if kind == "json":
                assert any(word in line for line in outcome.lines for word in JSON_WORDS), (
                    outcome.lines
                )
            else:
                for path in paths:
                    assert any(line.startswith(f"{path}: ") for line in outcome.lines), (
                        path,
                        outcome.lines,
                    )
            assert _state() == before, "nothing is saved from a refused scenario"
        transaction.set_rollback(True)


# ---- regressions found by the fuzzer above -------------------------------------------------------

MINIMAL = {
    "horizon_years": 5,
    "participants_per_year": [10, 10],
    "cost_per_participant": {"kommune": 20000},
    "success_rate": 0.2,
    "consequences": [
        {"item": "forsørgelse", "change_per_success_per_year": [1] * 5, "price": {"kommune": 65000}}
    ],
}


def _paths(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_input(data)
    return [str(p) for p in caught.value.problems]


def test_numbers_too_large_to_calculate_name_their_field():
    # Was OverflowError (an int beyond float range) or an output of inf/NaN, which the API's
    # JSON renderer and PostgreSQL's jsonb refuse: a 500.
    data = copy.deepcopy(MINIMAL)
    data["participants_per_year"] = [10**400, 10]
    data["consequences"][0]["price"]["kommune"] = 1e308
    data["success_rate"] = 10**400
    assert _paths(data) == [
        "participants_per_year[0]: skal ligge mellem -1.000.000.000.000 og 1.000.000.000.000",
        "success_rate: skal ligge mellem -1.000.000.000.000 og 1.000.000.000.000",
        "consequences[0].price.kommune: skal ligge mellem -1.000.000.000.000 og 1.000.000.000.000",
    ]


def test_a_tiny_divisor_gives_no_rate_rather_than_infinity():
    data = copy.deepcopy(MINIMAL)
    data["consequences"][0]["price"]["kommune"] = 5e-324
    output = evaluation_to_dict(evaluate(*parse_input(data)))
    json.dumps(output, allow_nan=False)
    assert output["break_even_success_rate"] is None


def test_a_huge_consequence_number_in_an_assumption_path_is_refused():
    # Was ValueError: int() of a 5000-digit consequence number.
    data = copy.deepcopy(MINIMAL)
    path = "consequences[" + "9" * 5000 + "].price.kommune"
    data["uncertainty"] = {path: {"low": 0, "high": 1}}
    [problem] = _paths(data)
    assert problem.startswith("uncertainty.consequences[999")
    assert problem.endswith("der er ingen konsekvens nr. 999999999999…")


def test_nul_in_a_text_is_refused():
    # Was stored: PostgreSQL cannot hold NUL in jsonb or varchar (a 500 there).
    data = copy.deepcopy(MINIMAL)
    data["consequences"][0]["item"] = "for\x00sørgelse"
    data["notes"] = ["ok", "ikke\x00ok"]
    assert _paths(data) == [
        "consequences[0].item: må ikke indeholde tegnet NUL (\\u0000)",
        "notes[1]: må ikke indeholde tegnet NUL (\\u0000)",
    ]


@pytest.mark.parametrize("text", ["[" * DEEP + "]" * DEEP, '{"horizon_years": ' + "9" * 5000 + "}"])
def test_json_the_parser_cannot_take_is_a_400_not_a_500(api_for, client_for, tmp_path, text):
    from helhed.partnerships.models import Activity

    # The API: was RecursionError from DRF's JSON parser (a 500) for the deep one.
    response = api_for("alice").generic("POST", API, text, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    # The JSON editor: was RecursionError / ValueError (a 500).
    activity = Activity.objects.get(plan__name="Plads Til Forskel", name="Bydelsmødre")
    count = Calculation.objects.count()
    response = client_for("alice").post(
        f"/gevinster/aktiviteter/{activity.pk}/beregninger/ny/",
        {"mode": "json", "scenario_json": text},
    )
    assert response.status_code == 400
    [line] = response.context["submission"].json_form.errors["scenario_json"]
    assert line.startswith("ugyldig JSON (")
    assert Calculation.objects.count() == count
    # `helhed gains calc`: was a traceback.
    path = tmp_path / "scenario.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"scenario.json: ugyldig JSON \("):
        call_command("gains", "calc", "--input", str(path))


def test_a_nul_in_the_name_from_the_json_editor_is_refused(client_for):
    from helhed.partnerships.models import Activity

    # Was DataError on PostgreSQL (a 500): the name is taken from the JSON, past the form field.
    activity = Activity.objects.get(plan__name="Plads Til Forskel", name="Bydelsmødre")
    count = Calculation.objects.count()
    data = {**copy.deepcopy(MINIMAL), "name": "Før\x00efter"}
    response = client_for("alice").post(
        f"/gevinster/aktiviteter/{activity.pk}/beregninger/ny/",
        {"mode": "json", "scenario_json": json.dumps(data)},
    )
    assert response.status_code == 400
    errors = response.context["submission"].json_form.non_field_errors()
    assert [error.split(":")[0] for error in errors] == ["name"]
    assert Calculation.objects.count() == count
