"""Input formats for profiles: one entry per kind of file a profile can be read from.

`load_profile` picks the entry by the file's suffix (the first entry, YAML, for any other) and
`readiness batch` finds profiles in a folder by these suffixes. To read a new kind of file
(e.g. a spreadsheet), register one `InputFormat` whose reader returns an io.documents.Document
(subclassing it so that `at()` gives the format's own locations, e.g. a sheet and cell) and add
its tests in tests/test_input_formats.py. Nothing here imports a parser until a file is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    from .documents import Document


@dataclass(frozen=True)
class InputFormat:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    read: Callable[[Path, Any], Document]  # (path, error class) -> the parsed, locatable document


INPUT_FORMATS: list[InputFormat] = []


def register_input_format(fmt: InputFormat) -> InputFormat:
    INPUT_FORMATS.append(fmt)
    return fmt


def input_format(path: Path) -> InputFormat:
    suffix = path.suffix.lower()
    return next((f for f in INPUT_FORMATS if suffix in f.suffixes), INPUT_FORMATS[0])


def profile_suffixes() -> tuple[str, ...]:
    return tuple(s for f in INPUT_FORMATS for s in f.suffixes)


def _read_yaml(path: Path, error: Any) -> Document:
    from .documents import read_yaml

    return read_yaml(path, error)


def _read_json(path: Path, error: Any) -> Document:
    from .documents import read_json

    return read_json(path, error)


register_input_format(InputFormat("yaml", (".yaml", ".yml"), _read_yaml))
# JSON is read by the json module (every escape json.dumps writes loads), located by line.
register_input_format(InputFormat("json", (".json",), _read_json))


def _read_xlsx(path: Path, error: Any) -> Document:
    from .workbook.read import read_workbook

    return read_workbook(path, error)


# A workbook (io/workbook, docs/spreadsheets.md) is located by sheet and cell; openpyxl is imported
# only when one is read.
register_input_format(InputFormat("xlsx", (".xlsx",), _read_xlsx))
