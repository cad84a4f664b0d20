"""The official area lists (udsatte boligområder, parallelsamfund, …) as a pure core: no Django.

Modules:
- `rules`: one `RuleSet` per list year 2010-2025 (thresholds, comparisons, lists).
- `measures`: the five measures (input column, population, Danish wording).
- `screening`: classify areas with three-valued logic for missing values; `what_if`.
- `distance`: distance to each threshold in percentage points and persons, with Danish sentences.
- `path`: the cheapest per-criterion changes that take an area off each list it is on.
- `history`: official lists and screened years for the consecutive-year rules.
- `timeline`: per-area timelines and the watch list of areas near a threshold.
- `io` / `export`: strict CSV/XLSX input with Danish error messages; CSV/JSON/XLSX output.

docs/area-lists.md documents every rule and every choice made where the sources disagree.
"""

from helhed.domain.arealists.export import result_row, rows, write_csv, write_json, write_xlsx
from helhed.domain.arealists.history import History, HistoryEntry
from helhed.domain.arealists.io import (
    AreaListInputError,
    InputProblem,
    parse_areas,
    parse_history,
    read_areas,
    read_history,
)
from helhed.domain.arealists.path import (
    ListPath,
    PathOption,
    PathStep,
    describe_path,
    path_off_list,
    path_off_lists,
)
from helhed.domain.arealists.rules import (
    LIST_KEYS,
    LIST_LABELS_DA,
    OCTOBER_2013,
    RULE_SETS,
    Comparison,
    Criterion,
    ListKey,
    ListRule,
    RuleSet,
    UnknownListYear,
    rules_for,
)
from helhed.domain.arealists.screening import (
    AreaInput,
    AreaResult,
    CriterionResult,
    screen,
    screen_area,
    what_if,
)
from helhed.domain.arealists.timeline import (
    Timeline,
    TimelinePoint,
    Transition,
    WatchItem,
    timelines,
    watch_list,
)

__all__ = [
    "LIST_KEYS",
    "LIST_LABELS_DA",
    "OCTOBER_2013",
    "RULE_SETS",
    "AreaInput",
    "AreaListInputError",
    "AreaResult",
    "Comparison",
    "Criterion",
    "CriterionResult",
    "History",
    "HistoryEntry",
    "InputProblem",
    "ListKey",
    "ListPath",
    "ListRule",
    "PathOption",
    "PathStep",
    "RuleSet",
    "Timeline",
    "TimelinePoint",
    "Transition",
    "UnknownListYear",
    "WatchItem",
    "describe_path",
    "parse_areas",
    "parse_history",
    "path_off_list",
    "path_off_lists",
    "read_areas",
    "read_history",
    "result_row",
    "rows",
    "rules_for",
    "screen",
    "screen_area",
    "timelines",
    "watch_list",
    "what_if",
    "write_csv",
    "write_json",
    "write_xlsx",
]
