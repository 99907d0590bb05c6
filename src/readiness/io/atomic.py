"""Writing a file so that it is either wholly the new content or untouched.

The temporary file is removed if the write fails or is interrupted, including by SIGINT
(Ctrl-C) or SIGTERM (a handler is installed for the duration of the write, in the main thread).
The target is replaced only if it is a new path or a regular file: never a device, a pipe, a
socket, a folder or a symbolic link (the CLI checks first, with a clearer message).
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _mode_for(path: Path) -> int:
    """The permissions the file would have if written plainly: those of the file it replaces,
    or the usual ones for a new file (mkstemp's own 0600 would hide reports from colleagues)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class _Terminated(BaseException):
    """SIGTERM arrived during a write: unwind (removing the temporary file), then exit."""


@contextmanager
def _terminate_as_exception() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise _Terminated(signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        yield
        return
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        raise SystemExit(128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _refuse_special(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise IsADirectoryError(21 if stat.S_ISDIR(mode) else 1,
                                "not a regular file (a folder, link, device, pipe or socket); refusing to replace it",
                                str(path))


def write_atomic(path: Path, content: str | bytes, mode: int | None = None) -> None:
    """Write text (UTF-8) or bytes (e.g. a workbook) so the file is wholly new or untouched.
    `mode`: the permissions to give it (default: those a plain write would give)."""
    path = Path(path)
    _refuse_special(path)
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path) if mode is None else mode
    with _terminate_as_exception():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            if isinstance(content, bytes):
                handle = os.fdopen(fd, "wb")
            else:
                handle = os.fdopen(fd, "w", encoding="utf-8", newline="", errors="backslashreplace")
            with handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            _refuse_special(path)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
