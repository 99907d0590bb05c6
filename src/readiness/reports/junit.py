"""JUnit XML, so a CI server shows the rules like tests: one testcase per rule result.

A shortfall that fired is a failure; a rule that could not be checked is skipped, naming the
missing facts; a waived finding is skipped with its justification; a strength, and a rule
that did not fire, pass. One testsuite per quality statement (a rule that speaks to several
statements is listed under its first). Built with xml.etree, so all text is escaped; no
timestamps, so the same input gives the same file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model.assessment import Assessment, Finding, RuleResult
from .common import select, value_text

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def _t(text: object) -> str:
    return _NOT_XML.sub("?", str(text))


def _evidence(r: RuleResult) -> str:
    return "\n".join(f"{x.fact} = {value_text(x.value, x.missing)}" for x in r.evidence)


def _findings_by_rule(a: Assessment) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    for s in a.statements:
        for f in s.findings:
            out.setdefault(f.rule_id, f)
    return out


def render(assessment: Assessment, statement_ids: list[str] | None = None) -> str:
    a = select(assessment, statement_ids)
    findings = _findings_by_rule(a)
    shown = {s.id for s in a.statements}
    root = ET.Element("testsuites", name=_t(f"readiness: {a.council.name}"))
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for s in a.statements:
        rules = [r for r in a.rules if next((x for x in r.statements if x in shown), None) == s.id]
        suite = ET.SubElement(root, "testsuite", name=_t(f"{s.code} {s.name}"))
        props = ET.SubElement(suite, "properties")
        for name, value in (("predicted_score", s.predicted_score), ("score_descriptor", s.score_descriptor),
                            ("confidence", s.confidence), ("checks_evaluable", s.checks_evaluable),
                            ("checks_total", s.checks_total), ("council", a.council.name),
                            ("as_of", a.council.as_of.isoformat())):
            ET.SubElement(props, "property", name=name, value=_t(value))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for r in rules:
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", classname=_t(f"readiness.{s.code}"),
                                 name=_t(f"{r.rule_id}: {r.title}"), time="0")
            if r.status == "not-evaluable":
                counts["skipped"] += 1
                missing = sorted({x.fact for x in r.evidence if x.missing}) or ["(facts inside list items)"]
                ET.SubElement(case, "skipped", message=_t("not evaluable: missing " + ", ".join(missing)))
            elif r.status == "fired" and r.waived:
                counts["skipped"] += 1
                f = findings.get(r.rule_id)
                w = f.waived if f else None
                text = (f"waived until {w.expires.isoformat()} (owner: {w.owner}): {w.justification}"
                        if w else "waived")
                ET.SubElement(case, "skipped", message=_t(text))
            elif r.status == "fired" and r.kind == "shortfall":
                counts["failures"] += 1
                f = findings.get(r.rule_id)
                failure = ET.SubElement(case, "failure", message=_t(r.message or r.title),
                                        type=_t(f"{r.level}-{r.kind}"))
                body = [f"Evidence:\n{_evidence(r)}"]
                if f:
                    body += [f"Why it matters: {f.why}", f"What to do: {f.recommendation}"]
                failure.text = _t("\n\n".join(body))
            elif r.status == "fired":
                ET.SubElement(case, "system-out").text = _t(f"strength ({r.level}): {r.message or r.title}")
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
