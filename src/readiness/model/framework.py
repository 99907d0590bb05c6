"""The CQC framework catalogue: 4 themes, 9 quality statements, 4 evidence categories.

Kept as data (data/framework.yaml) so names live in one place and other modules never
spell a statement name themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    short: str


@dataclass(frozen=True)
class QualityStatement:
    id: str
    code: str
    name: str
    theme: str
    we_statement: str


@dataclass(frozen=True)
class EvidenceCategory:
    id: str
    name: str


@dataclass(frozen=True)
class Framework:
    themes: tuple[Theme, ...]
    statements: tuple[QualityStatement, ...]
    evidence_categories: tuple[EvidenceCategory, ...]
    score_descriptors: dict[int, str]

    def statement(self, statement_id: str) -> QualityStatement:
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def category(self, category_id: str) -> EvidenceCategory:
        for c in self.evidence_categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)

    def find(self, text: str) -> QualityStatement | None:
        """A statement by its id, code ("GMS") or name, in any case; None if none matches."""
        wanted = text.strip().lower()
        for s in self.statements:
            if wanted in (s.id, s.code.lower(), s.name.lower()):
                return s
        return None

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statements)

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.evidence_categories)

    def statements_in(self, theme_id: str) -> list[QualityStatement]:
        return [s for s in self.statements if s.theme == theme_id]


def read_data(name: str) -> Any:
    """A shipped data file (data/NAME), read with PyYAML's C loader where it is installed (ten
    times the speed of the pure-Python one; both are the safe loader)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(files("readiness").joinpath("data", name).read_text("utf-8"), Loader=loader)  # noqa: S506 - safe


@cache
def framework() -> Framework:
    """The shipped catalogue (read once)."""
    raw = read_data("framework.yaml")
    return Framework(
        themes=tuple(Theme(**t) for t in raw["themes"]),
        statements=tuple(QualityStatement(**s) for s in raw["statements"]),
        evidence_categories=tuple(EvidenceCategory(**c) for c in raw["evidence_categories"]),
        score_descriptors={int(k): v for k, v in raw["score_descriptors"].items()},
    )


@dataclass(frozen=True)
class KnownIndicator:
    id: str
    measure: str
    source: str
    polarity: str
    statements: tuple[str, ...]


@cache
def known_indicators() -> dict[str, KnownIndicator]:
    """The national measures the shipped rules read (data/indicators.yaml), by id."""
    raw = read_data("indicators.yaml")
    return {i["id"]: KnownIndicator(i["id"], i["measure"], i["source"], i["polarity"], tuple(i["statements"]))
            for i in raw["indicators"]}
