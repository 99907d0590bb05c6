"""The framework catalogue: 4 themes, 9 quality statements, 4 evidence categories."""

from __future__ import annotations

from collections import Counter
from typing import get_args

import pytest

from readiness.model.framework import framework
from readiness.model.profile import StatementId

STATEMENT_IDS = [
    "assessing-needs",
    "supporting-people-to-live-healthier-lives",
    "equity-in-experience-and-outcomes",
    "care-provision-integration-and-continuity",
    "partnerships-and-communities",
    "safe-pathways-systems-and-transitions",
    "safeguarding",
    "governance-management-and-sustainability",
    "learning-improvement-and-innovation",
]


def test_exactly_the_nine_statements_in_framework_order():
    assert list(framework().statement_ids) == STATEMENT_IDS


def test_four_themes_holding_three_two_two_two_statements():
    fw = framework()
    assert [t.id for t in fw.themes] == ["working-with-people", "providing-support", "ensuring-safety", "leadership"]
    assert [len(fw.statements_in(t.id)) for t in fw.themes] == [3, 2, 2, 2]
    assert Counter(s.theme for s in fw.statements) == {"working-with-people": 3, "providing-support": 2,
                                                       "ensuring-safety": 2, "leadership": 2}
    assert [s.id for s in fw.statements_in("ensuring-safety")] == ["safe-pathways-systems-and-transitions",
                                                                   "safeguarding"]


def test_every_statement_belongs_to_a_known_theme():
    fw = framework()
    theme_ids = {t.id for t in fw.themes}
    for s in fw.statements:
        assert s.theme in theme_ids
        assert fw.theme(s.theme).name


def test_profile_statement_literal_equals_the_catalogue():
    assert list(get_args(StatementId)) == STATEMENT_IDS


def test_four_evidence_categories():
    assert framework().category_ids == ("people", "staff-and-leaders", "partners", "processes")
    assert framework().category("partners").name == "Feedback from partners"


def test_rule_categories_are_the_framework_categories():
    from readiness.model.rule import Category

    assert set(get_args(Category)) == set(framework().category_ids)


def test_codes_are_unique_and_prefix_rule_ids():
    codes = [s.code for s in framework().statements]
    assert codes == ["AN", "SPHL", "EEO", "CPIC", "PC", "SSPT", "SG", "GMS", "LII"]


def test_score_descriptors_are_cqc_words():
    d = framework().score_descriptors
    assert sorted(d) == [1, 2, 3, 4]
    assert d[1] == "Evidence shows significant shortfalls"
    assert d[4] == "Evidence shows an exceptional standard"


def test_lookups_by_id_and_unknown_ids():
    fw = framework()
    assert fw.statement("safeguarding").code == "SG"
    assert fw.statement("safeguarding").we_statement
    for lookup in (fw.statement, fw.theme, fw.category):
        with pytest.raises(KeyError):
            lookup("no-such-id")


def test_catalogue_is_read_once():
    assert framework() is framework()


@pytest.mark.parametrize("name", ["framework.yaml", "indicators.yaml", "base_rates.yaml"])
def test_data_read_with_the_c_loader_is_what_the_safe_loader_reads(name):
    import yaml
    from importlib.resources import files

    from readiness.model.framework import read_data

    assert read_data(name) == yaml.safe_load(files("readiness").joinpath("data", name).read_text("utf-8"))
