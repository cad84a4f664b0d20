"""Input and output serializers of the gains API (HackSoft style: thin, one per direction)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from helhed.domain.gains import BODY_LABELS
from helhed.gains.forms import SOURCE_REQUIRED


class TornadoBarSerializer(serializers.Serializer):
    assumption = serializers.CharField()
    label = serializers.CharField()
    low = serializers.FloatField()
    central = serializers.FloatField()
    high = serializers.FloatField()
    net_at_low = serializers.FloatField()
    net_at_high = serializers.FloatField()
    swing = serializers.FloatField()


class MonteCarloSerializer(serializers.Serializer):
    draws = serializers.IntegerField()
    seed = serializers.IntegerField()
    interval = serializers.FloatField()
    lower = serializers.FloatField()
    median = serializers.FloatField()
    upper = serializers.FloatField()
    mean = serializers.FloatField()
    probability_positive = serializers.FloatField()


class GainsOutputSerializer(serializers.Serializer):
    """The core's JSON output, as `helhed gains calc --format json` prints it (docs/gains.md)."""

    horizon_years = serializers.IntegerField()
    discount_rate = serializers.FloatField()
    approach = serializers.CharField()
    participants_total = serializers.IntegerField()
    successes_total = serializers.FloatField()
    net_result = serializers.FloatField()
    net_result_by_body = serializers.DictField(child=serializers.FloatField())
    net_by_year = serializers.ListField(child=serializers.FloatField())
    net_by_year_undiscounted = serializers.ListField(child=serializers.FloatField())
    cumulative_net_by_year = serializers.ListField(child=serializers.FloatField())
    net_by_body_by_year = serializers.DictField(
        child=serializers.ListField(child=serializers.FloatField())
    )
    by_item = serializers.DictField(child=serializers.FloatField())
    by_item_by_body = serializers.DictField(
        child=serializers.DictField(child=serializers.FloatField())
    )
    costs_total = serializers.FloatField()
    costs_by_body = serializers.DictField(child=serializers.FloatField())
    gains_total = serializers.FloatField()
    gains_by_body = serializers.DictField(child=serializers.FloatField())
    per_participant = serializers.FloatField(allow_null=True)
    payback_year = serializers.IntegerField(allow_null=True)
    break_even_success_rate = serializers.FloatField(allow_null=True)
    gain_cost_ratio = serializers.FloatField(allow_null=True)
    tornado = TornadoBarSerializer(many=True)
    monte_carlo = MonteCarloSerializer(allow_null=True)


class ScenarioProblemSerializer(serializers.Serializer):
    path = serializers.CharField()
    message = serializers.CharField()


class ScenarioErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = ScenarioProblemSerializer(many=True)


class CalculationInputSerializer(serializers.Serializer):
    activity = serializers.IntegerField(help_text=_("Id på aktiviteten (kun ved oprettelse)."))
    name = serializers.CharField(max_length=200)
    scenario = serializers.JSONField(help_text=_("Scenariet i kernens inputformat."))


class CalculationUpdateSerializer(serializers.Serializer):
    """PUT replaces both; PATCH may send either."""

    name = serializers.CharField(max_length=200)
    scenario = serializers.JSONField()


class CalculationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    activity = serializers.IntegerField(source="activity_id")
    plan = serializers.IntegerField(source="activity.plan_id")
    name = serializers.CharField()
    scenario = serializers.JSONField()
    catalogue_entry = serializers.CharField()
    created_by = serializers.CharField(source="created_by.username", allow_null=True)
    created_at = serializers.DateTimeField()
    updated_by = serializers.CharField(source="updated_by.username", allow_null=True)
    updated_at = serializers.DateTimeField()
    result = GainsOutputSerializer(allow_null=True, help_text=_("Det beregnede resultat."))


class KnowledgeInputSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=300)
    value = serializers.DecimalField(max_digits=18, decimal_places=4)
    unit = serializers.CharField(max_length=80)
    price_year = serializers.IntegerField(
        min_value=1900, max_value=2100, allow_null=True, required=False
    )
    public_body = serializers.ChoiceField(choices=list(BODY_LABELS), default="kommune")
    source = serializers.CharField(
        error_messages={"required": SOURCE_REQUIRED, "blank": SOURCE_REQUIRED}
    )
    organisation = serializers.IntegerField(
        required=False,
        help_text=_("Organisationen, posten tilføjes for; kan udelades med kun én mulighed."),
    )


class KnowledgeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text=_("Tom for poster fra helhed."))
    item = serializers.CharField()
    value = serializers.FloatField()
    unit = serializers.CharField()
    price_year = serializers.IntegerField(allow_null=True)
    price_year_note = serializers.CharField()
    public_body = serializers.CharField()
    source = serializers.CharField()
    origin = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    adjusted_to_year = serializers.IntegerField()
    adjusted_value = serializers.FloatField(allow_null=True)
    adjustment_note = serializers.CharField()


class StatementSerializer(serializers.Serializer):
    text = serializers.CharField()
    source = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    unit = serializers.CharField(allow_null=True)


class CatalogueEntrySerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    municipality = serializers.CharField()
    area = serializers.CharField(allow_null=True)
    focus = serializers.CharField()
    page = serializers.IntegerField()
    text_available = serializers.BooleanField()
    source = serializers.CharField()
    goal = serializers.CharField(allow_null=True)
    target_group = serializers.CharField(allow_null=True)
    method = serializers.CharField(allow_null=True)
    partners = serializers.ListField(child=serializers.CharField())
    results = StatementSerializer(many=True)
    gains = StatementSerializer(many=True)
    note = serializers.CharField(allow_null=True)


class StartingScenarioSerializer(serializers.Serializer):
    scenario = serializers.JSONField()
    open_assumptions = serializers.ListField(child=serializers.CharField())
    sources = serializers.ListField(child=serializers.CharField())


class CatalogueDetailSerializer(CatalogueEntrySerializer):
    starting_scenario = StartingScenarioSerializer()
