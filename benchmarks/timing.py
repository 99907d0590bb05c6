"""What the benchmarks share: timing calls in turns (interleaved) and the wall time of one command (wall)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
from pathlib import Path
import time
from collections.abc import Callable


def wall(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds one run of `cmd` takes; exit 0 or 1 (a threshold) is a run, anything else stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def interleaved(*fns: Callable[[], object], repeat: int, warm_up: bool = True) -> list[tuple[float, float]]:
    """(best, median) seconds of one call of each function over `repeat` rounds, after one warm-up
    call each (unless a call is too long to spend twice); the functions take turns within each
    round, so a busy moment on a shared machine falls on a figure and its baseline alike."""
    times: list[list[float]] = [[] for _ in fns]
    if warm_up:
        for fn in fns:
            fn()
    for _ in range(repeat):
        for fn, spent in zip(fns, times):
            start = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - start)
    return [(min(spent), statistics.median(spent)) for spent in times]


def arguments(doc: str | None, quick: str, repeat: int, compared: str) -> argparse.ArgumentParser:
    """The options bench_startup and bench_batch share: --quick (what it does: `quick`), --repeat
    and --compare-with (a src/ folder of another version, timing the same `compared` from it)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=quick)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--compare-with", type=Path, metavar="SRC",
                        help=f"a src/ folder of another version of readiness to time the same {compared} from")
    return parser
