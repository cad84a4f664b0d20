"""Template filters of the area-list pages: Danish numbers as the rule core writes them, labels."""

from __future__ import annotations

from django import template

from helhed.arealists.presentation import criterion_label, list_label
from helhed.domain.arealists.distance import ESTIMATE_NOTE, format_da

register = template.Library()


@register.filter
def num(value, decimals: int = 2) -> str:
    """41.25 → '41,25'; 1250 → '1.250'; None → '–'."""
    if value is None or value == "":
        return "–"
    return format_da(float(value), int(decimals))


@register.filter
def signed(value, decimals: int = 2) -> str:
    """A signed distance: '+1,2', '−0,8', '0'."""
    if value is None or value == "":
        return "–"
    number = round(float(value), int(decimals))
    if number == 0:
        return "0"
    sign = "+" if number > 0 else "−"
    return sign + format_da(abs(number), int(decimals))


@register.filter
def met_text(value) -> str:
    if value is None:
        return "uafgjort"
    return "opfyldt" if value else "ikke opfyldt"


@register.filter
def met_css(value) -> str:
    if value is None:
        return "undecided"
    return "met" if value else "not-met"


@register.filter(name="list_label")
def list_label_filter(key: str) -> str:
    return list_label(key)


@register.filter
def breakable(label: str) -> str:
    """Soft hyphens in the long compounds of list names, so narrow table cells can break them."""
    for part in ("forebyggelses", "omdannelses", "ghetto", "bolig"):
        label = label.replace(f"{part}område", f"{part}\u00adområde")
    return label


@register.filter
def without_estimate_note(text: str) -> str:
    """The core's sentence without its "(skøn: …)" note; pages mark estimates with * instead."""
    return text.replace(ESTIMATE_NOTE, "")


@register.filter(name="criterion_label")
def criterion_label_filter(criterion_id: str) -> str:
    return criterion_label(criterion_id)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
