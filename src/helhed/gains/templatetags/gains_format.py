"""Template helpers of the gains pages: shares as per cent, assumption values by kind.

Django's number_format cuts decimals off instead of rounding (6.2821 → "6,2"), so every helper
here rounds first.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

from helhed.partnerships.templatetags.helhed import dk_number, kr, pct

register = template.Library()


@register.filter
def share(value, decimals: int = 1) -> str:
    """0.062821 → '6,3 %'."""
    if value in (None, ""):
        return "–"
    return pct(round(float(value) * 100, int(decimals)), decimals)


@register.filter
def rounded(value, decimals: int = 2) -> str:
    """3.1836 → '3,18' (rounded, Danish separators)."""
    if value in (None, ""):
        return "–"
    return dk_number(round(float(value), int(decimals)), decimals)


@register.filter
def assumption_value(value, kind: str) -> str:
    """A low/central/high value as its kind needs: a share in %, a factor, or kroner."""
    if value in (None, ""):
        return "–"
    if kind == "share":
        return share(value, 1)
    if kind == "factor":
        return rounded(value, 2)
    return kr(value)


@register.filter
def url_host(url: str) -> str:
    """https://www.dst.dk/da/Statistik/… → dst.dk (the link text; the full address is the href)."""
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.") or url


@register.filter
def figure(value) -> str:
    """A knowledge-base value: 65.000 / 0,035 / 2,8 (no trailing zeros)."""
    if value in (None, ""):
        return "–"
    number = float(value)
    if number == int(number):
        return dk_number(int(number), 0)
    decimals = len(f"{abs(number):.4f}".rstrip("0").split(".")[1])
    return dk_number(number, decimals)
