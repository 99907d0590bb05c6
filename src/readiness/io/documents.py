"""The one path every YAML input takes: read the text, parse it, validate it against a model.

Profiles, rule files, fixture files, scoring policies and waivers all come in through here, so a
file that cannot be read, YAML that does not parse and a value that does not fit the model are
reported the same way whatever the file is: with the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..model.errors import FileLine, Location, Problem, ReadinessError
from .validation import problems_from
from .yamlfile import line_of, parse, read_text

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Document:
    """Parsed data, with what is needed to say where in the source a value came from."""

    data: Any
    text: str | None = None  # the source text (None: built in memory, e.g. a dict)
    file: str | None = None

    def line(self, loc: tuple[Any, ...] | list[Any]) -> int | None:
        return line_of(self.text, loc) if self.text is not None else None

    def at(self, loc: tuple[Any, ...] | list[Any]) -> Location:
        """The location of the value at `loc` (keys and list indexes). A source that is not text
        (a workbook) subclasses Document and answers with its own kind of Location (a Cell)."""
        return FileLine(self.file, self.line(loc))

    def problems(self, exc: ValidationError, model: type[BaseModel], prefix: tuple[Any, ...] = (),
                 rule_id: str | None = None) -> list[Problem]:
        return problems_from(exc, model, prefix=prefix, rule_id=rule_id, locate=self.at)

    def validate(self, model: type[M], error: type[ReadinessError], raw: Any = None,
                 prefix: tuple[Any, ...] = ()) -> M:
        """`raw` (default: the whole document) as a `model`, or `error` listing every problem."""
        try:
            return model.model_validate(self.data if raw is None else raw)
        except ValidationError as exc:
            raise error(self.problems(exc, model, prefix)) from None


def read_yaml(path: str | Path, error: type[ReadinessError]) -> Document:
    """Read and parse a YAML (or JSON) file; errors are raised as `error`, located."""
    path = Path(path)
    text = read_text(path, error)
    return Document(parse(text, str(path), error), text, str(path))


def load_yaml(path: str | Path, model: type[M], error: type[ReadinessError]) -> tuple[M, Document]:
    """Read, parse and validate in one step: the model, and the document it came from."""
    doc = read_yaml(path, error)
    return doc.validate(model, error), doc
