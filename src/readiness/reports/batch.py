"""Many councils side by side: one row per profile, one column per quality statement.

A profile that cannot be read or checked gets a row with its error instead of scores, so one
broken file never hides the others.
"""

from __future__ import annotations

import csv
import io
import json

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

BATCH_SCHEMA_VERSION = "1.0"


class BatchRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    council: str | None = None
    as_of: str | None = None
    scores: dict[str, int] = Field(default_factory=dict, description="Statement code -> predicted score.")
    total: int | None = None
    max_score: int | None = None
    rating: str | None = None
    error: str | None = None


def row(file: str, council: str, as_of: date, scores: dict[str, int], max_score: int, rating: str) -> BatchRow:
    """A council's row: its predicted score for each statement (by code, in the framework's order),
    their total out of `max_score`, and the overall rating."""
    return BatchRow(file=file, council=council, as_of=as_of.isoformat(), scores=scores, total=sum(scores.values()),
                    max_score=max_score, rating=rating)


def failed(file: str, error: str) -> BatchRow:
    return BatchRow(file=file, error=error)


def _codes() -> list[str]:
    from ..model.framework import framework

    return [s.code for s in framework().statements]


def _cell(text: str | None) -> str:
    """CSV text that a spreadsheet will not run as a formula."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text or ""


def render_csv(rows: list[BatchRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    codes = _codes()
    writer.writerow(["file", "council", "as_of", *codes, "total", "max_score", "rating", "error"])
    for r in rows:
        writer.writerow([_cell(r.file), _cell(r.council), r.as_of or "", *[r.scores.get(c, "") for c in codes],
                         "" if r.total is None else r.total, "" if r.max_score is None else r.max_score,
                         _cell(r.rating), _cell(r.error)])
    return buffer.getvalue()


def render_json(rows: list[BatchRow]) -> str:
    data = {"schema_version": BATCH_SCHEMA_VERSION, "statements": _codes(),
            "councils": [r.model_dump(mode="json") for r in rows]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_table(rows: list[BatchRow], console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from .common import SCORE_STYLE

    codes = _codes()
    table = Table(title="Predicted CQC scores by council", show_lines=False)
    table.add_column("Council")
    table.add_column("As of", no_wrap=True)
    for c in codes:
        table.add_column(c, justify="center", no_wrap=True)
    table.add_column("Total", justify="right", no_wrap=True)
    table.add_column("Rating")
    for r in rows:
        if r.error is not None:
            table.add_row(Text(r.file, style="bold red"), "", *["" for _ in codes], "",
                          Text("error (see below)", style="red"))
            continue
        table.add_row(r.council or r.file, r.as_of or "",
                      *[Text(f" {r.scores[c]} ", SCORE_STYLE[r.scores[c]]) if c in r.scores else "" for c in codes],
                      f"{r.total}/{r.max_score}", r.rating or "")
    console.print(table)
    for r in rows:
        if r.error is not None:
            console.print(Text(f"{r.file}: {r.error}", style="red"))
    console.print(Text("Predictions from the evidence in each profile, not CQC judgements.", style="dim"))
