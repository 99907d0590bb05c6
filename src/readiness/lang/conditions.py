"""The condition language: a tree of all / any / not, comparisons and quantifiers. No eval.

Evaluation is three-valued: True (holds), False (does not hold), None (unknown, because a
fact it needs is not evidenced). `all`, `any` and `not` follow Kleene's logic, so an unknown
fact never turns into a pass by accident. Every node is evaluated (no short-circuit) so the
trace shows everything that was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Annotated, Any, ClassVar, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from . import facts
from .facts import MISSING, FactType
from .operators import OPERATORS, CountOp, Op, holds, parse_duration
from .text import bounded, suggest

def _kleene(values: list[bool | None], decisive: bool) -> bool | None:
    """One `decisive` answer settles it; else an unknown leaves it unknown; else the other answer."""
    if any(v is decisive for v in values):
        return decisive
    if any(v is None for v in values):
        return None
    return not decisive


def kleene_all(values: list[bool | None]) -> bool | None:
    return _kleene(values, False)


def kleene_any(values: list[bool | None]) -> bool | None:
    return _kleene(values, True)


def kleene_not(values: list[bool | None]) -> bool | None:
    return None if values[0] is None else not values[0]


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    KEY: ClassVar[str]  # the key that says which node a mapping is (`all:`, `fact:`, `some:` ...)
    CHILDREN: ClassVar[tuple[str, ...]] = ()  # the fields holding conditions (one, or a list), in order

    def children(self) -> list[tuple[tuple[Any, ...], Node]]:
        """The conditions directly inside this one, each with its location relative to this node."""
        out: list[tuple[tuple[Any, ...], Node]] = []
        for name in self.CHILDREN:
            value, key = getattr(self, name), type(self).model_fields[name].alias or name
            if isinstance(value, list):
                out += [((key, i), child) for i, child in enumerate(value)]
            elif value is not None:
                out.append(((key,), value))
        return out


class FactRef(BaseModel):
    """Compare with another fact instead of a fixed value."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fact: str


Scalar = Union[bool, int, float, date, str]
Value = Union[FactRef, Scalar, list[Scalar], None]


class Compare(Node):
    KEY = "fact"

    fact: str = Field(description="Dotted path of the fact to read.")
    op: Op
    value: Value = None


# all / any / not: their children's answers combined in Kleene's logic (`combine`).
class All(Node):
    KEY, CHILDREN, combine = "all", ("all",), staticmethod(kleene_all)
    all: list[Condition] = Field(min_length=1)


class AnyOf(Node):
    KEY, CHILDREN, combine = "any", ("any",), staticmethod(kleene_any)
    any: list[Condition] = Field(min_length=1)


class Not(Node):
    KEY, CHILDREN, combine = "not", ("not_",), staticmethod(kleene_not)
    not_: Condition = Field(alias="not")


class Quantifier(Node):
    """A test over the items of a list in the profile. Subclasses name the list under their KEY."""

    CHILDREN = ("where",)

    @property
    def collection(self) -> str:
        return getattr(self, self.KEY)

    def decide(self, total: int, low: int, high: int) -> bool | None:
        """The answer when between `low` and `high` of `total` items match (the rest unknown)."""
        raise NotImplementedError


class Some(Quantifier):
    KEY, decide = "some", staticmethod(lambda total, low, high: True if low else (None if high else False))

    some: str = Field(description="A list in the profile; true when at least one item matches.")
    where: Condition
    name: str | None = None


class Every(Quantifier):
    KEY, decide = "every", staticmethod(lambda total, low, high: True if low == total
                                        else (None if high == total else False))

    every: str
    where: Condition
    name: str | None = None


class NoneOf(Quantifier):
    KEY, decide = "none", staticmethod(lambda total, low, high: False if low else (None if high else True))

    none: str
    where: Condition
    name: str | None = None


class CountOf(Quantifier):
    # `count:` in a rule: CountOf in the code, apart from the profile's Count of people; the rule
    # schema keeps the name rule authors know (title here, and io.schemas.SCHEMA_NAMES).
    model_config = ConfigDict(title="Count")
    KEY = "count"

    count: str
    where: Condition | None = None
    op: CountOp
    value: float
    name: str | None = None

    def decide(self, total: int, low: int, high: int) -> bool | None:
        return _either_way(self.op, range(low, high + 1), self.value)


class Share(Quantifier):
    KEY, CHILDREN = "share", ("where", "of")

    share: str = Field(description="Percentage (0-100) of the list's items that match `where`.")
    of: Condition | None = Field(None, description="Only items matching this count towards the whole.")
    where: Condition
    op: CountOp
    value: Annotated[float, Field(ge=0, le=100)]
    name: str | None = None

    def decide(self, total: int, low: int, high: int) -> bool | None:
        if total == 0:
            return None
        return _either_way(self.op, (100 * k / total for k in range(low, high + 1)), self.value)


NODES: tuple[type[Node], ...] = (All, AnyOf, Not, Compare, Some, Every, NoneOf, CountOf, Share)
KEYS = tuple(n.KEY for n in NODES)


def _tag(raw: Any) -> str | None:
    if isinstance(raw, dict):
        found = [k for k in KEYS if k in raw]
        return found[0] if len(found) == 1 else None
    if isinstance(raw, Node):
        return raw.KEY
    return None


Condition = Annotated[
    Union[tuple(Annotated[n, Tag(n.KEY)] for n in NODES)],  # type: ignore[valid-type]
    Discriminator(_tag, custom_error_type="condition", custom_error_message=(
        "expected one condition: a comparison (fact + op), or exactly one of all, any, not, "
        "some, every, none, count, share"
    )),
]
for _model in NODES:
    if _model is not Compare:
        _model.model_rebuild()


def walk(node: Node, loc: tuple[Any, ...] = ()):
    """Every node of a condition with its location, parents before children."""
    yield loc, node
    for where, child in node.children():
        yield from walk(child, loc + where)


def values_compared(node: Node, collection: str, fact: str) -> set[Any]:
    """The literal values a condition compares `fact` with, inside quantifiers over `collection`:
    e.g. the indicator ids a rule reads (`values_compared(rule.when, "indicators", "id")`).
    Found once per condition (lang.memo): every run and every score asks again."""
    from .memo import memo

    return set(memo(node, f"values_compared {collection} {fact}",
                    lambda: frozenset(_values_compared(node, collection, fact))))


def _values_compared(node: Node, collection: str, fact: str) -> set[Any]:
    found: set[Any] = set()
    for _, quantifier in walk(node):
        if isinstance(quantifier, Quantifier) and quantifier.collection == collection:
            for _, inner in walk(quantifier):
                if isinstance(inner, Compare) and inner.fact == fact and not isinstance(inner.value, FactRef):
                    values = inner.value if isinstance(inner.value, list) else [inner.value]
                    found.update(v for v in values if isinstance(v, str))
    return found


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
            hint = suggest(exc.at, exc.known) if exc.known else ""
            issues.append(Issue(where, f"unknown fact '{path}': '{exc.at}' is not a field here{hint}"))
            return None

    if isinstance(node, Compare):
        ftype = typed(node.fact, loc + ("fact",))
        if ftype is not None:
            issues += _check_compare(node, ftype, loc, typed)
    elif isinstance(node, Quantifier):
        key = node.KEY
        ftype = typed(node.collection, loc + (key,))
        if ftype is not None:
            plain_count = isinstance(node, CountOf) and node.where is None and ftype.many
            if plain_count:
                pass  # counting the values of any list, e.g. market.sufficiency_gaps
            elif not (ftype.many and ftype.kind == "object" and ftype.model is not None):
                issues.append(Issue(loc + (key,), f"'{node.collection}' is {ftype.describe()}; "
                                                  f"'{key}' needs a list of items such as documents or roles"))
            else:
                for where, child in node.children():
                    issues += check(child, ftype.model, root, loc + where)
    else:
        for where, child in node.children():
            issues += check(child, model, root, loc + where)
    return issues


def _check_compare(node: Compare, ftype: FactType, loc, typed) -> list[Issue]:
    name, value, at = node.op, node.value, loc + ("op",)
    op = OPERATORS[name]
    if not op.needs_value:
        return [Issue(loc + ("value",), f"'{name}' takes no value")] if value is not None else []
    if value is None:
        return [Issue(loc + ("value",), f"'{name}' needs a value")]
    if ftype.kind == "object":
        return [Issue(at, f"'{node.fact}' is {ftype.describe()}, not a value; compare one of its fields, "
                          "or use present / absent (or a quantifier for a list)")]
    if ftype.many and not op.on_lists:
        return [Issue(at, f"'{node.fact}' reads {ftype.describe()}; use 'contains', or a quantifier "
                          "(some, every, none, count, share) to test each item")]
    if op.on_lists and not ftype.many:
        return [Issue(at, f"'{name}' needs a list, but '{node.fact}' is {ftype.describe()}")]
    if op.kinds is not None and ftype.kind not in op.kinds:
        return [Issue(at, op.kinds_error.format(op=name, fact=node.fact, type=ftype.describe()))]
    if op.value == "duration":
        try:
            parse_duration(value)  # type: ignore[arg-type]
        except ValueError as exc:
            return [Issue(loc + ("value",), str(exc))]
        return []
    if isinstance(value, FactRef):
        other = typed(value.fact, loc + ("value", "fact"))
        if other is None:
            return []
        if op.value == "list":
            ok = other.many and (other.kind == ftype.kind or {other.kind, ftype.kind} <= {"enum", "text"})
            return [] if ok else [Issue(loc + ("value",), f"'{name}' needs a list of {ftype.kind} values to look in, "
                                                          f"but '{value.fact}' is {other.describe()}")]
        if other.many or not _compatible(ftype, other):
            return [Issue(loc + ("value",), f"cannot compare '{node.fact}' ({ftype.describe()}) "
                                            f"with '{value.fact}' ({other.describe()})")]
        return []
    values = value if isinstance(value, list) else [value]
    if op.value == "list" and not isinstance(value, list):
        return [Issue(loc + ("value",), f"'{name}' needs a list of values")]
    if op.value != "list" and isinstance(value, list):
        return [Issue(loc + ("value",), f"'{name}' needs a single value, not a list")]
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
        return f"{bounded(value)} is not a number"
    if kind == "bool" and not isinstance(value, bool) and value not in ftype.choices:
        return f"{bounded(value)} is not true or false" + (f" (or {', '.join(ftype.choices)})" if ftype.choices else "")
    if kind == "date" and not isinstance(value, date):
        return f"{bounded(value)} is not a date (write YYYY-MM-DD)"
    if kind == "enum" and value not in ftype.choices:
        return f"{bounded(value)} is not one of its values{suggest(str(value), ftype.choices)}"
    if kind == "text" and not isinstance(value, str):
        return f"{bounded(value)} is not text"
    return None


# --- evaluating (per profile) --------------------------------------------------------------


@dataclass
class Evidence:
    """One fact the rule read, and what it found (None: not in the profile)."""

    fact: str
    value: Any
    missing: bool = False
    unknown_items: list[str] = field(default_factory=list)  # list items that lacked the facts needed
    lacking: dict[str, list[str]] = field(default_factory=dict)  # each such item: the facts (paths in it) it lacked
    sources: list[str] = field(default_factory=list)  # the profile's `source` notes for what was read


@dataclass(slots=True)  # (made for every rule and profile: slots make it quicker to make)
class Outcome:
    result: bool | None
    evidence: list[Evidence] = field(default_factory=list)
    named: dict[str, dict[str, Any]] = field(default_factory=dict)


LABEL_NAMES = ("title", "name", "about", "role", "id")  # what an item is called, first found first


def label(item: Any) -> str:
    for name in _label_names(type(item)):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return "item"


@cache
def _label_names(cls: type) -> tuple[str, ...]:
    """The label names an instance of `cls` can hold (asking a model for any other name only fails, slowly)."""
    return tuple(n for n in LABEL_NAMES if facts.may_hold(cls, n))


class Evaluator:
    """Evaluates conditions against one profile, collecting the evidence trail."""

    def __init__(self, root: Any, as_of: date):
        self.root, self.as_of = root, as_of
        self._lacking: list[list[str]] = []  # one list per list item being evaluated: the facts it lacks

    def _item(self, node: Any, item: Any, out: Outcome) -> tuple[bool | None, list[str]]:
        """A condition on one list item, and the facts (paths inside the item) it lacked."""
        self._lacking.append([])
        try:
            return self._eval(node, item, out, top=False), self._lacking[-1]
        finally:
            self._lacking.pop()

    def _lack(self, path: str) -> None:
        if self._lacking and not path.startswith(facts.ROOT + ".") and path not in self._lacking[-1]:
            self._lacking[-1].append(path)

    def run(self, node: Any) -> Outcome:
        out = Outcome(None)
        out.result = self._eval(node, self.root, out, top=True)
        return out

    def run_all(self, nodes: list[Any]) -> list[Outcome]:
        return [self.run(node) for node in nodes]

    def _eval(self, node: Any, item: Any, out: Outcome, top: bool) -> bool | None:
        if isinstance(node, Compare):
            return self._compare(node, item, out, top)
        if isinstance(node, Quantifier):
            return self._quantify(node, item, out, top)
        return node.combine([self._eval(c, item, out, top) for _, c in node.children()])

    def _compare(self, node: Compare, item: Any, out: Outcome, top: bool) -> bool | None:
        observed = facts.read(node.fact, item, self.root)
        if top or node.fact.startswith(facts.ROOT + "."):
            out.evidence.append(Evidence(_root_path(node.fact), None if observed is MISSING else observed,
                                         observed is MISSING,
                                         sources=[] if observed is MISSING else facts.sources(node.fact, item, self.root)))
        if not OPERATORS[node.op].needs_value:  # present / absent: whether it was read is the answer
            return holds(node.op, observed, None, self.as_of)
        if observed is MISSING:
            self._lack(node.fact)
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
                self._lack(node.value.fact)
                return None
        return holds(node.op, observed, expected, self.as_of)

    def _quantify(self, node: Quantifier, item: Any, out: Outcome, top: bool) -> bool | None:
        path = node.collection
        items = facts.read(path, item, self.root)
        if items is MISSING:
            if top:
                out.evidence.append(Evidence(_root_path(path), None, True))
            return None
        if isinstance(node, Share) and node.of is not None:
            return self._share_of(node, items, out, top, path)
        results = [(i, *(self._item(node.where, i, out) if node.where is not None else (True, [])))
                   for i in items]
        matched = [i for i, r, _ in results if r is True]
        unknown = [label(i) for i, r, _ in results if r is None]
        lacking = {label(i): gone for i, r, gone in results if r is None and gone}
        self._record(node, out, top, path, f"{len(items)} item(s)", matched, unknown, len(items), items, lacking)
        return node.decide(len(items), len(matched), len(matched) + len(unknown))

    @staticmethod
    def _record(node: Quantifier, out: Outcome, top: bool, path: str, counted: str,
                matched: list[Any], unknown: list[str], total: int, read: list[Any] = (),
                lacking: dict[str, list[str]] | None = None) -> None:
        """The evidence line for a quantifier, and the values its name offers to the message."""
        names = [label(i) for i in matched]
        if top:
            summary = f"{counted}; {len(names)} match" + (": " + "; ".join(names) if names else "")
            if unknown:
                summary += f"; {len(unknown)} cannot be checked (facts missing): " + "; ".join(unknown)
            # the matched items' sources; when none matched, the finding rests on every item read
            item_sources = [s for s in dict.fromkeys(facts.source_of(i) for i in matched or read) if s]
            out.evidence.append(Evidence(_root_path(path), summary, unknown_items=list(unknown), sources=item_sources,
                                         lacking=dict(lacking or {})))
        if node.name:
            out.named[node.name] = {
                "count": len(names), "total": total, "items": names, "matched": matched,
                "share": round(100 * len(names) / total, 1) if total else None,
            }

    def _share_of(self, node: Share, items: list[Any], out: Outcome, top: bool, path: str) -> bool | None:
        """A share whose whole is only the items matching `of`, with unknowns bounded both ways. What
        an item lacks is kept for the items that cannot be checked (`of` unknown, or true and `where`
        unknown), as a count keeps it: an item outside the whole is not counted, so what it lacks for
        `where` is nothing to collect."""
        assert node.of is not None
        lacking: dict[str, list[str]] = {}
        rows = []
        for i in items:
            (o, gone_of), (w, gone_where) = self._item(node.of, i, out), self._item(node.where, i, out)
            rows.append((i, o, w))
            if (o is None or (o is True and w is None)) and (gone_of or gone_where):
                lacking[label(i)] = list(dict.fromkeys(gone_of + gone_where))
        sure = [(i, w) for i, o, w in rows if o is True]
        maybe = [(i, w) for i, o, w in rows if o is None]
        matched = [i for i, w in sure if w is True]
        unknown = [label(i) for i, w in sure if w is None] + [label(i) for i, _ in maybe]
        self._record(node, out, top, path, f"{len(sure)} of {len(items)} item(s) counted", matched, unknown, len(sure),
                     items, lacking)
        if not sure:  # every item might fall outside the whole: the share may not exist
            return None
        return share_holds(node.op, node.value, sure, maybe)


def _root_path(path: str) -> str:
    return path[len(facts.ROOT) + 1:] if path.startswith(facts.ROOT + ".") else path


def _either_way(op: str, possible: Any, value: float) -> bool | None:
    """The comparison when the count can be any of `possible`: unknown only if it could go either way."""
    outcomes = {holds(op, p, value, None) for p in possible}
    return outcomes.pop() if len(outcomes) == 1 else None


def share_holds(op: str, value: float, sure: list[tuple[Any, bool | None]],
                maybe: list[tuple[Any, bool | None]]) -> bool | None:
    """Does the share of `of` items matching `where` pass `op value`, bounded both ways? `sure` are
    (item, matches) for items certainly in the whole, `maybe` for items that may be; `sure` is
    not empty. The reference and the compiled evaluator both decide a share here."""
    in_whole, unsure = [w for _, w in sure], [w for _, w in maybe]  # each True, False or None
    could_match = len(unsure) - unsure.count(False)  # unsure items that match or may
    # Lowest share: unknown matches do not match; unsure items join the whole unless they match.
    low_num = in_whole.count(True)
    low_den = len(in_whole) + len(unsure) - unsure.count(True)
    # Highest share: unknown matches match; unsure items join the whole only if they could match.
    high_num = len(in_whole) - in_whole.count(False) + could_match
    high_den = len(in_whole) + could_match
    return _range_holds(op, 100 * low_num / low_den, 100 * high_num / high_den, value)


def _range_holds(op: str, low: float, high: float, value: float) -> bool | None:
    """The comparison for a count known only to lie between low and high."""
    at_low, at_high = holds(op, low, value, None), holds(op, high, value, None)
    if op in ("eq", "ne") and low != high:
        inside = low <= value <= high
        if op == "eq":
            return None if inside else False
        return None if inside else True
    if at_low == at_high:
        return at_low
    return None
