"""What `readiness validate` reports: every problem in every profile, and notes that are not errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FileCheck:
    """One profile checked without scoring: its problems (errors) and its notes (not errors)."""

    file: str
    problems: list[Any] = field(default_factory=list)  # model.errors.Problem
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def as_json(checks: list[FileCheck], _options: Any = None) -> str:
    return json.dumps([
        {"file": c.file, "valid": c.ok,
         "problems": [{"file": p.file, "line": p.line, "field": p.field, "message": p.message} for p in c.problems],
         "notes": c.notes}
        for c in checks], indent=2, ensure_ascii=False) + "\n"


def as_text(checks: list[FileCheck], _options: Any = None) -> str:
    lines = []
    for c in checks:
        if c.ok:
            lines.append(f"{c.file}: valid")
        else:
            lines.append(f"{c.file}: {len(c.problems)} problem(s)")
            lines += [f"  {p}" for p in c.problems]
        lines += [f"  note: {n}" for n in c.notes]
    bad = sum(1 for c in checks if not c.ok)
    lines.append(f"{len(checks) - bad} of {len(checks)} profile(s) valid")
    return "\n".join(lines) + "\n"
