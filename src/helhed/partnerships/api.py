"""REST API of the partnership: a thin layer over the same entity rules as the HTML views.

Every entity gets /api/<key>/ (list, create) and /api/<key>/<id>/ (read, update, delete). The list
is the user's visible queryset, so another tenant's object is a 404; a visible object the user may
not change is a 403; an anonymous request gets 401/403 and never data.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.relations import ManyRelatedField, RelatedField
from rest_framework.request import Request
from rest_framework.response import Response

from helhed.partnerships import access, selectors
from helhed.partnerships.entities import (
    ENTITIES,
    Entity,
    editable_parents,
    editable_queryset,
    parent_instance,
    parent_of,
    visible_queryset,
)
from helhed.partnerships.models import (
    Activity,
    Area,
    Body,
    Department,
    FocusArea,
    Municipality,
    Organisation,
    OrganisationKind,
    Plan,
)
from helhed.partnerships.services import StaleObjectError, save_versioned


def _visible_related(model, user, entity: Entity):
    """Objects a user may link to from `entity` through a relation to `model`."""
    if model is Municipality:
        if entity.key == "departments":
            return Municipality.objects.all()  # checked by department_placement_allowed
        return access.coordinator_municipalities(user)
    by_model = {
        Plan: lambda: Plan.objects.visible_to(user),
        Area: lambda: Area.objects.visible_to(user),
        Department: lambda: Department.objects.visible_to(user),
        Organisation: lambda: Organisation.objects.visible_to(user),
        FocusArea: lambda: FocusArea.objects.filter(plan__in=Plan.objects.visible_to(user)),
        Body: lambda: Body.objects.filter(plan__in=Plan.objects.visible_to(user)),
        Activity: lambda: Activity.objects.filter(plan__in=Plan.objects.visible_to(user)),
    }
    if model in by_model:
        return by_model[model]()
    return model.objects.none()


class Conflict(APIException):
    status_code = 409
    default_code = "conflict"


class EntitySerializer(serializers.ModelSerializer):
    entity: Entity

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in self.fields.values():
            target = field.child_relation if isinstance(field, ManyRelatedField) else field
            if (
                isinstance(target, RelatedField)
                and target.queryset is not None
                and not field.read_only
                and target.queryset.model is not get_user_model()  # users are named, not listed
            ):
                target.queryset = _visible_related(target.queryset.model, user, self.entity)

    def create(self, validated_data):
        validated_data.pop("version", None)
        return super().create(validated_data)

    def update(self, instance, validated_data):
        loaded = validated_data.pop("version", None)
        m2m = {
            f.name: validated_data.pop(f.name)
            for f in instance._meta.many_to_many
            if f.name in validated_data
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            save_versioned(instance, loaded_version=loaded)
        except StaleObjectError as exc:
            raise Conflict(str(exc)) from exc
        for name, value in m2m.items():
            getattr(instance, name).set(value)
        return instance

    def validate(self, attrs):
        model = self.entity.model
        m2m = {f.name for f in model._meta.many_to_many}
        instance = self.instance or model()
        for name, value in attrs.items():
            if name not in m2m and name != "version":
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=[*m2m, "version"])
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        if (
            self.entity.key == "organisations"
            and attrs.get("kind") == OrganisationKind.MUNICIPALITY
        ):
            raise ValidationError(
                {"kind": [_("En kommunes organisation oprettes af en administrator.")]}
            )
        if (
            self.entity.key == "departments"
            and "municipality" in attrs
            and "organisation" in attrs
            and not access.department_placement_allowed(
                self.context["request"].user, attrs["municipality"], attrs["organisation"]
            )
        ):
            raise PermissionDenied(_("Du kan ikke oprette afdelinger dér."))
        return attrs


def serializer_for(entity: Entity) -> type[EntitySerializer]:
    fields = ["id"]
    if entity.parent_field:
        fields.append(entity.parent_field)
    fields += [f for f in entity.fields if f not in fields]
    attrs: dict = {
        "Meta": type("Meta", (), {"model": entity.model, "fields": fields}),
        "entity": entity,
    }
    if any(f.name == "version" for f in entity.model._meta.fields):
        fields.append("version")
        attrs["version"] = serializers.IntegerField(
            required=False,
            min_value=1,
            help_text="Den version, du har læst; en ændring fra en ældre version afvises med 409.",
        )
    if entity.key == "memberships":
        attrs["user"] = serializers.SlugRelatedField(
            slug_field="username", queryset=get_user_model().objects.all()
        )
        attrs["Meta"].fields = ["id", "organisation", "user", "role"]
    return type(f"{entity.model.__name__}Serializer", (EntitySerializer,), attrs)


class EntityViewSet(viewsets.ModelViewSet):
    entity: Entity

    def get_queryset(self):
        qs = visible_queryset(self.entity, self.request.user).order_by("pk")
        if self.entity.is_child:
            param = parent_of(self.entity).model._meta.model_name
            value = self.request.query_params.get(param)
            if value is not None:
                if not value.isdigit():
                    raise ValidationError({param: [_("Skal være et heltal.")]})
                qs = qs.filter(**{self.entity.parent_path: int(value)})
        return qs

    def _check_write(self, instance) -> None:
        user = self.request.user
        if self.entity.is_child:
            parent = parent_instance(self.entity, instance)
            if not editable_parents(self.entity, user).filter(pk=parent.pk).exists():
                raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))
        elif instance.pk is None:
            if not selectors.can_create(self.entity, user):
                raise PermissionDenied(_("Du har ikke adgang til at oprette dette."))
        elif not editable_queryset(self.entity, user).filter(pk=instance.pk).exists():
            raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))

    def _unsaved(self, serializer) -> models.Model:
        instance = serializer.instance or self.entity.model()
        for name, value in serializer.validated_data.items():
            if name not in {f.name for f in self.entity.model._meta.many_to_many} | {"version"}:
                setattr(instance, name, value)
        return instance

    def create(self, request, *args, **kwargs):
        # A user who may create nothing of this kind is told so before the payload is validated.
        if not self.entity.is_child and not selectors.can_create(self.entity, request.user):
            raise PermissionDenied(_("Du har ikke adgang til at oprette dette."))
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer) -> None:
        self._check_write(self._unsaved(serializer))
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer) -> None:
        self._check_write(serializer.instance)  # the object as it is …
        self._check_write(self._unsaved(serializer))  # … and as it would become
        with transaction.atomic():
            serializer.save()

    def perform_destroy(self, instance) -> None:
        self._check_write(instance)
        try:
            selectors.check_deletable(instance)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError as exc:
            raise ValidationError(
                {"detail": [_("Kan ikke slettes, fordi andre data henviser til den.")]}
            ) from exc


class FundingSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    lbf = serializers.DecimalField(max_digits=16, decimal_places=2)
    local = serializers.DecimalField(max_digits=16, decimal_places=2)
    grants = serializers.DecimalField(max_digits=16, decimal_places=2)


class PlanViewSet(EntityViewSet):
    @extend_schema(responses=FundingSerializer(many=True))
    @action(detail=True, methods=["get"])
    def funding(self, request: Request, pk=None) -> Response:
        """Budget vs funding per year (LBF share, local share, external grants) and the total."""
        plan = self.get_object()
        overview = selectors.plan_overview(plan, request.user)
        rows = [*overview.funding.rows, overview.funding.total]
        return Response(FundingSerializer(rows, many=True).data)


def register_partnership_routes(router) -> None:
    for entity in ENTITIES.values():
        if not entity.api:
            continue
        base = PlanViewSet if entity.model is Plan else EntityViewSet
        viewset = type(
            f"{entity.model.__name__}ViewSet",
            (base,),
            {
                "entity": entity,
                "serializer_class": serializer_for(entity),
                "queryset": entity.model.objects.none(),
            },
        )
        router.register(entity.key, viewset, basename=entity.key)
