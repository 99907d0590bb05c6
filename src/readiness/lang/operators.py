"""The comparison operators of the condition language: one record per operator.

Each `Operator` says everything about itself in one place: the function that tests it, which
fact kinds it accepts, whether it takes a value (and of what shape), whether a count or a share
may use it, and its words in English. The condition model (its `op` choices), the checker, the
evaluator and the describer all read this table; none of them lists operators.

To add an operator: add one `Operator(...)` to OPERATORS below (and its tests in
tests/test_operators.py); `docs/rule-format.md` lists them for rule authors.
"""

from __future__ import annotations

from .text import bounded

import calendar
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from typing import Any, Callable, Literal

from .dates import PartialDate, order
from .facts import MISSING

ORDERED = frozenset({"number", "date"})
DURATION = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$")

# How a value is written: none, one value, a list of values, or a duration such as "6 months".
ValueShape = Literal["none", "single", "list", "duration"]
# describe: (fact, value, how a value reads) -> the test in plain words
Phrase = Callable[[str, Any, Callable[[Any], str]], str]


@dataclass(frozen=True)
class Operator:
    name: str
    test: Callable[[Any, Any, date | None], bool | None]  # (observed, expected, as_of) -> holds (None: cannot say)
    words: str  # "is above": how `rules show` and docs/rules.md read it
    value: ValueShape = "single"
    kinds: frozenset[str] | None = None  # fact kinds it accepts (None: any single value)
    kinds_error: str = ""  # why another kind does not fit ({op}, {fact}, {type})
    on_lists: bool = False  # reads a list fact as a whole (contains)
    amount: str | None = None  # words in a count or share ("at least 3 items"); None: counts cannot use it
    share_amount: str | None = None  # words in a share, where they differ from a count's
    phrase: Phrase | None = None  # its own wording, where "<fact> <words> <value>" does not read well
    undated: Callable[[Any, Any], bool] | None = None  # the same test when the value is not a date (compiled conditions)

    @property
    def needs_value(self) -> bool:
        return self.value != "none"

    def describe(self, fact: str, value: Any, show: Callable[[Any], str]) -> str:
        if self.phrase is not None:
            return self.phrase(fact, value, show)
        if not self.needs_value:
            return f"{fact} {self.words}"
        return f"{fact} {self.words} {show(value)}"


def parse_duration(text: str) -> tuple[int, str]:
    match = DURATION.match(str(text))
    if not match:
        raise ValueError(f"expected a duration such as '6 months', '2 years' or '90 days', got {bounded(text)}")
    return int(match.group(1)), match.group(2)


def subtract(day: date, amount: int, unit: str) -> date:
    """`day` minus a calendar duration (months and years keep the day of month where they can)."""
    if unit == "day":
        return day - timedelta(days=amount)
    if unit == "week":
        return day - timedelta(weeks=amount)
    months = amount * (12 if unit == "year" else 1)
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _age(older: bool) -> Callable[[Any, Any, date | None], bool]:
    def test(observed: Any, expected: Any, as_of: date | None) -> bool:
        assert as_of is not None
        cutoff = _cutoff(as_of, expected) if isinstance(expected, str) else _uncached_cutoff(as_of, expected)
        if cutoff is None:  # the cutoff falls before year 1: every date is newer
            return not older
        return order("lt" if older else "gt", observed, cutoff)  # type: ignore[return-value]
    return test


def _uncached_cutoff(as_of: date, duration: Any) -> date | None:
    """`as_of` minus the duration, or None when that falls before year 1."""
    try:
        return subtract(as_of, *parse_duration(duration))
    except (OverflowError, ValueError):
        return None


_cutoff = lru_cache(maxsize=1024)(_uncached_cutoff)  # the same few durations and dates, for every item


def _ordering(name: str, plain: Callable[[Any, Any], bool]) -> Callable[[Any, Any, date | None], bool | None]:
    """eq ... gte: plain Python comparison, except that a partial date is compared as the span it covers."""
    def test(observed: Any, expected: Any, as_of: date | None) -> bool | None:
        if ((isinstance(observed, PartialDate) or isinstance(expected, PartialDate))
                and isinstance(observed, date) and isinstance(expected, date)):
            return order(name, observed, expected)
        return plain(observed, expected)
    return test


def _age_phrase(older: bool) -> Phrase:
    def phrase(fact: str, value: Any, show: Callable[[Any], str]) -> str:
        amount, _ = parse_duration(str(value))
        if amount == 0:
            return f"{fact} is {'before' if older else 'after'} the as-of date"
        if older:
            return f"{fact} is more than {value} before the as-of date"
        return f"{fact} is less than {value} before the as-of date (or after it)"
    return phrase


def _membership_phrase(words: str) -> Phrase:
    def phrase(fact: str, value: Any, show: Callable[[Any], str]) -> str:
        if hasattr(value, "fact"):  # another fact holding the list
            return f"{fact} {words} the values of {value.fact}"
        return f"{fact} {words}: {show(value)}"
    return phrase


_ORDER_ERROR = "'{op}' compares numbers or dates, but '{fact}' is {type}"
_DATE_ERROR = "'{op}' needs a date, but '{fact}' is {type}"

OPERATORS: dict[str, Operator] = {op.name: op for op in (
    Operator("eq", _ordering("eq", operator.eq), "is", amount="exactly", undated=operator.eq),
    Operator("ne", _ordering("ne", operator.ne), "is not", amount="other than", undated=operator.ne),
    Operator("lt", _ordering("lt", operator.lt), "is below", kinds=ORDERED, kinds_error=_ORDER_ERROR,
             amount="fewer than", share_amount="less than", undated=operator.lt),
    Operator("lte", _ordering("lte", operator.le), "is at most", kinds=ORDERED, kinds_error=_ORDER_ERROR,
             amount="at most", undated=operator.le),
    Operator("gt", _ordering("gt", operator.gt), "is above", kinds=ORDERED, kinds_error=_ORDER_ERROR,
             amount="more than", undated=operator.gt),
    Operator("gte", _ordering("gte", operator.ge), "is at least", kinds=ORDERED, kinds_error=_ORDER_ERROR,
             amount="at least", undated=operator.ge),
    Operator("in", lambda a, b, _: a in b, "is one of", value="list", phrase=_membership_phrase("is one of"),
             undated=lambda a, b: a in b),
    Operator("not_in", lambda a, b, _: a not in b, "is not one of", value="list",
             phrase=_membership_phrase("is not one of"), undated=lambda a, b: a not in b),
    Operator("contains", lambda a, b, _: b in a, "includes", on_lists=True, undated=lambda a, b: b in a),
    Operator("present", lambda a, b, _: a is not MISSING, "is recorded", value="none"),
    Operator("absent", lambda a, b, _: a is MISSING, "is not recorded", value="none"),
    Operator("older_than", _age(True), "is more than", value="duration", kinds=frozenset({"date"}),
             kinds_error=_DATE_ERROR, phrase=_age_phrase(True)),
    Operator("newer_than", _age(False), "is less than", value="duration", kinds=frozenset({"date"}),
             kinds_error=_DATE_ERROR, phrase=_age_phrase(False)),
)}

# The `op:` choices a rule may write, in this order (the rule schema lists them so).
OP_NAMES: tuple[str, ...] = tuple(OPERATORS)
COUNT_OP_NAMES: tuple[str, ...] = tuple(name for name, op in OPERATORS.items() if op.amount is not None)
Op = Literal[OP_NAMES]  # type: ignore[valid-type]
CountOp = Literal[COUNT_OP_NAMES]  # type: ignore[valid-type]


def holds(op: str, observed: Any, expected: Any, as_of: date | None) -> bool | None:
    """Whether `observed <op> expected` holds (`observed` may be MISSING only for present / absent)."""
    return OPERATORS[op].test(observed, expected, as_of)
