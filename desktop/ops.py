"""Background operations: run a ``db``/``reports`` call off the GUI thread.

Modelled on Anki's ``CollectionOp``: the caller wraps one core call in an
:class:`Operation`, chains ``success``/``failure`` callbacks and runs it. The work runs on
a worker thread and the callbacks run on the GUI thread. An operation that changes data
declares a :class:`Changes` value; when it succeeds the value is handed to ``notify``
(the main window's ``changed`` signal) so every view refreshes itself.

Long jobs get Orange-style progress (emitted only when the rounded percentage changes)
and a cancel flag the core polls through its ``cancelled`` callable. Tests swap the
executor for :class:`SynchronousExecutor` (as Picard's tests do) so GUI tests run
deterministically without sleeps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from db.errors import TepatError
from desktop import dialogs

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long a job may run before its progress dialog appears: quick jobs never flash one.
PROGRESS_DIALOG_DELAY_MS = 300


@dataclass(frozen=True)
class Changes:
    """What an operation changed; views refresh only for the parts they show."""

    register: bool = False  # households, members, proposals
    regions: bool = False  # region names and boundaries
    settings: bool = False  # office settings: office kecamatan, letterhead, signatory

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            register=self.register or other.register,
            regions=self.regions or other.regions,
            settings=self.settings or other.settings,
        )

    def __bool__(self) -> bool:
        return self.register or self.regions or self.settings


NO_CHANGES = Changes()
ALL_CHANGES = Changes(register=True, regions=True, settings=True)


class Job:
    """What the work function receives on the worker thread: progress and the cancel flag.

    Pass ``job.report`` as a service's ``progress`` argument and ``job.cancelled`` as its
    ``cancelled`` argument.
    """

    def __init__(self, emit_progress: Callable[[int, int], None]) -> None:
        self._emit_progress = emit_progress
        self._cancel = threading.Event()
        self._last_percent: int | None = None

    def report(self, value: int, maximum: int) -> None:
        """Report ``value`` of ``maximum`` done (``maximum`` 0: unknown length).

        Emits only when the rounded percentage changes, so a loop over 100,000 rows
        sends at most 101 updates across threads.
        """
        # Rounded down, so 100 % is reported only when the job is really complete.
        percent = 100 * value // maximum if maximum > 0 else -1
        if percent == self._last_percent:
            return
        self._last_percent = percent
        self._emit_progress(value, maximum)

    def cancelled(self) -> bool:
        """True once someone asked the job to stop; the work should end without writing."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class Task(QObject):
    """The GUI-thread side of one running operation: cancel it, follow its progress.

    The worker emits the private signals; because this object lives on the GUI thread,
    Qt queues them and the slots (and so every callback) run on the GUI thread.
    """

    progressed = Signal(int, int)
    done = Signal()

    _progress_reported = Signal(int, int)
    _result_ready = Signal(object)
    _error_raised = Signal(object)

    def __init__(self, operation: Operation[Any]) -> None:
        super().__init__()
        self._operation = operation
        self.job = Job(self._progress_reported.emit)
        self.finished = False
        self._progress_reported.connect(self._on_progress)
        self._result_ready.connect(self._on_result)
        self._error_raised.connect(self._on_error)

    def cancel(self) -> None:
        """Ask the job to stop; the cancel callbacks run once it has."""
        self.job.cancel()

    def was_cancelled(self) -> bool:
        return self.job.cancelled()

    def work(self) -> None:
        """Run the work function; called by the executor on its thread."""
        try:
            result = self._operation.work(self.job)
        except Exception as exc:  # delivered to the failure callbacks, never swallowed
            self._error_raised.emit(exc)
        else:
            self._result_ready.emit(result)

    @Slot(int, int)
    def _on_progress(self, value: int, maximum: int) -> None:
        if not self.finished:
            self.progressed.emit(value, maximum)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self._finish()
        self._operation.deliver_success(result)
        self.done.emit()

    @Slot(object)
    def _on_error(self, error: Exception) -> None:
        self._finish()
        if self.job.cancelled():
            # Whatever the job raised on its way out (e.g. DemoCancelled) is the cancel.
            self._operation.deliver_cancel()
        else:
            self._operation.deliver_failure(error)
        self.done.emit()

    def _finish(self) -> None:
        self.finished = True
        _running.discard(self)


class Executor(Protocol):
    """Runs a task's work somewhere: a thread pool in the app, inline in tests."""

    def submit(self, task: Task) -> None: ...

    def wait(self, msecs: int = -1) -> bool: ...


class ThreadPoolExecutor:
    """Runs tasks on a QThreadPool (the application's global pool by default)."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()

    def submit(self, task: Task) -> None:
        self._pool.start(task.work)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


class SynchronousExecutor:
    """Runs each task inline on the calling thread: callbacks have run when ``run`` returns."""

    def submit(self, task: Task) -> None:
        task.work()

    def wait(self, msecs: int = -1) -> bool:
        return True


_executor: Executor | None = None
# Tasks stay referenced here until delivered: nothing else on the GUI side owns them.
_running: set[Task] = set()


def executor() -> Executor:
    """The executor operations run on (a thread pool unless a test swapped it)."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor()
    return _executor


def set_executor(new: Executor) -> Executor:
    """Use ``new`` for every later operation; returns the previous executor to restore."""
    global _executor
    previous = executor()
    _executor = new
    return previous


def running() -> list[Task]:
    """Tasks submitted and not yet delivered."""
    return list(_running)


def shutdown(msecs: int = 10_000) -> bool:
    """Cancel every running task and wait for the workers (on closing the window)."""
    for task in list(_running):
        task.cancel()
    return executor().wait(msecs)



class Operation(Generic[T]):
    """One core call to run in the background, with callbacks on the GUI thread.

    ``work`` receives a :class:`Job`. On success ``notify(changes)`` runs first (so views
    refresh) and then the success callbacks. Without a failure callback an error is
    shown in a message box over ``parent``. If the job was cancelled and then raised,
    the cancel callbacks run instead of the failure ones.
    """

    def __init__(
        self,
        work: Callable[[Job], T],
        *,
        parent: QWidget | None = None,
        changes: Changes = NO_CHANGES,
        notify: Callable[[Changes], None] | None = None,
    ) -> None:
        self.work = work
        self.parent = parent
        self.changes = changes
        self._notify = notify
        self._on_success: list[Callable[[T], None]] = []
        self._on_failure: list[Callable[[Exception], None]] = []
        self._on_cancel: list[Callable[[], None]] = []
        self._on_progress: list[Callable[[int, int], None]] = []
        self._dialog_label: str | None = None
        self._dialog_cancellable = True
        self._dialog: QProgressDialog | None = None

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Operation[T]:
        self._on_failure.append(callback)
        return self

    def on_cancel(self, callback: Callable[[], None]) -> Operation[T]:
        self._on_cancel.append(callback)
        return self

    def progress(self, callback: Callable[[int, int], None]) -> Operation[T]:
        """Call ``callback(value, maximum)`` on the GUI thread as the job reports progress."""
        self._on_progress.append(callback)
        return self

    def with_progress_dialog(self, label: str, *, cancellable: bool = True) -> Operation[T]:
        """Show a window-modal progress dialog (with a Cancel button) while the job runs."""
        self._dialog_label = label
        self._dialog_cancellable = cancellable
        return self

    def run(self) -> Task:
        """Start the job; returns its task (already finished under a synchronous executor)."""
        task = Task(self)
        _running.add(task)
        for callback in self._on_progress:
            task.progressed.connect(callback)
        if self._dialog_label is not None:
            self._dialog = self._make_dialog(task)
        executor().submit(task)
        return task

    # ---------------------------------------------------------------- delivery (GUI thread)

    def deliver_success(self, result: T) -> None:
        self._close_dialog()
        if self.changes and self._notify is not None:
            self._notify(self.changes)
        for callback in self._on_success:
            callback(result)

    def deliver_failure(self, error: Exception) -> None:
        self._close_dialog()
        if not self._on_failure:
            if not isinstance(error, TepatError):
                log.error("Background operation failed", exc_info=error)
            dialogs.show_error(self.parent, error)
            return
        for callback in self._on_failure:
            callback(error)

    def deliver_cancel(self) -> None:
        self._close_dialog()
        for callback in self._on_cancel:
            callback()

    # ---------------------------------------------------------------- progress dialog

    def _make_dialog(self, task: Task) -> QProgressDialog:
        dialog = QProgressDialog(self.parent)
        dialog.setLabelText(self._dialog_label or "")
        dialog.setRange(0, 0)
        dialog.setWindowTitle(QCoreApplication.translate("Operation", "Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(380)
        if self._dialog_cancellable:
            button = QPushButton(QCoreApplication.translate("Operation", "Cancel"), dialog)
            dialog.setCancelButton(button)
            # Qt's own handler hides the dialog at once; keep it up, saying the job is
            # stopping, until the worker has really finished and written nothing.
            dialog.canceled.disconnect()
            dialog.canceled.connect(lambda: self._cancel_from_dialog(task, dialog, button))
        else:
            dialog.setCancelButton(None)
        dialog.hide()

        def update(value: int, maximum: int) -> None:
            dialog.setMaximum(max(maximum, 0))
            dialog.setValue(min(value, maximum) if maximum > 0 else 0)

        task.progressed.connect(update)
        QTimer.singleShot(PROGRESS_DIALOG_DELAY_MS, dialog, lambda: self._show_dialog(task))
        return dialog

    def _show_dialog(self, task: Task) -> None:
        if self._dialog is not None and not task.finished:
            self._dialog.show()

    @staticmethod
    def _cancel_from_dialog(task: Task, dialog: QProgressDialog, button: QPushButton) -> None:
        task.cancel()
        dialog.setLabelText(QCoreApplication.translate("Operation", "Cancelling…"))
        button.setEnabled(False)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

