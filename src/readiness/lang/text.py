"""Small text helpers the whole package shares: "did you mean", dotted locations."""

from __future__ import annotations

import difflib
import reprlib
from typing import Any


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice closest to `word`, if one is close enough to be a likely slip."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


def dotted(loc: tuple[Any, ...] | list[Any]) -> str:
    """('documents', 3, 'status') -> 'documents[3].status' (numbers counted from 0)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def bounded(value: Any, limit: int = 80) -> str:
    """A value shown in an error: its start and its size when long, never the whole of it (an
    alias bomb or a pasted document would otherwise fill the screen), and never a huge number
    in full (Python refuses to print integers over 4,300 digits)."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 200:
            return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
        return repr(value)
    if isinstance(value, (dict, list, tuple)):
        kind = "section" if isinstance(value, dict) else "list"
        text = _SHORT.repr(value)
        if len(text) <= limit:
            return text
        return f"{text[:limit]}... (a {kind} of {len(value)} entries)"
    text = value if isinstance(value, str) else repr(value)
    if isinstance(value, str):
        shown = repr(text[:limit])
        return shown if len(text) <= limit else f"{shown}... ({len(text):,} characters)"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


class _ShortRepr(reprlib.Repr):
    """repr() that stops early: a few entries, a few levels, short strings, huge numbers named."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxdict, self.maxlist, self.maxtuple, self.maxstring, self.maxother = 3, 4, 6, 6, 40, 40

    def repr_int(self, x: int, level: int) -> str:
        return bounded(x)


_SHORT = _ShortRepr()


def clip(text: str, limit: int = 60) -> str:
    """`text` cut to its start and its size when longer than `limit` (no quotes added)."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"
