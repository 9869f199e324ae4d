"""The one helper for background work: run a function on a QThreadPool, get the result back on the
GUI thread.

    task = run_in_background(lambda: workspace.sign_in(name, passphrase),
                             on_done=self._signed_in, on_error=self._failed, parent=self)

Workspace and database work goes to one serial worker (a pool with one thread), so calls into
the workspace never overlap. ``fn`` may take one argument, a :class:`TaskContext`, to report
progress and to notice cancellation; pass ``with_context=True`` for that. A cancelled task (or one
whose ``parent`` was destroyed) delivers nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMetaObject,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

_active: set[Task] = set()
_serial_pool: QThreadPool | None = None


def serial_pool() -> QThreadPool:
    """The pool with one thread where workspace and database work is serialised."""
    global _serial_pool
    if _serial_pool is None:
        _serial_pool = QThreadPool(QCoreApplication.instance())
        _serial_pool.setMaxThreadCount(1)
        _serial_pool.destroyed.connect(_forget_serial_pool)
    return _serial_pool


def _forget_serial_pool() -> None:
    global _serial_pool
    _serial_pool = None


def active_tasks() -> int:
    """How many tasks have started and not yet delivered (for tests and for a clean quit)."""
    return len(_active)


def wait_for_all(msecs: int = 10_000) -> bool:
    """Block until every pool is idle; then deliver what they left. For tests and shutdown."""
    ok = QThreadPool.globalInstance().waitForDone(msecs)
    if _serial_pool is not None:
        ok = _serial_pool.waitForDone(msecs) and ok
    QCoreApplication.processEvents()
    return ok


class TaskContext:
    """What the background function sees: a cancellation flag and a progress reporter."""

    def __init__(self, task: Task) -> None:
        self._task = task

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled

    def report(self, done: int, total: int) -> None:
        if not self._task.cancelled:
            self._task.progress.emit(done, total)


class Task(QObject):
    """One piece of background work. Lives on the GUI thread; its runnable runs in the pool.

    The application owns the task (so Python's garbage collector never deletes it inside its own
    slot); it deletes itself with ``deleteLater`` once it has delivered."""

    progress = Signal(int, int)
    # Emitted from the worker; the task lives on the GUI thread, so delivery is queued there.
    _succeeded = Signal(object)
    _raised = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(QCoreApplication.instance())
        self._on_done = on_done
        self._on_error = on_error
        self._cancel = threading.Event()
        self._parent_link: QMetaObject.Connection | None = None
        self._succeeded.connect(self._deliver_result)
        self._raised.connect(self._deliver_error)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop and drop its result; the function sees ``context.cancelled``."""
        self._cancel.set()

    def watch(self, parent: QObject) -> None:
        """Cancel when ``parent`` is destroyed."""
        self._parent_link = parent.destroyed.connect(self.cancel)

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        try:
            if not self.cancelled:
                self._on_done(value)
        finally:
            self._retire()

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        try:
            if not self.cancelled:
                self._on_error(error)
        finally:
            self._retire()

    def _retire(self) -> None:
        """Let go of the callbacks (they may hold the last reference to a widget, which must
        not die inside this task's destructor) and of the parent, then go."""
        self._on_done = _ignore
        self._on_error = _ignore
        if self._parent_link is not None:
            QObject.disconnect(self._parent_link)
            self._parent_link = None
        _active.discard(self)
        self.deleteLater()


def _ignore(_value: object) -> None:
    pass


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._task = task
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # delivered to on_error on the GUI thread
            self._task._raised.emit(error)
        else:
            self._task._succeeded.emit(result)


def run_in_background(
    fn: Callable[..., Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    parent: QObject | None,
    on_progress: Callable[[int, int], None] | None = None,
    with_context: bool = False,
    pool: QThreadPool | None = None,
) -> Task:
    """Run ``fn`` off the GUI thread; call ``on_done(result)`` or ``on_error(exception)`` on the
    GUI thread. When ``parent`` is destroyed first, nothing is delivered. ``pool`` defaults to the
    serial workspace pool."""
    task = Task(on_done, on_error)
    if parent is not None:
        task.watch(parent)
    if on_progress is not None:
        task.progress.connect(on_progress)
    work: Callable[[], Any] = (lambda: fn(TaskContext(task))) if with_context else fn
    _active.add(task)
    (pool or serial_pool()).start(_Runnable(task, work))
    return task
