"""Output serializers of the area-list API (input serializers live beside their views in api.py)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from helhed.arealists.models import CriterionImport, OfficialListImport
from helhed.arealists.presentation import criterion_label
from helhed.arealists.selectors import ScreenedArea
from helhed.domain.arealists import LIST_KEYS


# A pattern rather than an enum: drf-spectacular would name the same enum after every field
# holding it (lists, lists_after, …) and warn about the many names.
@extend_schema_field(
    {
        "type": "string",
        "pattern": f"^({'|'.join(LIST_KEYS)})$",
        "description": "Listenøgle: " + ", ".join(LIST_KEYS),
    }
)
class ListKeyField(serializers.CharField):
    """A list key (udsat, parallelsamfund, …)."""


def _list_keys(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=ListKeyField(), **kwargs)


class CriterionSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Kriteriets nøgle, fx labour_market eller fb_income.")
    label = serializers.CharField()
    measure = serializers.CharField()
    comparison = serializers.ChoiceField(choices=[">", ">=", "<"])
    value = serializers.FloatField(allow_null=True)
    threshold = serializers.FloatField(allow_null=True)
    met = serializers.BooleanField(allow_null=True, help_text="null: kan ikke afgøres.")
    distance_pp = serializers.FloatField(allow_null=True, help_text="Værdi minus grænse.")
    distance_persons = serializers.IntegerField(allow_null=True)
    population = serializers.IntegerField(allow_null=True)
    population_estimated = serializers.BooleanField()
    text = serializers.CharField()


class ScreenedAreaSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Den aktuelle kriterierækkes id.")
    year = serializers.IntegerField()
    area = serializers.CharField()
    municipality = serializers.CharField()
    residents = serializers.IntegerField(allow_null=True)
    lists = _list_keys()
    undecided_lists = _list_keys()
    criteria_met = serializers.ListField(child=serializers.CharField())
    undecided = serializers.ListField(child=serializers.CharField())
    persons_estimated = serializers.ListField(child=serializers.CharField())
    criteria = CriterionSerializer(many=True)
    partnership_area = serializers.IntegerField(
        allow_null=True,
        help_text="Boligområdet i partnerskabet, hvis det findes og brugeren kan se det.",
    )


def screened_data(item: ScreenedArea, visible_area_ids: set[int]) -> dict:
    r = item.result
    return {
        "id": item.row.pk,
        "year": r.year,
        "area": r.area,
        "municipality": r.municipality,
        "residents": r.row.residents,
        "lists": list(r.on_lists),
        "undecided_lists": list(r.undecided_lists),
        "criteria_met": list(r.criteria_met),
        "undecided": list(r.undecided),
        "persons_estimated": list(r.estimated),
        "criteria": [
            {
                "id": c.id,
                "label": criterion_label(c.id),
                "measure": c.criterion.measure,
                "comparison": c.criterion.comparison.value,
                "value": c.value,
                "threshold": c.threshold,
                "met": c.met,
                "distance_pp": c.distance_pp,
                "distance_persons": c.persons,
                "population": c.population,
                "population_estimated": c.population_estimated,
                "text": c.text,
            }
            for c in r.criteria
        ],
        "partnership_area": item.row.area_id if item.row.area_id in visible_area_ids else None,
    }


class PathStepSerializer(serializers.Serializer):
    criterion_id = serializers.CharField()
    measure = serializers.CharField()
    field = serializers.CharField(help_text="Inputkolonnen, der ændres.")
    from_value = serializers.FloatField()
    to_value = serializers.FloatField()
    change_pp = serializers.FloatField()
    persons = serializers.IntegerField(allow_null=True, help_text="null for indkomst.")
    population_estimated = serializers.BooleanField()
    text = serializers.CharField()


class PathOptionSerializer(serializers.Serializer):
    steps = PathStepSerializer(many=True)
    total_persons = serializers.IntegerField()
    pp_without_persons = serializers.FloatField()
    certain = serializers.BooleanField()
    lists_after = _list_keys()
    undecided_after = _list_keys()
    text = serializers.CharField()


class ListPathSerializer(serializers.Serializer):
    list = ListKeyField()
    label = serializers.CharField()
    options = PathOptionSerializer(many=True, help_text="Billigste først.")


class AreaPathSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    area = serializers.CharField()
    lists = _list_keys()
    paths = ListPathSerializer(many=True)


class WhatIfResultSerializer(serializers.Serializer):
    changes = serializers.DictField(child=serializers.FloatField(allow_null=True))
    classification_changed = serializers.BooleanField()
    before = ScreenedAreaSerializer()
    after = ScreenedAreaSerializer()


class WatchItemSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    area = serializers.CharField()
    municipality = serializers.CharField()
    criterion_id = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField()
    threshold = serializers.FloatField()
    distance_pp = serializers.FloatField()
    met = serializers.BooleanField()
    persons = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()


class _ImportSerializer(serializers.ModelSerializer):
    imported_by = serializers.SerializerMethodField()

    def get_imported_by(self, obj) -> str | None:
        return obj.imported_by.get_username() if obj.imported_by else None


class CriterionImportSerializer(_ImportSerializer):
    class Meta:
        model = CriterionImport
        fields = ["id", "year", "file_name", "sha256", "row_count", "imported_at", "imported_by"]


class OfficialListImportSerializer(_ImportSerializer):
    years = serializers.SerializerMethodField()

    class Meta:
        model = OfficialListImport
        fields = ["id", "years", "file_name", "sha256", "row_count", "imported_at", "imported_by"]

    def get_years(self, obj) -> list[int]:
        return sorted(set(obj.rows.values_list("year", flat=True)))


class ImportProblemSerializer(serializers.Serializer):
    file = serializers.CharField()
    row = serializers.IntegerField(allow_null=True, help_text="Regnearksrække; overskriften er 1.")
    column = serializers.CharField(allow_null=True)
    message = serializers.CharField()
    text = serializers.CharField()


class ImportProblemsSerializer(serializers.Serializer):
    detail = serializers.CharField()
    problems = ImportProblemSerializer(many=True)
