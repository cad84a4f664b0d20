"""The gains core (gevinster): a SØM-style socio-economic investment calculator, pure Python.

No Django here. The `gains` Django app, the CLI (`helhed gains calc`) and the API call this:

    scenario, assumptions, settings = load_input("scenario.json")
    evaluation = evaluate(scenario, assumptions, settings)
    evaluation_to_dict(evaluation)          # the JSON output
    write_xlsx(evaluation, "resultat.xlsx")  # the spreadsheet

docs/gains.md describes the model, its formulas, defaults and sources, with a worked example.
"""

from helhed.domain.gains.catalogue import (
    CatalogueEntry,
    SourcedStatement,
    StartingScenario,
    get_entry,
    load_catalogue,
    search,
    starting_scenario,
)
from helhed.domain.gains.io import (
    evaluation_to_dict,
    load_input,
    parse_input,
    parse_scenario,
    result_to_dict,
    scenario_to_dict,
    write_xlsx,
)
from helhed.domain.gains.knowledge import (
    KnowledgeBase,
    KnowledgeEntry,
    KnowledgeError,
    PriceIndex,
    adjust_entry,
    default_knowledge_base,
    load_price_index,
    read_entries_csv,
)
from helhed.domain.gains.model import (
    BODY_LABELS,
    DEFAULT_DISCOUNT_RATE,
    MAX_HORIZON_YEARS,
    PUBLIC_BODIES,
    Approach,
    Consequence,
    GainsResult,
    Problem,
    Scenario,
    ScenarioError,
    SroiAdjustments,
    calculate,
)
from helhed.domain.gains.uncertainty import (
    Assumption,
    Evaluation,
    MonteCarloResult,
    MonteCarloSettings,
    TornadoBar,
    evaluate,
    monte_carlo,
    tornado,
)

__all__ = [
    "BODY_LABELS",
    "DEFAULT_DISCOUNT_RATE",
    "MAX_HORIZON_YEARS",
    "PUBLIC_BODIES",
    "Approach",
    "Assumption",
    "CatalogueEntry",
    "Consequence",
    "Evaluation",
    "GainsResult",
    "KnowledgeBase",
    "KnowledgeEntry",
    "KnowledgeError",
    "MonteCarloResult",
    "MonteCarloSettings",
    "PriceIndex",
    "Problem",
    "Scenario",
    "ScenarioError",
    "SourcedStatement",
    "SroiAdjustments",
    "StartingScenario",
    "TornadoBar",
    "adjust_entry",
    "calculate",
    "default_knowledge_base",
    "evaluate",
    "evaluation_to_dict",
    "get_entry",
    "load_catalogue",
    "load_input",
    "load_price_index",
    "monte_carlo",
    "parse_input",
    "parse_scenario",
    "read_entries_csv",
    "result_to_dict",
    "scenario_to_dict",
    "search",
    "starting_scenario",
    "tornado",
    "write_xlsx",
]
