"""Labelled cases: a folder with scores.csv (one published score per row) and profiles/<case>.yaml.

A case is one (profile, quality statement, published score). Every problem in the folder is
reported at once, each with its file, line and field.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import Problem, ReadinessError, suggest
from ..model.profile import Profile

REQUIRED_COLUMNS = ("case", "council", "quality_statement", "published_score")


class CalibrationError(ReadinessError):
    kind = "labelled cases"


@dataclass(frozen=True)
class Case:
    case: str
    council: str
    statement: str  # quality statement id
    published: int  # the score CQC published, 1-4
    profile: Profile
    profile_path: Path
    line: int  # its row in scores.csv


def load_cases(folder: str | Path) -> list[Case]:
    """Every labelled case of `folder`, in scores.csv order. Raises CalibrationError listing every problem."""
    from ..io.profiles import load_profile
    from ..model.framework import framework

    folder = Path(folder)
    scores = folder / "scores.csv"
    if not folder.is_dir():
        raise CalibrationError(Problem(f"no such folder (expected a folder holding scores.csv and profiles/)",
                                       file=str(folder)))
    if not scores.is_file():
        raise CalibrationError(Problem("scores.csv is missing (columns: " + ", ".join(REQUIRED_COLUMNS) + ", ...)",
                                       file=str(scores)))
    try:
        text = scores.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalibrationError(Problem(f"cannot read it: {exc}", file=str(scores))) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CalibrationError(Problem(f"missing column(s) {', '.join(missing)}; the header has: "
                                       f"{', '.join(header) or '(nothing)'}", file=str(scores), line=1))
    fw = framework()
    problems: list[Problem] = []
    cases: list[Case] = []
    seen: dict[str, int] = {}
    rows = []
    line = 1
    for row in reader:
        rows.append((line + 1, row))
        line = reader.line_num
    for line, row in rows:
        def bad(message: str, field: str, file: str = str(scores), at: int | None = line) -> None:
            problems.append(Problem(message, file=file, line=at, field=field))

        case = (row.get("case") or "").strip()
        council = (row.get("council") or "").strip()
        statement_text = (row.get("quality_statement") or "").strip()
        score_text = (row.get("published_score") or "").strip()
        ok = case_ok = True
        if not case:
            bad("empty case id", "case")
            ok = case_ok = False
        elif case in seen:
            bad(f"duplicate case {case!r} (first on line {seen[case]})", "case")
            ok = case_ok = False
        else:
            seen[case] = line
            if "/" in case or "\\" in case or case.startswith("."):
                bad(f"case id {case!r} must be a plain file name (it names profiles/<case>.yaml)", "case")
                ok = case_ok = False
        if not council:
            bad("empty council (it groups the cases for cross-validation)", "council")
            ok = False
        qs = fw.find(statement_text) if statement_text else None
        if qs is None:
            bad(f"unknown quality statement {statement_text!r}{suggest(statement_text, fw.statement_ids)}; "
                f"expected one of: {', '.join(fw.statement_ids)}", "quality_statement")
            ok = False
        try:
            published = int(score_text)
            if not 1 <= published <= 4:
                raise ValueError
        except ValueError:
            bad(f"published score {score_text!r} is not a whole number from 1 to 4", "published_score")
            ok = False
        if not case_ok:
            continue
        path = folder / "profiles" / f"{case}.yaml"
        if not path.is_file():
            bad(f"no profile for case {case!r}: expected {path}", "case")
            continue
        try:
            profile = load_profile(path)
        except ReadinessError as exc:
            problems.extend(exc.problems)
            continue
        if ok:
            cases.append(Case(case, council, qs.id, published, profile, path, line))
    if not rows and not problems:
        problems.append(Problem("no cases: scores.csv has a header but no rows", file=str(scores), line=1))
    if problems:
        raise CalibrationError(problems)
    return cases
