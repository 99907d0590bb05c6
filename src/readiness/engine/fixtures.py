"""Rule fixtures: small profiles that show a rule firing, not firing, and not evaluable.

A pack's fixtures live in `<pack>/tests/*.yaml`:

    base:                 # optional: merged under every case's profile
      council: {name: Test Council, as_of: 2024-06-30}
    cases:
      - rule: gms-psw-not-in-post
        name: interim PSW
        expect: fired                   # fired | not-fired | not-evaluable
        profile:
          roles: [{role: psw, status: interim}]
        message_contains: interim       # optional

Run by `readiness rules test DIR` and by the test suite, so a rule author can check a rule
without writing Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..lang.conditions import Evaluator
from ..model.errors import Problem, ProfileError, RuleError
from ..io.profiles import load_profile
from ..model.rule import RulePack
from ..io.validation import problems_from
from ..io.yamlfile import line_of, parse, read_text
from .run import Status, run_rule

DEFAULT_BASE = {"council": {"name": "Test Council", "as_of": "2024-06-30"}}


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str
    name: str
    expect: Status
    profile: dict[str, Any] = Field(default_factory=dict)
    message_contains: str | None = None


class FixtureFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base: dict[str, Any] = Field(default_factory=dict)
    cases: list[Case]


@dataclass
class CaseResult:
    file: str
    line: int | None
    case: Case
    actual: str | None
    message: str | None
    problem: str | None  # why it failed (None when it passed)

    @property
    def passed(self) -> bool:
        return self.problem is None


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


def load_cases(file: Path) -> tuple[FixtureFile, str]:
    text = read_text(file, RuleError)
    data = parse(text, str(file), RuleError)
    try:
        return FixtureFile.model_validate(data), text
    except ValidationError as exc:
        raise RuleError(problems_from(exc, FixtureFile, text=text, file=str(file))) from None


def run_case(pack: RulePack, case: Case, base: dict[str, Any], file: str, line: int | None) -> CaseResult:
    try:
        rule = pack.get(case.rule)
    except KeyError as exc:
        return CaseResult(file, line, case, None, None, str(exc.args[0]))
    try:
        profile = load_profile(merge(merge(DEFAULT_BASE, base), case.profile))
    except ProfileError as exc:
        return CaseResult(file, line, case, None, None, "fixture profile is invalid: " + exc.describe())
    ran = run_rule(rule, Evaluator(profile, profile.council.as_of), profile)
    actual, message = ran.status, ran.message
    problem = None
    if actual != case.expect:
        problem = f"expected {case.expect}, got {actual}"
    elif case.message_contains and case.message_contains not in (message or ""):
        problem = f"message does not contain {case.message_contains!r}: {message!r}"
    return CaseResult(file, line, case, actual, message, problem)


def run_fixtures(pack: RulePack, pack_dirs: list[Path]) -> list[CaseResult]:
    results = []
    for pack_dir in pack_dirs:
        for file in fixture_files(pack_dir):
            fixtures, text = load_cases(file)
            for i, case in enumerate(fixtures.cases):
                results.append(run_case(pack, case, fixtures.base, str(file), line_of(text, ("cases", i))))
    return results


def coverage_gaps(pack: RulePack, results: list[CaseResult]) -> list[Problem]:
    """Rules lacking a fired case, a not-fired case, or (when facts can be absent) a not-evaluable case."""
    seen: dict[str, set[str]] = {}
    for r in results:
        seen.setdefault(r.case.rule, set()).add(r.case.expect)
    bare = load_profile(DEFAULT_BASE)
    gaps = []
    for rule in pack.active():  # a rule switched off needs no fixtures
        needed = {"fired", "not-fired"}
        if Evaluator(bare, bare.council.as_of).run(rule.when).result is None:
            needed.add("not-evaluable")
        missing = needed - seen.get(rule.id, set())
        if missing:
            gaps.append(Problem(f"no fixture case expecting {', '.join(sorted(missing))}",
                                file=pack.origin.get(rule.id), rule_id=rule.id))
    return gaps
