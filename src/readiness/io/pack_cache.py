"""Keeping a validated rule pack (and the shipped policy) between runs, so a command does not
parse and check every rule again each time it starts; io.schema_cache keeps the models' pydantic
schemas here too.

An entry is keyed by everything its content depends on: the bytes and names of every file it
was read from, the version of readiness and a fingerprint of its code, the Python, pydantic,
pydantic-core and PyYAML versions, and the input limits (yamlfile.LIMITS). Anything else misses. A pack that fails
validation raises before it is stored, so its problems are read and reported fresh every time.

Entries are pickles, so nothing is loaded from a place another user can write: the folder is
created 0700, and a folder or file not owned by the effective user, or writable by its group or
others, is ignored (and never written into); the file is opened with O_NOFOLLOW and written
atomically (io.atomic). A missing, stale, foreign, truncated or corrupt entry is never an error:
the pack is built from its files and the entry replaced.

Where: READINESS_CACHE_DIR, else $XDG_CACHE_HOME/readiness, else ~/.cache/readiness.
READINESS_NO_CACHE=1 switches the cache off (docs/cli.md).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from functools import cache
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")

FORMAT = 1  # bump when the layout of an entry changes
KEEP = 8  # entries of one kind kept; older ones are removed when a new one is written
MAX_ENTRY_BYTES = 512 * 1024 * 1024
_MAGIC = b"readiness-cache\n"


def cache_dir() -> Path | None:
    """The folder entries live in, or None when the cache is switched off."""
    if os.environ.get("READINESS_NO_CACHE", "").strip() not in ("", "0"):
        return None
    override = os.environ.get("READINESS_CACHE_DIR")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative path is to be ignored
        return Path(xdg) / "readiness"
    try:
        return Path.home() / ".cache" / "readiness"
    except RuntimeError:  # no home folder to be found
        return None


def cached(kind: str, files: Sequence[Path], build: Callable[[], T]) -> T:
    """The value `build()` returns, from the cache when an entry for exactly these file contents
    (and this code) exists; else built and stored. `build` raising is passed on, never stored."""
    entry = _entry(kind, files)
    if entry is None:
        return build()
    found = _read(*entry)
    if found is not None:
        return found
    value = build()
    if fingerprint(kind, files) == entry[2]:  # a file changed while it was read: store nothing
        _write(*entry, value)
    return value


def load(kind: str, files: Sequence[Path] = ()) -> Any:
    """The value stored for exactly these file contents (and this code), or None: for a value that
    is not built in one call (io.schema_cache), with `store` after it is built."""
    entry = _entry(kind, files)
    return None if entry is None else _read(*entry)


def store(kind: str, files: Sequence[Path], value: object) -> None:
    """Keep `value` as the entry for these file contents (and this code); nothing when the cache is off."""
    entry = _entry(kind, files)
    if entry is not None:
        _write(*entry, value)


def _entry(kind: str, files: Sequence[Path]) -> tuple[Path, str, str] | None:
    """The folder, file name and key of the entry for `files`, or None when there is none to use."""
    folder = cache_dir()
    key = fingerprint(kind, files) if folder is not None else None
    if folder is None or key is None:
        return None
    return folder, f"{kind}-{key[:40]}.pickle", key


def fingerprint(kind: str, files: Sequence[Path]) -> str | None:
    """The key of an entry built from `files`; None when one cannot be read (the build reports it)."""
    from ..model.release import __version__
    from .yamlfile import LIMITS, limit

    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{kind}\0{__version__}\0{sys.version}\0{sys.implementation.cache_tag}\0".encode())
    digest.update(_code_fingerprint().encode())
    digest.update("".join(f"{name}={limit(name)}\0" for name in sorted(LIMITS)).encode())
    most = limit("READINESS_MAX_INPUT_BYTES")
    for file in files:
        digest.update(f"\0file\0{file}\0".encode())
        if not _hash_file(digest, Path(file), most):
            return None
    return digest.hexdigest()


def _hash_file(digest: Any, path: Path, most: int) -> bool:
    """Add a file's bytes to `digest`; False (no key: the load reports it) for anything but a
    regular file within the input limit, so a key costs no more memory or time than the load."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > most:
                return False
            size = 0
            while chunk := handle.read(1 << 20):
                size += len(chunk)
                if size > most:
                    return False
                digest.update(chunk)
    except OSError:
        return False
    digest.update(f"\0{size}\0".encode())
    return True


@cache
def _code_fingerprint() -> str:
    """The versions of what builds a pack, and the size and time of every file of readiness itself,
    so an edited checkout (same version number, different code) never reads an old entry."""
    import pydantic
    import pydantic_core
    import yaml

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [f"pydantic {pydantic.VERSION}", f"pydantic-core {pydantic_core.__version__}", f"yaml {yaml.__version__}"]
    files = []
    for folder, subfolders, names in os.walk(package):  # os.walk, not Path.rglob: a third of the time
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        files += [os.path.join(folder, name) for name in names if name.endswith((".py", ".yaml"))]
    for path in sorted(files, key=lambda p: Path(p).parts):
        st = os.stat(path)
        parts.append(f"{os.path.relpath(path, package)} {st.st_size} {st.st_mtime_ns}")
    return "\n".join(parts)


def _trusted(st: os.stat_result) -> bool:
    """Owned by the effective user and writable by no one else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_folder(folder: Path) -> int | None:
    """A descriptor of the folder if it is a trusted folder, else None."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
    except OSError:
        st = None
    if st is None or not stat.S_ISDIR(st.st_mode) or not _trusted(st):
        os.close(fd)
        return None
    return fd


def _read(folder: Path, name: str, key: str) -> object | None:
    folder_fd = _open_folder(folder)
    if folder_fd is None:
        return None
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=folder_fd)
    except OSError:
        return None
    finally:
        os.close(folder_fd)
    try:
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or not _trusted(st) or st.st_size > MAX_ENTRY_BYTES:
                return None
            data = handle.read(st.st_size + 1)  # not MAX_ENTRY_BYTES: read(n) allocates n bytes first
    except OSError:
        return None
    header = _MAGIC + key.encode() + b"\n"
    if not data.startswith(header):
        return None
    try:
        return pickle.loads(memoryview(data)[len(header):])
    except Exception:  # noqa: BLE001 - truncated, corrupt or from other code: rebuilt, never an error
        return None


def _write(folder: Path, name: str, key: str, value: object) -> None:
    from .atomic import write_atomic

    try:
        data = _MAGIC + key.encode() + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder_fd = _open_folder(folder)
        if folder_fd is None:
            return  # someone else's folder, or writable by others: never write into it
        os.close(folder_fd)
        write_atomic(folder / name, data, mode=0o600)
        _prune(folder, name)
    except Exception:  # noqa: BLE001 - read-only, full or unpicklable: the run goes on uncached
        return


def _prune(folder: Path, kept: str) -> None:
    """Remove all but the newest KEEP entries of the kind `kept` belongs to."""
    kind = kept.rsplit("-", 1)[0]
    entries = []
    for path in folder.glob(f"{kind}-*.pickle"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        if path.name != kept:
            try:
                path.unlink()
            except OSError:
                pass
