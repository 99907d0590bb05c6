"""What `readiness calibrate` prints (table or JSON) and writes (the fitted policy as YAML)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import yaml

from .fit import SCORES, CalibrationReport, Figures, numbers, policy_dict

BASELINE_WORDS = {
    "always-3": "always 3",
    "per-statement-majority": "per-statement majority of 72 councils (base rates)",
    "starting-policy": "the policy given (default: the shipped one) as it is; in-sample if it was fitted on these cases",
}


def _share(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def to_dict(report: CalibrationReport) -> dict[str, Any]:
    cv = report.cv.as_dict()
    return {
        **cv,
        "what": ("Leave-one-council-out cross-validation: each case predicted by a policy fitted only on the "
                 "other councils' cases."),
        "councils": report.councils,
        "cases": [{"case": c.case, "council": c.council, "quality_statement": c.statement, "published": c.published,
                   "predicted": report.predicted[c.case]} for c in report.cases],
        "baselines": {k: {"what": BASELINE_WORDS.get(k, k), **v.as_dict()} for k, v in report.baselines.items()},
        "folds": [{"held_out_council": f.council, "trained_on": f.trained_on, "tested_on": f.tested_on,
                   "fitted_numbers": f.numbers, "predicted": f.predicted} for f in report.folds],
        "fitted_policy": {"numbers": numbers(report.policy), "starting_numbers": report.start_numbers},
        "in_sample": {"what": ("The policy fitted on ALL cases, scored on those same cases: how well it fits, "
                               "not how well it predicts. Not a result."), **report.in_sample.as_dict()},
    }


def render_json(report: CalibrationReport) -> str:
    return json.dumps(to_dict(report), indent=2, sort_keys=False) + "\n"


def _confusion_table(f: Figures, title: str) -> Any:
    from rich.table import Table

    t = Table(title=title)
    t.add_column("published \\ predicted")
    for q in SCORES:
        t.add_column(str(q), justify="right")
    t.add_column("recall", justify="right")
    for p in SCORES:
        row = f.confusion[str(p)]
        t.add_row(str(p), *[str(row[str(q)]) for q in SCORES], _share(f.recall[str(p)]))
    return t


def render_table(report: CalibrationReport, console: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    cv = report.cv
    console.print(f"[bold]Calibration on {cv.n} published scores from {len(report.councils)} councils[/bold]: "
                  "leave-one-council-out cross-validation (each case is predicted by a policy fitted only on "
                  "the other councils' cases).")
    t = Table(title="Cross-validated prediction beside baselines (same cases, same run)")
    t.add_column("predictor")
    t.add_column("exact", justify="right")
    t.add_column("within one", justify="right")
    for s in SCORES:
        t.add_column(f"recall {s}", justify="right")
    rows = [("fitted policy, cross-validated", cv)] + [(BASELINE_WORDS.get(k, k), v) for k, v in report.baselines.items()]
    for name, f in rows:
        t.add_row(name, _share(f.exact), _share(f.within_one), *[_share(f.recall[str(s)]) for s in SCORES])
    console.print(t)
    console.print(_confusion_table(cv, "Confusion matrix (cross-validated): rows published, columns predicted"))
    ps = Table(title="Accuracy per statement (cross-validated)")
    ps.add_column("quality statement")
    ps.add_column("cases", justify="right")
    ps.add_column("exact", justify="right")
    ps.add_column("majority baseline", justify="right")
    base = report.baselines["per-statement-majority"].per_statement
    for sid, row in cv.per_statement.items():
        ps.add_row(escape(sid), str(row["n"]), f"{row['hits']}/{row['n']}", f"{base[sid]['hits']}/{base[sid]['n']}")
    console.print(ps)
    nums = numbers(report.policy)
    fp = Table(title="Policy fitted on all cases (what --output writes)")
    fp.add_column("number")
    fp.add_column("start", justify="right")
    fp.add_column("fitted", justify="right")
    for name, value in nums.items():
        fp.add_row(escape(name), str(report.start_numbers.get(name)), str(value))
    console.print(fp)
    i = report.in_sample
    console.print(f"In-sample (the final fit scored on the cases it was fitted to; NOT a prediction figure): "
                  f"exact {_share(i.exact)}, within one {_share(i.within_one)}.")
    console.print("Folds: " + "; ".join(f"{f.council} ({len(f.tested_on)} held out, fitted on {len(f.trained_on)})"
                                         for f in report.folds), style="dim")


def policy_yaml(report: CalibrationReport, where: str, today: date | None = None) -> str:
    """The policy fitted on all cases, with a header saying what it was fitted on, when, and how well it predicts."""
    from ..model.release import __version__

    today = today or date.today()
    cv = report.cv
    recall = ", ".join(f"{s}s {_share(cv.recall[str(s)])}" for s in SCORES if cv.recall[str(s)] is not None)
    base = report.baselines
    header = [
        "Scoring policy fitted by `readiness calibrate` "
        f"(readiness {__version__}) on {today.isoformat()}.",
        f"Fitted on {cv.n} published CQC scores from {len(report.councils)} councils ({where}): "
        + ", ".join(report.councils) + ".",
        "Cross-validated (leave-one-council-out: each case predicted by a policy fitted without its council):",
        f"  exact {_share(cv.exact)}, within one {_share(cv.within_one)}, recall {recall}.",
        f"Baselines on the same cases: always 3 exact {_share(base['always-3'].exact)}; per-statement majority "
        f"exact {_share(base['per-statement-majority'].exact)}; starting policy exact "
        f"{_share(base['starting-policy'].exact)}.",
        f"In-sample (fit scored on its own cases, not a prediction figure): exact {_share(report.in_sample.exact)}.",
        "Fitted numbers:",
        *[f"  {k} = {v}" for k, v in numbers(report.policy).items()],
    ]
    body = yaml.safe_dump(policy_dict(report.policy), sort_keys=False, allow_unicode=True, width=100)
    return "".join(f"# {line}\n" for line in header) + body


FIGURES_START, FIGURES_END = "<!-- calibration-figures:start -->", "<!-- calibration-figures:end -->"


def render_markdown(report: CalibrationReport) -> str:
    """The cross-validated figures as docs/calibration.md publishes them (between markers)."""
    rows = ["| predictor | exact | within one | recall of 2s | recall of 3s | recall of 4s |",
            "|---|---|---|---|---|---|"]

    def row(name: str, f: Figures) -> str:
        return (f"| {name} | {_share(f.exact)} | {_share(f.within_one)} | {_share(f.recall['2'])} | "
                f"{_share(f.recall['3'])} | {_share(f.recall['4'])} |")

    rows.append(row("**the fit, cross-validated (leave one council out)**", report.cv))
    # The starting policy is the shipped one, itself fitted on these cases: scored on them it is
    # in-sample, so only the baselines that saw no case stand beside the result.
    rows += [row(BASELINE_WORDS.get(k, k), f) for k, f in report.baselines.items() if k != "starting-policy"]
    confusion = ["| published \\ predicted | " + " | ".join(str(q) for q in SCORES) + " |",
                 "|---" * (len(SCORES) + 1) + "|"]
    confusion += [f"| {p} | " + " | ".join(str(report.cv.confusion[str(p)][str(q)]) for q in SCORES) + " |"
                  for p in SCORES]
    cases = ["| case | published | predicted (cross-validated) |", "|---|---|---|"]
    cases += [f"| {c.case} | {c.published} | {report.predicted[c.case]}{'' if report.predicted[c.case] == c.published else ' (miss)'} |"
              for c in report.cases]
    fitted = ["| number | fitted on all cases |", "|---|---|"]
    fitted += [f"| `{k}` | {v} |" for k, v in numbers(report.policy).items()]
    return "\n".join([
        FIGURES_START, "",
        f"{report.cv.n} published scores from {len(report.councils)} councils. In-sample (the policy scored on the "
        f"cases it was fitted to, not a prediction figure): exact {_share(report.in_sample.exact)}.", "",
        *rows, "", "Confusion matrix (cross-validated; rows published, columns predicted):", "", *confusion, "",
        *cases, "", "The numbers the fit chose (the shipped `rules/policy/scoring.yaml` carries them):", "", *fitted,
        "", FIGURES_END])


def with_figures(page: str, report: CalibrationReport) -> str:
    """The page with its figures block replaced (appended if it has none yet)."""
    block = render_markdown(report)
    if FIGURES_START in page and FIGURES_END in page:
        head, rest = page.split(FIGURES_START, 1)
        return head + block + rest.split(FIGURES_END, 1)[1]
    return page.rstrip("\n") + "\n\n## Cross-validated figures\n\n" + block + "\n"
