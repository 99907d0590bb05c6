"""Values derived once from an object (a condition's compiled plan, the values it compares) and kept
beside it, not on it: keyed by the object's identity and forgotten when it goes, so nothing of
them is pickled, dumped or compared, and equal objects never share an entry."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

_MEMO: dict[tuple[int, str], tuple[weakref.ref, Any]] = {}


def memo(node: Any, key: str, build: Callable[..., Any], *args: Any) -> Any:
    """`build(*args)` for this condition object, made once and kept while the object lives (by identity,
    not equality, and outside the object: nothing of it is pickled, dumped or compared). (`args`
    spare a caller asked again and again a new closure each time.)"""
    slot = (id(node), key)
    hit = _MEMO.get(slot)
    if hit is not None and hit[0]() is node:
        return hit[1]
    value = build(*args)

    def forget(ref: weakref.ref, slot: tuple[int, str] = slot, table: dict = _MEMO) -> None:
        if table.get(slot, (None,))[0] is ref:  # (`table`: still there while the interpreter shuts down)
            del table[slot]

    _MEMO[slot] = (weakref.ref(node, forget), value)
    return value
