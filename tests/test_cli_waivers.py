"""Waivers from the command line: shown in every format, never hiding a finding; expired and
malformed ones ignored and reported; --no-waivers; the policy decides whether they count."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import yaml

from clihelp import COUNCIL, TEST_OPTS, WAIVERS, run
from readiness.io.packs import shipped_pack_dir

GMS = "governance-management-and-sustainability"


def _finding(out: str, rule_id: str = "test-psw-interim") -> dict:
    data = json.loads(out)
    gms = next(s for s in data["statements"] if s["id"] == GMS)
    return next(f for f in gms["findings"] if f["rule_id"] == rule_id)


def test_a_waived_finding_is_still_reported_and_still_counts_by_default(capsys):
    plain = run(capsys, "check", COUNCIL, *TEST_OPTS, "-f", "json")
    waived = run(capsys, "check", COUNCIL, *TEST_OPTS, "--waivers", WAIVERS, "-f", "json")
    f = _finding(waived.out)
    assert f["waived"]["owner"] == "Director of Adult Social Services"
    assert f["counts_in_score"] is True
    before = next(s for s in json.loads(plain.out)["statements"] if s["id"] == GMS)
    after = next(s for s in json.loads(waived.out)["statements"] if s["id"] == GMS)
    assert before["predicted_score"] == after["predicted_score"]
    assert [x["rule_id"] for x in before["findings"]] == [x["rule_id"] for x in after["findings"]]


def test_the_policy_can_leave_waived_findings_out_of_the_score(capsys, tmp_path):
    policy = yaml.safe_load((shipped_pack_dir() / "policy" / "scoring.yaml").read_text(encoding="utf-8"))
    policy["waived_findings_count"] = False
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    base = json.loads(run(capsys, "check", COUNCIL, *TEST_OPTS, "--policy", path, "-f", "json").out)
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--policy", path, "--waivers", WAIVERS, "-f", "json")
    f = _finding(r.out)
    assert f["waived"] is not None and f["counts_in_score"] is False
    before = next(s for s in base["statements"] if s["id"] == GMS)
    after = next(s for s in json.loads(r.out)["statements"] if s["id"] == GMS)
    # the finding is still listed, but the score is worked out without it
    assert [x["rule_id"] for x in before["findings"]] == [x["rule_id"] for x in after["findings"]]
    assert after["reason"] != before["reason"]
    assert after["percent"] >= before["percent"]


def test_no_waivers_shows_the_unwaived_picture(capsys):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--waivers", WAIVERS, "--no-waivers", "-f", "json")
    assert _finding(r.out)["waived"] is None
    assert json.loads(r.out)["ignored_waivers"] == []
    assert "waiver" not in r.err  # unsourced facts of the test council may be warned about, waivers not


def test_expired_and_malformed_waivers_are_ignored_and_reported(capsys):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--waivers", WAIVERS)
    assert r.code == 0
    text = " ".join(r.out.split())
    assert "ignored waiver for 'test-self-serve-offer': expired on 2020-01-01" in text
    assert "ignored malformed waiver" in text and "waivers.yaml:10" in text and "owner" in text
    data = json.loads(run(capsys, "check", COUNCIL, *TEST_OPTS, "--waivers", WAIVERS, "-f", "json").out)
    an = next(s for s in data["statements"] if s["code"] == "AN")
    strength = next(f for f in an["findings"] if f["rule_id"] == "test-self-serve-offer")
    assert strength["waived"] is None, "an expired waiver marks nothing"


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "junit"])
def test_waived_marks_appear_in_every_format(capsys, fmt):
    r = run(capsys, "check", COUNCIL, *TEST_OPTS, "--waivers", WAIVERS, "-f", fmt)
    assert r.code == 0
    if fmt == "junit":
        case = next(c for c in ET.fromstring(r.out.encode()).iter("testcase")
                    if c.get("name").startswith("test-psw-interim:"))
        assert "Recruitment approved at board" in case.find("skipped").get("message")
    else:
        assert "WAIVED" in r.out or "(waived)" in r.out
        assert "Recruitment approved at board" in r.out or fmt == "table"


def test_a_waiver_for_a_rule_that_does_not_exist_is_reported(capsys, tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("waivers:\n  - {rule: test-psw-interm, justification: typo, owner: me, expires: 2099-01-01}\n",
                    encoding="utf-8")
    data = json.loads(run(capsys, "check", COUNCIL, *TEST_OPTS, "--waivers", path, "-f", "json").out)
    assert data["ignored_waivers"] == ["ignored waiver for 'test-psw-interm': no such rule in the pack"]


@pytest.mark.parametrize("text,words", [
    ("- rule: x\n", "expected a 'waivers:' list"),
    ("waivers: [\n", "not valid YAML"),
])
def test_an_unreadable_waivers_file_is_exit_2(capsys, tmp_path, text, words):
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    r = run(capsys, "check", COUNCIL, "--waivers", path)
    assert r.code == 2 and words in r.err and str(path) in r.err and "Traceback" not in r.err
