"""Writes of the followup app: `<entity>_<verb>(*, actor, …)`, each in one transaction.

Callers fetch the plan through `get_plan_for_user(user, id, write=True)` (404 outside the user's
scope, 403 for a reader) and the objects below it within that plan; these services then check
what the data itself forbids — a year outside the plan, texts of an issued report — validate
the model and save. A refusal is a ValidationError with a Danish message, and nothing is saved.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhed.followup.models import (
    AnnualReview,
    GoalIndicator,
    ReportFile,
    ReportIssue,
    ReportText,
)
from helhed.followup.selectors import plan_years
from helhed.partnerships.models import FocusArea, Goal, Plan

REVIEW_FIELDS = (
    "meeting",
    "meeting_date",
    "organisation",
    "goal_follow_up",
    "budget",
    "collaboration",
    "case_summary",
    "other_efforts",
    "recommendation",
)
INDICATOR_FIELDS = (
    "indicator",
    "target_kind",
    "target_value",
    "target_year",
    "baseline_year",
    "responsible",
    "note",
)


def _check_open(plan: Plan, year: int) -> None:
    if year not in plan_years(plan):
        raise ValidationError(_("Planen løber ikke i %(year)s.") % {"year": year})
    if ReportIssue.objects.filter(plan=plan, year=year).exists():
        raise ValidationError(
            _("Rapporten for %(year)s er udsendt; genåbn den for at ændre den.") % {"year": year}
        )


def goal_indicator_save(
    *, actor, goal: Goal, data: dict, instance: GoalIndicator | None = None
) -> GoalIndicator:
    """Create (instance=None) or change a goal indicator with its target."""
    gi = instance or GoalIndicator(goal=goal)
    if gi.goal_id != goal.pk:
        raise ValidationError(_("Målindikatoren hører til et andet mål."))
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(gi, name, data[name])
    gi.full_clean()
    with transaction.atomic():
        gi.save()
    return gi


def goal_indicator_delete(*, actor, goal_indicator: GoalIndicator) -> None:
    with transaction.atomic():
        goal_indicator.delete()


def report_text_save(
    *,
    actor,
    plan: Plan,
    year: int,
    text: str,
    generated_text: str = "",
    goal_indicator: GoalIndicator | None = None,
    focus_area: FocusArea | None = None,
) -> ReportText | None:
    """Store staff's text for an indicator (an edit of `generated_text`) or a focus area (added
    text). An empty text, or one equal to the generated text, removes the edit: the report then
    uses the generated text again. Returns the stored text, or None when there is none."""
    if (goal_indicator is None) == (focus_area is None):
        raise ValueError("angiv enten en målindikator eller et indsatsområde")
    if goal_indicator is not None and goal_indicator.goal.plan_id != plan.pk:
        raise ValidationError(_("Målindikatoren hører til en anden plan."))
    if focus_area is not None and focus_area.plan_id != plan.pk:
        raise ValidationError(_("Indsatsområdet hører til en anden plan."))
    _check_open(plan, year)
    text = text.strip()
    key = {"goal_indicator": goal_indicator} if goal_indicator else {"focus_area": focus_area}
    with transaction.atomic():
        existing = ReportText.objects.select_for_update().filter(plan=plan, year=year, **key)
        if not text or (goal_indicator is not None and text == generated_text.strip()):
            existing.delete()
            return None
        stored = existing.first() or ReportText(plan=plan, year=year, **key)
        stored.text = text
        stored.generated_text = generated_text if goal_indicator is not None else ""
        stored.updated_by = actor
        stored.full_clean()
        stored.save()
    return stored


def annual_review_save(*, actor, plan: Plan, year: int, data: dict) -> AnnualReview:
    """Create or change the annual review of a year; a linked meeting sets the meeting date."""
    _check_open(plan, year)
    with transaction.atomic():
        review = AnnualReview.objects.select_for_update().filter(
            plan=plan, year=year
        ).first() or AnnualReview(plan=plan, year=year)
        for name in REVIEW_FIELDS:
            if name in data:
                setattr(review, name, data[name])
        if review.meeting_id and not review.meeting_date:
            review.meeting_date = review.meeting.date
        review.updated_by = actor
        review.full_clean()
        review.save()
    return review


def report_issue(*, actor, plan: Plan, year: int) -> ReportIssue:
    """Mark the year's report as issued: its texts and review are locked from now on."""
    _check_open(plan, year)
    with transaction.atomic():
        return ReportIssue.objects.create(plan=plan, year=year, issued_by=actor)


def report_reopen(*, actor, plan: Plan, year: int) -> None:
    with transaction.atomic():
        deleted, _details = ReportIssue.objects.filter(plan=plan, year=year).delete()
    if not deleted:
        raise ValidationError(_("Rapporten for %(year)s er ikke udsendt.") % {"year": year})


def report_files_render(*, actor, plan: Plan, year: int) -> list[ReportFile]:
    """Render the year's report as PDF and Word for publication and store both files.

    Rendered as published (reader None): suppressed values are hidden even when the actor owns
    them, because every reader of the plan may download the files.
    """
    from helhed.followup.rendering import render_both
    from helhed.followup.report_context import build_status_report

    if year not in plan_years(plan):
        raise ValidationError(_("Planen løber ikke i %(year)s.") % {"year": year})
    report = build_status_report(plan, year, None)
    rendered = render_both(report)
    files = []
    with transaction.atomic():
        for fmt, content in rendered.items():
            stored, _created = ReportFile.objects.update_or_create(
                plan=plan,
                year=year,
                format=fmt,
                defaults={
                    "content": content,
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "created_by": actor,
                },
            )
            files.append(stored)
    return files
