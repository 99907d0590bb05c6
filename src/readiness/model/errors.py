"""Errors a council officer can act on: which file, which line, which field, what was expected."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    rule_id: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}"
        parts = [where]
        if self.rule_id:
            parts.append(f"rule {self.rule_id}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class ReadinessError(Exception):
    """Bad input from the user. The CLI prints it without a traceback and exits 2."""

    kind = "input"

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        head = f"{len(self.problems)} problem(s) in the {self.kind}:" if len(self.problems) > 1 else ""
        lines = [head] if head else []
        lines += [("  " if head else "") + str(p) for p in self.problems]
        return "\n".join(lines)


class ProfileError(ReadinessError):
    kind = "profile"


class RuleError(ReadinessError):
    kind = "rule pack"


class WaiverError(ReadinessError):
    kind = "waivers file"


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


def display_path(path: str | Path | None) -> str | None:
    return None if path is None else str(path)
