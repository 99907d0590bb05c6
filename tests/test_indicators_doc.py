"""Every indicator id a shipped rule reads is listed in docs/indicators.md, so a council knows
which ids to use for its figures."""

from __future__ import annotations

import re

import readiness
from conftest import REPO
from readiness.lang.conditions import Compare, Quantifier


def indicator_ids(node, in_indicators=False) -> set[str]:
    found: set[str] = set()
    if isinstance(node, Compare) and in_indicators and node.fact == "id":
        values = node.value if isinstance(node.value, list) else [node.value]
        found |= {v for v in values if isinstance(v, str)}
    if isinstance(node, Quantifier):
        in_indicators = node.collection == "indicators"
    for _, child in node.children():
        found |= indicator_ids(child, in_indicators)
    return found


def test_rules_read_only_documented_indicator_ids():
    documented = set(re.findall(r"^\| ([a-z0-9-]+) \|", (REPO / "docs" / "indicators.md").read_text(encoding="utf-8"), re.M))
    used = set()
    for rule in readiness.load_rules().rules:
        used |= indicator_ids(rule.when)
    assert used, "expected the shipped pack to read national indicators"
    assert used <= documented, f"undocumented indicator ids: {sorted(used - documented)}"
