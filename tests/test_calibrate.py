"""`readiness calibrate`: labelled cases, leave-one-council-out cross-validation, baselines, output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

import readiness
from readiness.calibrate import CalibrationError, calibrate, load_cases
from readiness.calibrate import fit as fitmod
from readiness.cli.main import main

LII, AN, PC = "learning-improvement-and-innovation", "assessing-needs", "partnerships-and-communities"
CATS = ("people", "partners", "processes", "staff-and-leaders")


def _entry(statement: str, weight: str, category: str) -> dict:
    kind = "strength" if weight in ("good", "exceptional") else "area-for-improvement"
    return {"statements": [statement], "category": category, "kind": kind, "weight": weight,
            "shows": f"{weight} {category}", "source": "synthetic"}


def write_cases(folder: Path, rows: list[tuple[str, str, str, int, list[dict]]]) -> Path:
    """rows: (case, council, statement, published score, evidence entries)."""
    (folder / "profiles").mkdir(parents=True, exist_ok=True)
    with open(folder / "scores.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case", "council", "quality_statement", "published_score", "source", "published", "text"])
        for case, council, statement, score, entries in rows:
            w.writerow([case, council, statement, score, "https://example.org", "2025-01-01", "opening, with a, comma"])
            profile = {"format_version": 2, "council": {"name": council, "as_of": "2025-01-31"}, "evidence": entries}
            (folder / "profiles" / f"{case}.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    return folder


def synthetic(folder: Path) -> Path:
    """Six councils: strengths in several categories go with a 3, areas for improvement with a 2."""
    rows = []
    for i, council in enumerate(["Ashby", "Brent Vale", "Carlow", "Dunmore", "Eastfield", "Fenwick"]):
        good = [_entry(LII, "good", c) for c in CATS[: 2 + i % 2]]
        some = [_entry(AN, "some", c) for c in CATS[: 1 + i % 2]]
        rows.append((f"c{i}-lii", council, LII, 3, good))
        rows.append((f"c{i}-an", council, AN, 2, some))
        if i % 3 == 0:
            rows.append((f"c{i}-pc", council, PC, 3, [_entry(PC, "good", "partners")]))
    return write_cases(folder, rows)


# --- labelled cases ----------------------------------------------------------------------------


def test_cases_load_in_order_with_statement_codes(tmp_path):
    write_cases(tmp_path, [("a", "A", "LII", 3, []), ("b", "B", AN, 2, [])])
    cases = load_cases(tmp_path)
    assert [(c.case, c.council, c.statement, c.published) for c in cases] == [("a", "A", LII, 3), ("b", "B", AN, 2)]


def test_every_problem_is_reported_at_once_with_file_line_and_field(tmp_path):
    write_cases(tmp_path, [("a", "A", LII, 3, []), ("b", "B", AN, 2, [])])
    with open(tmp_path / "scores.csv", "a", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["a", "A", LII, 3, "", "", ""])                   # duplicate (line 4)
        w.writerow(["c", "C", "assesing-needs", 2, "", "", ""])      # unknown statement (line 5)
        w.writerow(["d", "D", AN, 5, "", "", ""])                    # score outside 1-4, no profile (line 6)
    (tmp_path / "profiles" / "c.yaml").write_text("council: {name: C, as_of: 2025-01-31}\n", encoding="utf-8")
    with pytest.raises(CalibrationError) as err:
        load_cases(tmp_path)
    text = err.value.describe()
    scores = str(tmp_path / "scores.csv")
    assert f"{scores}:4: field 'case': duplicate case 'a' (first on line 2)" in text
    assert f"{scores}:5: field 'quality_statement': unknown quality statement 'assesing-needs'" in text
    assert "did you mean 'assessing-needs'" in text
    assert f"{scores}:6: field 'published_score'" in text and "not a whole number from 1 to 4" in text
    assert f"{scores}:6: field 'case': no profile for case 'd'" in text
    assert len(err.value.problems) == 4


def test_a_broken_profile_is_located_in_its_own_file(tmp_path):
    write_cases(tmp_path, [("a", "A", LII, 3, [])])
    (tmp_path / "profiles" / "a.yaml").write_text("council:\n  name: A\n", encoding="utf-8")
    with pytest.raises(CalibrationError) as err:
        load_cases(tmp_path)
    assert "profiles/a.yaml:1: field 'council.as_of'" in err.value.describe() and "as_of" in err.value.describe()


def test_missing_columns_and_missing_folder(tmp_path):
    (tmp_path / "scores.csv").write_text("case,score\nx,3\n", encoding="utf-8")
    with pytest.raises(CalibrationError, match="missing column"):
        load_cases(tmp_path)
    with pytest.raises(CalibrationError, match="no such folder"):
        load_cases(tmp_path / "nowhere")


# --- the fit and the cross-validation ---------------------------------------------------------


def test_no_case_is_scored_by_a_policy_fitted_on_its_own_council(tmp_path, monkeypatch):
    cases = load_cases(synthetic(tmp_path))
    council_of = {c.case: c.council for c in cases}
    fitted: list[tuple[object, set[str]]] = []  # (fitted policy, councils it was fitted on), kept alive
    fitting: list[set[str]] = []  # the training councils while a fit runs
    outside: list[tuple[object, list[str]]] = []
    real_fit, real_predict = fitmod.fit, fitmod.predict

    def spy_fit(start, items, **kw):
        fitting.append({council_of[s.case.case] for s in items})
        try:
            out = real_fit(start, items, **kw)
        finally:
            councils = fitting.pop()
        fitted.append((out.policy, councils))
        return out

    def spy_predict(policy, items):
        ids = [s.case.case for s in items]
        if fitting:  # inside a fit: only the training cases are ever scored
            assert {council_of[i] for i in ids} <= fitting[-1], "a fit saw a held-out case"
        else:
            outside.append((policy, ids))
        return real_predict(policy, items)

    monkeypatch.setattr(fitmod, "predict", spy_predict)
    items = fitmod.prepare(cases)
    predicted, folds, _ = fitmod.cross_validate(items, readiness.load_policy(), spy_fit)
    assert set(predicted) == set(council_of)  # every case predicted, by its fold
    assert len(outside) == len(folds) == len(fitted) == len(set(council_of.values()))
    for policy, ids in outside:
        trained_on = next(c for p, c in fitted if p is policy)
        assert trained_on.isdisjoint({council_of[i] for i in ids}), "a case was scored by its own council's fit"
    for f in folds:
        assert {council_of[i] for i in f.tested_on} == {f.council}
        assert f.council not in {council_of[i] for i in f.trained_on}
        assert sorted(f.trained_on + f.tested_on) == sorted(council_of)


def test_the_fit_learns_the_synthetic_pattern_and_is_deterministic(tmp_path):
    cases = load_cases(synthetic(tmp_path))
    a, b = calibrate(cases), calibrate(cases)
    assert a.cv.n == len(cases)
    assert a.predicted == b.predicted and fitmod.numbers(a.policy) == fitmod.numbers(b.policy)
    assert a.cv.exact == 1.0 and a.cv.within_one == 1.0  # strengths -> 3, areas for improvement -> 2
    assert a.baselines["always-3"].exact == pytest.approx(sum(1 for c in cases if c.published == 3) / len(cases), abs=1e-4)
    majority = a.baselines["per-statement-majority"]
    assert majority.per_statement[AN]["exact"] == 1.0  # the 72 councils' majority for AN is 2
    assert set(a.baselines) == {"always-3", "per-statement-majority", "starting-policy"}


def test_figures_count_what_they_say():
    f = fitmod.figures([2, 2, 3, 3, 4], [2, 3, 3, 1, 3], ["a", "a", "b", "b", "b"])
    assert f.n == 5 and f.exact == 0.4 and f.within_one == 0.8
    assert f.recall == {"1": None, "2": 0.5, "3": 0.5, "4": 0.0}
    assert f.confusion["3"] == {"1": 1, "2": 0, "3": 1, "4": 0}
    assert f.per_statement == {"a": {"n": 2, "exact": 0.5, "hits": 1}, "b": {"n": 3, "exact": 0.3333, "hits": 1}}


# --- the command ------------------------------------------------------------------------------


def test_json_has_the_documented_keys(tmp_path, capsys):
    folder = synthetic(tmp_path / "cases")
    assert main(["calibrate", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"n", "exact", "within_one", "recall", "baselines", "confusion", "per_statement", "folds",
            "in_sample", "fitted_policy"} <= set(data)
    assert 0 <= data["exact"] <= 1 and set(data["recall"]) == {"1", "2", "3", "4"}
    assert "Not a result" in data["in_sample"]["what"]
    assert all(f["held_out_council"] not in {c["council"] for c in data["cases"] if c["case"] in f["trained_on"]}
               for f in data["folds"])


def test_table_and_output_policy_that_loads_back(tmp_path, capsys):
    folder = synthetic(tmp_path / "cases")
    out = tmp_path / "fitted.yaml"
    assert main(["calibrate", str(folder), "--output", str(out)]) == 0
    printed = capsys.readouterr()
    assert "cross-validated" in printed.out and "always 3" in printed.out and "NOT a prediction figure" in printed.out
    assert "Confusion matrix" in printed.out
    text = out.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Fitted on 14 published CQC scores from 6 councils" in line for line in header)
    assert any("readiness " in line and "on 20" in line for line in header)  # tool version and date
    assert any(line.startswith("#   exact 100%") for line in header)
    policy = readiness.load_policy(out)
    assert policy.evidence_log.points_scale >= 0


def test_output_refuses_to_overwrite_an_input(tmp_path, capsys):
    folder = synthetic(tmp_path / "cases")
    before = (folder / "scores.csv").read_text(encoding="utf-8")
    assert main(["calibrate", str(folder), "--output", str(folder / "scores.csv")]) == 2
    assert "refusing to write" in capsys.readouterr().err
    assert (folder / "scores.csv").read_text(encoding="utf-8") == before


def test_bad_labelled_data_exits_2_listing_every_problem(tmp_path, capsys):
    write_cases(tmp_path, [("a", "A", LII, 7, []), ("b", "B", "nonsense", 2, [])])
    assert main(["calibrate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "2 problem(s) in the labelled cases" in err and "published_score" in err and "quality_statement" in err
