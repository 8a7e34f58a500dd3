"""The per-document time budget outside the main thread (a Dask worker runs its tasks in a thread)."""

from __future__ import annotations

import threading
import time

from sorot.runner import DocumentTimeout, time_budget


def _in_thread(work: object) -> list[object]:
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())  # type: ignore[operator]
        except BaseException as error:  # noqa: BLE001 (the outcome is what the test looks at)
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    return outcome


def _busy(seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:   # pure-Python work, as a quadratic loop would be
        pass
    return "done"


def test_python_work_over_its_budget_stops_in_a_worker_thread() -> None:
    def work() -> str:
        with time_budget(0.2):
            return _busy(10)

    started = time.monotonic()
    [outcome] = _in_thread(work)
    assert isinstance(outcome, DocumentTimeout) and time.monotonic() - started < 5


def test_a_budget_that_is_not_used_up_leaves_nothing_behind() -> None:
    def work() -> int:
        timeouts = 0
        for _ in range(200):
            try:
                with time_budget(0.005):   # many end just as their timer fires
                    _busy(0.005)
            except DocumentTimeout:
                timeouts += 1
        _busy(0.3)                         # long after every budget: nothing may go off here
        return timeouts

    [outcome] = _in_thread(work)
    assert isinstance(outcome, int) and outcome < 200


def test_no_budget_in_a_thread() -> None:
    def work() -> str:
        with time_budget(None), time_budget(0):
            return _busy(0.05)

    assert _in_thread(work) == ["done"]
