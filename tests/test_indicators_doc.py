"""Every indicator id a shipped rule reads is listed in docs/indicators.md, so a council knows
which ids to use for its figures."""

from __future__ import annotations

import re

import readiness
from conftest import REPO
from readiness.lang.conditions import values_compared


def test_rules_read_only_documented_indicator_ids():
    documented = set(re.findall(r"^\| ([a-z0-9-]+) \|", (REPO / "docs" / "indicators.md").read_text(encoding="utf-8"), re.M))
    used = set()
    for rule in readiness.load_rules().rules:
        used |= values_compared(rule.when, "indicators", "id")
    assert used, "expected the shipped pack to read national indicators"
    assert used <= documented, f"undocumented indicator ids: {sorted(used - documented)}"
