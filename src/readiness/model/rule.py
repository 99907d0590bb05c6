"""Rules as data: the rule model and the loader that validates a whole pack before anything runs.

A rule pack is a folder of YAML files, each holding `rules:`. Fixtures for `readiness rules
test` live in the pack's `tests/` folder and the scoring policy in `policy/`; neither is read
as rules. Loading checks every rule against the profile model, so a misspelt fact, an
unknown quality statement or an operator that does not fit the fact is an error naming the
file, the line and the rule, not a silent "not fired".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from ..lang import facts
from ..lang.conditions import Condition, Node, Quantifier, check
from .errors import Problem, RuleError
from .profile import Profile, StatementId
from ..io.validation import problems_from
from ..io.yamlfile import line_of, parse, read_text

RULE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")
NAMED_ATTRS = ("count", "total", "share", "items")
Category = Literal["people", "staff-and-leaders", "partners", "processes"]
LEVELS = {"shortfall": ("significant", "some"), "strength": ("good", "exceptional")}


class Rule(BaseModel):
    """One check a council officer can read: what it looks for, why, and what to do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=RULE_ID, description="Stable id, lower-case words joined by '-'.")]
    title: str
    statements: list[StatementId] = Field(min_length=1, description="Quality statements; the first is primary.")
    category: Category = Field(description="The CQC evidence category the rule speaks to.")
    kind: Literal["shortfall", "strength"]
    level: Literal["significant", "some", "good", "exceptional"] = Field(
        description="significant or some (shortfall); good or exceptional (strength)."
    )
    when: Condition
    message: str = Field(description="What was found. {fact.path} and {name.count} are filled in.")
    why: str = Field(description="The framework basis: commitment, indicator or source document.")
    recommendation: str
    references: list[str] = Field(min_length=1)
    enabled: bool = True

    @field_validator("level")
    @classmethod
    def _level_fits_kind(cls, level: str, info: ValidationInfo) -> str:
        kind = info.data.get("kind")  # validated before level; absent if it was itself invalid
        if kind in LEVELS and level not in LEVELS[kind]:
            raise ValueError(f"a {kind} takes level {' or '.join(LEVELS[kind])}, not '{level}'")
        return level

    @property
    def statement(self) -> str:
        return self.statements[0]

    @property
    def effect(self) -> str:
        """e.g. 'significant-shortfall', 'good-strength' (the key the scoring policy weighs)."""
        return f"{self.level}-{self.kind}"


@dataclass(frozen=True)
class SwitchOff:
    """`{id: X, enabled: false}` alone in a council's pack: turn off the shipped rule X."""

    id: str


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[Rule]


@dataclass
class RulePack:
    rules: list[Rule]
    sources: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> file it came from

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        from .errors import suggest

        raise KeyError(f"no rule '{rule_id}'{suggest(rule_id, [r.id for r in self.rules])}")

    def active(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]


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
    pack = RulePack(list(base.rules), list(base.sources), dict(base.origin)) if base is not None else RulePack([])
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        seen: dict[str, str] = {}
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
            for rule, line in rules:
                if isinstance(rule, SwitchOff):
                    earlier = [r for r in pack.rules if r.id == rule.id]
                    if not earlier:
                        problems.append(Problem("no rule with this id in the packs loaded before this one, so "
                                                "nothing to switch off", file=str(file), line=line, field="id",
                                                rule_id=rule.id))
                        continue
                    pack.rules = [r.model_copy(update={"enabled": False}) if r.id == rule.id else r
                                  for r in pack.rules]
                    continue
                if rule.id in seen:
                    problems.append(Problem(f"duplicate rule id (first defined in {seen[rule.id]})",
                                            file=str(file), line=line, field="id", rule_id=rule.id))
                    continue
                seen[rule.id] = f"{file}:{line}"
                pack.rules = [r for r in pack.rules if r.id != rule.id] + [rule]
                pack.origin[rule.id] = f"{file}:{line}"
        pack.sources.append(str(path))
    if problems:
        raise RuleError(problems)
    return pack


@cache
def _shipped() -> RulePack:
    return load_rules(shipped_pack_dir())


def _load_file(file: Path) -> tuple[list[tuple[Rule, int | None]], list[Problem]]:
    text = read_text(file, RuleError)
    data = parse(text, str(file), RuleError)
    if not isinstance(data, dict) or "rules" not in data:
        return [], [Problem("expected a 'rules:' list at the top of the file", file=str(file), line=1)]
    if not isinstance(data["rules"], list):
        return [], [Problem("'rules' must be a list of rules", file=str(file), line=line_of(text, ["rules"]))]
    out, problems = [], []
    extra = set(data) - {"rules"}
    for key in sorted(extra):
        problems.append(Problem("is not a key readiness knows; a rule file holds 'rules:'",
                                file=str(file), line=line_of(text, [key]), field=key))
    for i, raw in enumerate(data["rules"]):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(raw, dict) and set(raw) == {"id", "enabled"} and raw["enabled"] is False:
            out.append((SwitchOff(str(rule_id)), line_of(text, ("rules", i))))  # turns off an earlier pack's rule
            continue
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as exc:
            problems += problems_from(exc, Rule, text=text, file=str(file), prefix=("rules", i), rule_id=rule_id)
            continue
        rule_problems = [
            Problem(issue.message, file=str(file), line=line_of(text, ("rules", i, "when") + issue.loc),
                    field="when" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in issue.loc),
                    rule_id=rule.id)
            for issue in check(rule.when, Profile, Profile)
        ]
        rule_problems += [
            Problem(message, file=str(file), line=line_of(text, ("rules", i, "message")), field="message",
                    rule_id=rule.id)
            for message in placeholder_problems(rule)
        ]
        problems += rule_problems
        if not rule_problems:
            out.append((rule, line_of(text, ("rules", i))))
    return out, problems


def _named_quantifiers(node: Node, model: type[BaseModel] = Profile) -> list[tuple[str, type[BaseModel] | None]]:
    """Every named quantifier in a condition (repeats kept), with the model of the items it counts."""
    found: list[tuple[str, type[BaseModel] | None]] = []
    item_model = model
    if isinstance(node, Quantifier):
        try:
            item_model = facts.type_at(model, node.collection, Profile).model or model
        except facts.UnknownPath:
            item_model = model
        if node.name:
            found.append((node.name, item_model))
    for _, child in node.children():
        found += _named_quantifiers(child, item_model)
    return found


def placeholder_problems(rule: Rule) -> list[str]:
    """Placeholders the message cannot fill, and quantifier names used twice (ambiguous)."""
    named = _named_quantifiers(rule.when)
    names = dict(named)
    every_name = [name for name, _ in named]
    out = [f"the name '{n}' is given to more than one count in this rule; names must be unique"
           for n in sorted({n for n in every_name if every_name.count(n) > 1})]
    for placeholder in PLACEHOLDER.findall(rule.message):
        head, _, rest = placeholder.partition(".")
        if head in names:
            if rest.startswith("items.") and names[head] is not None:
                try:
                    facts.type_at(names[head], rest[len("items."):], Profile)
                except facts.UnknownPath as exc:
                    out.append(f"placeholder {{{placeholder}}}: '{exc.at}' is not a field of the items '{head}' counts")
            elif rest not in NAMED_ATTRS:
                out.append(f"placeholder {{{placeholder}}}: '{head}' counts items; use "
                           + ", ".join(f"{{{head}.{a}}}" for a in NAMED_ATTRS) + f", or {{{head}.items.<field>}}")
            continue
        try:
            facts.type_at(Profile, placeholder, Profile)
        except facts.UnknownPath:
            known = ", ".join(sorted(names)) or "none"
            out.append(f"placeholder {{{placeholder}}} is neither a fact in the profile nor a named "
                       f"count in this rule (named counts: {known})")
    return out
