"""Filling a rule's message with what was observed. Safe by construction.

Placeholders are `{fact.path}` (read from the profile with the same reader the conditions
use) or `{name.count}` / `{name.total}` / `{name.share}` / `{name.items}` for a named
quantifier. Nothing in the text is evaluated and no attribute can be reached except
profile facts, so a rule cannot run code or reach Python internals through its message.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from . import facts
from .conditions import Outcome
from .rules import PLACEHOLDER

NOT_RECORDED = "not recorded"


def show(value: Any) -> str:
    """A value as a committee would read it."""
    if value is None or value is facts.MISSING:
        return NOT_RECORDED
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, list):
        return ", ".join(show(v) for v in value) if value else "none"
    if isinstance(value, BaseModel):  # (reading model_fields on an instance is deprecated in pydantic)
        from .conditions import label

        return label(value)
    return str(value)


def render(template: str, outcome: Outcome, profile: Any) -> str:
    def fill(match) -> str:
        name = match.group(1)
        head, _, attr = name.partition(".")
        if head in outcome.named and attr:
            named = outcome.named[head]
            if attr.startswith("items."):
                return show(facts.read(attr[len("items."):], named["matched"], profile))
            return show(named.get(attr))
        return show(facts.read(name if name.startswith(facts.ROOT + ".") else f"{facts.ROOT}.{name}",
                               profile, profile))

    return PLACEHOLDER.sub(fill, template)
