from django import forms
from django.utils.translation import gettext_lazy as _

from helhed.indicators.exports import CONTENT_TYPES

LEVELS = [
    ("area", _("Boligområder")),
    ("department", _("Afdelinger")),
    ("municipality", _("Kommuner")),
    ("region", _("Regioner")),
    ("country", _("Hele landet")),
]


class ExportForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    level = forms.ChoiceField(label=_("Niveau"), choices=LEVELS, initial="area")
    format = forms.ChoiceField(
        label=_("Format"), choices=[(k, k.upper()) for k in CONTENT_TYPES], initial="xlsx"
    )


class AggregateImportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    file = forms.FileField(label=_("Fil (CSV eller XLSX)"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Filen skal være CSV eller XLSX."))
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("Filen er større end 20 MB."))
        return upload
