"""`readiness batch` on every core (cli.batch): the same report and stderr whatever --jobs is,
rows and errors in input order, and a file that crashes its worker costs only its own row."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

import readiness
from clihelp import COUNCIL, DATA, LATER, MALFORMED, REPO, TEST_OPTS, run
from readiness.cli import batch
from readiness.cli.common import Context

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the crash is injected into forked workers")


@pytest.fixture
def councils(tmp_path) -> Path:
    """Good and bad profiles interleaved: good, syntax error, good, garbage bytes, invalid, good."""
    folder = tmp_path / "councils"
    folder.mkdir()
    shutil.copy(COUNCIL, folder / "a-good.yaml")
    (folder / "b-syntax.yaml").write_text("council:\n  name: [unclosed\n", encoding="utf-8")
    shutil.copy(LATER, folder / "c-good.yaml")
    (folder / "d-garbage.yaml").write_bytes(bytes(range(256)) * 8)
    shutil.copy(MALFORMED, folder / "e-invalid.yaml")
    shutil.copy(COUNCIL, folder / "f-good.yaml")
    return folder


def names(out: str) -> list[str]:
    return [Path(row["file"]).name for row in csv.DictReader(io.StringIO(out))]


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_the_same_report_and_stderr_with_one_job_or_two(capsys, councils, fmt):
    one = run(capsys, "batch", councils, *TEST_OPTS, "-f", fmt, "--jobs", "1")
    two = run(capsys, "batch", councils, *TEST_OPTS, "-f", fmt, "--jobs", "2")
    assert (two.code, two.out, two.err) == (one.code, one.out, one.err)
    assert one.code == 2


def test_rows_and_errors_are_in_input_order(capsys, councils):
    r = run(capsys, "batch", councils, *TEST_OPTS, "-f", "csv", "--jobs", "2")
    assert names(r.out) == ["a-good.yaml", "b-syntax.yaml", "c-good.yaml", "d-garbage.yaml", "e-invalid.yaml",
                            "f-good.yaml"]
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [bool(row["error"]) for row in rows] == [False, True, False, True, True, False]
    errors = [line for line in r.err.splitlines() if line.startswith("error:")]
    assert [e.split(":", 2)[1].strip().rsplit("/", 1)[-1] for e in errors] == [
        "b-syntax.yaml", "d-garbage.yaml", "e-invalid.yaml"]
    assert "not valid YAML" in errors[0] and "not UTF-8" in errors[1] and "e-invalid.yaml:6" in errors[2]


def test_fail_under_lines_are_in_input_order_with_two_jobs(capsys):
    files = [COUNCIL, LATER, COUNCIL, LATER]
    one = run(capsys, "batch", *files, *TEST_OPTS, "-f", "csv", "--fail-under", "4", "--jobs", "1")
    two = run(capsys, "batch", *files, *TEST_OPTS, "-f", "csv", "--fail-under", "4", "--jobs", "2")
    assert one.code == two.code == 1 and one.err == two.err and "below threshold" in two.err


def _tagged(real):
    """assess_file, with the process that ran it said on stderr."""
    def tagged(file, settings):
        outcome = real(file, settings)
        return batch.Outcome(outcome.row, outcome.stderr + f"pid {os.getpid()}\n", outcome.low)
    return tagged


@needs_fork
def test_two_jobs_run_in_worker_processes_and_one_job_in_this_one(capsys, monkeypatch):
    monkeypatch.setattr(batch, "assess_file", _tagged(batch.assess_file))
    files = [COUNCIL, LATER] * 4
    pids = lambda err: {int(line.split()[1]) for line in err.splitlines() if line.startswith("pid ")}  # noqa: E731
    alone = run(capsys, "batch", *files, *TEST_OPTS, "-f", "csv", "--jobs", "1")
    assert pids(alone.err) == {os.getpid()}
    pool = run(capsys, "batch", *files, *TEST_OPTS, "-f", "csv", "--jobs", "2")
    assert len(pids(pool.err)) == 2 and os.getpid() not in pids(pool.err)
    assert pool.out == alone.out


@needs_fork
@pytest.mark.parametrize("jobs", ["2", "3"])
def test_a_file_that_crashes_its_worker_gets_an_error_row_and_the_rest_are_assessed(capsys, monkeypatch, councils,
                                                                                      jobs):
    real = batch.assess_file
    shutil.copy(COUNCIL, councils / "c-crash.yaml")

    def crashing(file, settings):
        if file.name == "c-crash.yaml":
            os._exit(70)  # a worker dying outright, as a segfault or the OOM killer would leave it
        return real(file, settings)

    monkeypatch.setattr(batch, "assess_file", crashing)
    r = run(capsys, "batch", councils, *TEST_OPTS, "-f", "json", "--jobs", jobs)
    assert r.code == 2
    rows = json.loads(r.out)["councils"]
    assert [Path(row["file"]).name for row in rows] == [
        "a-good.yaml", "b-syntax.yaml", "c-crash.yaml", "c-good.yaml", "d-garbage.yaml", "e-invalid.yaml",
        "f-good.yaml"]
    assert [row["error"] is not None for row in rows] == [False, True, True, False, True, True, False]
    assert "stopped unexpectedly (exit code 70)" in rows[2]["error"]
    assert rows[3]["scores"] and rows[6]["scores"]
    errors = [line for line in r.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and "c-crash.yaml" in errors[1]


def test_jobs_must_be_a_whole_number_of_one_or_more(capsys):
    for bad in ("0", "-1", "two"):
        r = run(capsys, "batch", COUNCIL, "--jobs", bad)
        assert r.code == 2 and "expected a whole number" in r.err and "Traceback" not in r.err


def test_the_progress_bar_is_kept_with_two_jobs(capsys, monkeypatch):
    import sys

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    r = run(capsys, "batch", COUNCIL, LATER, DATA / "batch" / "c-broken.yaml", "-f", "csv", "--jobs", "2")
    assert r.code == 2 and len(r.out.splitlines()) == 4
    assert "assessing" in tty.getvalue() and "c-broken.yaml:6" in tty.getvalue()


def test_cores_counts_what_this_process_may_use():
    assert 1 <= batch.cores() <= (os.cpu_count() or 1)


def test_a_csv_batch_never_imports_rich(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from readiness.cli.main import main; "
            f"code = main(['batch', {str(COUNCIL)!r}, {str(LATER)!r}, '-f', 'csv', '-o', {str(tmp_path / 'o.csv')!r}]); "
            "print(code, 'rich' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["0", "False"], done.stderr


def _shifted_policy(rounding: str):
    """The shipped policy with Good from 53%: 19 of 36 points (52.8%) is Good when rounded half-up
    and Requires improvement when truncated, so the rating's arithmetic is tested, not only its bands."""
    shipped = readiness.load_policy()
    bands = [b.model_copy(update={"from_percent": 53}) if b.rating == "Good" else b for b in shipped.overall.rating_bands]
    overall = shipped.overall.model_copy(update={"rating_bands": bands})
    return shipped.model_copy(update={"overall": overall, "rounding": rounding})


@pytest.mark.parametrize("rounding", ["half-up", "truncate"])
def test_a_row_holds_the_scores_total_and_rating_of_the_whole_assessment(rounding):
    """A batch works out only the scores (not the whole Assessment): they must be the Assessment's."""
    pack, policy = readiness.load_rules(), _shifted_policy(rounding)
    profiles = [*sorted((REPO / "examples").glob("*.yaml")), *sorted((REPO / "calibration" / "profiles").glob("*.yaml")),
                COUNCIL, LATER]
    ratings = set()
    for as_of in (None, date(2030, 1, 1)):
        settings = batch.Settings(Context(pack, policy, [], []), as_of, None, policy)
        for path in profiles:
            full = readiness.evaluate(readiness.load_profile(path), pack, policy=policy, as_of=as_of)
            row = batch.assess_file(path, settings).row
            assert row.error is None
            assert (row.council, row.as_of) == (full.council.name, full.council.as_of.isoformat())
            assert row.scores == {s.code: s.predicted_score for s in full.statements}
            assert list(row.scores) == [s.code for s in full.statements]
            assert (row.total, row.max_score, row.rating) == (full.overall.total_score, full.overall.max_score,
                                                              full.overall.rating)
            ratings.add(row.rating)
    assert len(ratings) > 1  # the shifted bands give more than one rating


def test_the_warm_up_profile_is_assessed_without_error():
    """warm_up() ignores a failure (it is only a speed-up), so its own profile must not fail."""
    pack, policy = readiness.load_rules(), readiness.load_policy()
    result, scores = batch.scored(readiness.load_profile(batch.warm_up_profile()),
                                  batch.Settings(Context(pack, None, [], []), None, None, policy))
    assert len(result.outcomes) == len(pack.active()) and len(scores) == 9


def test_a_batch_on_two_cores_warms_up_before_forking_and_says_nothing_of_it(capsys, monkeypatch):
    calls = []
    real = batch.warm_up
    monkeypatch.setattr(batch, "warm_up", lambda settings: calls.append(settings) or real(settings))
    alone = run(capsys, "batch", COUNCIL, LATER, *TEST_OPTS, "-f", "csv", "--as-of", "2020-01-01", "--jobs", "1")
    assert calls == []  # nothing is forked: the first file pays for itself
    pool = run(capsys, "batch", COUNCIL, LATER, *TEST_OPTS, "-f", "csv", "--as-of", "2020-01-01", "--jobs", "2")
    assert len(calls) == (1 if "fork" in multiprocessing.get_all_start_methods() else 0)
    assert (pool.code, pool.out, pool.err) == (alone.code, alone.out, alone.err)
    assert alone.err.count("warning: --as-of 2020-01-01") == 2  # the two files' warnings, none for the warm-up


def test_the_progress_bar_is_drawn_at_most_every_redraw_interval_and_for_the_last_file(capsys, monkeypatch):
    import sys
    import types

    from rich.progress import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    draws = []
    real = Progress.refresh
    monkeypatch.setattr(Progress, "refresh", lambda self: (draws.append(self.tasks[0].completed), real(self))[1])
    monkeypatch.setattr(batch, "time", types.SimpleNamespace(monotonic=lambda: 1000.0))  # a clock that stands still
    monkeypatch.setattr(sys, "stderr", Tty())
    r = run(capsys, "batch", *[COUNCIL, LATER] * 3, *TEST_OPTS, "-f", "csv", "--jobs", "1")
    assert r.code == 0 and len(r.out.splitlines()) == 7
    assert 1 in draws and 6 in draws and {2, 3, 4, 5}.isdisjoint(draws)  # the first and the last file only


def test_the_collector_is_paused_while_a_file_is_assessed_and_runs_between_files(capsys, monkeypatch):
    import gc

    seen = []
    real = batch.scored
    monkeypatch.setattr(batch, "scored", lambda profile, settings: seen.append(gc.isenabled()) or real(profile, settings))
    assert gc.isenabled()
    done = run(capsys, "batch", COUNCIL, LATER, *TEST_OPTS, "-f", "csv", "--jobs", "1")
    assert done.code == 0 and seen == [False, False]
    assert gc.isenabled()
