"""What the whole-process benchmarks share: the wall time of one command (bench_startup, bench_batch)."""

from __future__ import annotations

import subprocess
import time


def wall(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds one run of `cmd` takes; exit 0 or 1 (a threshold) is a run, anything else stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed
