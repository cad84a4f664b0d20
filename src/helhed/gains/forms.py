"""Forms of the knowledge base and the catalogue; the scenario editor is in scenario_form.py."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from helhed.gains.models import UserKnowledgeEntry
from helhed.partnerships.forms import DateInput

SOURCE_REQUIRED = _("Angiv en kilde: intet kommer ind i vidensbasen uden kilde.")


class KnowledgeEntryForm(forms.ModelForm):
    """A user's sourced figure, added in the name of one of the user's organisations."""

    class Meta:
        model = UserKnowledgeEntry
        fields = ["item", "value", "unit", "price_year", "public_body", "source", "organisation"]
        localized_fields = ["value"]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"source": {"required": SOURCE_REQUIRED}}

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["price_year"].localize = False  # a year is 2019, not 2.019

    def clean_source(self) -> str:
        source = (self.cleaned_data.get("source") or "").strip()
        if not source:
            raise forms.ValidationError(SOURCE_REQUIRED)
        return source


class StartFromCatalogueForm(forms.Form):
    """'Start an activity from this example' in one of the plans the user edits activities of."""

    plan = forms.TypedChoiceField(label=_("Helhedsplan"), coerce=int)
    name = forms.CharField(label=_("Aktivitetens navn"), max_length=200)
    start_date = forms.DateField(label=_("Startdato"), widget=DateInput())

    def __init__(self, *args, plans, entry_title: str, **kwargs) -> None:
        kwargs.setdefault("initial", {"name": entry_title, "start_date": date.today()})
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, f"{p} ({p.municipality})") for p in plans]
