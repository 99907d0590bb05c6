"""Filling a rule's message with what was observed. Safe by construction.

Placeholders are `{fact.path}` (read from the profile with the same reader the conditions
use) or `{name.count}` / `{name.total}` / `{name.share}` / `{name.items}` for a named
quantifier. Nothing in the text is evaluated and no attribute can be reached except
profile facts, so a rule cannot run code or reach Python internals through its message.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
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
    def value(name: str, read: facts.Reader) -> str:
        head, _, attr = name.partition(".")
        if head in outcome.named and attr:
            named = outcome.named[head]
            if attr.startswith("items."):
                # One value per matched item, so a field an item lacks reads "not recorded".
                values = [show(facts.read(attr[len("items."):], item, profile)) for item in named["matched"]]
                return ", ".join(values) if values else NOT_RECORDED
            return show(named.get(attr))
        return show(read(profile, profile))

    out = []
    for text, name, read, unit in _pieces(template):
        out.append(text)
        if name is not None:
            filled = value(name, read)
            # "{x}%" reads "12%", but "not recorded", not "not recorded%".
            out.append(filled if filled == NOT_RECORDED else filled + unit)
    return "".join(out)


@lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[tuple[str, str | None, Any, str], ...]:
    """A template cut once into (text before, placeholder, its reader, unit) pieces, read left to
    right as `UNIT.sub` would; the last piece is the text after the last placeholder."""
    parts = UNIT.split(template)  # text, name, unit, text, name, unit, ..., text
    pieces = []
    for i in range(0, len(parts) - 1, 3):
        name = parts[i + 1]
        path = name if name.startswith(facts.ROOT + ".") else f"{facts.ROOT}.{name}"
        pieces.append((parts[i], name, facts.reader(path), parts[i + 2]))
    pieces.append((parts[-1], None, None, ""))
    return tuple(pieces)
