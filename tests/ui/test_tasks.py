"""desktop.tasks: results come back on the GUI thread; errors too; cancelled work is dropped."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.tasks import TaskContext, active_tasks, run_in_background


def test_result_is_delivered_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: object) -> None:
        seen["value"] = value
        seen["gui"] = threading.current_thread()

    run_in_background(work, on_done=done, on_error=lambda e: None, parent=None)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["gui"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()
    assert active_tasks() == 0


def test_errors_go_to_on_error(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("no")

    run_in_background(work, on_done=lambda v: None, on_error=errors.append, parent=None)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_cancelled_task_delivers_nothing_and_the_work_sees_the_flag(qtbot: QtBot) -> None:
    started, release = threading.Event(), threading.Event()
    saw_cancel: list[bool] = []
    delivered: list[object] = []

    def work(context: TaskContext) -> str:
        started.set()
        release.wait(5)
        saw_cancel.append(context.cancelled)
        return "late"

    task = run_in_background(
        work, on_done=delivered.append, on_error=delivered.append, parent=None, with_context=True
    )
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: active_tasks() == 0)
    assert saw_cancel == [True]
    assert delivered == []


def test_destroyed_parent_cancels_delivery(qtbot: QtBot) -> None:
    release = threading.Event()
    delivered: list[object] = []
    parent = QObject()
    run_in_background(
        lambda: release.wait(5), on_done=delivered.append, on_error=delivered.append, parent=parent
    )
    parent.deleteLater()
    qtbot.waitSignal(parent.destroyed, timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: active_tasks() == 0)
    assert delivered == []


def test_progress_is_reported(qtbot: QtBot) -> None:
    steps: list[tuple[int, int]] = []

    def work(context: TaskContext) -> None:
        for i in range(3):
            context.report(i + 1, 3)

    run_in_background(
        work,
        on_done=lambda v: None,
        on_error=lambda e: None,
        on_progress=lambda done, total: steps.append((done, total)),
        parent=None,
        with_context=True,
    )
    qtbot.waitUntil(lambda: active_tasks() == 0)
    assert steps == [(1, 3), (2, 3), (3, 3)]
