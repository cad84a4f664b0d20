"""Forms for the partnership entities.

One form class serves every entity: the fields come from the entity description, choices of
related objects are narrowed to what the user may link to (a plan's own focus areas, the areas of
its municipality …), and the model's own validation (clean, constraints) runs before anything is
saved, so a bad submission changes nothing and says why in Danish.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhed.accounts.models import Membership, Role
from helhed.partnerships import access
from helhed.partnerships.entities import Entity
from helhed.partnerships.models import (
    Area,
    Department,
    Municipality,
    Organisation,
    OrganisationKind,
    Plan,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class EntityForm(forms.ModelForm):
    """Base for all entity forms; built per entity by `form_class_for`."""

    entity: Entity

    def __init__(self, *args, user, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.parent = parent
        if parent is not None and self.entity.parent_field:
            setattr(self.instance, self.entity.parent_field, parent)
        if self.instance.pk and hasattr(self.instance, "version"):
            # The version the user saw; save_versioned refuses the save if it has moved on.
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version, required=False
            )
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4
        _narrow_choices(self)

    def _post_clean(self) -> None:
        super()._post_clean()
        # ModelForm skips constraints on fields that are not in the form (the parent FK set from the
        # URL); check them here so a duplicate is a form error, not a database error.
        try:
            self.instance.validate_constraints(exclude=set(self.errors))
        except ValidationError as exc:
            self._update_errors(exc)


def form_class_for(entity: Entity) -> type[EntityForm]:
    date_fields = [
        f.name
        for f in entity.model._meta.get_fields()
        if isinstance(f, models.DateField) and f.name in entity.fields
    ]
    meta = type(
        "Meta",
        (),
        {
            "model": entity.model,
            "fields": list(entity.fields),
            "localized_fields": "__all__",
            "widgets": {name: DateInput() for name in date_fields},
        },
    )
    return type(f"{entity.model.__name__}Form", (EntityForm,), {"Meta": meta, "entity": entity})


def _narrow_choices(form: EntityForm) -> None:
    user, parent, fields = form.user, form.parent, form.fields
    plan = parent if isinstance(parent, Plan) else None
    if plan is not None:
        limits = {
            "focus_area": plan.focus_areas.all(),
            "body": plan.bodies.all(),
            "activity": plan.activities.all(),
            "partners": plan.partners.all(),
            "area": Area.objects.filter(municipality=plan.municipality),
            "organisation": Organisation.objects.filter(
                models.Q(municipality=plan.municipality)
                | models.Q(pk__in=Organisation.objects.visible_to(user).values("pk"))
            ),
        }
        for name, qs in limits.items():
            if name in fields:
                fields[name].queryset = qs
    if isinstance(parent, Area) and "department" in fields:
        fields["department"].queryset = Department.objects.filter(municipality=parent.municipality)
    if parent is None and "municipality" in fields:
        allowed = access.coordinator_municipalities(user)
        if form.entity.key == "departments":
            allowed = allowed | Municipality.objects.filter(
                pk__in=Organisation.objects.filter(
                    memberships__user=user, memberships__role=Role.HOUSING_STAFF
                ).values("municipality_id")
            )
            if form.instance.pk:
                allowed = allowed | Municipality.objects.filter(pk=form.instance.municipality_id)
        fields["municipality"].queryset = allowed.distinct()
    if form.entity.key == "departments":
        staff_orgs = Organisation.objects.filter(
            memberships__user=user, memberships__role=Role.HOUSING_STAFF
        )
        coordinated = Organisation.objects.filter(kind=OrganisationKind.HOUSING).filter(
            pk__in=Organisation.objects.visible_to(user).values("pk")
        )
        fields["organisation"].queryset = (
            (staff_orgs | coordinated).filter(kind=OrganisationKind.HOUSING).distinct()
        )
    if form.entity.key == "organisations":
        kind = fields["kind"]
        kind.choices = [c for c in kind.choices if c[0] != OrganisationKind.MUNICIPALITY]
        if form.instance.pk and form.instance.kind == OrganisationKind.MUNICIPALITY:
            # A municipality's own organisation keeps its kind and municipality.
            del fields["kind"]
            del fields["municipality"]


def _department_clean(self):
    """A department may only be placed where the user may edit departments."""
    data = forms.ModelForm.clean(self)
    municipality, organisation = data.get("municipality"), data.get("organisation")
    if (
        municipality
        and organisation
        and not access.department_placement_allowed(self.user, municipality, organisation)
    ):
        raise ValidationError(
            _(
                "Du kan kun oprette afdelinger i din egen kommune eller for din egen boligorganisation."
            )
        )
    return data


class MembershipCreateForm(forms.Form):
    """An administrator adds a person to the organisation: a new user, or an existing username."""

    username = forms.CharField(label=_("Brugernavn"), max_length=150)
    full_name = forms.CharField(label=_("Fulde navn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
    password = forms.CharField(
        label=_("Adgangskode"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Kun for en ny bruger: mindst 10 tegn."),
    )

    def __init__(self, *args, user, parent, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.parent = user, parent

    def clean(self):
        data = super().clean()
        username = data.get("username")
        if not username:
            return data
        User = get_user_model()
        existing = User.objects.filter(username=username).first()
        if existing is None:
            password = data.get("password") or ""
            if not password:
                self.add_error("password", _("En ny bruger skal have en adgangskode."))
            else:
                try:
                    validate_password(password, User(username=username))
                except ValidationError as exc:
                    self.add_error("password", exc)
        elif (
            data.get("role")
            and Membership.objects.filter(
                user=existing, organisation=self.parent, role=data["role"]
            ).exists()
        ):
            self.add_error("role", _("Brugeren har allerede denne rolle i organisationen."))
        return data

    def save(self):
        from helhed.accounts.services import membership_create

        data = self.cleaned_data
        return membership_create(
            actor=self.user,
            organisation=self.parent,
            username=data["username"],
            role=data["role"],
            password=data.get("password") or None,
            email=data.get("email", ""),
            full_name=data.get("full_name", ""),
        )


def build_form(entity: Entity, *, user, parent=None, instance=None, data=None):
    if entity.key == "memberships" and instance is None:
        return MembershipCreateForm(data, user=user, parent=parent)
    form_class = form_class_for(entity)
    if entity.key == "departments":
        form_class = type("DepartmentForm", (form_class,), {"clean": _department_clean})
    return form_class(data, instance=instance, user=user, parent=parent)
