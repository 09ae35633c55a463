"""Template helpers of the console shell (navigation, initials, small formatting)."""

import json

from django import template

from xmhub.core.navigation import audience_for, navigation_for

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """``{% navigation as nav_sections %}``: the sections and entries the current member may see."""
    request = context.get("request")
    return navigation_for(request) if request is not None else []


@register.simple_tag(takes_context=True)
def audience(context):
    """console, dashboard or portal: picks the shell's accent and the home page's widgets."""
    return audience_for(context.get("membership"))


@register.filter
def initials(value) -> str:
    """Two letters for an avatar: "Ada Lovelace" → "AL", "ada@example.com" → "A"."""
    text = str(value or "").split("@")[0].replace(".", " ").replace("_", " ")
    parts = [p for p in text.split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


@register.filter
def audit_value(value) -> str:
    """A before/after value of the audit trail, readable: None → "—", lists and objects as JSON."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if value == "":
        return "(empty)"
    return str(value)
