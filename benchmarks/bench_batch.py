#!/usr/bin/env python
"""How fast is `readiness batch`, and does its memory stay flat? Each figure beside a baseline
measured in the same run.

    python benchmarks/bench_batch.py            # 200 profiles; memory at 10, 100 and 1,000 files
    python benchmarks/bench_batch.py --quick    # 4 profiles; memory at 2 and 4: smoke test

Figures (wall time of whole processes, median of --repeat runs, interleaved):

  one check        readiness check EXAMPLE --format json (the baseline)
  batch N          readiness batch DIR --format csv over N profiles, on every core
                   (goal for 200: <= 3.0x one check)
  batch N, 1 job   the same with --jobs 1 (in one process): what the pool gains
  other tree       with --compare-with SRC: the same batch run from another source tree (e.g. a
                   `git archive` of main before a change), for a before/after in the same run
  peak memory      the largest resident set of the batch process and its workers (ru_maxrss of
                   children) for three sizes of batch, each as a ratio to the smallest (flat: ~1.0x)

Profiles are the shipped examples, copied under new names. Bytecode is compiled (private
PYTHONPYCACHEPREFIX) and the pack cache is warm (private READINESS_CACHE_DIR), as for a user's
second run. Nothing here asserts a time.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import arguments, wall  # benchmarks/timing.py, beside this script

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*-20*.yaml"))  # the councils, not the blank template

# Runs a command and prints the peak resident set (kB) of it and everything it started.
PEAK = ("import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def profiles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        shutil.copy(EXAMPLES[i % len(EXAMPLES)], folder / f"council-{i:05d}.yaml")
    return folder


def peak_mb(cmd: list[str], env: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], env=env, capture_output=True, text=True, check=True)
    code, kb = out.stdout.split()
    if code not in ("0", "1"):
        raise SystemExit(f"{' '.join(cmd)} failed ({code})")
    return int(kb) / 1024


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, "a small batch (a smoke test)", 3, "batch").parse_args(argv)
    size, sizes, repeat = (4, (2, 4), 1) if args.quick else (200, (10, 100, 1000), args.repeat)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "READINESS_NO_CACHE")}
        env.update(PYTHONPYCACHEPREFIX=str(root / "pyc"), READINESS_CACHE_DIR=str(root / "cache"))
        folder = profiles(root / f"batch-{size}", size)
        readiness = [py, "-m", "readiness"]
        commands = {
            "check": [*readiness, "check", str(EXAMPLES[0]), "--format", "json"],
            "batch": [*readiness, "batch", str(folder), "--format", "csv"],
            "batch1": [*readiness, "batch", str(folder), "--format", "csv", "--jobs", "1"],
        }
        envs = {name: env for name in commands}
        if args.compare_with:
            commands["other"] = [*readiness, "batch", str(folder), "--format", "csv"]
            envs["other"] = {**env, "PYTHONPATH": str(args.compare_with.resolve()),
                             "READINESS_CACHE_DIR": str(root / "other-cache")}
        for name in list(commands)[: 1 if args.quick else None]:  # bytecode and the cache entry written
            wall(commands[name], envs[name])
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):
            for name, cmd in commands.items():
                times[name].append(wall(cmd, envs[name]))
        peaks = {n: peak_mb([*readiness, "batch", str(profiles(root / f"mem-{n}", n)), "--format", "csv"], env)
                 for n in sizes}
    from readiness.cli.batch import cores

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores ({cores()} usable), Python "
          f"{platform.python_version()}; median of {repeat} runs, interleaved")
    check = statistics.median(times["check"])
    print(f"{'one check --format json':<34} median {check * 1000:8.1f} ms   (the baseline)")
    for name, label, goal in (("batch", f"batch of {size}, every core", "  (goal <= 3.0x)"),
                              ("batch1", f"batch of {size}, --jobs 1", "")):
        t = statistics.median(times[name])
        print(f"{label:<34} median {t * 1000:8.1f} ms   vs one check: ratio {t / check:6.2f}x{goal}; "
              f"{size / t:6.1f} profiles/s")
    pool, alone = statistics.median(times["batch"]), statistics.median(times["batch1"])
    print(f"{'every core vs --jobs 1':<34} ratio {pool / alone:5.2f}x")
    if "other" in times:
        before = statistics.median(times["other"])
        print(f"{f'batch of {size}, from the other tree':<34} median {before * 1000:8.1f} ms   vs one check: ratio "
              f"{before / check:6.2f}x; every core vs it: ratio {pool / before:5.2f}x")
    smallest = peaks[sizes[0]]
    for n in sizes:
        print(f"{f'peak memory, batch of {n}':<34} {peaks[n]:8.1f} MB   vs batch of {sizes[0]}: "
              f"ratio {peaks[n] / smallest:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
