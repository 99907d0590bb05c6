"""The action plan workbook (`check --format xlsx -o findings.xlsx`): the findings as the start
of a council's improvement tracker.

Sheet "Action plan" has one row per finding (shortfall or strength) and one per thing to collect,
with the reasons and sources, then empty Owner, Due date, Status and Notes columns for the
officer to fill in; sheet "Summary" has the overall rating and the nine predicted scores.
Every cell goes through io.workbook.cells, so text from a profile can never become a formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.assessment import Assessment, Finding, StatementResult
from .common import (
    DISCLAIMER, NO_SOURCE, collect_items, coverage_words, finding_sources, overall_lines, select,
    unsourced_lines, waiver_words,
)

PLAN_SHEET = "Action plan"
SUMMARY_SHEET = "Summary"
NO_SOURCE_RECORDED = f"{NO_SOURCE} recorded"
KIND_COLLECT = "evidence to collect"
SPARE_ROWS = 500  # rows below the findings that keep the Status dropdown and date format, for actions added by hand
_SEVERITY = {"significant": 0, "some": 1, "exceptional": 0, "good": 1}  # most severe (or strongest) first


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    width: int
    wrap: bool = False


def _action_field(name: str) -> str:
    """The profile model's meaning of an improvement action's field (the columns the officer fills in)."""
    from ..model.profile import Action

    return Action.model_fields[name].description or ""


def status_choices() -> tuple[str, ...]:
    """The improvement action statuses the profile model allows, read from its Literal."""
    from ..lang.facts import type_of
    from ..model.profile import Action

    return type_of(Action.model_fields["status"].annotation).choices


def columns() -> list[Column]:
    return [
        Column("Statement", "The CQC quality statement the row belongs to, with its code.", 28, wrap=True),
        Column("Kind", "shortfall: something to put right; strength: something to keep and evidence; "
                       "evidence to collect: a check that could not be made until this is recorded.", 14),
        Column("Level", "How much the finding weighs in the score: significant or some (shortfalls), good or "
                        "exceptional (strengths). Empty for evidence to collect.", 12),
        Column("Rule", "The id of the rule that found it (readiness explain shows its reasoning), or the rules "
                       "the missing evidence would let run.", 26, wrap=True),
        Column("Message", "What was found, from the profile's own facts; for evidence to collect, what to record.",
               60, wrap=True),
        Column("Why it matters", "Why CQC would look at this.", 48, wrap=True),
        Column("What to do", "The rule's recommendation: what would resolve a shortfall or keep a strength.",
               48, wrap=True),
        Column("Source", f"Where the facts the finding rests on come from (the profile's `source` notes); "
                         f"'{NO_SOURCE_RECORDED}' where the profile gives none.", 40, wrap=True),
        Column("Owner", _action_field("owner"), 18, wrap=True),
        Column("Due date", _action_field("due") + " (a date, yyyy-mm-dd).", 12),
        Column("Status", _action_field("status") + " One of: " + ", ".join(status_choices()) + ".", 14),
        Column("Notes", "Anything else: progress, links, decisions.", 36, wrap=True),
    ]


@dataclass(frozen=True)
class Row:
    statement: str
    kind: str
    level: str | None
    rule: str
    message: str
    why: str | None
    what_to_do: str | None
    source: str | None

    def values(self) -> list[str | None]:
        return [self.statement, self.kind, self.level, self.rule, self.message, self.why, self.what_to_do, self.source]


def _statement(s: StatementResult) -> str:
    return f"{s.name} ({s.code})"


def _sources(f: Finding) -> str:
    found = finding_sources(f)
    if f.source and f.source not in found:
        found.insert(0, f.source)
    return "; ".join(found) if found else NO_SOURCE_RECORDED


def _message(f: Finding) -> str:
    notes = [waiver_words(f)] if f.waived else []
    if not f.counts_in_score and not f.waived:
        notes.append("Left out of the score.")
    return "\n".join([f.message, *[n for n in notes if n]])


def _finding_row(s: StatementResult, f: Finding) -> Row:
    return Row(_statement(s), f.kind, f.level, f.rule_id, _message(f), f.why or None, f.recommendation or None,
               _sources(f))


def rows(assessment: Assessment, paths: bool = False) -> list[Row]:
    """In framework order; within a statement its shortfalls (most severe first), then what to
    collect, then its strengths (strongest first)."""
    out: list[Row] = []
    for s in assessment.statements:
        ranked = sorted(s.findings, key=lambda f: _SEVERITY[f.level])  # stable: the engine's order on ties
        out += [_finding_row(s, f) for f in ranked if f.kind == "shortfall"]
        titles = {m.rule_id: m.title for m in s.missing_evidence}
        for item in collect_items(s):
            blocked = "; ".join(titles.get(r, r) for r in item.rules)
            out.append(Row(_statement(s), KIND_COLLECT, None, ", ".join(item.rules), item.words(paths),
                           f"Until it is recorded, {item.checks_words} cannot be made: {blocked}.",
                           "Find it and record it in the profile, then run the check again.", None))
        out += [_finding_row(s, f) for f in ranked if f.kind == "strength"]
    return out


def _put(ws: Any, row: int, column: int, value: Any) -> None:
    """cells.put, with text neutralised first as in every other report (reports.safe: controls,
    bidirectional overrides), so a spreadsheet shows exactly what the other formats show."""
    from ..io.workbook import cells
    from .safe import neutralise

    cells.put(ws, row, column, neutralise(value) if isinstance(value, str) else value)


def _plan_sheet(wb: Any, assessment: Assessment, paths: bool) -> None:
    from ..io.workbook import cells

    ws = wb.create_sheet(PLAN_SHEET)
    cols = columns()
    cells.header(ws, [c.name for c in cols], [c.meaning for c in cols], [c.width for c in cols])
    found = rows(assessment, paths)
    for r, row in enumerate(found, start=2):
        for c, value in enumerate(row.values(), start=1):
            _put(ws, r, c, value)
    cells.wrap(ws, [i for i, c in enumerate(cols, start=1) if c.wrap])
    cells.autofilter(ws)
    last = len(found) + 1 + SPARE_ROWS
    names = [c.name for c in cols]
    cells.date_column(ws, names.index("Due date") + 1, last_row=last)
    choices = status_choices()
    cells.dropdown(ws, names.index("Status") + 1, choices, last_row=last, prompt=", ".join(choices))


def _summary_sheet(wb: Any, assessment: Assessment) -> None:
    from ..io.workbook import cells

    ws = wb.create_sheet(SUMMARY_SHEET)
    a = assessment
    cells.column_widths(ws, [44, 16, 40, 46])
    lines: list[tuple[str, Any]] = [("Council", a.council.name), ("As of", a.council.as_of), ("Note", DISCLAIMER)]
    lines += [("Overall rating" if i == 0 else "", line) for i, line in enumerate(overall_lines(a))]
    lines += [("Warning" if i == 0 else "", line) for i, line in enumerate(unsourced_lines(a))]
    row = 1
    for name, value in lines:
        cells.label(ws, row, 1, name or None)
        _put(ws, row, 2, value)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1
    row += 1
    for c, name in enumerate(["Quality statement", "Predicted score", "CQC's word for it", "Coverage"], start=1):
        cells.label(ws, row, c, name)
    for s in a.statements:
        row += 1
        for c, value in enumerate([_statement(s), s.predicted_score, s.score_descriptor, coverage_words(s)], start=1):
            _put(ws, row, c, value)
    _put(ws, row + 2, 1, f"readiness {a.tool_version}, scoring policy {a.policy_version}, "
                               f"{a.rules_evaluated} rules evaluated.")
    cells.wrap(ws, [1, 2, 3, 4], first_row=1)


def render(assessment: Assessment, statement_ids: list[str] | None = None, paths: bool = False) -> bytes:
    """The workbook as .xlsx bytes: "Action plan" first (what a CSV export or a quick look shows), then "Summary"."""
    from ..io.workbook import cells

    a = select(assessment, statement_ids)
    wb = cells.workbook()
    _plan_sheet(wb, a, paths)
    _summary_sheet(wb, a)
    return cells.to_bytes(wb)
