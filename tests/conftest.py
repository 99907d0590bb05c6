from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture
def minimal() -> dict:
    return {"council": {"name": "Test Council", "as_of": "2024-06-30"}}
