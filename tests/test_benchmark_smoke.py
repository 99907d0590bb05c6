"""The benchmark runs and prints its figures. No timing is asserted (see benchmarks/README.md)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

SCRIPT = REPO / "benchmarks" / "bench_evaluate.py"


def test_benchmark_prints_every_figure_with_its_baseline():
    run = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--scale-rules", "40"], capture_output=True,
                         text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for label in ("load pack", "load profile", "evaluate per profile", "scale run: 40 synthetic rules",
                  "load 40 rules, per rule", "evaluate 40 rules, per rule per profile"):
        assert label in out, out
    for baseline in ("vs pure-Python YAML loader", "vs re-loading the pack per profile", "vs shipped pack per rule"):
        assert baseline in out, out
    figures = re.findall(r"best\s+(\d+\.\d+) ms\s+median\s+(\d+\.\d+) ms", out)
    assert len(figures) >= 10
    assert all(float(best) <= float(median) for best, median in figures)
    assert len(re.findall(r"ratio\s+\d+\.\d+x", out)) == 5
    for example in sorted((REPO / "examples").glob("*.yaml")):
        assert example.name in out


ENGINE = REPO / "benchmarks" / "bench_engine.py"


def test_engine_benchmark_checks_its_hand_written_rules_and_prints_ratios():
    run = subprocess.run([sys.executable, str(ENGINE), "--quick"], capture_output=True, text=True, timeout=300,
                         cwd=REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    agreed = re.search(r"(\d+) rules written by hand agree with the engine on (\d+) profiles "
                       r"\((\d+) fired, (\d+) not-fired, (\d+) not-evaluable\)", out)
    assert agreed, out
    assert int(agreed.group(1)) >= 5
    assert all(int(agreed.group(k)) > 0 for k in (3, 4, 5)), "every outcome is checked against the engine"
    for label in ("rules: engine, ", "vs the same rules written by hand", "rules, all read", "evaluate: shipped pack",
                  "vs running its rules alone (engine.run)", "profiles/s"):
        assert label in out, out
    figures = re.findall(r"best\s+(\d+\.\d+) ms\s+median\s+(\d+\.\d+) ms", out)
    assert len(figures) == 6
    assert all(float(best) <= float(median) for best, median in figures)
    assert len(re.findall(r"ratio\s+\d+\.\d+x", out)) == 3


def _quick(name: str) -> str:
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / name), "--quick"], capture_output=True,
                         text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_startup_benchmark_prints_each_figure_beside_its_baseline():
    out = _quick("bench_startup.py")
    for label in ("check --format json, warm cache", "check --format json, no cache", "readiness --help",
                  "floor: one pydantic model", "warm cache vs no cache"):
        assert label in out, out
    models = re.search(r"floor: (\d+) models defined ", out)
    assert models and int(models.group(1)) > 10, out  # counted from the package, not written in
    assert len(re.findall(r"vs import pydantic, yaml: ratio\s+\d+\.\d+x", out)) == 5, out
    assert "(goal <= 2.0x)" in out and "cores" in out


def test_batch_benchmark_prints_speed_and_memory_against_one_check():
    out = _quick("bench_batch.py")
    assert "one check --format json" in out and "(the baseline)" in out
    assert len(re.findall(r"vs one check: ratio\s+\d+\.\d+x", out)) == 2, out
    assert re.search(r"every core vs --jobs 1\s+ratio\s+\d+\.\d+x", out), out
    assert len(re.findall(r"peak memory, batch of \d+\s+\d+\.\d+ MB\s+vs batch of 2: ratio\s+\d+\.\d+x", out)) == 2, out


def test_scale_benchmark_prints_a_ratio_to_linear_for_each_step():
    out = _quick("bench_scale.py")
    assert "profile size" in out and "rule count" in out
    assert len(re.findall(r"ratio to linear: load\s+\d+\.\d+x, evaluate\s+\d+\.\d+x", out)) == 2, out
    assert len(re.findall(r"GC off:\s+\d+\.\d+ ms, ratio \d+\.\d+x", out)) == 2, out
    assert len(re.findall(r"x1 2 times in a row: load\s+\d+\.\d+ ms, evaluate\s+\d+\.\d+ ms \(the linear baselines\)",
                          out)) == 2, out  # (each step's ratio is against one of these)
    assert len(re.findall(r"collector off: evaluate\s+\d+\.\d+ ms, ratio\s+\d+\.\d+x", out)) == 2, out
    assert re.search(r"same items repeated \(x1 memory\): evaluate\s+\d+\.\d+ ms, ratio\s+\d+\.\d+x", out), out
    assert re.search(r"conditions shared \(x1 memory\): evaluate\s+\d+\.\d+ ms, ratio\s+\d+\.\d+x", out), out
    assert "DISAGREEMENT" not in out
