"""Making user text safe to show: the one place control characters and console markup are handled.

Profile and rule text (council names, rule titles, messages) is data, never instructions to a
terminal or a renderer:

- `neutralise(text)` replaces every control character that can act on a terminal or hide text
  (C0 except tab and newline, DEL, C1 such as the 8-bit CSI, bidirectional overrides and
  isolates, and lone surrogates) with its visible escape, e.g. ESC becomes the six characters
  ``\\u001b``. Every text a command writes (terminal, plain, Markdown, HTML, JUnit, CSV, JSON)
  passes through it in cli.common.write_output; in JSON the visible form is a valid escape of
  the same character, so the data is unchanged.
- `SafeConsole` is the rich console every command draws on: markup is off (so `[/x]`,
  `[draft]` and `[link=URL]` in a name are shown literally, never parsed) and every text
  segment is neutralised as it is written, coloured or not.
"""

from __future__ import annotations

import re
from typing import Any

# rich is imported only when a console is made (SafeConsole, below): a CSV or JSON report never loads it.

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def neutralise(text: str) -> str:
    """`text` with every control character replaced by its visible escape (tab and newline kept)."""
    return _CONTROL.sub(_visible, text)


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def markup_escape(text: object) -> str:
    """User text made literal for rich markup, for any caller that still builds markup strings."""
    from rich.markup import escape

    return escape(neutralise(str(text)))


def _safe_console() -> type:
    from typing import Iterable

    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        """A rich Console that never reads markup in strings and neutralises control characters
        in every text segment it writes (its own styling and cursor codes are left as they are)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("markup", False)
            kwargs.setdefault("emoji", False)
            super().__init__(*args, **kwargs)

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(neutralise(segment.text), segment.style, segment.control)
                for segment in buffer)

    SafeConsole.__qualname__ = "SafeConsole"
    return SafeConsole


def __getattr__(name: str) -> Any:
    if name == "SafeConsole":
        value = globals()["SafeConsole"] = _safe_console()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
