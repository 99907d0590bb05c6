"""Rule fixtures: small profiles that show a rule firing, not firing, and not evaluable.

A pack's fixtures live in `<pack>/tests/*.yaml`:

    base:                 # optional: merged under every case's profile
      council: {name: Test Council, as_of: 2024-06-30}
    cases:
      - rule: gms-psw-not-in-post
        name: interim PSW
        expect: fired                   # fired | not-fired | not-evaluable
        profile:
          roles: [{role: psw, status: interim}]
        message_contains: interim       # optional

Run by `readiness rules test DIR` and by the test suite, so a rule author can check a rule
without writing Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model.errors import FixtureError
from .documents import Document, load_yaml

DEFAULT_BASE = {"council": {"name": "Test Council", "as_of": "2024-06-30"}}


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str
    name: str
    expect: Literal["fired", "not-fired", "not-evaluable"]
    profile: dict[str, Any] = Field(default_factory=dict)
    message_contains: str | None = None


class FixtureFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base: dict[str, Any] = Field(default_factory=dict)
    cases: list[Case]


def merge(base: Any, patch: Any) -> Any:
    """Deep-merge mappings; anything else in the patch replaces the base."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base.get(key), value) if key in base else value
        return out
    return patch


def fixture_files(pack_dir: Path) -> list[Path]:
    folder = pack_dir / "tests"
    return sorted(p for p in folder.glob("*.y*ml")) if folder.is_dir() else []


def load_cases(file: Path) -> tuple[FixtureFile, Document]:
    return load_yaml(file, FixtureFile, FixtureError)


