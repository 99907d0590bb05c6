"""engine.pool: results in input order on any number of cores; a crash is pinned on its own item."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from readiness.engine.pool import in_order

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="a crashing worker is only simulated where processes fork")


def square_plus(item: int, shared: int) -> tuple[int, int]:
    return item, item * item + shared


def crash_on_seven(item: int, shared: int) -> tuple[int, int | str]:
    if item == 7:
        os._exit(3)  # a crash, not an exception
    return item, item + shared


def crashed(item: int, how: str) -> tuple[int, str]:
    return item, f"crashed: {how}"


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_input_order_whatever_the_jobs(jobs):
    items = [5, 1, 9, 2, 8, 3, 7, 4, 6, 0, 11, 10]
    assert list(in_order(square_plus, items, 100, jobs, crashed)) == [(i, i * i + 100) for i in items]


def test_one_job_runs_in_this_process():
    seen = []

    def here(item: int, shared: int) -> int:  # a closure: only possible without worker processes
        seen.append(os.getpid())
        return item

    assert list(in_order(here, [1, 2, 3], None, 1, crashed)) == [1, 2, 3]
    assert set(seen) == {os.getpid()}


@needs_fork
def test_a_crash_is_pinned_on_its_item_alone_and_the_rest_still_come():
    items = list(range(12))
    results = list(in_order(crash_on_seven, items, 1, 2, crashed))
    assert [r[0] for r in results] == items
    assert results[7] == (7, "crashed: exit code 3")
    assert all(r == (i, i + 1) for i, r in enumerate(results) if i != 7)
