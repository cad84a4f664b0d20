"""Reads of the followup app, and its choke points.

Everything here hangs under a plan, so access is the plan's: `get_plan_for_user` (404 outside
the user's scope, 403 for a visible plan the user may not change) and, for objects below the
plan, a lookup *within* that plan — an id from another plan is a 404 as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from helhed.followup.models import (
    AnnualReview,
    GoalIndicator,
    ReportFile,
    ReportIssue,
    ReportText,
)
from helhed.partnerships.models import BodyMeeting, FocusArea, Goal, Organisation, Plan
from helhed.partnerships.selectors import get_plan_for_user

__all__ = ["get_plan_for_user"]


def plan_years(plan: Plan) -> list[int]:
    return list(range(plan.start_date.year, plan.end_date.year + 1))


def check_year(plan: Plan, year: int) -> int:
    if year not in plan_years(plan):
        raise Http404(_("Planen løber ikke i det år."))
    return year


def default_year(plan: Plan) -> int:
    """The latest year of the plan that has a review, else the plan's last year."""
    reviewed = plan.annual_reviews.order_by("-year").values_list("year", flat=True).first()
    return reviewed or plan_years(plan)[-1]


def can_edit(user, plan: Plan) -> bool:
    return Plan.objects.editable_by(user).filter(pk=plan.pk).exists()


def get_goal_for_plan(plan: Plan, goal_id) -> Goal:
    try:
        return Goal.objects.select_related("focus_area").get(plan=plan, pk=goal_id)
    except (Goal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Findes ikke.")) from exc


def get_goal_indicator_for_plan(plan: Plan, pk) -> GoalIndicator:
    try:
        return GoalIndicator.objects.select_related("goal__focus_area", "responsible").get(
            goal__plan=plan, pk=pk
        )
    except (GoalIndicator.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Findes ikke.")) from exc


def get_focus_area_for_plan(plan: Plan, pk) -> FocusArea:
    try:
        return FocusArea.objects.get(plan=plan, pk=pk)
    except (FocusArea.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Findes ikke.")) from exc


def goal_indicators(plan: Plan) -> list[GoalIndicator]:
    return list(
        GoalIndicator.objects.filter(goal__plan=plan).select_related(
            "goal__focus_area", "responsible"
        )
    )


def responsible_choices(plan: Plan):
    """Organisations that may be responsible for a goal indicator: partners and the municipality."""
    from django.db.models import Q

    return Organisation.objects.filter(
        Q(plan_partnerships__plan=plan) | Q(kind="municipality", municipality=plan.municipality)
    ).distinct()


def meeting_choices(plan: Plan):
    return BodyMeeting.objects.filter(body__plan=plan).select_related("body")


def review_for(plan: Plan, year: int) -> AnnualReview | None:
    return AnnualReview.objects.filter(plan=plan, year=year).select_related("meeting__body").first()


def texts_for(plan: Plan, year: int) -> tuple[dict[int, ReportText], dict[int, ReportText]]:
    """The year's stored texts: (by goal indicator id, by focus area id)."""
    by_indicator: dict[int, ReportText] = {}
    by_focus: dict[int, ReportText] = {}
    for text in ReportText.objects.filter(plan=plan, year=year):
        if text.goal_indicator_id:
            by_indicator[text.goal_indicator_id] = text
        elif text.focus_area_id:
            by_focus[text.focus_area_id] = text
    return by_indicator, by_focus


def issue_for(plan: Plan, year: int) -> ReportIssue | None:
    return ReportIssue.objects.filter(plan=plan, year=year).select_related("issued_by").first()


def report_files(plan: Plan, year: int) -> list[ReportFile]:
    return list(
        ReportFile.objects.filter(plan=plan, year=year)
        .defer("content")
        .select_related("created_by")
        .order_by("format")
    )


def get_report_file(plan: Plan, year: int, fmt: str) -> ReportFile:
    try:
        return ReportFile.objects.get(plan=plan, year=year, format=fmt)
    except ReportFile.DoesNotExist as exc:
        raise Http404(_("Rapporten er ikke dannet endnu.")) from exc


@dataclass(frozen=True)
class YearState:
    year: int
    issued: ReportIssue | None
    review: AnnualReview | None
    files: list[ReportFile]
