"""Background operations: real worker threads, delivery on the GUI thread, progress, cancel."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from db.errors import ValidationFailed
from desktop import ops
from desktop.ops import Changes, Job, Operation

pytestmark = pytest.mark.gui


@pytest.fixture
def threaded(qapp) -> Iterator[ops.ThreadPoolExecutor]:  # type: ignore[no-untyped-def]
    """Operations on a real thread pool (whatever another test swapped in)."""
    executor = ops.ThreadPoolExecutor()
    previous = ops.set_executor(executor)
    yield executor
    ops.shutdown()
    ops.set_executor(previous)


@pytest.fixture
def synchronous(qapp) -> Iterator[ops.SynchronousExecutor]:  # type: ignore[no-untyped-def]
    previous = ops.set_executor(ops.SynchronousExecutor())
    yield ops.executor()  # type: ignore[misc]
    ops.set_executor(previous)


def test_result_arrives_on_the_gui_thread_from_a_worker(qtbot, threaded) -> None:
    gui_thread = QApplication.instance().thread()
    seen: dict[str, object] = {}

    def work(_job: Job) -> int:
        seen["worker"] = QThread.currentThread()
        return 42

    def success(value: int) -> None:
        seen["value"] = value
        seen["callback"] = QThread.currentThread()

    task = Operation(work).success(success).run()
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["worker"] is not gui_thread
    assert seen["callback"] is gui_thread
    assert task.finished
    assert task not in ops.running()


def test_error_goes_to_the_failure_callback_not_success(qtbot, threaded) -> None:
    gui_thread = QApplication.instance().thread()
    failures: list[tuple[Exception, QThread]] = []
    successes: list[object] = []

    def work(_job: Job) -> None:
        raise ValidationFailed([("NIP", "NIP harus 18 angka")])

    (Operation(work).success(successes.append)
     .failure(lambda exc: failures.append((exc, QThread.currentThread()))).run())
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    error, thread = failures[0]
    assert isinstance(error, ValidationFailed)
    assert error.problems == [("NIP", "NIP harus 18 angka")]
    assert thread is gui_thread
    assert successes == []


def test_progress_is_emitted_only_when_the_rounded_percentage_changes(qtbot, threaded) -> None:
    reports: list[tuple[int, int]] = []
    done: list[bool] = []

    def work(job: Job) -> None:
        for i in range(10_001):
            job.report(i, 10_000)

    Operation(work).progress(lambda v, m: reports.append((v, m))).success(
        lambda _r: done.append(True)).run()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    # 0 %, 1 %, ..., 100 %: one report per percent out of 10,001 calls.
    assert len(reports) == 101
    assert reports[0] == (0, 10_000)
    assert reports[-1] == (10_000, 10_000)
    assert [v for v, _m in reports] == sorted(v for v, _m in reports)


def test_cancel_stops_the_job_and_runs_the_cancel_callbacks(qtbot, threaded) -> None:
    started = threading.Event()
    iterations: list[int] = []
    outcome: list[str] = []

    class Stopped(Exception):
        pass

    def work(job: Job) -> None:
        started.set()
        for i in range(10_000_000):
            if job.cancelled():
                iterations.append(i)
                raise Stopped()
            threading.Event().wait(0.001)

    task = (Operation(work)
            .success(lambda _r: outcome.append("success"))
            .failure(lambda _e: outcome.append("failure"))
            .on_cancel(lambda: outcome.append("cancelled"))
            .run())
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]
    assert task.was_cancelled()
    assert iterations and iterations[0] < 10_000_000


def test_cancel_button_of_the_progress_dialog_cancels(qtbot, threaded) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    outcome: list[str] = []

    def work(job: Job) -> None:
        job.report(0, 10)
        while not job.cancelled():
            threading.Event().wait(0.005)
        raise RuntimeError("stopped")

    (Operation(work, parent=parent)
     .with_progress_dialog("Working…")
     .on_cancel(lambda: outcome.append("cancelled"))
     .failure(lambda _e: outcome.append("failure"))
     .run())

    def visible_dialog() -> QProgressDialog | None:
        dialogs = [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
        return dialogs[0] if dialogs else None

    qtbot.waitUntil(lambda: visible_dialog() is not None, timeout=5000)
    dialog = visible_dialog()
    assert dialog is not None
    assert dialog.labelText() == "Working…"
    button = dialog.findChild(QPushButton)
    button.click()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]
    assert visible_dialog() is None


def test_synchronous_executor_runs_inline(synchronous) -> None:
    caller = threading.get_ident()
    seen: list[int] = []
    task = Operation(lambda _job: threading.get_ident()).success(seen.append).run()
    # No waiting: the callback has already run, on the calling thread.
    assert seen == [caller]
    assert task.finished


def test_changes_are_broadcast_on_success_only(synchronous) -> None:
    broadcast: list[Changes] = []
    order: list[str] = []
    Operation(lambda _job: order.append("work"), changes=Changes(register=True),
              notify=lambda c: (broadcast.append(c), order.append("notify"))
              ).success(lambda _r: order.append("success")).run()
    assert broadcast == [Changes(register=True)]
    # Views refresh before a success message can block on a modal dialog.
    assert order == ["work", "notify", "success"]

    def fail(_job: Job) -> None:
        raise ValueError("no")

    Operation(fail, changes=Changes(regions=True), notify=broadcast.append
              ).failure(lambda _e: None).run()
    assert broadcast == [Changes(register=True)]


def test_changes_combine() -> None:
    combined = Changes(register=True) | Changes(settings=True)
    assert combined == Changes(register=True, settings=True)
    assert not Changes()
    assert ops.ALL_CHANGES.register and ops.ALL_CHANGES.regions and ops.ALL_CHANGES.settings
