"""Reading rule packs: folders of YAML rule files, validated whole before anything runs.

A rule pack is a folder of YAML files, each holding `rules:`. Fixtures for `readiness rules
test` live in the pack's `tests/` folder and the scoring policy in `policy/`; neither is read
as rules. Every rule is validated by its model and checked against the profile model
(model.rule.rule_issues); every problem is reported with its file, line and rule.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from pydantic import ValidationError

from ..model.errors import Location, Problem, RuleError
from ..model.rule import Rule, RulePack, SwitchOff, rule_issues
from .documents import Document, read_yaml
from .yamlfile import gc_paused


def shipped_pack_dir() -> Path:
    """The pack installed with the package; in a source checkout, the repository's rules/."""
    packaged = Path(str(files("readiness"))) / "pack"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def rule_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleError(Problem("no such file or folder", file=str(path)))
    return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rules(*paths: str | Path, base: RulePack | None = None) -> RulePack:
    """Load and fully validate rule packs. No argument: the shipped pack.

    Later packs override earlier ones rule by rule (same id), so a council can add its own
    rules, replace a shipped one, or switch one off; a duplicate id inside one pack is an error.
    `base` is an already loaded pack to start from (e.g. the shipped one, without reading it again).
    """
    if not paths:
        return base if base is not None else _shipped()
    if base is None:
        files = _key_files(paths)
        if files is not None:
            from .pack_cache import cached

            return cached("pack", files, lambda: _merge(paths, None))
    return _merge(paths, base)


def _merge(paths: tuple[str | Path, ...], base: RulePack | None) -> RulePack:
    """The packs read in order on top of `base`; every problem in any of them raised at once.
    The collector is paused for the whole load, as for a profile (io.yamlfile.gc_paused)."""
    with gc_paused():
        return _read_packs(paths, base)


def _key_files(paths: tuple[str | Path, ...]) -> list[Path] | None:
    """Every file a pack's content comes from (its rules, and the policy in a pack folder's
    policy/), in order; None when a path is not readable (the load then reports it, uncached)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        try:
            found += rule_files(path)
        except (RuleError, OSError):
            return None
        policy = path / "policy"
        if path.is_dir() and policy.is_dir():
            found += sorted(p for p in policy.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return found


def _read_packs(paths: tuple[str | Path, ...], base: RulePack | None) -> RulePack:
    # By id, in pack order: a replaced rule moves to the end, a switched-off one keeps its place.
    by_id: dict[str, Rule] = {r.id: r for r in base.rules} if base is not None else {}
    locations: dict[str, Location] = dict(base.locations) if base is not None else {}
    sources = list(base.sources) if base is not None else []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        seen: dict[str, Location] = {}
        try:
            found = rule_files(path)
        except RuleError as exc:
            problems += exc.problems
            continue
        if not found:
            problems.append(Problem("holds no .yaml rule files", file=str(path)))
        for file in found:
            rules, file_problems = _load_file(file)
            problems += file_problems
            for rule, where in rules:
                if isinstance(rule, SwitchOff):
                    if rule.id not in by_id:
                        problems.append(Problem("no rule with this id in the packs loaded before this one, so "
                                                "nothing to switch off", location=where, field="id",
                                                rule_id=rule.id))
                        continue
                    by_id[rule.id] = by_id[rule.id].model_copy(update={"enabled": False})
                    continue
                if rule.id in seen:
                    problems.append(Problem(f"duplicate rule id (first defined in {seen[rule.id]})",
                                            location=where, field="id", rule_id=rule.id))
                    continue
                seen[rule.id] = where
                by_id.pop(rule.id, None)
                by_id[rule.id] = rule
                locations[rule.id] = where
        sources.append(str(path))
    if problems:
        raise RuleError(problems)
    return RulePack(list(by_id.values()), sources, locations)


@cache
def _shipped() -> RulePack:
    return load_rules(shipped_pack_dir())


def _load_file(file: Path) -> tuple[list[tuple[Rule | SwitchOff, Location]], list[Problem]]:
    doc = read_yaml(file, RuleError)
    data = doc.data
    if not isinstance(data, dict) or "rules" not in data:
        return [], [Problem("expected a 'rules:' list at the top of the file", file=str(file), line=1)]
    if not isinstance(data["rules"], list):
        return [], [Problem("'rules' must be a list of rules", location=doc.at(["rules"]))]
    out: list[tuple[Rule | SwitchOff, Location]] = []
    problems: list[Problem] = []
    for key in sorted(set(data) - {"rules"}):
        problems.append(Problem("is not a key readiness knows; a rule file holds 'rules:'",
                                location=doc.at([key]), field=key))
    for i, raw in enumerate(data["rules"]):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(raw, dict) and set(raw) == {"id", "enabled"} and raw["enabled"] is False:
            out.append((SwitchOff(str(rule_id)), doc.at(("rules", i))))  # turns off an earlier pack's rule
            continue
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as exc:
            problems += doc.problems(exc, Rule, prefix=("rules", i), rule_id=rule_id)
            continue
        rule_problems = _located(doc, i, rule)
        problems += rule_problems
        if not rule_problems:
            out.append((rule, doc.at(("rules", i))))
    return out, problems


def _located(doc: Document, i: int, rule: Rule) -> list[Problem]:
    return [Problem(message, location=doc.at(("rules", i) + loc), field=field, rule_id=rule.id)
            for loc, field, message in rule_issues(rule)]

