"""Errors a council officer can act on: which file, which line, which field, what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.text import dotted, suggest  # noqa: F401 - the error helpers, where callers look for them


class Location:
    """Where in the input a value is: rendered by str(), and nowhere else; never parsed back."""

    file: str | None = None  # the file (or workbook) it is in
    line: int | None = None  # the line in a text file, where there is one


@dataclass(frozen=True)
class FileLine(Location):
    """A place in a text file (YAML, JSON): `file:line`."""

    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}"
        return where


@dataclass(frozen=True)
class Cell(Location):
    """A place in a spreadsheet: the workbook, the sheet and the cell (e.g. B7)."""

    workbook: str
    sheet: str
    cell: str

    @property
    def file(self) -> str:  # type: ignore[override]
        return self.workbook

    def __str__(self) -> str:
        """As Excel writes a reference: `Feedback!D7`, `'Risk register'!D7` (a row: `'Risk register'!7:7`)."""
        sheet = self.sheet
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
            sheet = "'" + sheet.replace("'", "''") + "'"
        return f"{self.workbook}: {sheet}!{self.cell}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file. Give `file` and `line`, or a `location`."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    rule_id: str | None = None
    location: Location | None = None

    def __post_init__(self) -> None:  # one location, whichever way it was given
        if self.location is None:
            object.__setattr__(self, "location", FileLine(self.file, self.line))
        else:
            object.__setattr__(self, "file", self.location.file)
            object.__setattr__(self, "line", self.location.line)

    def __str__(self) -> str:
        parts = [str(self.location)]
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


class PolicyError(RuleError):
    """A scoring policy that cannot be used (a RuleError too, as it ships in a rule pack's policy/)."""

    kind = "scoring policy"


class FixtureError(RuleError):
    """A rule fixture file that cannot be read (a RuleError too, as fixtures live in a pack's tests/)."""

    kind = "rule fixtures"


class WaiverError(ReadinessError):
    kind = "waivers file"
