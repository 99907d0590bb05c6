"""Running rule fixtures (the fixture files themselves are read by io.fixtures).

Run by `readiness rules test DIR` and by the test suite, so a rule author can check a rule
without writing Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io.fixtures import DEFAULT_BASE, Case, fixture_files, load_cases, merge
from ..io.profiles import load_profile
from ..lang.compiled import CompiledEvaluator
from ..model.errors import Problem, ProfileError
from ..model.rule import RulePack
from .run import run_rule


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


def run_case(pack: RulePack, case: Case, base: dict[str, Any], file: str, line: int | None) -> CaseResult:
    try:
        rule = pack.get(case.rule)
    except KeyError as exc:
        return CaseResult(file, line, case, None, None, str(exc.args[0]))
    try:
        profile = load_profile(merge(merge(DEFAULT_BASE, base), case.profile))
    except ProfileError as exc:
        return CaseResult(file, line, case, None, None, "fixture profile is invalid: " + exc.describe())
    ran = run_rule(rule, CompiledEvaluator(profile, case.as_of or profile.council.as_of), profile)
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
            fixtures, doc = load_cases(file)
            for case, loc in fixtures.all_cases():
                results.append(run_case(pack, case, fixtures.base, str(file), doc.line(loc)))
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
        if CompiledEvaluator(bare, bare.council.as_of).run(rule.when).result is None:
            needed.add("not-evaluable")
        missing = needed - seen.get(rule.id, set())
        if missing:
            gaps.append(Problem(f"no fixture case expecting {', '.join(sorted(missing))}",
                                file=pack.origin.get(rule.id), rule_id=rule.id))  # where the rule is
    return gaps
