"""Findings (overlap, conflicting demands, gap) as Danish sentences for the record page, with
members labelled as the viewer may see them."""

from __future__ import annotations

from dataclasses import dataclass

from helhed.domain.families import overlaps
from helhed.families.models import Demand, GoalCategory
from helhed.families.selectors import FamilyRecord

KIND_LABELS = {
    overlaps.OVERLAP: "Overlap",
    overlaps.CONFLICT: "Modstridende krav",
    overlaps.GAP: "Uden indsats",
}


@dataclass(frozen=True)
class FindingText:
    kind: str
    label: str
    text: str


def finding_texts(record: FamilyRecord) -> list[FindingText]:
    if record.flags is None:
        return []
    titles = {i.pk: i for i in record.interventions}
    texts = []
    for finding in record.flags.findings:
        who = record.member_label(finding.member_id)
        named = [titles[i] for i in finding.intervention_ids if i in titles]
        if finding.kind == overlaps.OVERLAP:
            text = (
                f"{who} har {len(named)} aktive indsatser med målområdet "
                f"»{GoalCategory(finding.goal_category).label}«: "
                + ", ".join(f"{i.title} ({i.organisation})" for i in named)
                + "."
            )
        elif finding.kind == overlaps.CONFLICT:
            text = (
                f"{who}: "
                + " og ".join(f"{i.title} kræver »{Demand(i.demand).label.lower()}«" for i in named)
                + "."
            )
        else:
            text = f"{who} har ingen aktiv indsats."
        texts.append(FindingText(finding.kind, KIND_LABELS[finding.kind], text))
    return texts


@dataclass(frozen=True)
class ProgressRow:
    title: str
    scores: list[int | None]  # one per meeting, in the record's meeting order
    change: int | None
    latest: int | None


def progress_rows(record: FamilyRecord) -> list[ProgressRow]:
    dates = [m.held_on for m in record.meetings]
    rows = []
    for view in record.goals:
        points = dict(view.progress.points) if view.progress else {}
        rows.append(
            ProgressRow(
                view.goal.title,
                [points.get(day) for day in dates],
                view.progress.change if view.progress else None,
                view.progress.latest if view.progress else None,
            )
        )
    return rows
