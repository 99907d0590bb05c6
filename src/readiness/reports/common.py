"""Small pieces every report format shares: choosing statements and wording values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from ..model.assessment import Assessment, Finding, StatementResult
from ..lang.messages import NOT_RECORDED, show

DISCLAIMER = "A prediction from the evidence in the profile, not a CQC judgement."
# CQC has notified the Secretary of State after scoring a statement 1 (Warrington, s.50(2) Health
# and Social Care Act 2008); the duty turns on CQC's judgement, so this is a risk, not a certainty.
NOTIFICATION = ("If CQC scored this 1, it may notify the Secretary of State, as it has done after scores "
                "of 1 (s.50(2) Health and Social Care Act 2008).")
NOTIFICATION_FLAG = "Risk of notification to the Secretary of State"
DERIVED_NOTE = "Derived by readiness: CQC publishes no theme scores."
LEVEL_WORDS = {"significant": "Significant shortfall", "some": "Shortfall", "good": "Strength",
               "exceptional": "Exceptional strength"}


def select(assessment: Assessment, statement_ids: list[str] | None) -> Assessment:
    """The assessment with only the chosen statements (and the rules that speak to them).

    The overall rating and the derived themes are kept whole: they are about all 9 statements.
    """
    if not statement_ids:
        return assessment
    wanted = set(statement_ids)
    return assessment.model_copy(update={
        "statements": [s for s in assessment.statements if s.id in wanted],
        "rules": [r for r in assessment.rules if wanted & set(r.statements)],
    })


def category_name(category_id: str) -> str:
    from ..model.framework import framework

    try:
        return framework().category(category_id).name
    except KeyError:
        return category_id


def value_text(value: Any, missing: bool = False) -> str:
    """An evidence value as a committee would read it (the same words as rule messages)."""
    if missing:
        return NOT_RECORDED
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items()) if value else "(empty)"
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) if value else "none"
    return show(value)


def kind_words(finding: Finding) -> str:
    """'Significant shortfall', 'Shortfall', 'Strength' or 'Exceptional strength' (the engine's words)."""
    return LEVEL_WORDS[finding.level]


def waiver_words(finding: Finding) -> str | None:
    w = finding.waived
    if w is None:
        return None
    counts = "still counts in the score" if finding.counts_in_score else "left out of the score"
    return (f"Waived until {w.expires.isoformat()} (owner: {w.owner}): {w.justification} "
            f"[{counts}]")


def score_line(s: StatementResult) -> str:
    return f"{s.predicted_score} - {s.score_descriptor}"


def overall_lines(assessment: Assessment, next_rating: bool = True) -> list[str]:
    """The overall rating, what would change it, and notes, as plain sentences. Without
    `next_rating`, the points to the next rating are left for the caller to say elsewhere (the brief
    says them once, in its path to the next rating)."""
    o = assessment.overall
    lines = [f"Predicted overall rating: {o.rating} ({o.total_score}/{o.max_score} = {o.score_percent:g}%, "
             "all statements weighted equally)."]
    if o.next_rating and next_rating:
        lines.append(f"{o.points_to_next_rating} more statement point(s) would reach {o.next_rating}.")
    if o.notification_risk_statements:
        names = ", ".join(f"{s.name} (coverage {coverage_short(s)})"
                          for s in assessment.statements if s.id in o.notification_risk_statements)
        lines.append(f"Predicted 1 for: {names}. " + NOTIFICATION)
    blank = [s.name for s in assessment.statements if s.percent is None]
    if blank:
        lines.append(f"{len(blank)} statement(s) had no evidence that any rule could check ({', '.join(blank)}); "
                     "they are counted at the policy's default score, so the overall rating leans on fewer facts "
                     "than it seems.")
    if o.rating_range is not None and o.statements_evidenced is not None and o.statements_evidenced < o.statements_assessed:
        over = (f"over those alone it is {o.rating_over_evidenced}" if o.rating_over_evidenced
                else "no statement is evidenced")
        if o.rating_range.lowest == o.rating_range.highest:
            reach = f"whatever the others score, it stays {o.rating_range.lowest}"
        else:
            reach = (f"the others could move it from {o.rating_range.lowest} (all at 1) to "
                     f"{o.rating_range.highest} (all at 4)")
        lines.append(f"The rating rests on {o.statements_evidenced} of {o.statements_assessed} evidenced statements "
                     f"({over}); {reach}.")
    return lines


NO_SOURCE = "no source"


def unsourced_lines(assessment: Assessment) -> list[str]:
    """A warning for each fact without a `source` that a finding rests on (empty when every one has a source)."""
    facts = assessment.unsourced_facts
    if not facts:
        return []
    counting = sum(1 for u in facts if u.counts_in_score)
    head = (f"{len(facts)} fact(s) that findings rest on have no source"
            + (f"; {counting} of them still count in the scores (--require-sources leaves them out)." if counting
               else "; they do not count in the scores (--require-sources)."))
    return [head] + [f"{u.fact}: read by {', '.join(u.findings)}"
                     + ("" if u.counts_in_score else " (not counted)") for u in facts]


def finding_sources(f: Finding) -> list[str]:
    """The distinct sources of what a finding read, in order."""
    return list(dict.fromkeys(src for x in f.evidence for src in x.sources))


LOW_COVERAGE = 0.5  # below this share of checks evaluable, reports show the score as resting on little


def coverage_words(s: StatementResult) -> str:
    """'5 of 21 checks had the evidence they need' (what the JSON calls `confidence`)."""
    return f"{s.checks_evaluable} of {s.checks_total} checks had the evidence they need"


def coverage_short(s: StatementResult) -> str:
    """'5/21': the coverage, for a table cell or a tile."""
    return f"{s.checks_evaluable}/{s.checks_total}"


def low_coverage(s: StatementResult) -> bool:
    return s.checks_total == 0 or s.checks_evaluable / s.checks_total < LOW_COVERAGE


@dataclass(frozen=True)
class ToCollect:
    """One thing to collect for a statement, worded: what it is, its profile paths, the checks it lets run."""

    what: str
    facts: list[str]
    rules: list[str]

    @property
    def checks_words(self) -> str:
        return f"{len(self.rules)} check{'s' if len(self.rules) != 1 else ''}"

    def words(self, paths: bool = False, text: Callable[[str], str] = str,
              path: Callable[[str], str] = lambda p: f"`{p}`") -> str:
        """'the longest wait ... (2 checks)'; with `paths` (--debug) the profile paths follow the words.
        `text` and `path` let a format escape each part (Markdown: md and code)."""
        return f"{collect_words(self.what, self.facts, paths, text, path)} ({self.checks_words})"


def collect_words(what: str, facts: list[str], paths: bool = False, text: Callable[[str], str] = str,
                  path: Callable[[str], str] = lambda p: f"`{p}`") -> str:
    """A thing to collect in the model's words, followed under --debug by its profile paths:
    "the longest wait for a Care Act assessment, in days (`waiting.assessment.longest_days`)"."""
    where = f" ({', '.join(path(f) for f in facts)})" if paths and facts else ""
    return f"{text(what)}{where}"


def collect_items(s: StatementResult) -> list[ToCollect]:
    """The statement's 'what to collect' list, most checks first (the engine's order)."""
    return [ToCollect(c.what, list(c.facts), list(c.rules)) for c in s.what_to_collect]


def collect_lines(s: StatementResult, paths: bool = False) -> list[str]:
    """The statement's 'what to collect' list in words: each thing (with its profile paths under
    --debug), and how many checks it lets run."""
    return [c.words(paths) for c in collect_items(s)]


def base_rate_words(s: StatementResult) -> str:
    """'nationally 1: 3%, 2: 38%, 3: 58%, 4: 1% of 72 councils' (context for a statement not evidenced)."""
    if not s.base_rate:
        return ""
    return "nationally " + ", ".join(f"{k}: {v:.0%}" for k, v in sorted(s.base_rate.items())) + " of 72 councils"

# --- shared by the formats ---------------------------------------------------------------

SCORE_STYLE = {1: "bold white on red", 2: "black on yellow", 3: "black on green", 4: "bold white on blue"}

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md(text: object) -> str:
    """Text made safe for Markdown, in a table cell or running text: one line, nothing active."""
    flat = " ".join(str(text).split())
    return _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\1", flat))


def code(text: object) -> str:
    """A fact path or rule id as code (those are validated names, but stay careful)."""
    flat = " ".join(str(text).split()).replace("`", "'").replace("|", "\\|")
    return f"`{flat}`"
