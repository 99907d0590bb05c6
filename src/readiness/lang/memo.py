"""Values derived once from an object (a condition's compiled plan, the values it compares) and kept
beside it, not on it: keyed by the object's identity and forgotten when it goes, so nothing of
them is pickled, dumped or compared, and equal objects never share an entry."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

Entries = dict[int, tuple[weakref.ref, Any]]  # id(object) -> (a weak reference to it, its value)
_TABLES: dict[str, Entries] = {}  # one table of entries for each kind of value kept


def table(key: str) -> Entries:
    """The entries kept under `key`, for a caller that looks one up for every rule and profile (a
    rule's plan) without a call: `hit = entries.get(id(obj))`, a hit if `hit[0]() is obj`."""
    return _TABLES.setdefault(key, {})


def memo(node: Any, key: str, build: Callable[..., Any], *args: Any) -> Any:
    """`build(*args)` for this condition object, made once and kept while the object lives (by identity,
    not equality, and outside the object: nothing of it is pickled, dumped or compared). (`args`
    spare a caller asked again and again a new closure each time.)"""
    entries = _TABLES.get(key)
    if entries is None:
        entries = table(key)
    hit = entries.get(id(node))
    if hit is not None and hit[0]() is node:
        return hit[1]
    value = build(*args)

    def forget(ref: weakref.ref, slot: int = id(node), entries: Entries = entries) -> None:
        if entries.get(slot, (None,))[0] is ref:  # (`entries`: still there while the interpreter shuts down)
            del entries[slot]

    entries[id(node)] = (weakref.ref(node, forget), value)
    return value


def kept() -> int:
    """How many values are kept, of every kind (a pack loaded again and again must not pile them up)."""
    return sum(len(entries) for entries in _TABLES.values())
