"""Work on many files on every core: results in input order, a crash pinned on its own file.

Generic over the work: `in_order(work, items, shared, jobs, crashed)` calls `work(item, shared)`
in a pool of worker processes (`shared`, e.g. a loaded rule pack, is inherited by forked workers
or sent once to each), yields the results in the order of `items`, and when a worker dies
(a crash, not an exception: `work` is expected to turn its own errors into results) runs every
item in flight again alone, so that only the one that crashes gets `crashed(item, how)`.
`readiness batch` uses it; a library caller can too. `work` must be a module-level function.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WINDOW_PER_JOB = 4  # items handed out ahead per worker: keeps every core busy, memory flat

_WORKER: tuple[Callable[[Any, Any], Any], Any] | None = None


def _start_worker(work: Callable[[Any, Any], Any], shared: Any) -> None:
    global _WORKER
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER = (work, shared)


def _work(item: Any) -> Any:
    assert _WORKER is not None
    work, shared = _WORKER
    return work(item, shared)


def _alone_child(work: Callable[[Any, Any], Any], item: Any, shared: Any, send: Any) -> None:
    _start_worker(work, shared)
    send.send(work(item, shared))
    send.close()


def _alone(work: Callable[[T, Any], R], item: T, shared: Any, method: Any,
           crashed: Callable[[T, str], R]) -> R:
    """Run one item in a process of its own, so a crash is pinned on it alone."""
    receive, send = method.Pipe(duplex=False)
    process = method.Process(target=_alone_child, args=(work, item, shared, send), daemon=True)
    process.start()
    send.close()
    try:
        result = receive.recv()
    except EOFError:
        result = None
    finally:
        receive.close()
        process.join()
    if result is None:
        code = process.exitcode
        return crashed(item, f"signal {-code}" if code is not None and code < 0 else f"exit code {code}")
    return result


def start_method() -> Any:
    """fork where there is one: a worker starts at once with the parent's loaded data."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def in_pool(work: Callable[[T, Any], R], items: list[T], shared: Any, jobs: int,
            crashed: Callable[[T, str], R]) -> Iterator[R]:
    """Every item's result, in input order, `jobs` worker processes at a time."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = start_method()
    window = jobs * WINDOW_PER_JOB
    pending: deque[tuple[T, Any]] = deque()
    executor: ProcessPoolExecutor | None = None
    upcoming = iter(items)
    left = len(items)
    try:
        while left:
            if executor is None:
                executor = ProcessPoolExecutor(jobs, mp_context=method, initializer=_start_worker,
                                               initargs=(work, shared))
            while len(pending) < window and len(pending) < left:
                item = next(upcoming)
                pending.append((item, executor.submit(_work, item)))
            item, future = pending.popleft()
            left -= 1
            try:
                yield future.result()
                continue
            except BrokenProcessPool:
                pass
            except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
                yield crashed(item, f"{type(exc).__name__}")
                continue
            # A worker died: every item in flight failed with it. Each is run again alone (no
            # other process running), so only the one that crashes gets `crashed`.
            executor.shutdown(wait=True)
            executor = None
            yield _alone(work, item, shared, method, crashed)
            while pending:
                item, future = pending.popleft()
                left -= 1
                try:
                    yield future.result()
                except Exception:  # noqa: BLE001 - broken with the pool
                    yield _alone(work, item, shared, method, crashed)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def in_order(work: Callable[[T, Any], R], items: Iterable[T], shared: Any, jobs: int,
             crashed: Callable[[T, str], R]) -> Iterator[R]:
    """Every item's result, in input order; in this process when `jobs` <= 1. What is loaded by
    now (a rule pack above all) lives to the end: it is frozen out of the garbage collector's
    reach, so no collection walks it again, and a forked worker's pages of it stay shared."""
    import gc

    items = list(items)
    gc.freeze()
    try:
        if jobs <= 1 or len(items) <= 1:
            yield from (work(item, shared) for item in items)
        else:
            yield from in_pool(work, items, shared, min(jobs, len(items)), crashed)
    finally:
        gc.unfreeze()
