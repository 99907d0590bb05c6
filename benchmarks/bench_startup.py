#!/usr/bin/env python
"""How long does one `readiness check` take, start to finish? Each figure beside a baseline run
in the same session, interleaved with it so both see the same machine load.

    python benchmarks/bench_startup.py            # 11 runs of each
    python benchmarks/bench_startup.py --quick    # 1 run of each: smoke test

Figures (wall time of a whole process, best and median):

  baseline         python -c "import pydantic, yaml"
  check, warm      readiness check EXAMPLE --format json, the pack from the pack cache
                   (goal: <= 2.0x the baseline)
  check, no cache  the same with READINESS_NO_CACHE=1: every rule parsed and checked again
  --help           readiness --help
  floor            python -c "...": import pydantic, yaml, then one pydantic model defined, built
                   and dumped: what the 2.0x goal leaves for a command that uses pydantic models
  floor, N models  python -c "...": import pydantic, yaml, then as many models defined as a
                   `check` defines (N, counted here), each with five plain fields, deferred and
                   never built nor used: what defining the classes alone costs
  other tree       with --compare-with SRC: the same check run from another source tree (e.g. a
                   `git archive` of main before a change), for a before/after in the same run

Every process runs with compiled bytecode (in a private PYTHONPYCACHEPREFIX, as an installed
package has) and a private READINESS_CACHE_DIR. Nothing here asserts a time. Beside each wall
time, the CPU time the process used (user + system): on a machine shared with other jobs it
moves less than the wall time, which also counts the time a process waited for a core.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import tempfile
from pathlib import Path

from timing import arguments, wall  # benchmarks/timing.py, beside this script

REPO = Path(__file__).resolve().parents[1]
# What any command holding one pydantic model pays before its own work: the baseline, then
# BaseModel's machinery, one field's schema built and one dump. The goal's floor, measured.
ONE_MODEL = ("import pydantic, yaml\nfrom pydantic import BaseModel\n"
             "class A(BaseModel):\n    x: int\nA(x=1).model_dump_json()")
EXAMPLE = REPO / "examples" / "blackpool-2024.yaml"


def models_a_check_defines() -> int:
    """How many pydantic model classes of readiness exist once a check's modules are imported."""
    import importlib

    from pydantic import BaseModel

    for module in ("readiness.cli.main", "readiness.cli.check", "readiness.engine.assess", "readiness.io.packs",
                   "readiness.io.profiles", "readiness.reports.formats"):
        importlib.import_module(module)
    seen, todo = set(), [BaseModel]
    while todo:
        for cls in todo.pop().__subclasses__():
            if cls not in seen:
                seen.add(cls)
                todo.append(cls)
    return sum(1 for cls in seen if cls.__module__.startswith("readiness."))


def many_models(count: int) -> str:
    """A program defining `count` deferred models of five plain fields (the classes only)."""
    head = ("from __future__ import annotations\nimport datetime\nimport pydantic, yaml\n"
            "from pydantic import BaseModel, ConfigDict, Field\n")
    body = "".join(f"class M{i}(BaseModel):\n    model_config = ConfigDict(defer_build=True, extra='forbid')\n"
                   "    a: str\n    b: int | None = None\n    c: list[str] = Field(default_factory=list)\n"
                   "    d: bool = False\n    e: datetime.date | None = None\n" for i in range(count))
    return head + body


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The wall time and the CPU time (user + system) of one run of `cmd`, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = wall(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def line(label: str, runs: list[tuple[float, float]], base_label: str, base: list[tuple[float, float]],
         goal: float | None = None) -> None:
    times, cpu = [w for w, _ in runs], [c for _, c in runs]
    best, median = min(times), statistics.median(times)
    ratio = median / statistics.median([w for w, _ in base])
    cpu_ratio = statistics.median(cpu) / statistics.median([c for _, c in base])
    goal_text = f"  (goal <= {goal:.1f}x)" if goal else ""
    print(f"{label:<34} best {best * 1000:8.1f} ms  median {median * 1000:8.1f} ms   vs {base_label}: "
          f"ratio {ratio:5.2f}x{goal_text}   CPU median {statistics.median(cpu) * 1000:7.1f} ms ({cpu_ratio:4.2f}x)")


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, "1 run of each (a smoke test)", 11, "check").parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    py = sys.executable
    models = models_a_check_defines()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "READINESS_NO_CACHE")}
        env.update(PYTHONPYCACHEPREFIX=str(Path(tmp) / "pyc"), READINESS_CACHE_DIR=str(Path(tmp) / "cache"))
        no_cache = {**env, "READINESS_NO_CACHE": "1"}
        commands = {
            "baseline": ([py, "-c", "import pydantic, yaml"], env),
            "warm": ([py, "-m", "readiness", "check", str(EXAMPLE), "--format", "json"], env),
            "cold": ([py, "-m", "readiness", "check", str(EXAMPLE), "--format", "json"], no_cache),
            "help": ([py, "-m", "readiness", "--help"], env),
            "floor": ([py, "-c", ONE_MODEL], env),
            "models": ([py, "-c", many_models(models)], env),
        }
        if args.compare_with:
            other = {**env, "PYTHONPATH": str(args.compare_with.resolve()),
                     "READINESS_CACHE_DIR": str(Path(tmp) / "other-cache")}
            commands["other"] = ([py, "-m", "readiness", "check", str(EXAMPLE), "--format", "json"], other)
        for cmd, e in list(commands.values())[1: 2 if args.quick else None]:  # bytecode and the cache entry
            wall(cmd, e)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(repeat):  # interleaved: every figure and its baseline see the same load
            for name, (cmd, e) in commands.items():
                times[name].append(timed(cmd, e))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{repeat} runs of each, interleaved")
    b = times["baseline"]
    line('python -c "import pydantic, yaml"', b, "itself", b)
    line("check --format json, warm cache", times["warm"], "import pydantic, yaml", b, goal=2.0)
    line("check --format json, no cache", times["cold"], "import pydantic, yaml", b)
    line("readiness --help", times["help"], "import pydantic, yaml", b)
    line("floor: one pydantic model", times["floor"], "import pydantic, yaml", b)
    line(f"floor: {models} models defined", times["models"], "import pydantic, yaml", b)
    if "other" in times:
        line(f"check, from {args.compare_with}", times["other"], "import pydantic, yaml", b)
        before = statistics.median([w for w, _ in times["other"]])
        before_cpu = statistics.median([c for _, c in times["other"]])
        print(f"{'warm cache vs the other tree':<34} ratio {statistics.median([w for w, _ in times['warm']]) / before:5.2f}x"
              f"   CPU {statistics.median([c for _, c in times['warm']]) / before_cpu:5.2f}x")
    cold, warm = (statistics.median([w for w, _ in times[name]]) for name in ("cold", "warm"))
    print(f"{'warm cache vs no cache':<34} {warm * 1000:.1f} ms vs {cold * 1000:.1f} ms: ratio {warm / cold:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
