"""One benchmark child: show a first window, quit at its first paint.

``python -m tests.bench.paint_child bare`` shows a bare PySide6 window of similar content;
``python -m tests.bench.paint_child signin FOLDER`` shows Suluhu's real first window through the
bootstrap for the workspace in FOLDER. The parent times the whole process.
"""

from __future__ import annotations

import sys


def _quit_on_first_paint(window: object) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, QApplication.quit)
            return False

    watcher = Watcher()
    window.installEventFilter(watcher)  # type: ignore[attr-defined]
    window._bench_watcher = watcher  # type: ignore[attr-defined]


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

    app = QApplication(sys.argv)
    window = QWidget()
    form = QFormLayout(window)
    form.addRow(QLabel("Suluhu"))
    form.addRow("User", QLineEdit())
    form.addRow("Passphrase", QLineEdit())
    form.addRow(QPushButton("Sign in"))
    _quit_on_first_paint(window)
    window.show()
    return app.exec()


def signin(folder: str) -> int:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from desktop.bootstrap import show_first_window

    app = QApplication(sys.argv)
    controller = show_first_window(Path(folder))
    assert controller.window is not None
    _quit_on_first_paint(controller.window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else signin(sys.argv[2]))
