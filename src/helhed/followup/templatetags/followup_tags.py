"""Template helpers of the followup app: free text as paragraphs and lists, status classes."""

from __future__ import annotations

from django import template

from helhed.domain.reporting.phrases import text_blocks

register = template.Library()


@register.filter
def blocks(text: str | None) -> list[tuple[str, list[str]]]:
    """Free text as ("p", lines) and ("list", items) blocks, as in the Word file."""
    return text_blocks(text or "")


@register.filter
def status_class(status: str) -> str:
    return {"on_track": "status-ok", "off_track": "status-off"}.get(str(status), "status-none")
