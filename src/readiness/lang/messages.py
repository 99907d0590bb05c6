"""Filling a rule's message with what was observed. Safe by construction.

Placeholders are `{fact.path}` (read from the profile with the same reader the conditions
use) or `{name.count}` / `{name.total}` / `{name.share}` / `{name.items}` for a named
quantifier. Nothing in the text is evaluated and no attribute can be reached except
profile facts, so a rule cannot run code or reach Python internals through its message.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel

from . import facts
from .conditions import Outcome

NOT_RECORDED = "not recorded"
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")  # {fact.path} or {name.count}


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


UNIT = re.compile(PLACEHOLDER.pattern + r"(%?)")


def render(template: str, outcome: Outcome, profile: Any) -> str:
    def value(name: str) -> str:
        head, _, attr = name.partition(".")
        if head in outcome.named and attr:
            named = outcome.named[head]
            if attr.startswith("items."):
                # One value per matched item, so a field an item lacks reads "not recorded".
                values = [show(facts.read(attr[len("items."):], item, profile)) for item in named["matched"]]
                return ", ".join(values) if values else NOT_RECORDED
            return show(named.get(attr))
        return show(facts.read(name if name.startswith(facts.ROOT + ".") else f"{facts.ROOT}.{name}",
                               profile, profile))

    def fill(match) -> str:
        text = value(match.group(1))
        # "{x}%" reads "12%", but "not recorded", not "not recorded%".
        return text if text == NOT_RECORDED else text + match.group(2)

    return UNIT.sub(fill, template)
