"""How well the profile format holds what published texts say: the table in docs/calibration.md.

Each calibration case has a fact file (calibration/facts/<case>.yaml) listing every checkable
fact in its text, graded exact / approximate / none by the officer who wrote the profile. The
table is generated from those files so the published figures cannot drift from them.
"""

from __future__ import annotations

from pathlib import Path

import yaml

FITS = ("exact", "approximate", "none")
START, END = "<!-- fact-fit:start -->", "<!-- fact-fit:end -->"


def read_counts(facts_dir: Path) -> dict[str, dict[str, int]]:
    """{case: {exact: n, approximate: n, none: n}}, refusing a fact without a valid grade."""
    counts = {}
    for path in sorted(facts_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        tally = dict.fromkeys(FITS, 0)
        for i, fact in enumerate(data["facts"]):
            fit = fact.get("fit")
            if fit not in FITS:
                raise ValueError(f"{path}: facts[{i}].fit is {fit!r}; expected one of {', '.join(FITS)}")
            if fit != "exact" and not fact.get("note"):
                raise ValueError(f"{path}: facts[{i}] is {fit} but has no note saying what is lost")
            tally[fit] += 1
        counts[data["case"]] = tally
    return counts


def table(counts: dict[str, dict[str, int]]) -> str:
    rows = ["| case | exact | approximate | none | facts | exact share |", "|---|---|---|---|---|---|"]
    totals = dict.fromkeys(FITS, 0)
    for case, tally in counts.items():
        n = sum(tally.values())
        rows.append(f"| {case} | {tally['exact']} | {tally['approximate']} | {tally['none']} | {n} | "
                    f"{_share(tally['exact'], n)} |")
        for fit in FITS:
            totals[fit] += tally[fit]
    n = sum(totals.values())
    rows.append(f"| **all {len(counts)} cases** | **{totals['exact']}** | **{totals['approximate']}** | "
                f"**{totals['none']}** | **{n}** | **{_share(totals['exact'], n)}** |")
    summary = (f"Of {n} checkable facts, {_share(totals['exact'], n)} are expressed exactly, "
               f"{_share(totals['approximate'], n)} approximately and {_share(totals['none'], n)} not at all.")
    return "\n".join([START, "", summary, "", *rows, "", END])


def _share(k: int, n: int) -> str:
    return f"{100 * k / n:.0f}%" if n else "-"


def updated(page: str, counts: dict[str, dict[str, int]]) -> str:
    """The page with its generated section replaced (appended if the page has none yet)."""
    block = table(counts)
    if START in page and END in page:
        head, rest = page.split(START, 1)
        return head + block + rest.split(END, 1)[1]
    return page.rstrip("\n") + "\n\n## How well the format holds the texts\n\n" + block + "\n"


def write(repo: Path) -> Path:
    page = repo / "docs" / "calibration.md"
    page.write_text(updated(page.read_text(encoding="utf-8"), read_counts(repo / "calibration" / "facts")),
                    encoding="utf-8")
    return page
