"""Partial dates: a comparison is answered only when every day the date could be agrees."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.lang.dates import PartialDate, order
from readiness.io.profiles import load_profile
from readiness.model.errors import ProfileError


@pytest.mark.parametrize("raw, text, first, last", [
    (2023, "2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    (date(2024, 5, 17), "2024-05-17", date(2024, 5, 17), date(2024, 5, 17)),
])
def test_a_partial_date_is_the_span_of_days_it_could_be(raw, text, first, last):
    d = PartialDate.parse(raw)
    assert (str(d), d.first, d.last) == (text, first, last)


@pytest.mark.parametrize("raw", ["2024-13", "May 2024", "24", True, 2024.5])
def test_what_is_not_a_date_is_refused(raw):
    with pytest.raises(ValueError):
        PartialDate.parse(raw)


def test_a_year_is_unknown_against_a_day_inside_it_and_settled_outside():
    year = PartialDate.parse(2023)
    assert order("lt", year, date(2023, 6, 1)) is None
    assert order("lt", year, date(2024, 1, 1)) is True
    assert order("gt", year, date(2022, 12, 31)) is True
    assert order("gte", year, date(2024, 1, 1)) is False


SPANS = st.one_of(
    st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    st.integers(2000, 2030).map(PartialDate.parse),
    st.builds(lambda y, m: PartialDate.parse(f"{y}-{m:02d}"), st.integers(2000, 2030), st.integers(1, 12)),
)


@given(SPANS, SPANS, st.sampled_from(["lt", "lte", "gt", "gte", "eq", "ne"]))
@settings(max_examples=300, deadline=None)
def test_order_is_exact_never_guessed(a, b, op):
    """True only if the comparison holds for every pair of days; False only if for none."""
    def days(d):
        lo, hi = (d.first, d.last) if isinstance(d, PartialDate) else (d, d)
        return [lo + timedelta(n) for n in range(0, (hi - lo).days + 1, max(1, (hi - lo).days // 6 or 1))] + [hi]
    plain = {"lt": lambda x, y: x < y, "lte": lambda x, y: x <= y, "gt": lambda x, y: x > y,
             "gte": lambda x, y: x >= y, "eq": lambda x, y: x == y, "ne": lambda x, y: x != y}[op]
    answers = {plain(x, y) for x in days(a) for y in days(b)}
    got = order(op, a, b)
    if got is not None:
        assert answers == {got}


def test_a_profile_takes_partial_dates_and_keeps_them_as_written():
    p = load_profile({"council": {"name": "X", "as_of": "2025-01-01"},
                      "documents": [{"title": "EDI guide", "kind": "guidance", "approved_on": 2024,
                                     "period_start": 2024, "period_end": "2028-03"}]})
    doc = p.documents[0]
    assert (str(doc.approved_on), str(doc.period_end)) == ("2024", "2028-03")
    assert p.model_dump(mode="json")["documents"][0]["approved_on"] == "2024"


def test_as_of_must_be_a_full_date():
    with pytest.raises(ProfileError):
        load_profile({"council": {"name": "X", "as_of": "2025"}})
