"""The condition language: a tree of all / any / not, comparisons and quantifiers. No eval.

Evaluation is three-valued: True (holds), False (does not hold), None (unknown, because a
fact it needs is not evidenced). `all`, `any` and `not` follow Kleene's logic, so an unknown
fact never turns into a pass by accident. Every node is evaluated (no short-circuit) so the
trace shows everything that was read.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from . import facts
from .dates import PartialDate, order
from .facts import MISSING, FactType

CompareOp = Literal["eq", "ne", "lt", "lte", "gt", "gte"]
Op = Literal[
    "eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "present", "absent",
    "older_than", "newer_than",
]
OP_WORDS = {
    "eq": "is", "ne": "is not", "lt": "is below", "lte": "is at most", "gt": "is above",
    "gte": "is at least", "in": "is one of", "not_in": "is not one of", "contains": "includes",
    "present": "is recorded", "absent": "is not recorded", "older_than": "is more than",
    "newer_than": "is less than",
}
ORDERED = {"number", "date"}
DURATION = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$")


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FactRef(Node):
    """Compare with another fact instead of a fixed value."""

    fact: str


Scalar = Union[bool, int, float, date, str]
Value = Union[FactRef, Scalar, list[Scalar], None]


class Compare(Node):
    fact: str = Field(description="Dotted path of the fact to read.")
    op: Op
    value: Value = None


class All(Node):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Node):
    any: list[Condition] = Field(min_length=1)


class Not(Node):
    not_: Condition = Field(alias="not")


class Some(Node):
    some: str = Field(description="A list in the profile; true when at least one item matches.")
    where: Condition
    name: str | None = None


class Every(Node):
    every: str
    where: Condition
    name: str | None = None


class NoneOf(Node):
    none: str
    where: Condition
    name: str | None = None


class Count(Node):
    count: str
    where: Condition | None = None
    op: CompareOp
    value: float
    name: str | None = None


class Share(Node):
    share: str = Field(description="Percentage (0-100) of the list's items that match `where`.")
    of: Condition | None = Field(None, description="Only items matching this count towards the whole.")
    where: Condition
    op: CompareOp
    value: Annotated[float, Field(ge=0, le=100)]
    name: str | None = None


KEYS = ("all", "any", "not", "fact", "some", "every", "none", "count", "share")


def _tag(raw: Any) -> str | None:
    if isinstance(raw, dict):
        found = [k for k in KEYS if k in raw]
        return found[0] if len(found) == 1 else None
    if isinstance(raw, BaseModel):
        return {All: "all", AnyOf: "any", Not: "not", Compare: "fact", Some: "some", Every: "every",
                NoneOf: "none", Count: "count", Share: "share"}.get(type(raw))
    return None


Condition = Annotated[
    Union[
        Annotated[All, Tag("all")], Annotated[AnyOf, Tag("any")], Annotated[Not, Tag("not")],
        Annotated[Compare, Tag("fact")], Annotated[Some, Tag("some")], Annotated[Every, Tag("every")],
        Annotated[NoneOf, Tag("none")], Annotated[Count, Tag("count")], Annotated[Share, Tag("share")],
    ],
    Discriminator(_tag, custom_error_type="condition", custom_error_message=(
        "expected one condition: a comparison (fact + op), or exactly one of all, any, not, "
        "some, every, none, count, share"
    )),
]
for _model in (All, AnyOf, Not, Some, Every, NoneOf, Count, Share):
    _model.model_rebuild()

Quantifier = Union[Some, Every, NoneOf, Count, Share]


def collection(node: Quantifier) -> str:
    if isinstance(node, Some):
        return node.some
    if isinstance(node, Every):
        return node.every
    if isinstance(node, NoneOf):
        return node.none
    if isinstance(node, Count):
        return node.count
    return node.share


def parse_duration(text: str) -> tuple[int, str]:
    match = DURATION.match(str(text))
    if not match:
        raise ValueError(f"expected a duration such as '6 months', '2 years' or '90 days', got {text!r}")
    return int(match.group(1)), match.group(2)


def subtract(day: date, amount: int, unit: str) -> date:
    """`day` minus a calendar duration (months and years keep the day of month where they can)."""
    if unit == "day":
        return day - timedelta(days=amount)
    if unit == "week":
        return day - timedelta(weeks=amount)
    months = amount * (12 if unit == "year" else 1)
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- checking a condition against the profile model (at load time) -------------------------


@dataclass
class Issue:
    loc: tuple[Any, ...]
    message: str


def check(node: Any, model: type[BaseModel], root: type[BaseModel], loc: tuple[Any, ...] = ()) -> list[Issue]:
    """Everything wrong with a condition, given the profile model it will read."""
    issues: list[Issue] = []

    def typed(path: str, where: tuple[Any, ...]) -> FactType | None:
        try:
            return facts.type_at(model, path, root)
        except facts.UnknownPath as exc:
            from ..model.errors import suggest

            hint = suggest(exc.at, exc.known) if exc.known else ""
            issues.append(Issue(where, f"unknown fact '{path}': '{exc.at}' is not a field here{hint}"))
            return None

    if isinstance(node, All):
        for i, child in enumerate(node.all):
            issues += check(child, model, root, loc + ("all", i))
    elif isinstance(node, AnyOf):
        for i, child in enumerate(node.any):
            issues += check(child, model, root, loc + ("any", i))
    elif isinstance(node, Not):
        issues += check(node.not_, model, root, loc + ("not",))
    elif isinstance(node, Compare):
        ftype = typed(node.fact, loc + ("fact",))
        if ftype is not None:
            issues += _check_compare(node, ftype, model, root, loc, typed)
    else:
        key = _tag(node) or ""
        ftype = typed(collection(node), loc + (key,))
        if ftype is not None:
            plain_count = isinstance(node, Count) and node.where is None and ftype.many
            if plain_count:
                pass  # counting the values of any list, e.g. market.sufficiency_gaps
            elif not (ftype.many and ftype.kind == "object" and ftype.model is not None):
                issues.append(Issue(loc + (key,), f"'{collection(node)}' is {ftype.describe()}; "
                                                  f"'{key}' needs a list of items such as documents or roles"))
            else:
                if node.where is not None:
                    issues += check(node.where, ftype.model, root, loc + ("where",))
                if isinstance(node, Share) and node.of is not None:
                    issues += check(node.of, ftype.model, root, loc + ("of",))
    return issues


def _check_compare(node: Compare, ftype: FactType, model, root, loc, typed) -> list[Issue]:
    op, value, at = node.op, node.value, loc + ("op",)
    if op in ("present", "absent"):
        return [Issue(loc + ("value",), f"'{op}' takes no value")] if value is not None else []
    if value is None:
        return [Issue(loc + ("value",), f"'{op}' needs a value")]
    if ftype.kind == "object":
        return [Issue(at, f"'{node.fact}' is {ftype.describe()}, not a value; compare one of its fields, "
                          "or use present / absent (or a quantifier for a list)")]
    if ftype.many and op != "contains":
        return [Issue(at, f"'{node.fact}' reads {ftype.describe()}; use 'contains', or a quantifier "
                          "(some, every, none, count, share) to test each item")]
    if op == "contains" and not ftype.many:
        return [Issue(at, f"'contains' needs a list, but '{node.fact}' is {ftype.describe()}")]
    if op in ("older_than", "newer_than"):
        if ftype.kind != "date":
            return [Issue(at, f"'{op}' needs a date, but '{node.fact}' is {ftype.describe()}")]
        try:
            parse_duration(value)  # type: ignore[arg-type]
        except ValueError as exc:
            return [Issue(loc + ("value",), str(exc))]
        return []
    if op in ("lt", "lte", "gt", "gte") and ftype.kind not in ORDERED:
        return [Issue(at, f"'{op}' compares numbers or dates, but '{node.fact}' is {ftype.describe()}")]
    if isinstance(value, FactRef):
        other = typed(value.fact, loc + ("value", "fact"))
        if other is None:
            return []
        if op in ("in", "not_in"):
            ok = other.many and (other.kind == ftype.kind or {other.kind, ftype.kind} <= {"enum", "text"})
            return [] if ok else [Issue(loc + ("value",), f"'{op}' needs a list of {ftype.kind} values to look in, "
                                                          f"but '{value.fact}' is {other.describe()}")]
        if other.many or not _compatible(ftype, other):
            return [Issue(loc + ("value",), f"cannot compare '{node.fact}' ({ftype.describe()}) "
                                            f"with '{value.fact}' ({other.describe()})")]
        return []
    values = value if isinstance(value, list) else [value]
    if op in ("in", "not_in") and not isinstance(value, list):
        return [Issue(loc + ("value",), f"'{op}' needs a list of values")]
    if op not in ("in", "not_in") and isinstance(value, list):
        return [Issue(loc + ("value",), f"'{op}' needs a single value, not a list")]
    out = []
    for v in values:
        problem = _literal_problem(v, ftype)
        if problem:
            out.append(Issue(loc + ("value",), f"'{node.fact}' is {ftype.describe()}; {problem}"))
    return out


def _compatible(a: FactType, b: FactType) -> bool:
    if a.kind == b.kind:
        return True
    return {a.kind, b.kind} <= {"enum", "text"}


def _literal_problem(value: Any, ftype: FactType) -> str | None:
    kind = ftype.kind
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return f"{value!r} is not a number"
    if kind == "bool" and not isinstance(value, bool) and value not in ftype.choices:
        return f"{value!r} is not true or false" + (f" (or {', '.join(ftype.choices)})" if ftype.choices else "")
    if kind == "date" and not isinstance(value, date):
        return f"{value!r} is not a date (write YYYY-MM-DD)"
    if kind == "enum" and value not in ftype.choices:
        from ..model.errors import suggest

        return f"{value!r} is not one of its values{suggest(str(value), ftype.choices)}"
    if kind == "text" and not isinstance(value, str):
        return f"{value!r} is not text"
    return None


# --- evaluating (per profile) --------------------------------------------------------------


@dataclass
class Evidence:
    """One fact the rule read, and what it found (None: not in the profile)."""

    fact: str
    value: Any
    missing: bool = False
    unknown_items: list[str] = field(default_factory=list)  # list items that lacked the facts needed
    sources: list[str] = field(default_factory=list)  # the profile's `source` notes for what was read


@dataclass
class Outcome:
    result: bool | None
    evidence: list[Evidence] = field(default_factory=list)
    named: dict[str, dict[str, Any]] = field(default_factory=dict)


def label(item: Any) -> str:
    for name in ("title", "name", "about", "role", "id"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return "item"


class Evaluator:
    """Evaluates conditions against one profile, collecting the evidence trail."""

    def __init__(self, root: Any, as_of: date):
        self.root, self.as_of = root, as_of

    def run(self, node: Any) -> Outcome:
        out = Outcome(None)
        out.result = self._eval(node, self.root, out, top=True)
        return out

    def _eval(self, node: Any, item: Any, out: Outcome, top: bool) -> bool | None:
        if isinstance(node, All):
            return kleene_all([self._eval(c, item, out, top) for c in node.all])
        if isinstance(node, AnyOf):
            return kleene_any([self._eval(c, item, out, top) for c in node.any])
        if isinstance(node, Not):
            inner = self._eval(node.not_, item, out, top)
            return None if inner is None else not inner
        if isinstance(node, Compare):
            return self._compare(node, item, out, top)
        return self._quantify(node, item, out, top)

    def _compare(self, node: Compare, item: Any, out: Outcome, top: bool) -> bool | None:
        observed = facts.read(node.fact, item, self.root)
        if top or node.fact.startswith(facts.ROOT + "."):
            out.evidence.append(Evidence(_root_path(node.fact), None if observed is MISSING else observed,
                                         observed is MISSING,
                                         sources=[] if observed is MISSING else facts.sources(node.fact, item, self.root)))
        if node.op == "present":
            return observed is not MISSING
        if node.op == "absent":
            return observed is MISSING
        if observed is MISSING:
            return None
        expected = node.value
        if isinstance(expected, FactRef):
            expected = facts.read(expected.fact, item, self.root)
            if top or node.value.fact.startswith(facts.ROOT + "."):
                out.evidence.append(Evidence(_root_path(node.value.fact), None if expected is MISSING else expected,
                                             expected is MISSING,
                                             sources=[] if expected is MISSING
                                             else facts.sources(node.value.fact, item, self.root)))
            if expected is MISSING:
                return None
        return compare(node.op, observed, expected, self.as_of)

    def _quantify(self, node: Quantifier, item: Any, out: Outcome, top: bool) -> bool | None:
        path = collection(node)
        items = facts.read(path, item, self.root)
        if items is MISSING:
            if top:
                out.evidence.append(Evidence(_root_path(path), None, True))
            return None
        if isinstance(node, Share) and node.of is not None:
            return self._share_of(node, items, out, top, path)
        results = [(i, self._eval(node.where, i, out, top=False) if node.where is not None else True)
                   for i in items]
        matched = [i for i, r in results if r is True]
        unknown = [label(i) for i, r in results if r is None]
        self._record(node, out, top, path, f"{len(items)} item(s)", matched, unknown, len(items))
        total, low, high = len(items), len(matched), len(matched) + len(unknown)
        if isinstance(node, Some):
            return True if low else (None if high else False)
        if isinstance(node, NoneOf):
            return False if low else (None if high else True)
        if isinstance(node, Every):
            return True if low == total else (None if high == total else False)
        if isinstance(node, Count):
            return _either_way(node.op, range(low, high + 1), node.value)
        if total == 0:
            return None
        return _either_way(node.op, (100 * k / total for k in range(low, high + 1)), node.value)

    @staticmethod
    def _record(node: Quantifier, out: Outcome, top: bool, path: str, counted: str,
                matched: list[Any], unknown: list[str], total: int) -> None:
        """The evidence line for a quantifier, and the values its name offers to the message."""
        names = [label(i) for i in matched]
        if top:
            summary = f"{counted}; {len(names)} match" + (": " + "; ".join(names) if names else "")
            if unknown:
                summary += f"; {len(unknown)} cannot be checked (facts missing): " + "; ".join(unknown)
            item_sources = [s for s in dict.fromkeys(getattr(i, "source", None) for i in matched) if s]
            out.evidence.append(Evidence(_root_path(path), summary, unknown_items=list(unknown), sources=item_sources))
        if node.name:
            out.named[node.name] = {
                "count": len(names), "total": total, "items": names, "matched": matched,
                "share": round(100 * len(names) / total, 1) if total else None,
            }

    def _share_of(self, node: Share, items: list[Any], out: Outcome, top: bool, path: str) -> bool | None:
        """A share whose whole is only the items matching `of`, with unknowns bounded both ways."""
        assert node.of is not None
        rows = [(i, self._eval(node.of, i, out, top=False), self._eval(node.where, i, out, top=False)) for i in items]
        sure = [(i, w) for i, o, w in rows if o is True]
        maybe = [(i, w) for i, o, w in rows if o is None]
        matched = [i for i, w in sure if w is True]
        # Lowest share: unknown matches do not match; unsure items join the whole unless they match.
        low_num = len(matched)
        low_den = len(sure) + sum(1 for _, w in maybe if w is not True)
        # Highest share: unknown matches match; unsure items join the whole only if they could match.
        high_num = sum(1 for _, w in sure if w is not False) + sum(1 for _, w in maybe if w is not False)
        high_den = len(sure) + sum(1 for _, w in maybe if w is not False)
        unknown = [label(i) for i, w in sure if w is None] + [label(i) for i, _ in maybe]
        self._record(node, out, top, path, f"{len(sure)} of {len(items)} item(s) counted", matched, unknown, len(sure))
        if not sure:  # every item might fall outside the whole: the share may not exist
            return None
        return _range_holds(node.op, 100 * low_num / low_den, 100 * high_num / high_den, node.value)


def _root_path(path: str) -> str:
    return path[len(facts.ROOT) + 1:] if path.startswith(facts.ROOT + ".") else path


def _either_way(op: str, possible: Any, value: float) -> bool | None:
    """The comparison when the count can be any of `possible`: unknown only if it could go either way."""
    outcomes = {compare(op, p, value, None) for p in possible}
    return outcomes.pop() if len(outcomes) == 1 else None


def _range_holds(op: str, low: float, high: float, value: float) -> bool | None:
    """The comparison for a count known only to lie between low and high."""
    at_low, at_high = compare(op, low, value, None), compare(op, high, value, None)
    if op in ("eq", "ne") and low != high:
        inside = low <= value <= high
        if op == "eq":
            return None if inside else False
        return None if inside else True
    if at_low == at_high:
        return at_low
    return None


def compare(op: str, observed: Any, expected: Any, as_of: date | None) -> bool | None:
    if isinstance(observed, PartialDate) or isinstance(expected, PartialDate):
        if op in ("eq", "ne", "lt", "lte", "gt", "gte") and isinstance(observed, date) and isinstance(expected, date):
            return order(op, observed, expected)
    if op == "eq":
        return observed == expected
    if op == "ne":
        return observed != expected
    if op == "lt":
        return observed < expected
    if op == "lte":
        return observed <= expected
    if op == "gt":
        return observed > expected
    if op == "gte":
        return observed >= expected
    if op == "in":
        return observed in expected
    if op == "not_in":
        return observed not in expected
    if op == "contains":
        return expected in observed
    if op in ("older_than", "newer_than"):
        assert as_of is not None
        try:
            cutoff = subtract(as_of, *parse_duration(expected))
        except (OverflowError, ValueError):  # the cutoff falls before year 1: every date is newer
            return op == "newer_than"
        return order("lt" if op == "older_than" else "gt", observed, cutoff)
    raise ValueError(f"unknown operator {op}")  # unreachable: ops are validated at load


def kleene_all(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def kleene_any(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False
