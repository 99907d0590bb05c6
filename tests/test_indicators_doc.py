"""Every indicator id a shipped rule reads is listed in docs/indicators.md, so a council knows
which ids to use for its figures."""

from __future__ import annotations

import re

import readiness
from conftest import REPO
from readiness.lang.conditions import All, AnyOf, Compare, Count, Every, NoneOf, Not, Share, Some, collection


def indicator_ids(node, in_indicators=False) -> set[str]:
    found: set[str] = set()
    if isinstance(node, (All, AnyOf)):
        for child in (node.all if isinstance(node, All) else node.any):
            found |= indicator_ids(child, in_indicators)
    elif isinstance(node, Not):
        found |= indicator_ids(node.not_, in_indicators)
    elif isinstance(node, (Some, Every, NoneOf, Count, Share)):
        inside = collection(node) == "indicators"
        for child in (node.where, getattr(node, "of", None)):
            if child is not None:
                found |= indicator_ids(child, inside)
    elif isinstance(node, Compare) and in_indicators and node.fact == "id":
        values = node.value if isinstance(node.value, list) else [node.value]
        found |= {v for v in values if isinstance(v, str)}
    return found


def test_rules_read_only_documented_indicator_ids():
    documented = set(re.findall(r"^\| ([a-z0-9-]+) \|", (REPO / "docs" / "indicators.md").read_text(encoding="utf-8"), re.M))
    used = set()
    for rule in readiness.load_rules().rules:
        used |= indicator_ids(rule.when)
    assert used, "expected the shipped pack to read national indicators"
    assert used <= documented, f"undocumented indicator ids: {sorted(used - documented)}"
