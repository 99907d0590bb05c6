from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture
def minimal() -> dict:
    return {"council": {"name": "Test Council", "as_of": "2024-06-30"}}


@pytest.fixture(autouse=True)
def _same_terminal_everywhere(monkeypatch):
    """No test depends on the terminal it runs in, its width or its locale."""
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    for name in [n for n in __import__("os").environ if n.startswith("READINESS_MAX") or n == "READINESS_MIN_EXPANSION"]:
        monkeypatch.delenv(name, raising=False)
