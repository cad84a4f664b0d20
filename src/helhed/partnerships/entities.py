"""One description per partnership entity, shared by the HTML views, the API and the tests.

An entity either stands alone (plan, area, department, organisation) or lives under a parent
whose page it is reached from (a plan's activities, an area's departments, an organisation's
memberships). Visibility and write permission of a child follow its parent, so the rules in
access.py are applied in exactly one way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from helhed.accounts.models import Membership
from helhed.partnerships import access
from helhed.partnerships.models import (
    Activity,
    ActivityResult,
    Area,
    AreaDepartment,
    Body,
    BodyMeeting,
    BudgetLine,
    Department,
    FocusArea,
    Goal,
    Grant,
    Organisation,
    Plan,
    PlanArea,
    PlanPartner,
)


@dataclass(frozen=True)
class Entity:
    key: str  # stable English name, used by the API (/api/<key>/) and URL names
    slug: str  # Danish URL segment
    model: type[Model]
    fields: tuple[str, ...]  # editable fields, in form order
    columns: tuple[str, ...]  # fields shown in tables
    label: str
    label_plural: str
    parent_key: str | None = None  # the entity whose page this one lives under
    parent_path: str = ""  # lookup from this model to the parent, e.g. "plan" or "body__plan"
    parent_field: str | None = None  # the FK set from the URL, when the parent is a direct FK
    write_kind: str = "default"  # "activity": activity rules of the plan apply
    visible: Callable[[object], QuerySet] | None = None  # top-level entities only
    editable: Callable[[object], QuerySet] | None = None
    api: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def is_child(self) -> bool:
        return self.parent_key is not None


def _plans_for_write(user, write_kind: str) -> QuerySet:
    qs = Plan.objects.all()
    return qs.activities_editable_by(user) if write_kind == "activity" else qs.editable_by(user)


ENTITIES: dict[str, Entity] = {}


def _register(entity: Entity) -> Entity:
    ENTITIES[entity.key] = entity
    return entity


PLAN = _register(
    Entity(
        key="plans",
        slug="planer",
        model=Plan,
        fields=("name", "municipality", "start_date", "end_date", "vision", "lbf_share_pct"),
        columns=("name", "municipality", "start_date", "end_date"),
        label=_("helhedsplan"),
        label_plural=_("helhedsplaner"),
        visible=lambda user: Plan.objects.visible_to(user),
        editable=lambda user: Plan.objects.editable_by(user),
    )
)
AREA = _register(
    Entity(
        key="areas",
        slug="omraader",
        model=Area,
        fields=("code", "name", "municipality"),
        columns=("code", "name", "municipality"),
        label=_("boligområde"),
        label_plural=_("boligområder"),
        visible=lambda user: Area.objects.visible_to(user),
        editable=lambda user: Area.objects.editable_by(user),
    )
)
DEPARTMENT = _register(
    Entity(
        key="departments",
        slug="afdelinger",
        model=Department,
        fields=("number", "name", "organisation", "municipality", "tenancies"),
        columns=("number", "name", "organisation", "municipality", "tenancies"),
        label=_("afdeling"),
        label_plural=_("afdelinger"),
        visible=lambda user: Department.objects.visible_to(user),
        editable=lambda user: Department.objects.editable_by(user),
    )
)
ORGANISATION = _register(
    Entity(
        key="organisations",
        slug="organisationer",
        model=Organisation,
        fields=("name", "kind", "municipality"),
        columns=("name", "kind", "municipality"),
        label=_("organisation"),
        label_plural=_("organisationer"),
        visible=lambda user: Organisation.objects.visible_to(user),
        editable=lambda user: Organisation.objects.editable_by(user),
    )
)

# Children of a plan ---------------------------------------------------------------------------
_register(
    Entity(
        key="plan-partners",
        slug="partnere",
        model=PlanPartner,
        fields=("organisation",),
        columns=("organisation",),
        label=_("partner"),
        label_plural=_("partnere"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
    )
)
_register(
    Entity(
        key="plan-areas",
        slug="omraader",
        model=PlanArea,
        fields=("area", "valid_from", "valid_to"),
        columns=("area", "valid_from", "valid_to"),
        label=_("boligområde i planen"),
        label_plural=_("boligområder i planen"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
    )
)
_register(
    Entity(
        key="bodies",
        slug="organer",
        model=Body,
        fields=("kind", "name", "members"),
        columns=("kind", "name"),
        label=_("organ"),
        label_plural=_("organer"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
    )
)
_register(
    Entity(
        key="meetings",
        slug="moeder",
        model=BodyMeeting,
        fields=("body", "date", "title", "minutes"),
        columns=("date", "body", "title"),
        label=_("møde"),
        label_plural=_("møder"),
        parent_key="plans",
        parent_path="body__plan",
    )
)
_register(
    Entity(
        key="focus-areas",
        slug="indsatsomraader",
        model=FocusArea,
        fields=("name", "lbf_theme", "description", "order"),
        columns=("order", "name", "lbf_theme"),
        label=_("indsatsområde"),
        label_plural=_("indsatsområder"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
    )
)
_register(
    Entity(
        key="goals",
        slug="maal",
        model=Goal,
        fields=("focus_area", "title", "description"),
        columns=("focus_area", "title"),
        label=_("mål"),
        label_plural=_("mål"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
    )
)
_register(
    Entity(
        key="activities",
        slug="aktiviteter",
        model=Activity,
        fields=(
            "name",
            "focus_area",
            "description",
            "partners",
            "start_date",
            "end_date",
            "participants",
            "volunteers",
            "results",
        ),
        columns=("name", "focus_area", "start_date", "end_date", "participants", "volunteers"),
        label=_("aktivitet"),
        label_plural=_("aktiviteter"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
        write_kind="activity",
    )
)
_register(
    Entity(
        key="activity-results",
        slug="resultater",
        model=ActivityResult,
        fields=("activity", "year", "label", "value", "note"),
        columns=("year", "activity", "label", "value"),
        label=_("resultat"),
        label_plural=_("resultater"),
        parent_key="plans",
        parent_path="activity__plan",
        write_kind="activity",
    )
)
_register(
    Entity(
        key="budget-lines",
        slug="budget",
        model=BudgetLine,
        fields=("year", "focus_area", "description", "amount"),
        columns=("year", "focus_area", "description", "amount"),
        label=_("budgetpost"),
        label_plural=_("budgetposter"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
    )
)
_register(
    Entity(
        key="grants",
        slug="bevillinger",
        model=Grant,
        fields=("grantor", "amount", "year", "purpose", "activity"),
        columns=("year", "grantor", "purpose", "amount"),
        label=_("ekstern bevilling"),
        label_plural=_("eksterne bevillinger"),
        parent_key="plans",
        parent_path="plan",
        parent_field="plan",
    )
)

# Children of an area and of an organisation ---------------------------------------------------
_register(
    Entity(
        key="area-departments",
        slug="afdelinger",
        model=AreaDepartment,
        fields=("department", "valid_from", "valid_to"),
        columns=("department", "valid_from", "valid_to"),
        label=_("afdeling i området"),
        label_plural=_("afdelinger i området"),
        parent_key="areas",
        parent_path="area",
        parent_field="area",
    )
)
_register(
    Entity(
        key="memberships",
        slug="medlemmer",
        model=Membership,
        fields=("role",),
        columns=("user", "role"),
        label=_("medlemskab"),
        label_plural=_("medlemskaber"),
        parent_key="organisations",
        parent_path="organisation",
        parent_field="organisation",
        extra={
            "parent_visible": lambda user: access.organisations_administered_by(
                Organisation.objects.all(), user
            ),
            "parent_editable": lambda user: access.organisations_administered_by(
                Organisation.objects.all(), user
            ),
        },
    )
)


def get_entity(key: str) -> Entity:
    return ENTITIES[key]


def parent_of(entity: Entity) -> Entity:
    assert entity.parent_key is not None
    return ENTITIES[entity.parent_key]


def visible_parents(entity: Entity, user) -> QuerySet:
    if "parent_visible" in entity.extra:
        return entity.extra["parent_visible"](user)
    return visible_queryset(parent_of(entity), user)


def editable_parents(entity: Entity, user) -> QuerySet:
    if "parent_editable" in entity.extra:
        return entity.extra["parent_editable"](user)
    parent = parent_of(entity)
    if parent.model is Plan:
        return _plans_for_write(user, entity.write_kind)
    return editable_queryset(parent, user)


def visible_queryset(entity: Entity, user) -> QuerySet:
    if not entity.is_child:
        assert entity.visible is not None
        return entity.visible(user)
    return entity.model.objects.filter(
        **{f"{entity.parent_path}__in": visible_parents(entity, user)}
    )


def editable_queryset(entity: Entity, user) -> QuerySet:
    if not entity.is_child:
        assert entity.editable is not None
        return entity.editable(user)
    return entity.model.objects.filter(
        **{f"{entity.parent_path}__in": editable_parents(entity, user)}
    )


def parent_instance(entity: Entity, obj: Model) -> Model:
    """Follow parent_path from a child object to its parent object."""
    current = obj
    for part in entity.parent_path.split("__"):
        current = getattr(current, part)
    return current


def entity_by_slug(slug: str, parent_slug: str | None = None) -> Entity | None:
    for entity in ENTITIES.values():
        if entity.slug != slug:
            continue
        if parent_slug is None and not entity.is_child:
            return entity
        if parent_slug is not None and entity.is_child and parent_of(entity).slug == parent_slug:
            return entity
    return None


# Stand-ins for the ids in a cached URL: no slug has digits, so each occurs once in the URL.
_PK_MARK = 987654320123
_PARENT_MARK = 987654320456
_url_patterns: dict[tuple[str, str, bool, bool, str], str] = {}


def entity_url(entity: Entity, action: str, *, pk=None, parent_pk=None) -> str:
    """URL of `action` (list, create, detail, update, delete) for an entity.

    A table row needs two or three of these: the URL is reversed once per (entity, action) with
    stand-in ids and the real ids are put in, instead of resolving the URLconf per row.
    """
    from django.urls import get_script_prefix

    key = (entity.key, action, pk is None, parent_pk is None, get_script_prefix())
    pattern = _url_patterns.get(key)
    if pattern is None:
        pattern = _url_patterns[key] = _reverse_entity_url(
            entity,
            action,
            pk=None if pk is None else _PK_MARK,
            parent_pk=None if parent_pk is None else _PARENT_MARK,
        )
    url = pattern
    if pk is not None:
        url = url.replace(str(_PK_MARK), str(int(pk)))
    if parent_pk is not None:
        url = url.replace(str(_PARENT_MARK), str(int(parent_pk)))
    return url


def _reverse_entity_url(entity: Entity, action: str, *, pk=None, parent_pk=None) -> str:
    from django.urls import reverse

    if entity.is_child:
        kwargs = {
            "parent_slug": parent_of(entity).slug,
            "parent_pk": parent_pk,
            "slug": entity.slug,
        }
        name = f"child-{action}"
    else:
        kwargs = {"slug": entity.slug}
        name = action
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"partnerships:{name}", kwargs=kwargs)
