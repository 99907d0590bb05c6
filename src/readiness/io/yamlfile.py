"""Safe YAML reading that can say which line a value came from.

Only the safe loader is ever used (no tags that build Python objects). Line numbers are
found by composing the node tree again, and only when an error needs one, so the happy path
pays for a single parse.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..model.errors import Problem, ReadinessError



class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (C speed when available). An impossible date such as 2024-13-01 stays
    text, so validation can report it with its field and line instead of failing mid-parse."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode):
    """A key written twice would silently drop the first value (often a whole pasted section)."""
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{key}' appears twice in the same section (first on line {seen[key]}); "
                "merge the two or delete one", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_yaml_map(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping_without_duplicates)

# PyYAML's words for the mistakes people make most, and what to do about them.
HINTS = (
    ("found character that cannot start any token", "a character YAML cannot start a value with (often a tab: "
                                                      "indent with spaces)"),
    ("mapping values are not allowed", "a colon inside a value: put the whole value in quotes, "
                                       "e.g. title: \"Carers: a strategy\""),
    ("could not find expected ':'", "a line that is not 'name: value': check the indentation and colons"),
    ("found undefined alias", "a '*' at the start of a value: put the value in quotes"),
)


def _hint(problem: str) -> str:
    for words, hint in HINTS:
        if words in problem:
            return f" - {hint}"
    return ""


def read_text(path: Path, error: type[ReadinessError]) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(Problem("file not found", file=str(path))) from None
    except IsADirectoryError:
        raise error(Problem("is a folder, expected a YAML or JSON file", file=str(path))) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise error(Problem("is not UTF-8 text (often text pasted from Word, saved in another encoding): "
                            "save the file as UTF-8", file=str(path), line=line)) from None
    except OSError as exc:
        raise error(Problem(f"cannot be read: {exc.strerror}", file=str(path))) from None


def parse(text: str, file: str | None, error: type[ReadinessError]) -> Any:
    """Parse YAML (JSON is accepted too) and turn syntax errors into a located Problem."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "is not valid YAML"
        raise error(Problem(f"not valid YAML: {what}{_hint(what)}", file=file, line=line)) from None
    except yaml.YAMLError as exc:
        raise error(Problem(f"not valid YAML: {exc}", file=file)) from None


@lru_cache(maxsize=32)
def _compose(text: str) -> yaml.Node | None:
    """The node tree of a document, parsed once however many lines are looked up in it."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def line_of(text: str, loc: tuple[Any, ...] | list[Any]) -> int | None:
    """The 1-based line of the value at `loc` (keys and list indexes), or of its nearest parent."""
    node = _compose(text)
    if node is None:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    # A missing or wrong value is best shown on its key's line.
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
