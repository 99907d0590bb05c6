"""Dates as sources give them: a day, a month ("May 2024") or only a year ("2023").

A partial date is the span of days it could be. Comparing it is exact: a comparison that every
day of the span settles the same way has that answer; one that the span cannot settle is
unknown (None), never guessed. A full date is a span of one day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

_PATTERN = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")
PRECISIONS = ("year", "month", "day")


class PartialDate(date):
    """A date known to the year, the month or the day. As a `date` it is its first day."""

    precision: str

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if day is not None and month is None:
            raise ValueError("a day needs a month")
        self = super().__new__(cls, year, month or 1, day or 1)
        self.precision = "day" if day is not None else ("month" if month is not None else "year")
        return self

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """From a date, a year (2024 or "2024"), a year-month ("2024-05") or "2024-05-17"."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            match = _PATTERN.match(value)
            if match:
                year, month, day = (int(g) if g else None for g in match.groups())
                try:
                    return cls(year, month, day)  # type: ignore[arg-type]
                except ValueError as exc:
                    raise ValueError(f"{value!r} is not a real date ({exc})") from None
        raise ValueError("expected a date: YYYY-MM-DD, a month YYYY-MM, or a year YYYY")

    @property
    def first(self) -> date:
        return date(self.year, self.month, self.day)

    @property
    def last(self) -> date:
        if self.precision == "day":
            return self.first
        if self.precision == "month":
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def isoformat(self) -> str:
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return super().isoformat()

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __reduce__(self):  # pickling keeps the precision
        return (PartialDate.parse, (self.isoformat(),))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(_isoformat, when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                "description": "A date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)."}


def _isoformat(value: date) -> str:
    """How a date is written in JSON and dumps (a function, not a lambda, so schemas pickle: io.schema_cache)."""
    return value.isoformat()


def span(value: date) -> tuple[date, date]:
    """The first and last day a date could be."""
    if isinstance(value, PartialDate):
        return value.first, value.last
    return value, value


def order(op: str, observed: date, expected: date) -> bool | None:
    """lt / lte / gt / gte / eq / ne between dates that may be partial; None if the spans cannot settle it."""
    lo, hi = span(observed)
    elo, ehi = span(expected)
    if op == "lt":
        return True if hi < elo else (False if lo >= ehi else None)
    if op == "lte":
        return True if hi <= elo else (False if lo > ehi else None)
    if op == "gt":
        return True if lo > ehi else (False if hi <= elo else None)
    if op == "gte":
        return True if lo >= ehi else (False if hi < elo else None)
    if op in ("eq", "ne"):
        if lo == hi == elo == ehi:
            same: bool | None = True
        elif hi < elo or lo > ehi:
            same = False
        else:
            same = None
        return same if op == "eq" or same is None else not same
    raise ValueError(f"not a date comparison: {op}")
