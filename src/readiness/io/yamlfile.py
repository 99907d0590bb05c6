"""Safe YAML reading that can say which line a value came from.

Only the safe loader is ever used (no tags that build Python objects). A file is parsed
once: its node tree is kept beside the data (`parse_located`) and line numbers are read from
it. Text that was not parsed here (JSON) is composed again only when a line is asked for.
The garbage collector is paused while a document is built (and while it is validated,
io.documents): neither makes cycles, and collections of the growing tree made a large file's
load grow faster than its size.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import stat
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml

from ..lang.text import bounded, clip
from ..model.errors import Problem, ReadinessError

# --- limits (docs/security.md) -------------------------------------------------------------------
# Every input file is bounded before and while it is parsed. Each limit can be changed with an
# environment variable (a whole number); the defaults are far above any real profile or pack.
LIMITS = {
    # bytes read from one file, checked before parsing (the largest shipped file is ~60 kB)
    "READINESS_MAX_INPUT_BYTES": 10_000_000,
    # YAML aliases ('*name') in one file
    "READINESS_MAX_ALIASES": 1_000,
    # the size of a file with every alias written out (characters of text plus one per value),
    # as a multiple of the file's own size, with a floor for small files (READINESS_MIN_EXPANSION)
    "READINESS_MAX_EXPANSION_RATIO": 4,
    "READINESS_MIN_EXPANSION": 1_000_000,
    # sections and lists inside one another
    "READINESS_MAX_DEPTH": 100,
    # a workbook (.xlsx, a zip): its contents unpacked, checked in the zip's directory before
    # anything is unpacked, and each part's unpacked size as a multiple of its packed size
    "READINESS_MAX_WORKBOOK_BYTES": 100_000_000,
    "READINESS_MAX_COMPRESSION_RATIO": 100,
    # filled rows on one sheet of a workbook (one row per list item)
    "READINESS_MAX_ROWS": 10_000,
}


def limit(name: str) -> int:
    """A limit: the environment variable `name` when it is a positive whole number, else the default."""
    try:
        value = int(os.environ[name])
    except (KeyError, ValueError):
        return LIMITS[name]
    return value if value > 0 else LIMITS[name]



class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (C speed when available). An impossible date such as 2024-13-01 stays
    text, so validation can report it with its field and line instead of failing mid-parse."""


# --- telling a plain scalar's type, faster ---------------------------------------------------------
# PyYAML calls `resolve` for every node and `descend_resolver` / `ascend_resolver` around every
# collection: a sixth of a profile's load. The same answer, with its tables built once: each
# first character's implicit resolvers (bool, int, float, null, timestamp...) joined with the
# wildcard ones, in PyYAML's order. Path resolvers, which the walk hooks exist for, are never
# registered here; if one ever is, the loader's own methods are kept.

def _resolver_tables(loader: type) -> tuple[dict[str, tuple[Any, ...]], tuple[Any, ...]]:
    wildcard = tuple(loader.yaml_implicit_resolvers.get(None, ()))
    return {first: tuple(found) + wildcard for first, found in loader.yaml_implicit_resolvers.items()
            if first is not None}, wildcard


_IMPLICIT, _WILDCARD = _resolver_tables(_Loader)


def _resolve(loader: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """BaseResolver.resolve without path resolvers (`value[:1]` is '' for the empty scalar, as there)."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, pattern in _IMPLICIT.get(value[:1], _WILDCARD):
                if pattern.match(value):
                    return tag
        return _Loader.DEFAULT_SCALAR_TAG
    return _Loader.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else _Loader.DEFAULT_MAPPING_TAG


if not _Loader.yaml_path_resolvers:
    _Loader.resolve = _resolve
    # no-ops taking the same arguments, as built-ins (the cheapest call there is): the parser calls
    # descend_resolver(parent, index) and ascend_resolver() and ignores what they return
    _Loader.descend_resolver = staticmethod(slice)
    _Loader.ascend_resolver = staticmethod(tuple)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {len(node.value):,} characters is too long to read (over 4,300 digits)",
            node.start_mark) from None


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise yaml.constructor.ConstructorError(
            None, None, f"{bounded(node.value)} is not a finite number (infinity and NaN are not accepted)",
            node.start_mark)
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:float", _float)


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode):
    """A key written twice would silently drop the first value (often a whole pasted section)."""
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a name, not a list or a section", key_node.start_mark) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{clip(str(key))}' appears twice in the same section (first on line {seen[key]}); "
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
    """The text of a regular file, at most READINESS_MAX_INPUT_BYTES long. A folder, a device
    (/dev/zero), a pipe or a socket is refused at once, before anything is read."""
    data = read_bytes(path, error)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(Problem("is not UTF-8 text (often text pasted from Word, saved in another encoding): "
                            "save the file as UTF-8", file=str(path), line=line)) from None


def _kind_problem(path: Path, mode: int) -> Problem | None:
    if stat.S_ISDIR(mode):
        return Problem("is a folder, expected a YAML or JSON file", file=str(path))
    if not stat.S_ISREG(mode):
        return Problem("is not a regular file (a device, pipe or socket); give a YAML or JSON file", file=str(path))
    return None


def read_bytes(path: Path, error: type[ReadinessError]) -> bytes:
    most = limit("READINESS_MAX_INPUT_BYTES")
    try:
        st = os.stat(path)
        problem = _kind_problem(path, st.st_mode)
        if problem is None and st.st_size > most:
            problem = _too_big(path, st.st_size, most)
        if problem is not None:
            raise error(problem)
        # O_NONBLOCK: should the file be swapped for a pipe after the check, opening it cannot hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            problem = _kind_problem(path, os.fstat(handle.fileno()).st_mode)
            if problem is not None:
                raise error(problem)
            data = handle.read(most + 1)
    except FileNotFoundError:
        raise error(Problem("file not found", file=str(path))) from None
    except IsADirectoryError:
        raise error(Problem("is a folder, expected a YAML or JSON file", file=str(path))) from None
    except OSError as exc:
        raise error(Problem(f"cannot be read: {exc.strerror or exc}", file=str(path))) from None
    if len(data) > most:
        raise error(_too_big(path, None, most))
    return data


def _too_big(path: Path, size: int | None, most: int) -> Problem:
    what = f"is {size:,} bytes" if size is not None else "is too large"
    return Problem(f"{what}, over the limit of {most:,} bytes for one input file (set READINESS_MAX_INPUT_BYTES "
                   "to raise it)", file=str(path))


# --- bounds on the parsed document -----------------------------------------------------------


class _Bound(yaml.MarkedYAMLError):
    """A document over a limit (aliases, expanded size, depth), or using a merge key."""


def check_tree(root: yaml.Node, text_size: int) -> None:
    """Refuse a node tree whose aliases expand too far, that nests too deeply, refers to itself,
    or uses a merge key ('<<'). Linear in the size of the text: each node is visited once."""
    max_aliases, max_depth = limit("READINESS_MAX_ALIASES"), limit("READINESS_MAX_DEPTH")
    max_size = max(limit("READINESS_MIN_EXPANSION"), limit("READINESS_MAX_EXPANSION_RATIO") * text_size)
    size: dict[int, int] = {}  # id(node) -> its expanded size, once finished
    open_: set[int] = set()
    aliases = 0
    reached: set[int] = {id(root)}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            total = 1 + sum(size[id(c)] for c in _children(node))
            if total > max_size:
                raise _Bound(None, None, f"with its aliases ('*name') written out this part would be {total:,} "
                             f"characters, over the limit of {max_size:,} (set READINESS_MAX_EXPANSION_RATIO "
                             "to raise it)", node.start_mark)
            size[key] = total
            continue
        if key in size:
            continue
        if depth > max_depth:
            raise _Bound(None, None, f"sections and lists are nested more than {max_depth} deep "
                         "(set READINESS_MAX_DEPTH to raise it)", node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            size[key] = len(node.value) + 1
            continue
        open_.add(key)
        stack.append((node, depth, True))
        if isinstance(node, yaml.MappingNode):
            for k, _ in node.value:
                if k.tag == "tag:yaml.org,2002:merge":
                    raise _Bound(None, None, "YAML merge keys ('<<:') are not supported: write the fields out "
                                 "in full", k.start_mark)
                if not isinstance(k, yaml.ScalarNode):
                    raise _Bound(None, None, "a key must be a name, not a list or a section", k.start_mark)
        for child in _children(node):
            cid = id(child)
            if cid in open_:
                raise _Bound(None, None, "an alias ('*name') refers to the section that contains it",
                             child.start_mark)
            if cid in reached:
                aliases += 1  # the same node reached again: an alias
            else:
                reached.add(cid)
            stack.append((child, depth + 1, False))
        if aliases > max_aliases:
            raise _Bound(None, None, f"more than {max_aliases:,} aliases ('*name') in one file (set "
                         "READINESS_MAX_ALIASES to raise it)", node.start_mark)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


@contextmanager
def gc_paused() -> Iterator[None]:
    """No collection while a parse builds its objects (none of them are cycles to collect)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(text: str) -> tuple[Any, yaml.Node | None]:
    loader = _Loader(text)
    try:
        with gc_paused():
            node = loader.get_single_node()
            if node is None:
                return None, None
            data = _plain_data(node, loader, len(text), track_aliases="&" in text)
            if data is _NOT_PLAIN:  # the careful way: the same data, or the very same error
                check_tree(node, len(text))
                data = loader.construct_document(node)
            return data, node
    finally:
        loader.dispose()


# --- the data of a plain document, in one walk ---------------------------------------------------
# What nearly every file is: sections, lists and scalars of the core types, within every bound,
# no aliases, no key written twice. `_plain_data` builds its data in one walk, checking the
# bounds as it goes; at the first thing it does not expect it gives up (`_NOT_PLAIN`), and the
# document is then bounded (check_tree) and built (the loader's constructors) the careful way,
# which gives the same data or the located error. Nothing is reported from this fast walk, so
# what an error says never depends on it; tests/test_yaml_plain.py checks the two agree.

_NOT_PLAIN = object()
_ScalarNode = yaml.ScalarNode
_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALAR_TAGS = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                          "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"})


class _NotPlain(Exception):
    """Something `_plain_data` leaves to the careful way."""


def _plain_data(root: yaml.Node, loader: Any, text_size: int, track_aliases: bool) -> Any:
    """The data `loader.construct_document(root)` gives, if the document is plain (above), else
    `_NOT_PLAIN`. Aliases need an anchor ('&name'), so a text without '&' has none and its nodes
    need not be remembered."""
    max_depth = limit("READINESS_MAX_DEPTH")
    max_size = max(limit("READINESS_MIN_EXPANSION"), limit("READINESS_MAX_EXPANSION_RATIO") * text_size)
    constructors = loader.yaml_constructors
    seen: set[int] = set()

    def scalar(node: yaml.Node) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag in _SCALAR_TAGS and isinstance(node, yaml.ScalarNode):
            return constructors[node.tag](loader, node)
        raise _NotPlain

    def collection(node: yaml.Node) -> Any:
        if node.tag == _MAP and isinstance(node, yaml.MappingNode):
            return {}
        if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return []
        raise _NotPlain

    try:
        if isinstance(root, yaml.ScalarNode):
            return scalar(root) if len(root.value) + 1 <= max_size else _NOT_PLAIN
        data = collection(root)
        size = 1  # as check_tree counts: one per section or list, and a scalar's length plus one
        stack = [(root, data, 1)]
        while stack:
            node, into, depth = stack.pop()
            if depth + 1 > max_depth and node.value:
                raise _NotPlain
            if track_aliases:
                for child in _children(node):
                    if id(child) in seen:
                        raise _NotPlain
                    seen.add(id(child))
            if isinstance(into, dict):
                for key_node, value_node in node.value:
                    if type(key_node) is not _ScalarNode:
                        raise _NotPlain
                    key = key_node.value if key_node.tag == _STR else scalar(key_node)  # (text inline: most are)
                    size += len(key_node.value) + 1
                    if type(value_node) is _ScalarNode:
                        into[key] = value_node.value if value_node.tag == _STR else scalar(value_node)
                        size += len(value_node.value) + 1
                    else:
                        into[key] = child = collection(value_node)
                        size += 1
                        stack.append((value_node, child, depth + 1))
                if len(into) < len(node.value):  # a key written twice (or two equal ones, 1 and true):
                    raise _NotPlain  # the careful way reports it
            else:
                for value_node in node.value:
                    if type(value_node) is _ScalarNode:
                        into.append(value_node.value if value_node.tag == _STR else scalar(value_node))
                        size += len(value_node.value) + 1
                    else:
                        into.append(child := collection(value_node))
                        size += 1
                        stack.append((value_node, child, depth + 1))
        return data if size <= max_size else _NOT_PLAIN
    except Exception:  # noqa: BLE001 - anything unexpected is the careful way's to build or report
        return _NOT_PLAIN


def parse(text: str, file: str | None, error: type[ReadinessError]) -> Any:
    """Parse YAML (JSON is accepted too) and turn syntax errors into a located Problem. The
    document is bounded (check_tree) before any value is built from it."""
    return parse_located(text, file, error)[0]


def parse_located(text: str, file: str | None, error: type[ReadinessError]) -> tuple[Any, yaml.Node | None]:
    """`parse`, and the node tree the data was built from (for `line_in`; None for an empty file)."""
    try:
        return _load(text)
    except RecursionError:
        raise error(Problem("sections and lists are nested too deeply to read", file=file)) from None
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
    """The 1-based line of the value at `loc` (keys and list indexes), or of its nearest parent,
    in text not parsed by `parse_located` (it is composed again, once per text)."""
    return line_in(_compose(text), loc)


def line_in(root: yaml.Node | None, loc: tuple[Any, ...] | list[Any]) -> int | None:
    """The 1-based line of the value at `loc` in a parsed node tree, or of its nearest parent."""
    node = root
    if node is None:
        return None
    line = node.start_mark.line + 1
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
