"""Rules in plain words: a condition as a council officer would read it, and the rule catalogue.

`describe(condition)` turns the condition tree of a rule into indented English, one line per
test, e.g.

    all of these hold:
      - workforce.turnover_percent is above 20
      - at least one item of roles where role is psw

It is used by `readiness rules show` and to generate docs/rules.md (docgen.catalogue).
Nothing here evaluates anything: it only reads the rule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .conditions import All, AnyOf, Compare, CountOf, Every, FactRef, NoneOf, Not, Share, Some
from .operators import OPERATORS

INDENT = "  "


def describe(condition: Any) -> str:
    """A condition (a parsed rule's `when`, or its dict form) in plain English, one test per line."""
    if isinstance(condition, dict):
        from pydantic import TypeAdapter

        from .conditions import Condition

        condition = TypeAdapter(Condition).validate_python(condition)
    return "\n".join(_block(condition))


def _value(value: Any) -> str:
    if isinstance(value, FactRef):
        return value.fact
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "(nothing)"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _compare(node: Compare) -> str:
    return OPERATORS[node.op].describe(node.fact, node.value, _value)


def _named(node: Any) -> str:
    return f" (counted as '{node.name}')" if getattr(node, "name", None) else ""


def _amount(op: str, share: bool = False) -> str:
    record = OPERATORS[op]
    return (record.share_amount or record.amount) if share else record.amount  # type: ignore[return-value]


def _with_where(head: str, where: Any) -> list[str]:
    """`head` followed by its `where`: inline when it is one test, else as a nested list."""
    block = _block(where)
    return [f"{head} where {block[0]}"] + block[1:]


def _block(node: Any) -> list[str]:
    """The lines of a condition, the first unindented and the rest indented relative to it."""
    if isinstance(node, Compare):
        return [_compare(node)]
    if isinstance(node, (All, AnyOf)):
        out = ["all of these hold:" if isinstance(node, All) else "any of these holds:"]
        for _, child in node.children():
            sub = _block(child)
            out.append(INDENT + "- " + sub[0])
            out.extend(INDENT * 2 + line for line in sub[1:])
        return out
    if isinstance(node, Not):
        sub = _block(node.not_)
        return [f"it is not the case that {sub[0]}"] + sub[1:]
    if isinstance(node, Some):
        return _with_where(f"at least one item of {node.some}{_named(node)}", node.where)
    if isinstance(node, Every):
        return _with_where(f"every item of {node.every}{_named(node)} (an empty list counts)", node.where)
    if isinstance(node, NoneOf):
        return _with_where(f"no item of {node.none}{_named(node)}", node.where)
    if isinstance(node, CountOf):
        head = f"{_amount(node.op)} {_value(node.value)} item(s) of {node.count}{_named(node)}"
        return [head] if node.where is None else _with_where(head, node.where)
    if isinstance(node, Share):
        amount = f"{_amount(node.op, share=True)} {_value(node.value)}%"
        if node.of is None:
            return _with_where(f"{amount} of the items of {node.share}{_named(node)}", node.where)
        return (_with_where(f"of the items of {node.share}{_named(node)}", node.of)
                + _with_where(f"{amount} of them are items", node.where))
    raise TypeError(f"not a condition: {node!r}")  # pragma: no cover - the rule model allows no other
