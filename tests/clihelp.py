"""Helpers for the CLI and report tests: run the real entry point, in process or as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import readiness
from readiness.cli.main import main
from readiness.io.packs import load_rules, shipped_pack_dir
from readiness.io.waivers import load_waivers

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
COUNCIL = DATA / "council.yaml"          # small profile with text that needs escaping
LATER = DATA / "council-later.yaml"      # the same council a year on
MALFORMED = DATA / "malformed.yaml"      # roles[0].status is wrong, on line 6
PACK = DATA / "pack"                     # test rules (ids test-*), added with --rules
WAIVERS = DATA / "waivers.yaml"          # one valid, one expired, one malformed
STARTER = DATA / "starter.yaml"
TEST_OPTS = ["--rules", str(PACK)]
NAMES = [
    "Assessing needs", "Supporting people to live healthier lives", "Equity in experience and outcomes",
    "Care provision, integration and continuity", "Partnerships and communities",
    "Safe pathways, systems and transitions", "Safeguarding", "Governance, management and sustainability",
    "Learning, improvement and innovation",
]


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(capsys, *argv: str | Path) -> Run:
    """`readiness ARGV` through readiness.cli.main, with its exit code and output."""
    capsys.readouterr()
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def run_process(*argv: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m readiness ARGV` as a separate process (the real console behaviour)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    return subprocess.run([sys.executable, "-m", "readiness", *map(str, argv)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=60)


@cache
def pack_with_tests():
    """The shipped pack plus the test rules: what `--rules tests/data/pack` loads."""
    return load_rules(shipped_pack_dir(), PACK)


def assess(profile: Path = COUNCIL, *, waivers: Path | None = None, as_of=None):
    """The library's own assessment, for comparing with what the CLI printed."""
    pack = pack_with_tests()
    found = load_waivers(waivers)[0] if waivers else []
    return readiness.evaluate(readiness.load_profile(profile), pack, waivers=found, as_of=as_of)
