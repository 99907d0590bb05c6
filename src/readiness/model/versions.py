"""Profile format versions, and the upgrades between them.

A profile says its format in `format_version`; a profile without it is format 1. The profile
model (model.profile) is today's format, CURRENT. Before validation, a profile written in an
older format is upgraded one step at a time by the upgraders registered here, so the model
only ever sees today's format. Format 1 is a subset of format 2 (every format 1 profile is a
valid format 2 profile with the same meaning), so its upgrade changes nothing; a format that
renames or restructures fields registers an upgrader that rewrites the raw data:

    @upgrader(2)
    def _two_to_three(data: dict) -> dict: ...
"""

from __future__ import annotations

from typing import Any, Callable

FIRST, CURRENT = 1, 2
VERSION_KEY = "format_version"
Upgrader = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADERS: dict[int, Upgrader] = {}  # from version N to N + 1


def upgrader(from_version: int) -> Callable[[Upgrader], Upgrader]:
    def register(fn: Upgrader) -> Upgrader:
        UPGRADERS[from_version] = fn
        return fn
    return register


def version_of(data: dict[str, Any]) -> int | None:
    """The format a raw profile is written in (1 when it does not say); None when it names no format
    this version of readiness knows (validation then reports the value)."""
    version = data.get(VERSION_KEY, FIRST)
    if isinstance(version, bool) or not isinstance(version, int) or not FIRST <= version <= CURRENT:
        return None
    return version


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A raw profile in any known format, as today's format (the version key is left as written)."""
    version = version_of(data)
    if version is None:
        return data
    for step in range(version, CURRENT):
        data = UPGRADERS[step](data)
    return data


@upgrader(1)
def _one_to_two(data: dict[str, Any]) -> dict[str, Any]:
    return data  # format 2 only adds to format 1
