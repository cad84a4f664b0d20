"""The selector that builds the status report's typed context from a plan, a year and a reader.

Sections follow the committee document the report is modelled on (an "orientering om status"
to the municipal committee): sagsresume; sagsfremstilling with the plan, the annual review and
the organisation; goal follow-up per focus area; budget and funding; activities and results;
collaboration with other efforts; indstilling. `reader=None` builds the report as published:
every suppressed value hidden, whoever asks.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from helhed.domain.reporting.context import (
    ActivityInfo,
    AreaInfo,
    BodyInfo,
    FocusSection,
    GainsInfo,
    GoalBlock,
    GrantInfo,
    IndicatorBlock,
    OrganisationSection,
    Review,
    StatusReport,
)
from helhed.domain.reporting.phrases import (
    UNIT_LABELS,
    danish_key,
    dk_number,
    join_names,
    kroner,
    number_word,
    short_date,
)
from helhed.domain.reporting.status import describe_target
from helhed.followup import selectors
from helhed.followup.figures import IndicatorFollowup, PlanFollowup, plan_followup
from helhed.followup.models import AnnualReview
from helhed.indicators.models import ComputationRun
from helhed.partnerships.models import OrganisationKind, Plan
from helhed.partnerships.selectors import PlanOverview, plan_overview

BETTER_LABELS = {"higher": "Højere er bedre", "lower": "Lavere er bedre"}


def _block(item: IndicatorFollowup, *, draft: bool) -> IndicatorBlock:
    gi, d = item.goal_indicator, item.definition
    notes = list(item.notes)
    if draft and item.generated_changed:
        notes.insert(
            0,
            "Udkast: tallene er ændret, siden teksten blev redigeret. Den genererede tekst lyder "
            f"nu: »{item.generated_text}«",
        )
    return IndicatorBlock(
        goal_indicator_id=gi.pk,
        key=d.key,
        name=d.name,
        unit_label=UNIT_LABELS[d.unit],
        better_label=BETTER_LABELS.get(d.better.value, ""),
        target=describe_target(item.target, d.better, d.unit),
        responsible=str(gi.responsible) if gi.responsible else "",
        statuses=tuple(item.statuses),
        text=item.final_text,
        generated_text=item.generated_text,
        edited=item.text is not None,
        generated_changed=item.generated_changed,
        chart=item.chart,
        table=item.table,
        notes=tuple(notes),
    )


def _focus_sections(
    overview: PlanOverview, followup: PlanFollowup, *, draft: bool
) -> tuple[FocusSection, ...]:
    by_goal: dict[int, list[IndicatorFollowup]] = {}
    for item in followup.indicators:
        by_goal.setdefault(item.goal_indicator.goal_id, []).append(item)
    sections = []
    for fa in overview.focus_areas:
        goals = tuple(
            GoalBlock(goal.title, tuple(_block(i, draft=draft) for i in by_goal[goal.pk]))
            for goal in fa.goals.all()
            if goal.pk in by_goal
        )
        added = followup.focus_texts.get(fa.pk)
        if goals or added:
            sections.append(
                FocusSection(fa.pk, fa.name, fa.description, goals, added.text if added else "")
            )
    return tuple(sections)


def _organisation(overview: PlanOverview, followup: PlanFollowup) -> OrganisationSection:
    areas = tuple(
        AreaInfo(
            a.plan_area.area.name,
            tuple(f"{d.number} {d.name} ({d.organisation})" for d in a.departments),
            a.tenancies,
            tuple(n for n in followup.department_changes if a.plan_area.area.name in n),
        )
        for a in overview.areas
    )
    # The year's meetings, and those early next year, when the annual review is usually held.
    first, last = date(followup.year, 1, 1), date(followup.year + 1, 3, 31)
    bodies = tuple(
        BodyInfo(
            b.name,
            b.get_kind_display(),
            tuple(
                f"{short_date(m.date)}: {m.title}"
                for m in sorted(b.meetings.all(), key=lambda m: m.date)
                if first <= m.date <= last
            ),
        )
        for b in overview.bodies
    )
    partners = sorted((str(p) for p in overview.partners), key=danish_key)
    return OrganisationSection(
        tuple(partners), tuple(sorted(areas, key=lambda a: danish_key(a.name))), bodies
    )


def _introduction(plan: Plan, overview: PlanOverview) -> str:
    housing = [str(p) for p in overview.partners if p.kind == OrganisationKind.HOUSING]
    funders = join_names([plan.municipality.name, *sorted(housing, key=danish_key)])
    areas = sorted((a.plan_area.area.name for a in overview.areas), key=danish_key)
    departments = sum(len(a.departments) for a in overview.areas)
    where = "boligområdet" if len(areas) == 1 else "boligområderne"
    text = (
        f"{funders} har sammen med Landsbyggefonden finansieret en boligsocial indsats i form af "
        f"helhedsplanen »{plan.name}« for {departments} almene boligafdelinger i {where} "
        f"{join_names(areas)}."
    )
    if plan.vision:
        vision = plan.vision.strip()
        text += f" Visionen for helhedsplanen er {vision[:1].lower()}{vision[1:]}"
        text += "" if vision.endswith(".") else "."
    names = [fa.name.lower() for fa in overview.focus_areas]
    if names:
        text += (
            f" Helhedsplanen har fokus på {number_word(len(names))} indsatsområder: "
            f"{join_names(names)}."
        )
    return text


def _review(review: AnnualReview | None) -> Review | None:
    if review is None:
        return None
    day = review.meeting_date or (review.meeting.date if review.meeting else None)
    body = review.meeting.body.name if review.meeting else "Bestyrelsen"
    return Review(
        day,
        body,
        review.organisation,
        review.goal_follow_up,
        review.budget,
        review.collaboration,
    )


def _funding_text(overview: PlanOverview, year: int) -> str:
    table = overview.funding
    text = (
        f"Landsbyggefonden finansierer {dk_number(float(table.lbf_share_pct), 0)} % af "
        f"helhedsplanens budget; den lokale medfinansiering fra boligorganisationer og kommune "
        f"udgør {dk_number(float(table.local_share_pct), 0)} %. Eksterne bevillinger kommer oveni."
    )
    row = next((r for r in table.rows if r.year == year), None)
    if row is not None:
        text += (
            f" I {year} er budgettet {kroner(row.budget)}, heraf {kroner(row.lbf)} fra "
            f"Landsbyggefonden og {kroner(row.local)} lokalt, og planen har modtaget "
            f"{kroner(row.grants)} i eksterne bevillinger."
        )
    return text


def _activities(overview: PlanOverview, year: int) -> tuple[ActivityInfo, ...]:
    result = []
    for a in overview.activities:
        if a.start_date.year > year or (a.end_date and a.end_date.year < year):
            continue
        figures = tuple(
            (r.label, dk_number(float(r.value), 0 if r.value % 1 == 0 else 2))
            for r in a.result_figures.all()
            if r.year == year
        )
        result.append(
            ActivityInfo(
                a.name,
                a.focus_area.name if a.focus_area else "",
                a.description,
                a.participants,
                a.volunteers,
                a.results,
                figures,
            )
        )
    return tuple(result)


def _sources(run_ids: list[int]) -> tuple[str, ...]:
    lines = []
    for run in ComputationRun.objects.filter(pk__in=run_ids).order_by("pk"):
        finished = timezone.localtime(run.finished_at).date() if run.finished_at else None
        lines.append(
            f"{run.get_kind_display()} nr. {run.pk}"
            + (f", beregnet {short_date(finished)}" if finished else "")
            + (f", inputhash {run.input_hash[:12]}" if run.input_hash else "")
        )
    return tuple(lines)


def build_status_report(plan: Plan, year: int, reader) -> StatusReport:
    """The status report of `plan` for `year` as `reader` may see it (None: as published)."""
    as_of = min(date(year, 12, 31), plan.end_date)
    overview = plan_overview(plan, reader, day=as_of)
    followup = plan_followup(plan, year, reader)
    review_obj = selectors.review_for(plan, year)
    issue = selectors.issue_for(plan, year)
    free = review_obj or AnnualReview()
    return StatusReport(
        plan_name=plan.name,
        municipality_name=plan.municipality.name,
        year=year,
        title=f"Orientering om status for {year} på helhedsplanen {plan.name}",
        as_of=as_of,
        issued_on=timezone.localtime(issue.issued_at).date() if issue else None,
        synthetic=bool(getattr(settings, "DEMO_MODE", False)),
        case_summary=free.case_summary
        or (
            f"Administrationen forelægger status for {year} for arbejdet med den boligsociale "
            f"helhedsplan {plan.name} til orientering."
        ),
        introduction=_introduction(plan, overview),
        vision=plan.vision,
        review=_review(review_obj),
        organisation=_organisation(overview, followup),
        focus_areas=_focus_sections(overview, followup, draft=issue is None),
        funding=overview.funding,
        funding_text=_funding_text(overview, year),
        grants=tuple(
            GrantInfo(g.grantor, g.purpose, g.year, kroner(g.amount))
            for g in overview.grants
            if g.year == year
        ),
        activities=_activities(overview, year),
        other_efforts=free.other_efforts,
        recommendation=free.recommendation or "at orienteringen tages til efterretning.",
        sources=_sources(followup.run_ids),
        gains=_gains(overview),
    )


def _gains(overview) -> tuple[GainsInfo, ...]:
    """Each activity's newest gains calculation, as the budget section's "expected gains"."""
    from helhed.gains.models import Calculation
    from helhed.gains.selectors import calculation_summary_or_problems

    result = []
    calculations = (
        Calculation.objects.filter(activity__in=[a.pk for a in overview.activities])
        .select_related("activity")
        .order_by("activity__name", "-pk")
    )
    seen: set[int] = set()
    for calculation in calculations:
        if calculation.activity_id in seen:
            continue
        seen.add(calculation.activity_id)
        summary, _problems = calculation_summary_or_problems(calculation)
        if summary is None:
            continue  # a calculation that no longer computes is shown on its own page, not here
        if summary.payback_year is None:
            payback = f"ikke inden for {summary.horizon_years} år"
        elif summary.payback_calendar_year:
            payback = f"i år {summary.payback_year} ({summary.payback_calendar_year})"
        else:
            payback = f"i år {summary.payback_year}"
        ratio = (
            "–"
            if summary.gain_cost_ratio is None
            else f"{summary.gain_cost_ratio:.2f}".replace(".", ",") + " kr."
        )
        per = "–" if summary.per_participant is None else kroner(summary.per_participant)
        result.append(
            GainsInfo(
                calculation.activity.name,
                summary.name,
                kroner(summary.net_result),
                per,
                payback,
                ratio,
                summary.horizon_years,
            )
        )
    return tuple(result)
