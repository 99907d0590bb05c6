"""Reading scenario files (model.scenario): a profile and the scores it must get."""

from __future__ import annotations

from pathlib import Path

from ..model.errors import FixtureError
from ..model.scenario import ScenarioFile
from .documents import Document, load_yaml


def load_scenarios(path: str | Path) -> tuple[ScenarioFile, Document]:
    return load_yaml(path, ScenarioFile, FixtureError)
