"""Small text helpers the whole package shares: "did you mean", dotted locations."""

from __future__ import annotations

import difflib
from typing import Any


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def dotted(loc: tuple[Any, ...] | list[Any]) -> str:
    """('documents', 3, 'status') -> 'documents[3].status' (numbers counted from 0)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
