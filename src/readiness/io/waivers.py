"""Reading a waivers file: a YAML `waivers:` list (malformed entries are noted, never fatal)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..model.errors import Problem, WaiverError
from ..model.waiver import Waiver
from .documents import read_yaml


def load_waivers(path: str | Path) -> tuple[list[Waiver], list[str]]:
    """Valid waivers, and a note for each malformed one (ignored, never fatal)."""
    doc = read_yaml(path, WaiverError)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("waivers"), list):
        raise WaiverError(Problem("expected a 'waivers:' list at the top of the file", file=doc.file, line=1))
    valid, notes = [], []
    first: dict[str, int] = {}
    for i, raw in enumerate(data["waivers"]):
        try:
            waiver = Waiver.model_validate(raw)
            if waiver.rule in first:
                raise WaiverError(Problem(f"a second waiver for rule '{waiver.rule}' (the first is waivers[{first[waiver.rule]}]): "
                                          "one rule has one waiver; merge them or delete one",
                                          location=doc.at(("waivers", i, "rule")), field=f"waivers[{i}].rule"))
            first[waiver.rule] = i
            valid.append(waiver)
        except ValidationError as exc:
            for problem in doc.problems(exc, Waiver, prefix=("waivers", i)):
                notes.append(f"ignored malformed waiver: {problem}")
    return valid, notes
