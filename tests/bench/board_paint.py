"""The referral board page painted with 20,000 open referrals, against the reference: the board's
own SQL fetched on the raw sqlcipher3 connection and shown in a bare QTableView (tuples as they
are: no domain rows, no groups, no labels), painted at the same size.

The workspace comes from tests.bench.referral_board.build_board_workspace. Run alone:
``python -m tests.bench.board_paint``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from PySide6.QtCore import QAbstractTableModel, QEventLoop, QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from tests.bench.referral_board import _sign_in, build_board_workspace  # noqa: E402
from tests.bench.run import result  # noqa: E402

SIZE = (1146, 728)  # the page inside the main window at 1366x768
COLUMNS = 10
TARGET = 1.6


class BareModel(QAbstractTableModel):
    """The reference: the fetched tuples shown as they are."""

    def __init__(self, rows: list[Any]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        return str(row[index.column()]) if index.column() < len(row) else ""


def _app() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def _raw_rows(opened: Any) -> list[tuple[Any, ...]]:
    """The board's own SQL (every open referral the administrator sees), on the raw connection."""
    from desktop.domain.model.case_list import CaseScope
    from desktop.domain.model.referral_board import BoardFilter
    from storage.repositories.referrals import board_statement

    statement = board_statement(BoardFilter(), CaseScope.of(opened.actor))
    engine = opened._require_engine()
    with engine.connect() as connection:
        sql = str(statement.compile(connection, compile_kwargs={"literal_binds": True}))
        raw = connection.connection.dbapi_connection
        return raw.execute(sql).fetchall()  # type: ignore[no-any-return]


def _bare_view(rows: list[Any]) -> QTableView:
    view = QTableView()
    view.setModel(BareModel(rows))
    view.resize(*SIZE)
    view.show()
    return view


def _page(opened: Any) -> Any:
    from desktop.views.referrals.board_page import ReferralBoardPage

    page = ReferralBoardPage(opened)
    page.resize(*SIZE)
    loop = QEventLoop()
    page.loaded.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    page.show()
    loop.exec()
    page.loaded.disconnect(loop.quit)
    return page


def _close(*widgets: Any) -> None:
    from desktop import tasks

    tasks.wait_for_all()
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


def board_paint(folder: Path, runs: int = 5) -> list[dict[str, object]]:
    """The page painted after the board is read vs raw fetch + bare table paint (median)."""
    app = _app()
    measured, reference = [], []
    opened = _sign_in(folder)
    try:
        warm = _page(opened)  # warm the page cache and the imports for both sides
        count = warm.model.total()
        _close(warm)
        for _ in range(runs):
            start = time.perf_counter()
            page = _page(opened)
            page.table.viewport().grab()
            measured.append(time.perf_counter() - start)
            assert page.model.total() == count
            _close(page)
            start = time.perf_counter()
            view = _bare_view(_raw_rows(opened))
            view.viewport().grab()
            reference.append(time.perf_counter() - start)
            _close(view)
    finally:
        opened.close()
    app.processEvents()
    return [
        result(
            f"referral board page, {count} open referrals, painted vs raw SQLCipher fetch + "
            "bare table paint (s)",
            statistics.median(measured),
            statistics.median(reference),
            TARGET,
        )
    ]


def board_benchmarks(folder: Path) -> list[dict[str, object]]:
    """Build the 20,000-referral workspace in ``folder`` (which must not exist), then measure."""
    build_board_workspace(folder)
    return board_paint(folder)


def main() -> int:
    import shutil

    scratch = Path(tempfile.mkdtemp(prefix="suluhu-bench-board-"))
    try:
        for row in board_benchmarks(scratch / "workspace"):
            print(row)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
