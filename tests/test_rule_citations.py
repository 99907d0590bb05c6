"""Citations a council can follow: shipped rules and example profiles cite public documents by name
and address, never internal research ids (source numbers, seed files, research notes)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from readiness.io.packs import load_rules, shipped_pack_dir

INTERNAL = re.compile(r"seed \d{3}|\[S\d+[a-z]?\]|cqc-framework\.md")
# A reference a reader can find: a web address, or a named publication (a publisher and a title,
# as in "Blackpool Council, Audit Committee, 27 July 2023: Strategic Risk Register Deep Dive").
PUBLICATION = re.compile(r"https?://|^(CQC|LGA|DHSC|NHS England|[A-Z][A-Za-z]+ (County |City |Borough )?Council)[ ,:]")

RULES = load_rules(shipped_pack_dir()).rules
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_cites_no_internal_ids(rule):
    for field in ("why", *(f"references[{i}]" for i in range(len(rule.references)))):
        text = rule.why if field == "why" else rule.references[int(field[11:-1])]
        found = INTERNAL.findall(text)
        assert not found, f"{rule.id} {field} cites internal ids {found}: {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_a_reference_a_reader_can_open(rule):
    assert any(PUBLICATION.search(ref) for ref in rule.references), (
        f"{rule.id}: no reference with an address or a named publication: {rule.references}")


def test_shipped_rule_files_cite_no_internal_ids():
    """Comments too: a rule file is read by council staff adapting the pack."""
    for file in sorted(shipped_pack_dir().rglob("*.yaml")):
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            assert not INTERNAL.search(line), f"{file.name}:{n}: {line.strip()}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_profile_cites_no_internal_ids(path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert not INTERNAL.search(line), f"{path.name}:{n}: {line.strip()}"


def test_no_address_in_a_rule_is_broken_by_line_folding():
    """A folded YAML line that ends inside an address turns '...local-\\n  authorities' into a broken link."""
    import re

    import readiness

    for rule in readiness.load_rules().rules:
        for text in (rule.why, *rule.references):
            assert not re.search(r"https?://\S*-\s", text), (rule.id, text)
