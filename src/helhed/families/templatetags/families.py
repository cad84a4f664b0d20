"""Template helpers of the families pages (presentation only; access is decided before)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def consent_active(consent, day) -> bool:
    return consent.active_on(day)


@register.filter
def can_edit_intervention(viewer, intervention) -> bool:
    return viewer.can_edit_intervention(intervention)


@register.filter
def member_label(record, member_id) -> str:
    return record.member_label(member_id)


@register.filter
def participant_count(meeting, kind: str) -> int:
    return sum(1 for p in meeting.participants.all() if p.kind == kind)


@register.filter
def figure(fig, kind: str = "count") -> str:
    """A board figure: "færre end 5" when suppressed, else the number in Danish format."""
    from helhed.partnerships.templatetags.helhed import dk_number, pct

    if fig.suppressed or fig.value is None:
        return "færre end 5" if kind == "count" else "skjult (< 5)"
    if kind == "pct":
        return pct(fig.value, 0)
    if kind == "avg":
        return dk_number(fig.value, 1)
    if kind == "signed":
        sign = "+" if fig.value > 0 else ""
        return sign + dk_number(fig.value, 1)
    return dk_number(fig.value, 0)
