#!/usr/bin/env python
"""How fast is readiness? Prints its figures, each beside a baseline measured in the same run.

    python benchmarks/bench_evaluate.py            # full run (a minute or less)
    python benchmarks/bench_evaluate.py --quick    # a few seconds: smoke test

Figures (best and median of several runs, time.perf_counter):

  load pack      the shipped pack: YAML parse + validation of every rule
                 baseline: the same with PyYAML's pure-Python SafeLoader instead of the C loader
  load profile   each example profile, parse + validation
                 baseline: the same with the pure-Python loader
  evaluate       each example profile against the pack loaded once
                 baseline: re-loading the pack for every profile (what a naive caller would do)
  scale          a pack of ~1000 synthetic rules (the shipped rules repeated under new ids)
                 baseline: the shipped pack, compared per rule (1.0x means cost grows linearly)

Nothing here asserts a time; the smoke test only checks that the figures are printed.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

# Every load here parses and checks the YAML: the pack cache (io.pack_cache) is measured in bench_startup.py.
os.environ["READINESS_NO_CACHE"] = "1"

import readiness  # noqa: E402
from readiness.io import yamlfile
from readiness.engine.assess import evaluate
from readiness.io.profiles import load_profile
from readiness.model.rule import RulePack
from readiness.io.packs import load_rules, shipped_pack_dir
from readiness.io.policy import load_policy
from timing import interleaved  # benchmarks/timing.py, beside this script

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) seconds of one call, over `repeat` calls after a warm-up call."""
    return interleaved(fn, repeat=repeat)[0]


class _PurePythonLoader(yaml.SafeLoader):
    """The loader readiness uses, but without PyYAML's C extension."""


_PurePythonLoader.add_constructor("tag:yaml.org,2002:timestamp", yamlfile._timestamp_or_text)


@contextmanager
def pure_python_yaml() -> Iterator[None]:
    original = yamlfile._Loader
    yamlfile._Loader = _PurePythonLoader  # type: ignore[misc]
    try:
        yield
    finally:
        yamlfile._Loader = original  # type: ignore[misc]


def synthetic_pack(folder: Path, size: int) -> Path:
    """`size` rules made by repeating the shipped rules under new ids, as one rule file."""
    shipped = []
    for file in sorted(shipped_pack_dir().glob("*.yaml")):
        shipped += yaml.safe_load(file.read_text(encoding="utf-8"))["rules"]
    rules = [{**copy.deepcopy(rule), "id": f"{rule['id']}-copy{i // len(shipped)}"}  # (copies: a shared part
             for i, rule in zip(range(size), _cycle(shipped))]  # would be written as an alias, and over 1,000 are refused)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "synthetic.yaml").write_text(yaml.safe_dump({"rules": rules}, sort_keys=False), encoding="utf-8")
    return folder


def _cycle(items: list) -> Iterator:
    while True:
        yield from items


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def report(label: str, figure: tuple[float, float], baseline_label: str, baseline: tuple[float, float],
           ratio_words: str = "faster") -> None:
    ratio = baseline[0] / figure[0] if figure[0] else float("inf")
    print(f"{label:<44} best {ms(figure[0])}  median {ms(figure[1])}")
    print(f"  {'vs ' + baseline_label:<42} best {ms(baseline[0])}  median {ms(baseline[1])}"
          f"  ratio {ratio:5.2f}x {ratio_words}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repeats and a small scale run (smoke test)")
    parser.add_argument("--repeat", type=int, help="runs per figure (default 7, quick 2)")
    parser.add_argument("--scale-rules", type=int, help="rules in the scale run (default 1000, quick 60)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (2 if args.quick else 7)
    scale_rules = args.scale_rules or (60 if args.quick else 1000)

    pack_dir = shipped_pack_dir()
    pack = load_rules(pack_dir)
    policy = load_policy()
    profiles = [load_profile(p) for p in EXAMPLES]
    print(f"readiness {readiness.__version__} benchmark{' (quick)' if args.quick else ''}: "
          f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
          f"(C loader {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}), {repeat} runs per figure")
    print(f"shipped pack: {len(pack.rules)} rules; {len(profiles)} example profiles\n")

    # 1. loading the pack: parse + validate every rule
    figure = measure(lambda: load_rules(pack_dir), repeat)
    with pure_python_yaml():
        baseline = measure(lambda: load_rules(pack_dir), repeat)
    report(f"load pack ({len(pack.rules)} rules, parse + validate)", figure, "pure-Python YAML loader", baseline)

    # 2. loading a profile
    def load_all() -> None:
        for path in EXAMPLES:
            load_profile(path)

    n = max(len(EXAMPLES), 1)
    figure = measure(load_all, repeat)
    with pure_python_yaml():
        baseline = measure(load_all, repeat)
    report("load profile (mean of the examples)", (figure[0] / n, figure[1] / n),
           "pure-Python YAML loader", (baseline[0] / n, baseline[1] / n))

    # 3. evaluating: the pack compiled once vs loaded again for every profile
    def evaluate_all(rules: Callable[[], RulePack]) -> Callable[[], None]:
        def run() -> None:
            for profile in profiles:
                evaluate(profile, rules(), policy=policy)
        return run

    figure = measure(evaluate_all(lambda: pack), repeat)
    baseline = measure(evaluate_all(lambda: load_rules(pack_dir)), repeat)
    report("evaluate per profile (pack loaded once)", (figure[0] / n, figure[1] / n),
           "re-loading the pack per profile", (baseline[0] / n, baseline[1] / n))
    for path, profile in zip(EXAMPLES, profiles):
        best, median = measure(lambda: evaluate(profile, pack, policy=policy), repeat)
        print(f"  {path.name:<42} best {ms(best)}  median {ms(median)}")

    # 4. scale: ~1000 synthetic rules, compared per rule with the shipped pack
    with tempfile.TemporaryDirectory() as tmp:
        big_dir = synthetic_pack(Path(tmp) / "big", scale_rules)
        big = load_rules(big_dir)
        size, base = len(big.rules), len(pack.rules)
        per = lambda t, k: (t[0] / k, t[1] / k)  # noqa: E731
        load_big = measure(lambda: load_rules(big_dir), repeat)
        load_small = measure(lambda: load_rules(pack_dir), repeat)
        print(f"\nscale run: {size} synthetic rules")
        report(f"load {size} rules, per rule", per(load_big, size), f"shipped pack per rule ({base})",
               per(load_small, base), "(>1: cheaper per rule at scale)")
        eval_big = measure(evaluate_all(lambda: big), repeat)
        eval_small = measure(evaluate_all(lambda: pack), repeat)
        report(f"evaluate {size} rules, per rule per profile", per(eval_big, size * n),
               f"shipped pack per rule ({base})", per(eval_small, base * n), "(>1: cheaper per rule at scale)")
        print(f"  {'evaluate ' + str(size) + ' rules, per profile':<42} best {ms(eval_big[0] / n)}  "
              f"median {ms(eval_big[1] / n)}")

    print("\nEvery figure and its baseline were measured in this run; nothing is asserted.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
