"""Forms of the followup app. Related choices are narrowed to the plan in the URL; the model's
validation runs before anything is saved, and every message is Danish."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from helhed.followup import selectors
from helhed.followup.models import AnnualReview, GoalIndicator
from helhed.partnerships.models import Goal, Plan


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class GoalIndicatorForm(forms.ModelForm):
    class Meta:
        model = GoalIndicator
        fields = [
            "indicator",
            "target_kind",
            "target_value",
            "target_year",
            "baseline_year",
            "responsible",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, goal: Goal, **kwargs):
        kwargs.setdefault("instance", GoalIndicator(goal=goal))
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = selectors.responsible_choices(goal.plan)
        self.fields["baseline_year"].initial = goal.plan.start_date.year


class ReportTextForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst i rapporten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "Tom tekst eller den genererede tekst uændret: rapporten bruger den genererede tekst."
        ),
    )


class AnnualReviewForm(forms.ModelForm):
    class Meta:
        model = AnnualReview
        fields = [
            "meeting",
            "meeting_date",
            "organisation",
            "goal_follow_up",
            "budget",
            "collaboration",
            "case_summary",
            "other_efforts",
            "recommendation",
        ]
        widgets = {
            "meeting_date": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in (
                    "organisation",
                    "goal_follow_up",
                    "budget",
                    "collaboration",
                    "case_summary",
                    "other_efforts",
                    "recommendation",
                )
            },
        }
        help_texts = {
            "organisation": _("Bestyrelsens opmærksomhedspunkter om organiseringen."),
            "goal_follow_up": _("Om den strategiske samarbejdsaftale og målopfyldelsen."),
            "budget": _("Om budgettet og eksterne midler."),
            "collaboration": _("Om samarbejdet mellem parterne."),
            "case_summary": _("Rapportens sagsresume; tomt giver en standardtekst."),
            "recommendation": _("Fortsætter »Administrationen indstiller,«."),
        }

    def __init__(self, *args, plan: Plan, year: int, **kwargs):
        kwargs.setdefault("instance", AnnualReview(plan=plan, year=year))
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.meeting_choices(plan)
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.date:%d.%m.%Y} {m.body}: {m.title}"
        )
