#!/usr/bin/env python
"""Does the cost grow in proportion to the input? Each figure is a ratio to linear, measured
against the step before it in the same run.

    python benchmarks/bench_scale.py            # profile x1 -> x1000, rules x1 -> x50
    python benchmarks/bench_scale.py --quick    # profile x1 -> x2, one file's rules x1 -> x2: smoke test

Figures (best of --repeat rounds of loads, --evaluate-repeat of evaluations; time.perf_counter).
Each round times every size in turn, so a machine that speeds up or slows down between minutes
(a shared one does, by up to half) weighs on all sizes alike instead of on one step's ratio:

  profile size   an example profile with every list (documents, roles, feedback, known risks,
                 partnership arrangements) repeated xN; load (read, parse, validate) and evaluate
                 against the shipped pack. Ratio to linear: time(xN) against the size before it
                 done `step` times in a row (x100 ten times against x1000 once: both as long, so
                 the machine's hiccups weigh alike on both), 1.0x = linear (below 1 while fixed
                 costs still show). Goal: within 1.3x.
                 Baseline: the same load with the garbage collector off for the whole load,
                 showing what collections still cost.
  rule count     the shipped rules repeated xN under new ids, as one pack: load (no cache) and
                 evaluate one profile. Ratio to linear: time(xN) against the x1 pack's done N times
                 in a row. Goal: within 1.3x.
                 Baseline: the same evaluation with the collector off, and its ratio to linear:
                 what is left between the two is the collector walking the objects the
                 evaluation made (the engine pauses it while it runs and scores; the objects are
                 collected once it is back on, and a xN pack makes N times as many).

Every evaluation is of a pack already run once (its conditions compiled), so it times the
evaluation alone. Beside each evaluation of a larger input, a baseline of the same work in the
memory of the x1 input: the profile's lists repeated with the very same items, and the pack's
rules repeated as copies sharing their conditions. Same operations, same answers per item and
rule; what is left between the two is the machine's memory caches missing on a larger input,
not the engine doing more per item or rule.

Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import gc
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from typing import Any
from pathlib import Path

import yaml

os.environ["READINESS_NO_CACHE"] = "1"  # every pack load parses and checks its rules
os.environ["READINESS_MAX_INPUT_BYTES"] = str(2_000_000_000)  # a x1000 profile is ~10 MB

from readiness.engine.assess import evaluate  # noqa: E402
from readiness.io.packs import load_rules, shipped_pack_dir  # noqa: E402
from readiness.io.profiles import load_profile  # noqa: E402
from readiness.model.rule import RulePack  # noqa: E402
from timing import interleaved  # noqa: E402 - benchmarks/timing.py, beside this script

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "blackpool-2024.yaml"
LISTS = (("documents",), ("roles",), ("feedback",), ("governance", "known_risks"), ("partnerships", "arrangements"))


def best(*fns: Callable[[], object], repeat: int) -> list[float]:
    """The best time of each function over `repeat` interleaved rounds, with no warm-up (an x1000
    evaluation is too long to spend twice)."""
    return [b for b, _ in interleaved(*fns, repeat=repeat, warm_up=False)]


def scaled_profile(data: dict, factor: int) -> dict:
    """Every list of the profile `factor` times as long (copies, so the YAML has no aliases)."""
    out = copy.deepcopy(data)
    for path in LISTS:
        holder = out
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = [copy.deepcopy(item) for _ in range(factor) for item in holder[path[-1]]]
    return out


def scaled_pack(folder: Path, factor: int, files: int | None = None) -> Path:
    """The rules of the first `files` shipped rule files (all by default), `factor` times under new ids."""
    rules = []
    for file in sorted(shipped_pack_dir().glob("*.yaml"))[:files]:
        rules += yaml.safe_load(file.read_text(encoding="utf-8"))["rules"]
    copies = [{**copy.deepcopy(rule), "id": f"{rule['id']}-x{i}"} for i in range(factor) for rule in rules]
    folder.mkdir(parents=True)
    (folder / "rules.yaml").write_text(yaml.dump({"rules": copies}, Dumper=yaml.CSafeDumper, sort_keys=False),
                                       encoding="utf-8")
    return folder


def shared_profile(profile: Any, factor: int) -> Any:
    """The profile with every list of LISTS `factor` times as long, repeating the very same item
    objects (the work of a xN profile in the memory of a x1 one)."""
    def repeated(model: Any, path: tuple[str, ...]) -> Any:
        if len(path) > 1:
            inner = getattr(model, path[0])
            return model.model_copy(update={path[0]: repeated(inner, path[1:])})
        return model.model_copy(update={path[0]: list(getattr(model, path[0]) or []) * factor})

    for path in LISTS:
        profile = repeated(profile, path)
    return profile


def shared_pack(pack: RulePack, factor: int) -> RulePack:
    """The pack's rules `factor` times under new ids, each copy sharing its rule's conditions (the
    work of a xN pack in the memory of a x1 one)."""
    return RulePack([rule.model_copy(update={"id": f"{rule.id}-x{i}"}) for i in range(factor) for rule in pack.rules])


def scores(assessment: Any) -> list[tuple[str, int, float | None]]:
    return [(s.id, s.predicted_score, s.percent) for s in assessment.statements]


def in_turn(work: Callable[..., object], *args: Any, times: int) -> Callable[[], None]:
    """`work(*args)` done `times` times in a row: the linear baseline of a `times`-fold input."""
    def run() -> None:
        for _ in range(times):
            work(*args)
    return run


def without_gc(work: Callable[..., object], *args: Any) -> None:
    """`work(*args)` with the collector off. What it made is freed as it returns (no cycles), so no
    collection is left owing to the call timed next."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        work(*args)
    finally:
        if enabled:
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke test)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of loads (the best of each is shown)")
    parser.add_argument("--evaluate-repeat", type=int, default=3,
                        help="rounds of evaluations (a x1000 profile's takes seconds)")
    args = parser.parse_args(argv)
    if args.quick:
        args.evaluate_repeat = 1
    sizes, rule_factors, repeat = ((1, 2), (1, 2), 1) if args.quick else ((1, 10, 100, 1000), (1, 10, 50),
                                                                              args.repeat)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"best of {repeat} rounds (loads), {args.evaluate_repeat} (evaluations); every size is timed in "
          f"each round, so all of them see the machine alike")
    pack = load_rules()
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    small = load_profile(EXAMPLE)
    evaluate(small, pack)  # its conditions compiled: what follows times evaluations alone
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print("\nprofile size (every list xN)")
        paths, profiles, same = [], [], []
        for n in sizes:
            path = root / f"profile-x{n}.yaml"
            path.write_text(yaml.dump(scaled_profile(data, n), Dumper=yaml.CSafeDumper, sort_keys=False),
                            encoding="utf-8")
            paths.append(path)
            profiles.append(load_profile(path))
            same.append(shared_profile(small, n))
            if scores(evaluate(profiles[-1], pack)) != scores(evaluate(same[-1], pack)):
                print(f"DISAGREEMENT at x{n}: the profile and its same-items baseline score differently")
                return 1
        steps = [n // m for m, n in zip(sizes, sizes[1:])]  # each size over the one before
        size = len(sizes)
        timed = best(*[partial(load_profile, p) for p in paths], *[partial(without_gc, load_profile, p) for p in paths],
                     *[in_turn(load_profile, p, times=f) for p, f in zip(paths, steps)], repeat=repeat)
        loads, no_gc, load_steps = timed[:size], timed[size:2 * size], [0.0] + timed[2 * size:]
        timed = best(*[partial(evaluate, p, pack) for p in profiles], *[partial(evaluate, p, pack) for p in same],
                     *[in_turn(evaluate, p, pack, times=f) for p, f in zip(profiles, steps)],
                     repeat=args.evaluate_repeat)
        runs, same_runs, run_steps = timed[:size], timed[size:2 * size], [0.0] + timed[2 * size:]
        for k, n in enumerate(sizes):
            step = ""
            if k:
                factor = n / sizes[k - 1]
                step = (f"   ratio to linear: load {loads[k] / load_steps[k]:5.2f}x, "
                        f"evaluate {runs[k] / run_steps[k]:5.2f}x")
            print(f"  x{n:<5} {paths[k].stat().st_size / 1e6:7.2f} MB  load {loads[k] * 1000:9.1f} ms (GC off: "
                  f"{no_gc[k] * 1000:9.1f} ms, ratio {loads[k] / no_gc[k]:4.2f}x)  evaluate {runs[k] * 1000:9.1f} ms{step}")
            if k:
                print(f"  {'':<15} x{sizes[k - 1]} {int(factor)} times in a row: load {load_steps[k] * 1000:9.1f} ms, "
                      f"evaluate {run_steps[k] * 1000:9.1f} ms (the linear baselines)")
                print(f"  {'':<15} same items repeated (x1 memory): evaluate {same_runs[k] * 1000:9.1f} ms, "
                      f"ratio {runs[k] / same_runs[k]:4.2f}x; vs {int(factor)}x its size before "
                      f"{same_runs[k] / (factor * same_runs[k - 1]):5.2f}x")
        del profiles, same
        print("\nrule count (the shipped rules xN)")
        profile = load_profile(EXAMPLE)
        folders, packs, shared = [], [], []
        for n in rule_factors:
            folders.append(scaled_pack(root / f"rules-x{n}", n, files=1 if args.quick else None))
            packs.append(load_rules(folders[-1]))
            shared.append(shared_pack(packs[0], n))  # copies of the x1 pack's rules, sharing their conditions
            if scores(evaluate(profile, packs[-1])) != scores(evaluate(profile, shared[-1])):  # (compiles both)
                print(f"DISAGREEMENT at x{n}: the pack and its shared-conditions baseline score differently")
                return 1
        more = rule_factors[1:]
        timed = best(*[partial(load_rules, f) for f in folders], *[in_turn(load_rules, folders[0], times=n) for n in more],
                     repeat=repeat)
        loads, load_steps = timed[:len(rule_factors)], [0.0] + timed[len(rule_factors):]
        timed = best(*[partial(evaluate, profile, p) for p in packs], *[partial(evaluate, profile, p) for p in shared],
                     *[partial(without_gc, evaluate, profile, p) for p in packs],
                     *[in_turn(evaluate, profile, packs[0], times=n) for n in more], repeat=args.evaluate_repeat)
        k = len(rule_factors)
        runs, shared_runs, quiet_runs, run_steps = timed[:k], timed[k:2 * k], timed[2 * k:3 * k], [0.0] + timed[3 * k:]
        for k, n in enumerate(rule_factors):
            ratio = ""
            if k:
                ratio = (f"   ratio to linear: load {loads[k] / load_steps[k]:5.2f}x, "
                         f"evaluate {runs[k] / run_steps[k]:5.2f}x")
            print(f"  x{n:<3} {len(packs[k].rules):6} rules  load {loads[k] * 1000:9.1f} ms  evaluate "
                  f"{runs[k] * 1000:9.1f} ms{ratio}")
            if k:
                print(f"  {'':<17} x1 {n} times in a row: load {load_steps[k] * 1000:9.1f} ms, evaluate "
                      f"{run_steps[k] * 1000:9.1f} ms (the linear baselines)")
            print(f"  {'':<17} collector off: evaluate {quiet_runs[k] * 1000:9.1f} ms, ratio {runs[k] / quiet_runs[k]:4.2f}x"
                  + (f"; vs {n}x its x1 {quiet_runs[k] / n / quiet_runs[0]:5.2f}x" if k else ""))
            if k:
                print(f"  {'':<17} conditions shared (x1 memory): evaluate {shared_runs[k] * 1000:9.1f} ms, ratio "
                      f"{runs[k] / shared_runs[k]:4.2f}x; vs {n}x the x1 {shared_runs[k] / n / runs[0]:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
