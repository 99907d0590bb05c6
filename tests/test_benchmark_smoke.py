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
