"""Conditions compiled once into closures: what the engine evaluates, per profile and per list item.

`conditions.Evaluator` walks the condition tree for every profile and every list item; it is the
specification. `CompiledEvaluator` gives the same answers (the three-valued result, the evidence
trail, the facts each item lacked and the named counts) from a plan built once per condition:
fact paths split once, operators looked up once, and whether a node reports to the trail
decided once from where it sits (the top level, or inside a quantifier). tests/
test_conditions_compiled.py checks the two agree on random conditions and profiles.

A plan is kept beside its condition (lang.memo), never on it: conditions stay plain data, so a rule
pickles and dumps as before, and the plan is rebuilt on first use after unpickling.

The evidence trail's lines (each fact's value with its sources, each quantifier's summary) are made
when first read (`_Trail`), not while the rule runs: a status and the named counts are all a run
needs, scoring reads the lines of the rules that fired or could not be checked, and only reports
read them all. They are exactly the lines an eager build gives, because the profile does not change
while it is evaluated or afterwards (profiles are frozen models, and nothing here writes to them).

A list item's tests stop at the first one that decides them where nothing else would be read: an
item's whole `where` in a count (or a share's `of`, once false) that writes nothing to the trail
gives only its answer and what the item lacks, and what it lacks is kept only for an item whose
answer is unknown (`_settled`; a share's `where` is not run at all for an item outside its whole).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from . import facts
from .conditions import (
    All, AnyOf, Compare, Evidence, FactRef, Not, Outcome, Quantifier, Share, share_holds,
    _root_path, label,
)
from .facts import MISSING
from .memo import memo, table
from .operators import OPERATORS

_UNREAD = object()  # a path not yet read from this profile (MISSING is a value read)

# (context, item, outcome, lacking) -> result. `lacking`: the facts the list item being
# evaluated lacks (paths inside it), or None at the top level, where nothing is an item.
Plan = Callable[["_Context", Any, Outcome, "list[str] | None"], "bool | None"]


class _Context:
    """One profile being evaluated. `seen`: what each path read from the whole profile gave, so that
    rules reading the same fact, and list items reading a profile.* fact, read it once per profile;
    `found`: the sources each source reader gave (one reader serves every field of a section), looked
    up on first read of a line's sources; `listed`: the same for a list's items (`list_sources`). All
    are sound because the profile does not change while it is evaluated, nor after: the lines of a
    run read their sources from it later."""

    __slots__ = ("root", "as_of", "seen", "found", "listed")

    def __init__(self, root: Any, as_of: date):
        self.root, self.as_of = root, as_of
        self.seen: dict[str, Any] = {}
        self.found: dict[facts.Reader, list[str]] = {}
        self.listed: dict[int, tuple[list[Any], list[str]]] = {}  # id(a list of the profile) -> (it, its items' sources)

    def sources(self, reader: facts.Reader) -> list[str]:
        """What `reader` finds from the whole profile (the item of a reported fact is the profile, or
        the path starts at it), found once per profile; a fresh list for each caller."""
        found = self.found.get(reader)
        if found is None:
            found = self.found[reader] = reader(self.root, self.root)
        return list(found)

    def list_sources(self, items: list[Any]) -> list[str]:
        """The sources of a list's items, each once, in order: the line of every quantifier over the
        list that matched nothing shows them all, so they are found once per list (on a long list,
        reading every item again for each such rule cost a third of the run); a fresh list each time."""
        found = self.listed.get(id(items))
        if found is None or found[0] is not items:
            found = self.listed[id(items)] = (items, [s for s in dict.fromkeys(facts.source_of(i) for i in items) if s])
        return list(found[1])


class _Trail(Outcome):
    """An outcome (conditions.Outcome, equal to one with the same fields) whose evidence lines and
    named counts are made when `evidence` / `named` is first read, from what the plans noted while
    they ran (`_trail`: one tuple a line, its maker first; `_named`: (name, matched items, total) a
    named quantifier). A run that only wants results (calibration, a status) pays for no line and no
    item's label, and each is exactly what making it at once would give, since the profile and the
    items they are read from do not change (module doc). Copies and pickles are plain Outcomes."""

    __slots__ = ("_trail", "_named")

    def __init__(self) -> None:
        self.result = None
        self._trail: list[tuple[Any, ...]] = []
        self._named: list[tuple[str, list[Any], int]] = []

    def __getattr__(self, name: str) -> Any:  # only asked for what is not set: until first read
        if name == "evidence":
            lines = self.evidence = [entry[0](entry) for entry in self._trail]
            del self._trail
            return lines
        if name == "named":
            named: dict[str, dict[str, Any]] = {}
            noted = self._named
            del self._named
            for key, matched, total in noted:
                names = [label(i) for i in matched]
                named[key] = {"count": len(names), "total": total, "items": names, "matched": matched,
                              "share": round(100 * len(names) / total, 1) if total else None}
            self.named = named
            return named
        raise AttributeError(name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Outcome):
            return NotImplemented
        return (self.result, self.evidence, self.named) == (other.result, other.evidence, other.named)

    __hash__ = None  # type: ignore[assignment]  # (as Outcome: mutable, compared by value)

    def __repr__(self) -> str:
        return repr(Outcome(self.result, self.evidence, self.named))

    def __reduce__(self) -> tuple[Any, ...]:
        return Outcome, (self.result, self.evidence, self.named)


# The makers of evidence lines, each given its own trail entry.

def _missing_line(entry: tuple[Any, ...]) -> Evidence:
    """(maker, fact): a fact not in the profile."""
    return Evidence(entry[1], None, True, sources=[])


def _fact_line(entry: tuple[Any, ...]) -> Evidence:
    """(maker, fact, value, context, source reader): a fact read from the whole profile."""
    _, fact, value, ctx, sources = entry
    return Evidence(fact, value, False, sources=ctx.sources(sources))


def _quantifier_line(entry: tuple[Any, ...]) -> Evidence:
    """(maker, fact, counted, matched, the items that could not be checked, read, (item, what it lacks)
    for those that lacked something, context): a quantifier's line, as conditions.Evaluator._record writes it
    (items by their labels); its sources are the matched items', or when none matched every item read."""
    _, fact, counted, matched, unchecked, read, gaps, ctx = entry
    names = [label(i) for i in matched]
    unknown = [label(i) for i in unchecked]
    lacking = {label(i): gone for i, gone in gaps}  # (as filled in item by item: a later label's entry wins)
    summary = f"{counted}; {len(names)} match" + (": " + "; ".join(names) if names else "")
    if unknown:
        summary += f"; {len(unknown)} cannot be checked (facts missing): " + "; ".join(unknown)
    item_sources = ctx.list_sources(read) if not matched else [
        s for s in dict.fromkeys(facts.source_of(i) for i in matched) if s]
    return Evidence(fact, summary, unknown_items=list(unknown), sources=item_sources, lacking=dict(lacking))


class CompiledEvaluator:
    """Evaluates conditions against one profile through their compiled plans (see the module doc)."""

    def __init__(self, root: Any, as_of: date):
        self._context = _Context(root, as_of)

    def run(self, node: Any) -> Outcome:
        return self.run_all([node])[0]

    def run_all(self, nodes: list[Any]) -> list[Outcome]:
        """`run` of each node in turn (every rule of a pack against one profile)."""
        ctx, root, found = self._context, self._context.root, []
        for node in nodes:
            out = _Trail()
            hit = _PLANS.get(id(node))  # (plan(node), without its calls: asked for every rule and profile)
            out.result = (hit[1] if hit is not None and hit[0]() is node else plan(node))(ctx, root, out, None)
            found.append(out)
        return found


_PLANS = table("plan")


def plan(node: Any) -> Plan:
    """The compiled plan of a top-level condition (a rule's `when`), built on first use."""
    return memo(node, "plan", _compile, node, True)


# --- compiling ------------------------------------------------------------------------------


# The answers of an item's condition after which what the item lacks is never read (`settles`).
_NO_ANSWER: frozenset[bool] = frozenset()
_FALSE = frozenset({False})  # the `of` of a share: an item outside the whole is not counted
_EITHER = frozenset({True, False})  # a count's `where`: only an item that cannot be checked lists its gaps


def _compile(node: Any, top: bool, settles: frozenset[bool] = _NO_ANSWER) -> Plan:
    """`settles`: the answers of this plan (an item's whole `where`, or a share's `of`) after which
    what the item lacks is not read, so that its item tests may stop at the first row that gives
    one of them (`_settled`)."""
    if isinstance(node, Compare):
        return _compare(node, top)
    if isinstance(node, Quantifier):
        return _quantifier(node, top)
    children = [child for _, child in node.children()]
    if isinstance(node, (All, AnyOf)) and not top:
        rows = _rows(node)
        if rows is not None:  # item tests (and all / any of them) run in one loop, other parts called from it
            decisive = isinstance(node, AnyOf)
            if decisive in settles and _pure(node):
                return _settled(rows, decisive)
            return _fused(rows, decisive)
    if isinstance(node, Not):  # (the answers that settle it, turned round)
        return _not(_compile(children[0], top, frozenset(not answer for answer in settles)))
    parts = tuple(_compile(child, top) for child in children)
    if isinstance(node, All):
        return _all(parts)
    if isinstance(node, AnyOf):
        return _any(parts)
    raise TypeError(f"not a condition: {type(node).__name__}")


def _pure(node: Any) -> bool:
    """Inside a list item, the condition writes nothing to the trail and names no count: it reads no
    `profile.` fact and holds no named quantifier, so what it gives is its answer and what the item
    lacks, and leaving it unevaluated, or part of it, changes nothing else."""
    if isinstance(node, Compare):
        refs = [node.fact] + ([node.value.fact] if isinstance(node.value, FactRef) else [])
        return not any(ref.startswith(facts.ROOT + ".") for ref in refs)
    if isinstance(node, Quantifier) and node.name:
        return False
    return all(_pure(child) for _, child in node.children())


# A list item's own value tested against a fixed one (or present / absent), maybe under `not`, reports
# nothing to the trail: an all / any holding such tests runs them in one loop (`_fused`), reading the
# item's stored fields once, with any all / any of such tests inside it (maybe under `not`) as a group
# in the same loop, and calls its other parts' plans in their turn. A row: (how, plan / test / group
# rows, field read from the item's stored fields or None, reader, path, fixed value / the group's
# `decisive`, negated).
_Row = tuple[int, Any, "str | None", Any, str, Any, bool]
# how: a plan to call; a group of rows; present / absent; `in`, `contains` and `eq` as Python's own
# `in` and `==` (what operators.OPERATORS runs for them, written here without a call); another test
# without the as-of date (operators' `undated`); a test with it. Every test comes after _GROUP.
_PLAN, _GROUP, _PRESENCE, _IN, _CONTAINS, _EQ, _UNDATED, _DATED = range(8)


def _rows(node: All | AnyOf) -> tuple[_Row, ...] | None:
    """The rows of a non-top all / any, or None if it holds no item test (nor a group of them)."""
    found: list[tuple[Any, _Row | None]] = []
    for child in (c for _, c in node.children()):
        row = _item_leaf(child)
        negated, inner = (True, child.not_) if isinstance(child, Not) else (False, child)
        if row is None and isinstance(inner, (All, AnyOf)):  # a group, or `not` of one
            group = _rows(inner)
            if group is not None:
                row = (_GROUP, group, None, None, "", isinstance(inner, AnyOf), negated)
        found.append((child, row))
    if all(row is None for _, row in found):
        return None  # (nothing compiled yet: the caller compiles the parts its own way)
    return tuple(row if row is not None else (_PLAN, _compile(child, top=False), None, None, "", None, False)
                 for child, row in found)


def _item_leaf(node: Any, negated: bool = False) -> _Row | None:
    if isinstance(node, Not) and not negated:
        return _item_leaf(node.not_, negated=True)
    if not isinstance(node, Compare) or isinstance(node.value, FactRef) or node.fact.startswith(facts.ROOT + "."):
        return None
    operator, value = OPERATORS[node.op], node.value
    if not operator.needs_value:
        how, test = _PRESENCE, operator.test
    elif isinstance(value, date) or operator.undated is None:
        how, test = _DATED, operator.test
    else:
        how, test = {"in": _IN, "contains": _CONTAINS, "eq": _EQ}.get(node.op, _UNDATED), operator.undated
    field = node.fact if "." not in node.fact else None
    return how, test, field, facts.reader(node.fact), node.fact, value, negated


def _fused(rows: tuple[_Row, ...], decisive: bool) -> Plan:
    """all (decisive False) or any (decisive True) in one loop over its rows (`_run_rows`, called
    as the plan itself: no call in between)."""
    return partial(_run_rows, rows, decisive, False)


def _settled(rows: tuple[_Row, ...], decisive: bool) -> Plan:
    """`_fused`, stopping at the first row that decides it: for a `_pure` all / any that is an item's
    whole `where` (or `of`) and whose deciding answer leaves what the item lacks unread (`_compile`'s
    `settles`). Most items of a list fail a count's first test (the wrong group, topic or kind)."""
    return partial(_run_rows, rows, decisive, True)


def _run_rows(rows: tuple[_Row, ...], decisive: bool, settles: bool, ctx: _Context, item: Any, out: Outcome,
              lacking: list[str] | None, stored: Any = None, names: Any = None) -> bool | None:
    """Each row read, tested and noted as `_compare` would (what the item lacks, in order), each plan
    called in its turn and each group run the same way, and the answers combined as `_all` (decisive
    False) or `_any` (decisive True) would: every row, no short-circuit, unless it `settles`
    (`_settled`: the first decisive row is the answer). `stored` / `names`: the item's stored fields
    and the names a fact may read on it, found here unless a group's caller found them."""
    if names is None:
        names = facts.READABLE.get(type(item), ())
        stored = item.__dict__ if names else None  # a profile entry's stored fields (derived ones are read)
    result: bool | None = not decisive
    for how, test, field, read, path, expected, negated in rows:
        if how > _GROUP:  # a test of the item's own value (the commonest row, so asked first)
            if field is not None and field in names:
                observed = stored.get(field, MISSING)
                if observed is MISSING:
                    observed = getattr(item, field, MISSING)
                if observed is None:
                    observed = MISSING
            else:
                observed = read(item, ctx.root)
            if observed is MISSING:
                if how == _PRESENCE:
                    value = test(observed, None, ctx.as_of)
                else:
                    if lacking is not None and path not in lacking:
                        lacking.append(path)
                    value = None
            elif how == _CONTAINS:
                value = expected in observed
            elif how == _IN:
                value = observed in expected
            elif how == _EQ:
                value = observed == expected
            elif how == _PRESENCE:
                value = test(observed, None, ctx.as_of)
            elif how == _UNDATED:
                value = test(observed, expected)
            else:
                value = test(observed, expected, ctx.as_of)
            if negated and value is not None:
                value = not value
        elif how == _PLAN:
            value = test(ctx, item, out, lacking)
        else:
            value = _run_rows(test, expected, False, ctx, item, out, lacking, stored, names)
            if negated and value is not None:
                value = not value
        if value is decisive:
            if settles:
                return decisive
            result = decisive
        elif value is None and result is not decisive:
            result = None
    return result


def _all(parts: tuple[Plan, ...]) -> Plan:
    if len(parts) == 2:  # the commonest shape, without the loop
        first, second = parts

        def both(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
            a, b = first(ctx, item, out, lacking), second(ctx, item, out, lacking)
            if a is False or b is False:
                return False
            return None if a is None or b is None else True
        return both

    def run(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
        result: bool | None = True
        for part in parts:  # every part, for the trail: no short-circuit
            value = part(ctx, item, out, lacking)
            if value is False:
                result = False
            elif value is None and result is not False:
                result = None
        return result
    return run


def _any(parts: tuple[Plan, ...]) -> Plan:
    if len(parts) == 2:
        first, second = parts

        def either(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
            a, b = first(ctx, item, out, lacking), second(ctx, item, out, lacking)
            if a is True or b is True:
                return True
            return None if a is None or b is None else False
        return either

    def run(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
        result: bool | None = False
        for part in parts:
            value = part(ctx, item, out, lacking)
            if value is True:
                result = True
            elif value is None and result is not True:
                result = None
        return result
    return run


def _not(part: Plan) -> Plan:
    def run(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
        value = part(ctx, item, out, lacking)
        return None if value is None else not value
    return run


def _observer(path: str, top: bool) -> Callable[[_Context, Any, Outcome, "list[str] | None"], Any]:
    """Reads one side of a comparison: the value (or MISSING), with its line in the trail (at the top
    level, or for a profile.* fact) and, inside a list item, a note of the fact the item lacks."""
    read, sources = facts.reader(path), facts.source_reader(path)
    from_root = path.startswith(facts.ROOT + ".")
    reported = _root_path(path)
    if top or from_root:  # read from the whole profile (at the top level the item is the profile)
        def observe_reported(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> Any:
            value = ctx.seen.get(path, _UNREAD)
            if value is _UNREAD:
                value = ctx.seen[path] = read(item, ctx.root)
            if value is MISSING:  # (not one an item lacks: a profile.* fact, or none at the top level)
                out._trail.append((_missing_line, reported))
            else:
                out._trail.append((_fact_line, reported, value, ctx, sources))
            return value
        return observe_reported

    def observe_item(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> Any:
        value = read(item, ctx.root)
        if value is MISSING and lacking is not None and path not in lacking:
            lacking.append(path)
        return value
    return observe_item


def _compare(node: Compare, top: bool) -> Plan:
    operator = OPERATORS[node.op]
    test = operator.test
    if not operator.needs_value:  # present / absent: whether it was read is the answer
        return _presence(node, top)
    observe = _observer(node.fact, top)
    if isinstance(node.value, FactRef):
        observe_other = _observer(node.value.fact, top)

        def against_fact(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
            observed = observe(ctx, item, out, lacking)
            if observed is MISSING:
                return None
            expected = observe_other(ctx, item, out, lacking)
            if expected is MISSING:
                return None
            return test(observed, expected, ctx.as_of)
        return against_fact
    expected = node.value
    undated = operator.undated if not isinstance(expected, date) else None
    if undated is not None and not top and not node.fact.startswith(facts.ROOT + "."):
        # the commonest test of all: an item's own value against a fixed one, with nothing to report
        read, path = facts.reader(node.fact), node.fact
        field = path if "." not in path else None  # one of the item's own fields: read here, without a call
        readable = facts.READABLE

        def item_value(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
            if field is not None and field in readable.get(type(item), ()):  # (facts.reader's first branch)
                observed = getattr(item, field, MISSING)
                if observed is None:
                    observed = MISSING
            else:
                observed = read(item, ctx.root)
            if observed is MISSING:
                if lacking is not None and path not in lacking:
                    lacking.append(path)
                return None
            return undated(observed, expected)
        return item_value
    if undated is not None:
        def against_undated(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
            observed = observe(ctx, item, out, lacking)
            return None if observed is MISSING else undated(observed, expected)
        return against_undated

    def against_value(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
        observed = observe(ctx, item, out, lacking)
        return None if observed is MISSING else test(observed, expected, ctx.as_of)
    return against_value


def _presence(node: Compare, top: bool) -> Plan:
    """present / absent: never unknown, and a missing fact is not one the item lacks."""
    test, read, sources = OPERATORS[node.op].test, facts.reader(node.fact), facts.source_reader(node.fact)
    if not (top or node.fact.startswith(facts.ROOT + ".")):
        def presence(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
            return test(read(item, ctx.root), None, ctx.as_of)
        return presence
    reported = _root_path(node.fact)

    def reported_presence(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
        observed = read(item, ctx.root)
        out._trail.append((_missing_line, reported) if observed is MISSING
                          else (_fact_line, reported, observed, ctx, sources))
        return test(observed, None, ctx.as_of)
    return reported_presence


def _quantifier(node: Quantifier, top: bool) -> Plan:
    path = node.collection
    read = facts.reader(path)
    reported = _root_path(path)
    if isinstance(node, Share) and node.of is not None:
        return _share_of(node, top, read, reported)
    where = _compile(node.where, top=False, settles=_EITHER) if node.where is not None else None
    node = node.model_copy()  # (what `record` and `decide` read: a copy, so the plan does not keep the rule alive)
    decide = node.decide

    def run(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
        items = read(item, ctx.root)
        if items is MISSING:
            if top:
                out._trail.append((_missing_line, reported))
            return None
        matched: list[Any] = []
        unknown: list[Any] = []  # the items that could not be checked (labelled when the line is made)
        gaps: list[tuple[Any, list[str]]] = []  # each of them that lacked something, with what
        if where is None:  # a count of the items themselves
            matched = list(items)
        else:
            for i in items:
                gone: list[str] = []
                result = where(ctx, i, out, gone)
                if result is True:
                    matched.append(i)
                elif result is None:
                    unknown.append(i)
                    if gone:
                        gaps.append((i, gone))
        _record(node, out, top, reported, f"{len(items)} item(s)", matched, unknown, len(items), items, gaps, ctx)
        return decide(len(items), len(matched), len(matched) + len(unknown))
    return run


def _share_of(node: Share, top: bool, read: facts.Reader, reported: str) -> Plan:
    """A share whose whole is only the items matching `of` (conditions.Evaluator._share_of). What an
    item lacks is kept only for an item that cannot be checked: `of` unknown, or true and `where`
    unknown. So `of` may stop once it is false; `where` may stop once it is decided for an item
    inside the whole, is evaluated in full for an item that may be, and not at all for an item
    outside it when it is `_pure` (it is otherwise, for what it writes to the trail)."""
    path, op, value = node.collection, node.op, node.value
    of = _compile(node.of, top=False, settles=_FALSE)
    where, where_in_full = _compile(node.where, top=False, settles=_EITHER), _compile(node.where, top=False)
    outside_unread = _pure(node.where)
    node = node.model_copy()  # (as in _quantifier)

    def run(ctx: _Context, item: Any, out: Outcome, lacking: list[str] | None) -> bool | None:
        items = read(item, ctx.root)
        if items is MISSING:
            if top:
                out._trail.append((_missing_line, reported))
            return None
        gaps: list[tuple[Any, list[str]]] = []  # (item, what it lacks), labelled when the line is made
        sure: list[tuple[Any, bool | None]] = []
        maybe: list[tuple[Any, bool | None]] = []
        for i in items:
            gone: list[str] = []  # what the item lacks for `of`, then what more for `where`, once each
            o = of(ctx, i, out, gone)
            if o is True:
                w = where(ctx, i, out, gone)
                sure.append((i, w))
                if w is None and gone:
                    gaps.append((i, gone))
            elif o is None:
                maybe.append((i, where_in_full(ctx, i, out, gone)))
                if gone:
                    gaps.append((i, gone))
            elif not outside_unread:
                where_in_full(ctx, i, out, gone)
        matched = [i for i, w in sure if w is True]
        unknown = [i for i, w in sure if w is None] + [i for i, _ in maybe]
        _record(node, out, top, reported, f"{len(sure)} of {len(items)} item(s) counted", matched, unknown, len(sure),
               items, gaps, ctx)
        if not sure:  # every item might fall outside the whole: the share may not exist
            return None
        return share_holds(op, value, sure, maybe)
    return run


def _record(node: Quantifier, out: _Trail, top: bool, reported: str, counted: str, matched: list[Any],
            unknown: list[Any], total: int, read: list[Any], gaps: list[tuple[Any, list[str]]], ctx: _Context) -> None:
    """conditions.Evaluator._record: the quantifier's line in the trail and the values its name offers
    to the message, both made when first read (`_Trail`)."""
    if top:
        out._trail.append((_quantifier_line, reported, counted, matched, unknown, read, gaps, ctx))
    if node.name:
        out._named.append((node.name, matched, total))
