"""Reading a scoring policy file (rules/policy/scoring.yaml, or a council's own)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..model.errors import PolicyError
from ..model.policy import ScoringPolicy
from .documents import load_yaml


def load_policy(path: str | Path | None = None) -> ScoringPolicy:
    """Load a scoring policy. No argument: the shipped one (rules/policy/scoring.yaml)."""
    if path is None:
        return _shipped_policy()
    return load_yaml(path, ScoringPolicy, PolicyError)[0]


@cache
def _shipped_policy() -> ScoringPolicy:
    from .pack_cache import cached
    from .packs import shipped_pack_dir

    path = shipped_pack_dir() / "policy" / "scoring.yaml"
    return cached("policy", [path], lambda: load_policy(path))
