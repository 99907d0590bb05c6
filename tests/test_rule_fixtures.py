"""Every shipped rule is shown firing, not firing and (where facts can be absent) not evaluable."""

from __future__ import annotations

import pytest

import readiness
from readiness.engine.fixtures import coverage_gaps, run_fixtures
from readiness.io.packs import shipped_pack_dir

PACK = readiness.load_rules()
RESULTS = run_fixtures(PACK, [shipped_pack_dir()])


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.case.rule}:{r.case.name}" for r in RESULTS])
def test_fixture_case(result):
    assert result.passed, f"{result.file}:{result.line}: {result.problem}"


def test_every_rule_has_its_fixtures():
    gaps = coverage_gaps(PACK, RESULTS)
    assert not gaps, "\n".join(str(g) for g in gaps)


def test_fixture_cases_name_existing_rules():
    ids = {r.id for r in PACK.rules}
    assert {r.case.rule for r in RESULTS} <= ids
