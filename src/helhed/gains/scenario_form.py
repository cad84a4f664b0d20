"""The scenario editor: structured fields for the common parts of a scenario, or raw JSON.

The structured form owns horizon, discount rate, participants, cost per participant, success
rate and the consequences, with low/high values for their assumptions. Everything else in the
stored scenario (fixed yearly costs, effect offset and fade, approach, SROI, Monte Carlo settings,
notes, other assumptions) is kept as it is, so saving the form never drops what only the JSON
editor can change. The forms only convert types; the rules are the core's, and its problems
(field path + Danish message) are shown at the top and next to the matching field.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import sanitize_separators
from django.utils.translation import gettext_lazy as _

from helhed.domain.gains import BODY_LABELS, DEFAULT_DISCOUNT_RATE, PUBLIC_BODIES, Problem

WELLBEING_BODIES = (*PUBLIC_BODIES, "samfund")
# Top-level fields the structured form writes; every other field of the scenario is kept.
OWNED = {
    "name", "horizon_years", "discount_rate", "participants_per_year", "success_rate",
    "cost_per_participant", "consequences", "uncertainty",
}  # fmt: skip


def decimal_text(value: float | Decimal) -> str:
    """A number as a Dane types it: 0,5 and 65000 (no grouping, so lists stay readable)."""
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _decimal(value: float) -> Decimal:
    return Decimal(f"{value:.10f}".rstrip("0").rstrip("."))


class YearListField(forms.CharField):
    """Numbers for year 0, 1, 2 … separated by semicolons or spaces, e.g. "10; 10" or "0,5 1"."""

    def __init__(self, *, integers: bool = False, **kwargs) -> None:
        self.integers = integers
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[Decimal]:
        text = re.sub(r",\s+", ";", str(value or "").strip())
        if not text:
            return []
        numbers = []
        for token in re.split(r"[;\s]+", text):
            try:
                number = Decimal(sanitize_separators(token))
            except InvalidOperation as exc:
                raise ValidationError(
                    _("'%(token)s' er ikke et tal; adskil årene med semikolon, fx 10; 10.")
                    % {"token": token}
                ) from exc
            if not number.is_finite() or (self.integers and number != number.to_integral_value()):
                raise ValidationError(_("Skriv hele tal, fx 10; 10."))
            numbers.append(number)
        return numbers

    def has_changed(self, initial: Any, data: Any) -> bool:
        # An empty text box and an empty list are the same; CharField would see "" != [].
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        if isinstance(initial, list | tuple):
            return [Decimal(str(v)) for v in initial] != new
        return self.to_python(initial) != new

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "; ".join(decimal_text(v) for v in value)
        return value


def _number(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, localize=True, **kwargs)


def _add_uncertain(form: forms.Form, name: str, label: str, *, central_required: bool) -> None:
    form.fields[name] = _number(label)
    form.fields[name].required = central_required
    form.fields[f"{name}_low"] = _number(_("%(label)s, lav") % {"label": label})
    form.fields[f"{name}_high"] = _number(_("%(label)s, høj") % {"label": label})


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Navn på beregningen"), max_length=200)
    horizon_years = forms.IntegerField(
        label=_("Tidshorisont (år)"), help_text=_("1–10 år; år 0 er det første år.")
    )
    participants_per_year = YearListField(
        integers=True,
        label=_("Deltagere pr. år"),
        help_text=_("Én årgang pr. år fra år 0, adskilt med semikolon, fx 10; 10."),
    )

    def __init__(self, *args, bodies: tuple[str, ...] = PUBLIC_BODIES, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bodies = bodies
        _add_uncertain(
            self, "discount_rate", str(_("Diskonteringsrente (%)")), central_required=True
        )
        self.fields["discount_rate"].help_text = _(
            "Standard 3,5 % (Finansministeriets diskonteringsrente fra 7. januar 2021)."
        )
        _add_uncertain(self, "success_rate", str(_("Succesrate (%)")), central_required=True)
        self.fields["success_rate"].help_text = _(
            "Andelen af deltagerne, der når succesmålet, ud over nuværende praksis."
        )
        for body in bodies:
            label = _("Omkostning pr. deltager, %(body)s (kr.)") % {
                "body": BODY_LABELS[body].lower()
            }
            _add_uncertain(self, f"cost_{body}", str(label), central_required=False)

    def body_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (BODY_LABELS[b], self[f"cost_{b}"], self[f"cost_{b}_low"], self[f"cost_{b}_high"])
            for b in self.bodies
        ]


class ConsequenceForm(forms.Form):
    item = forms.CharField(label=_("Post"), max_length=200, required=False)
    changes = YearListField(
        label=_("Ændring pr. succes pr. år"),
        required=False,
        help_text=_("Fra det år, effekten begynder, fx 1; 1; 1 (enheder pr. år)."),
    )
    scale_low = _number(_("Ændringens størrelse, lav faktor"))
    scale_high = _number(_("Ændringens størrelse, høj faktor"))

    def __init__(self, *args, bodies: tuple[str, ...] = PUBLIC_BODIES, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bodies = bodies
        for body in bodies:
            label = _("Pris pr. enhed, %(body)s (kr.)") % {"body": BODY_LABELS[body].lower()}
            _add_uncertain(self, f"price_{body}", str(label), central_required=False)

    def body_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (BODY_LABELS[b], self[f"price_{b}"], self[f"price_{b}_low"], self[f"price_{b}_high"])
            for b in self.bodies
        ]


ConsequenceFormSet = forms.formset_factory(ConsequenceForm, extra=1, can_delete=True)


class JsonScenarioForm(forms.Form):
    scenario_json = forms.CharField(
        label=_("Scenariet som JSON"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=_("Samme format som `helhed gains calc` (se docs/gains.md)."),
    )


def _owned_path(path: str) -> bool:
    """Assumption paths the structured form shows (others are kept from the stored scenario)."""
    return path in {"success_rate", "discount_rate"} or path.startswith(
        ("cost_per_participant.", "consequences[")
    )


def _bodies_for(stored: dict[str, Any]) -> tuple[str, ...]:
    return WELLBEING_BODIES if stored.get("approach") == "wellbeing" else PUBLIC_BODIES


def _initial(stored: dict[str, Any], name: str, bodies: tuple[str, ...]):
    uncertainty = stored.get("uncertainty") or {}

    def put(target: dict, field: str, path: str, value, scale: float = 1.0) -> None:
        target[field] = None if value is None else _decimal(value * scale)
        bounds = uncertainty.get(path) or {}
        for bound in ("low", "high"):
            if bound in bounds:
                target[f"{field}_{bound}"] = _decimal(bounds[bound] * scale)

    initial: dict[str, Any] = {
        "name": name,
        "horizon_years": stored.get("horizon_years"),
        "participants_per_year": list(stored.get("participants_per_year", [])),
    }
    put(
        initial,
        "discount_rate",
        "discount_rate",
        stored.get("discount_rate", DEFAULT_DISCOUNT_RATE),
        100,
    )
    put(initial, "success_rate", "success_rate", stored.get("success_rate"), 100)
    costs = stored.get("cost_per_participant") or {}
    for body in bodies:
        put(initial, f"cost_{body}", f"cost_per_participant.{body}", costs.get(body))
    rows = []
    for index, consequence in enumerate(stored.get("consequences") or []):
        row = {"item": consequence["item"], "changes": consequence["change_per_success_per_year"]}
        for body in bodies:
            path = f"consequences[{index}].price.{body}"
            put(row, f"price_{body}", path, consequence["price"].get(body))
        scale = uncertainty.get(f"consequences[{index}].change_scale") or {}
        row.update({f"scale_{b}": _decimal(scale[b]) for b in ("low", "high") if b in scale})
        rows.append(row)
    return initial, rows


class ScenarioEditor:
    """The structured form and its consequence rows, bound to one stored scenario."""

    def __init__(self, *, stored: dict[str, Any], name: str, data=None) -> None:
        self.stored = stored
        self.bodies = _bodies_for(stored)
        initial, rows = _initial(stored, name, self.bodies)
        self.form = ScenarioForm(data, initial=initial, bodies=self.bodies)
        self.consequences = ConsequenceFormSet(
            data, initial=rows, prefix="consequences", form_kwargs={"bodies": self.bodies}
        )
        self.problems: list[str] = []
        self._included: list[ConsequenceForm] = []

    def is_valid(self) -> bool:
        valid = self.form.is_valid() & self.consequences.is_valid()
        if not valid:
            self.problems.append(str(_("Ret de markerede felter.")))
        return valid

    @property
    def kept_fields(self) -> list[str]:
        """Fields of the stored scenario that only the JSON editor shows."""
        kept = sorted(k for k in self.stored if k not in OWNED | {"notes", "approach"})
        if self.stored.get("approach", "budget") != "budget":
            kept.insert(0, "approach")
        kept += [
            f"uncertainty.{p}"
            for p in sorted(self.stored.get("uncertainty") or {})
            if not _owned_path(p)
        ]
        return kept

    def scenario(self) -> dict[str, Any]:
        """The scenario in the core's input format: the form's fields over the stored ones."""
        data = {k: v for k, v in self.stored.items() if k not in OWNED}
        uncertainty = {
            path: bounds
            for path, bounds in (self.stored.get("uncertainty") or {}).items()
            if not _owned_path(path)
        }

        def bounds(cleaned: dict, field: str, path: str, scale: Decimal = Decimal(1)) -> None:
            given = {
                bound: float(cleaned[f"{field}_{bound}"] / scale)
                for bound in ("low", "high")
                if cleaned.get(f"{field}_{bound}") is not None
            }
            if given:
                uncertainty[path] = given

        cd = self.form.cleaned_data
        data["horizon_years"] = cd["horizon_years"]
        data["discount_rate"] = float(cd["discount_rate"] / 100)
        data["participants_per_year"] = [int(v) for v in cd["participants_per_year"]]
        data["success_rate"] = float(cd["success_rate"] / 100)
        bounds(cd, "discount_rate", "discount_rate", Decimal(100))
        bounds(cd, "success_rate", "success_rate", Decimal(100))
        data["cost_per_participant"] = {}
        for body in self.bodies:
            if cd[f"cost_{body}"] is not None:
                data["cost_per_participant"][body] = float(cd[f"cost_{body}"])
            bounds(cd, f"cost_{body}", f"cost_per_participant.{body}")
        data["consequences"] = []
        self._included = [
            form
            for index, form in enumerate(self.consequences.forms)
            if form not in self.consequences.deleted_forms
            and (index < self.consequences.initial_form_count() or form.has_changed())
        ]
        for index, form in enumerate(self._included):
            row = form.cleaned_data
            price = {}
            for body in self.bodies:
                if row[f"price_{body}"] is not None:
                    price[body] = float(row[f"price_{body}"])
                bounds(row, f"price_{body}", f"consequences[{index}].price.{body}")
            bounds(row, "scale", f"consequences[{index}].change_scale")
            data["consequences"].append(
                {
                    "item": row["item"],
                    "change_per_success_per_year": [float(v) for v in row["changes"]],
                    "price": price,
                }
            )
        if uncertainty:
            data["uncertainty"] = uncertainty
        return data

    def add_problems(self, problems: list[Problem]) -> None:
        """Show the core's problems at the top (with their path) and at the matching field."""
        for problem in problems:
            self.problems.append(str(problem))
            target = self._target(problem.path)
            if target is not None:
                form, field = target
                form.add_error(field, problem.message)

    def _target(self, path: str) -> tuple[forms.Form, str] | None:
        uncertain = path.startswith("uncertainty.")
        rest = path.removeprefix("uncertainty.")
        bound = "low"
        for suffix in (".low", ".high"):
            if uncertain and rest.endswith(suffix):
                rest, bound = rest.removesuffix(suffix), suffix[1:]
        form: forms.Form = self.form
        field = None
        if match := re.fullmatch(r"(participants_per_year)(\[\d+\])?", rest):
            field = match[1]
        elif rest in {"name", "horizon_years", "success_rate", "discount_rate"}:
            field = rest
        elif match := re.fullmatch(r"cost_per_participant\.(\w+)", rest):
            field = f"cost_{match[1]}"
        elif match := re.fullmatch(r"consequences\[(\d+)\]\.(\w+)(?:\.(\w+))?.*", rest):
            index, part, body = int(match[1]), match[2], match[3]
            if index >= len(self._included):
                return None
            form = self._included[index]
            field = {"item": "item", "change_per_success_per_year": "changes"}.get(part)
            if part == "price" and body:
                field = f"price_{body}"
            if part == "change_scale":
                field = "scale"
        if field is None:
            return None
        if uncertain:
            field = f"{field}_{bound}"
        return (form, field) if field in form.fields else None
