"""Forms of the families pages. They validate input only; the services write (and audit).
Choices are narrowed to what the user may link to, and members are labelled as the viewer may
see them (pseudonyms without consent to identities)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from helhed.domain.families import progress
from helhed.families import access, selectors
from helhed.families.models import ConsentCategory, Intervention, Member
from helhed.families.services import NewAction
from helhed.partnerships.models import Department, Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FamilyCreateForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=Department.objects.none())
    opened_on = forms.DateField(label=_("Sagen åbnet"), widget=DateInput())
    organisation = forms.ModelChoiceField(
        label=_("Som familiebehandler i"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.visible_to(user)
        orgs = access.coordinator_organisations(user)
        self.fields["organisation"].queryset = orgs
        if orgs.count() == 1:
            self.fields["organisation"].initial = orgs.first()
            self.fields["organisation"].widget = forms.HiddenInput()


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["relation", "first_name", "last_name", "cpr", "birth_year"]


class ConsentForm(forms.Form):
    given_by = forms.CharField(
        label=_("Givet af"), max_length=200, help_text=_("Fx mor og far (begge forældremyndige).")
    )
    categories = forms.MultipleChoiceField(
        label=_("Hvad må deles"),
        choices=ConsentCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Med hvem"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = forms.DateField(label=_("Gyldig fra"), widget=DateInput())
    valid_to = forms.DateField(label=_("Gyldig til"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Bemærkning"), required=False, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        if (
            data.get("valid_from")
            and data.get("valid_to")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", _("Slutdatoen ligger før startdatoen."))
        return data


class MemberChoices(forms.ModelMultipleChoiceField):
    def __init__(self, *args, viewer, **kwargs):
        self.viewer = viewer
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return selectors.member_label(obj, self.viewer)


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = [
            "kind",
            "title",
            "legal_basis",
            "organisation",
            "responsible_person",
            "responsible_user",
            "goal",
            "goal_category",
            "demand",
            "start_on",
            "end_on",
            "status",
        ]
        widgets = {"start_on": DateInput(), "end_on": DateInput()}

    def __init__(self, *args, family, viewer, user, **kwargs):
        super().__init__(*args, **kwargs)
        if viewer.assigned:
            orgs = Organisation.objects.visible_to(user)
        else:
            orgs = Organisation.objects.filter(pk__in=viewer.partner_organisation_ids)
        self.fields["organisation"].queryset = orgs
        self.fields["responsible_user"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__organisation__in=orgs, memberships__role__in=access.FAMILY_ROLES
            )
            .distinct()
            .order_by("username")
        )
        self.fields["responsible_user"].help_text = _(
            "En helhed-bruger, der er ansvarlig; giver adgang, hvis samtykket dækker brugerens "
            "organisation."
        )
        self.fields["members"] = MemberChoices(
            label=_("For"),
            queryset=family.members.all(),
            viewer=viewer,
            widget=forms.CheckboxSelectMultiple,
            initial=[m.pk for m in self.instance.members.all()] if self.instance.pk else None,
        )
        self.order_fields(["kind", "title", "members"])

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ActionChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(what)s — %(owner)s, frist %(due)s") % {
            "what": obj.description,
            "owner": obj.owner,
            "due": obj.due_on.strftime("%d.%m.%Y"),
        }


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Dato"), widget=DateInput())
    summary = forms.CharField(
        label=_("Referat"), required=False, widget=forms.Textarea({"rows": 4})
    )
    private_participants = forms.CharField(
        label=_("Privat netværk"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Én pr. linje: navn og rolle, fx »Mormor«."),
    )
    professional_participants = forms.CharField(
        label=_("Fagpersoner"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Én pr. linje: navn, organisation."),
    )
    new_goals = forms.CharField(
        label=_("Nye fælles mål"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Ét mål pr. linje."),
    )
    done_actions = ActionChoices(
        label=_("Handlinger fulgt op som udført"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = access.today()
        self.fields["done_actions"].queryset = selectors.open_actions(family)
        self.goals = list(selectors.family_goals(family))
        scale = [("", "–")] + [(str(n), str(n)) for n in range(progress.SCALE_MIN, 11)]
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.title, choices=scale, coerce=int, empty_value=None, required=False
            )

    def score_fields(self):
        return [self[f"score_{goal.pk}"] for goal in self.goals]

    def participants(self) -> list[tuple[str, str, str]]:
        people = [
            (line, "private", "") for line in _lines(self.cleaned_data["private_participants"])
        ]
        for line in _lines(self.cleaned_data["professional_participants"]):
            name, _sep, role = line.partition(",")
            people.append((name.strip(), "professional", role.strip()))
        return people

    def new_goals_list(self) -> list[str]:
        return _lines(self.cleaned_data["new_goals"])

    def scores(self) -> dict[int, int]:
        return {
            goal.pk: self.cleaned_data[f"score_{goal.pk}"]
            for goal in self.goals
            if self.cleaned_data.get(f"score_{goal.pk}") is not None
        }


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Handling"), max_length=300)
    owner = forms.CharField(label=_("Ansvarlig"), max_length=200)
    due_on = forms.DateField(label=_("Frist"), widget=DateInput())
    goal = forms.ModelChoiceField(label=_("Mål"), queryset=None, required=False, empty_label="–")

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = selectors.family_goals(family)

    def new_action(self) -> NewAction:
        d = self.cleaned_data
        return NewAction(d["description"], d["owner"], d["due_on"], d.get("goal"))


class BaseActionFormSet(forms.BaseFormSet):
    def new_actions(self) -> list[NewAction]:
        return [f.new_action() for f in self.forms if f.has_changed() and f.is_valid()]


def action_formset(family, data=None):
    formset_class = forms.formset_factory(ActionForm, formset=BaseActionFormSet, extra=3)
    return formset_class(data, prefix="actions", form_kwargs={"family": family})


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Tjenstlig begrundelse"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea({"rows": 3}),
        help_text=_(
            "Hvorfor skal du se familiens oplysninger nu? Begrundelsen skrives i revisionsloggen. "
            "Skriv ikke navne eller andre personoplysninger."
        ),
    )


class TotpForm(forms.Form):
    code = forms.CharField(
        label=_("Kode fra godkendelsesappen"),
        max_length=7,
        widget=forms.TextInput({"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Sagen lukket"), widget=DateInput())


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Familiebehandler"), queryset=None)

    def __init__(self, *args, actor, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = selectors.assignable_coordinators(actor, family)


class AuditFilterForm(forms.Form):
    start = forms.DateField(label=_("Fra"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Til"), required=False, widget=DateInput())
