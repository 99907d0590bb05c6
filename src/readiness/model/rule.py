"""Rules as data: the rule model, the pack, and the checks a rule must pass before anything runs.

Every rule is checked against the profile model (`rule_issues`), so a misspelt fact, an unknown
quality statement or an operator that does not fit the fact is an error naming the file, the line
and the rule, not a silent "not fired". Reading packs from folders is io.packs.
"""

from __future__ import annotations

from ..lang.text import bounded

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, ValidationInfo, field_validator,
)

from ..lang import facts
from ..lang.conditions import Condition, Node, Quantifier, check
from ..lang.messages import PLACEHOLDER
from .errors import Location
from .profile import Profile, StatementId

RULE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MetaScalar = Union[StrictBool, StrictInt, StrictFloat, StrictStr]
MetaValue = Union[MetaScalar, list[MetaScalar]]
NAMED_ATTRS = ("count", "total", "share", "items")
Category = Literal["people", "staff-and-leaders", "partners", "processes"]
LEVELS = {"shortfall": ("significant", "some"), "strength": ("good", "exceptional")}


class Rule(BaseModel):
    """One check a council officer can read: what it looks for, why, and what to do."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)

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
    metadata: dict[str, MetaValue] = Field(
        default_factory=dict,
        description="Free-form tags (e.g. theme, source, owner) that exports and calibration can group by: "
                    "names with a text, number, true/false value or a list of them. Not read by scoring.",
    )

    @field_validator("level")
    @classmethod
    def _level_fits_kind(cls, level: str, info: ValidationInfo) -> str:
        kind = info.data.get("kind")  # validated before level; absent if it was itself invalid
        if kind in LEVELS and level not in LEVELS[kind]:
            raise ValueError(f"a {kind} takes level {' or '.join(LEVELS[kind])}, not '{level}'")
        return level

    @field_validator("metadata", mode="before")
    @classmethod
    def _metadata_shape(cls, value: Any) -> Any:
        """One clear message for the shape, instead of one per alternative of the union."""
        if not isinstance(value, dict):
            return value
        scalar = (str, int, float, bool)
        for key, item in value.items():
            ok = isinstance(item, scalar) or (isinstance(item, list) and all(isinstance(i, scalar) for i in item))
            if not isinstance(key, str) or not ok:
                raise ValueError(f"metadata maps names to a text, a number, true / false or a list of them; "
                                 f"'{key}' holds {bounded(item)}")
        return value

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
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)
    rules: list[Rule]


@dataclass
class RulePack:
    rules: list[Rule]
    sources: list[str] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)  # rule id -> where it is defined

    @property
    def origin(self) -> dict[str, str]:
        """Rule id -> where it is defined, as words ("rules/x.yaml:12")."""
        return {rule_id: str(where) for rule_id, where in self.locations.items()}

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        from ..lang.text import suggest

        raise KeyError(f"no rule '{rule_id}'{suggest(rule_id, [r.id for r in self.rules])}")

    def active(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]


def rule_issues(rule: Rule) -> list[tuple[tuple[Any, ...], str, str]]:
    """Everything wrong with a rule that its model alone cannot see, as (location in the rule, field,
    message): facts and operators that do not fit the profile, and placeholders the message cannot fill."""
    out = [(("when",) + issue.loc, "when" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in issue.loc),
            issue.message) for issue in check(rule.when, Profile, Profile)]
    out += [(("message",), "message", message) for message in placeholder_problems(rule)]
    return out


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
