"""Forms of the area-list pages: imports, what-if values and the watch-list margin.

The bounds of the what-if values are those of the rule core's input reader (docs/area-lists.md,
"Input files"), so a value the browser accepts is one a file could hold. The API's what-if
serializer uses the same table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from helhed.arealists.presentation import INPUT_LABELS_DA
from helhed.domain.arealists import RULE_SETS, AreaInput

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
YEAR_CHOICES = [(year, str(year)) for year in sorted(RULE_SETS, reverse=True)]


@dataclass(frozen=True)
class ValueSpec:
    name: str
    whole: bool
    minimum: float
    maximum: float | None
    above_minimum: bool = False  # strictly greater than the minimum


WHAT_IF_SPECS: tuple[ValueSpec, ...] = (
    ValueSpec("residents", True, 0, None),
    ValueSpec("pct_outside_labour_market", False, 0, 100),
    ValueSpec("conviction_rate_pct", False, 0, 100),
    ValueSpec("national_conviction_rate_pct", False, 0, 100, above_minimum=True),
    ValueSpec("pct_basic_education", False, 0, 100),
    ValueSpec("income_pct_of_region", False, 0, None),
    ValueSpec("pct_nonwestern", False, 0, 100),
)


class _UploadForm(forms.Form):
    file = forms.FileField(
        label="Fil (CSV eller XLSX)",
        help_text="Første række er overskriften; se kolonnerne nedenfor.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("Filen er større end 10 MB.")
        return upload


class CriterionImportForm(_UploadForm):
    year = forms.TypedChoiceField(label="Listeår", choices=YEAR_CHOICES, coerce=int)


class HistoryImportForm(_UploadForm):
    pass


def _value_field(spec: ValueSpec) -> forms.Field:
    label = INPUT_LABELS_DA[spec.name]
    if spec.whole:
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=int(spec.minimum),
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
    return forms.FloatField(
        label=label,
        required=False,
        min_value=spec.minimum,
        max_value=spec.maximum,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class WhatIfForm(forms.Form):
    """The editable criterion values of one area; an empty field makes its criterion undecided."""

    def __init__(self, *args, base: AreaInput, **kwargs) -> None:
        initial = {spec.name: getattr(base, spec.name) for spec in WHAT_IF_SPECS}
        super().__init__(*args, initial=initial, **kwargs)
        for spec in WHAT_IF_SPECS:
            self.fields[spec.name] = _value_field(spec)
            self.fields[spec.name].widget.attrs["aria-describedby"] = "what-if-help"

    def clean(self):
        cleaned = super().clean()
        for spec in WHAT_IF_SPECS:
            value = cleaned.get(spec.name)
            if spec.above_minimum and value is not None and value <= spec.minimum:
                self.add_error(spec.name, "Værdien skal være større end 0.")
        return cleaned

    def changes(self) -> Mapping[str, float | int | None]:
        return {spec.name: self.cleaned_data.get(spec.name) for spec in WHAT_IF_SPECS}


class WatchForm(forms.Form):
    margin = forms.FloatField(
        label="Margin (procentpoint)",
        min_value=0,
        max_value=25,
        initial=2.0,
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
        help_text="Vis kriterier, hvor værdien ligger højst så mange procentpoint fra grænsen.",
    )

    def margin_value(self) -> float:
        value = self.cleaned_data.get("margin") if self.is_valid() else None
        return 2.0 if value is None else float(value)
