"""Rule fixtures: small profiles that show a rule firing, not firing, and not evaluable.

A pack's fixtures live in `<pack>/tests/*.yaml`, the rule written once per group of its cases:

    base:                 # optional: merged under every case's profile
      council: {name: Test Council, as_of: 2024-06-30}
    rules:
      gms-psw-not-in-post:
        - name: interim PSW
          expect: fired                 # fired | not-fired | not-evaluable
          profile:
            roles: [{role: psw, status: interim}]
          message_contains: interim     # optional
          as_of: 2024-12-31             # optional: measure ages from this date

The older form, `cases:` with `rule:` on every case (or once, at the top of the file), is read too.

Run by `readiness rules test DIR` and by the test suite, so a rule author can check a rule
without writing Python.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model.errors import FixtureError, Problem
from .documents import Document, load_yaml

DEFAULT_BASE = {"council": {"name": "Test Council", "as_of": "2024-06-30"}}


class CaseBody(BaseModel):
    """One case of a rule: a minimal profile and the outcome it must give."""

    model_config = ConfigDict(extra="forbid")

    name: str
    expect: Literal["fired", "not-fired", "not-evaluable"]
    profile: dict[str, Any] = Field(default_factory=dict)
    message_contains: str | None = None
    as_of: date | None = Field(None, description="Measure ages from this date instead of the profile's as_of.")


class Case(CaseBody):
    """A case with its rule (in `cases:`, each case names its rule, unless the file's `rule:` does)."""

    rule: str | None = None


class FixtureFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base: dict[str, Any] = Field(default_factory=dict)
    rule: str | None = Field(None, description="The rule of every case in `cases:` that does not name one.")
    cases: list[Case] = Field(default_factory=list)
    rules: dict[str, list[CaseBody]] = Field(default_factory=dict, description="Cases grouped by rule id.")

    def all_cases(self) -> list[tuple[Case, tuple[Any, ...]]]:
        """Every case with its rule filled in, and where it is in the file (a key path)."""
        out = [(c if c.rule else c.model_copy(update={"rule": self.rule}), ("cases", i)) for i, c in enumerate(self.cases)]
        for rule_id, cases in self.rules.items():
            out += [(Case(rule=rule_id, **c.model_dump(exclude_unset=True)), ("rules", rule_id, i))
                    for i, c in enumerate(cases)]
        return out


def merge(base: Any, patch: Any) -> Any:
    """Deep-merge mappings; anything else in the patch replaces the base."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base.get(key), value) if key in base else value
        return out
    return patch


def fixture_files(pack_dir: Path) -> list[Path]:
    folder = pack_dir / "tests"
    return sorted(p for p in folder.glob("*.y*ml")) if folder.is_dir() else []


def load_cases(file: Path) -> tuple[FixtureFile, Document]:
    fixtures, doc = load_yaml(file, FixtureFile, FixtureError)
    unnamed = [Problem("a case needs its rule: name it on the case (rule: ID), at the top of the file, or group "
                       "the cases under rules: {ID: [...]}", location=doc.at(loc), field=f"cases[{loc[1]}]")
               for case, loc in fixtures.all_cases() if not case.rule]
    if unnamed:
        raise FixtureError(unnamed)
    return fixtures, doc


