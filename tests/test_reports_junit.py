"""JUnit XML: one testcase per rule result, in the states a CI server understands."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from clihelp import WAIVERS, assess
from readiness.reports import junit


def cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml.encode("utf-8"))
    return {c.get("name").split(":")[0]: c for c in root.iter("testcase")}


def test_one_testcase_per_rule_result_and_consistent_counts():
    a = assess()
    xml = junit.render(a)
    root = ET.fromstring(xml.encode("utf-8"))
    found = cases(xml)
    assert set(found) == {r.rule_id for r in a.rules}
    assert int(root.get("tests")) == len(a.rules)
    failures = sum(1 for r in a.rules if r.status == "fired" and r.kind == "shortfall" and not r.waived)
    skipped = sum(1 for r in a.rules if r.status == "not-evaluable" or (r.status == "fired" and r.waived))
    assert int(root.get("failures")) == failures == len(list(root.iter("failure")))
    assert int(root.get("skipped")) == skipped == len(list(root.iter("skipped")))
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))


def test_fired_shortfall_is_a_failure_with_message_evidence_and_advice():
    c = cases(junit.render(assess()))["test-psw-interim"]
    failure = c.find("failure")
    assert failure is not None
    assert failure.get("message") == ("At Test <b>Borough</b> | Council & *Co* <script>alert(1)</script> "
                                      "the PSW is interim.")
    assert failure.get("type") == "significant-shortfall"
    assert "roles = 1 item(s); 1 match: psw" in failure.text
    assert "What to do: Test recommendation <b>not bold</b>." in failure.text
    assert c.get("classname") == "readiness.GMS"


def test_strength_and_not_fired_pass():
    found = cases(junit.render(assess()))
    strength = found["test-self-serve-offer"]
    assert strength.find("failure") is None and strength.find("skipped") is None
    assert "strength (good): People can serve themselves." in strength.find("system-out").text


def test_not_evaluable_is_skipped_naming_the_missing_facts():
    skipped = cases(junit.render(assess()))["test-waits-recorded"].find("skipped")
    assert skipped.get("message") == "not evaluable: missing waiting.assessment.people"


def test_waived_is_skipped_with_its_justification():
    skipped = cases(junit.render(assess(waivers=WAIVERS)))["test-psw-interim"].find("skipped")
    assert skipped is not None
    assert skipped.get("message") == ("waived until 2099-12-31 (owner: Director of Adult Social Services): "
                                      "Recruitment approved at board | minute 12 <b>bold</b>")


def test_a_rule_for_two_statements_is_one_testcase_under_its_first():
    root = ET.fromstring(junit.render(assess()).encode("utf-8"))
    names = [c.get("name") for c in root.iter("testcase") if c.get("name").startswith("test-strategy-draft:")]
    assert len(names) == 1
    suite = next(s for s in root.findall("testsuite") if any(c.get("name") in names for c in s))
    assert suite.get("name") == "AN Assessing needs"
    # with only its second statement chosen, it moves there
    root = ET.fromstring(junit.render(assess(), ["safeguarding"]).encode("utf-8"))
    assert [s.get("name") for s in root.findall("testsuite")] == ["SG Safeguarding"]
    assert any(c.get("name").startswith("test-strategy-draft:") for c in root.iter("testcase"))


def test_control_characters_cannot_make_the_xml_invalid():
    a = assess()
    a = a.model_copy(update={"council": a.council.model_copy(update={"name": "Bad\x00\x07Council\x1b"})})
    root = ET.fromstring(junit.render(a).encode("utf-8"))
    assert root.get("name") == "readiness: Bad??Council?"


def test_same_input_same_xml():
    assert junit.render(assess()) == junit.render(assess())
