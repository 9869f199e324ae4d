"""Case list benchmarks on the demo workspace, each a ratio against a reference in the same run.

    list_paint(folder)   list painted after unlock vs raw SQLCipher fetch + bare QTableView paint
    search(folder)       keystroke to repainted list vs a 200-row model reset (median, worst letter)
    sort(folder)         sorting the loaded list by a column vs a Python sort of the same rows
    memory(folder)       Python memory with the list loaded vs a bare table of the same rows

Each takes the demo workspace folder (signed in as tests.bench.run.USER) and returns rows in the
format of tests.bench.run.result. Times exclude the 150 ms typing debounce, which is a deliberate
wait, not work. Memory is measured with tracemalloc, which sees only Python's allocators: the
SQLCipher page cache is SQLite's own malloc, so it is excluded by construction from both sides.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from operator import itemgetter  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from PySide6.QtCore import QAbstractTableModel, QEventLoop, QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from tests.bench.run import PASSPHRASE, USER, median_time, result  # noqa: E402

SIZE = (1146, 728)  # the page inside the main window at 1366x768
SEARCHES = ("a", "o", "j", "am", "ach", "wanj", "otieno", "amina moh", "kbr-2026-01", "0042")


class BareModel(QAbstractTableModel):
    """The reference: tuples shown as they are, no labels, no sorting."""

    def __init__(self, rows: list[Any], columns: int) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.columns

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(self.rows[index.row()][index.column() + 1])

    def reset(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


def _app() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


@contextmanager
def _signed_in(folder: Path) -> Iterator[Any]:
    from keyring.backends.fail import Keyring

    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace

    opened = SqlCipherWorkspace(folder, secrets=DeviceSecretStore(Keyring())).sign_in(
        USER, PASSPHRASE
    )
    try:
        yield opened
    finally:
        opened.close()


def _raw_rows(opened: Any) -> list[tuple[Any, ...]]:
    """The list's own SQL, run on the raw sqlcipher3 connection (no SQLAlchemy, no model)."""
    from desktop.domain.model.case_list import CaseFilter, CaseScope
    from storage.repositories.case_list import d, list_statement

    statement = list_statement(CaseFilter(), CaseScope.of(opened.actor)).order_by(d.c.id.desc())
    engine = opened._require_engine()
    with engine.connect() as connection:
        sql = str(statement.compile(connection, compile_kwargs={"literal_binds": True}))
        raw = connection.connection.dbapi_connection
        return raw.execute(sql).fetchall()  # type: ignore[no-any-return]


def _bare_view(rows: list[Any]) -> tuple[QTableView, BareModel]:
    model = BareModel(rows, 9)
    view = QTableView()
    view.setModel(model)
    view.resize(*SIZE)
    view.show()
    return view, model


def _wait(page: Any) -> None:
    loop = QEventLoop()
    page.loaded.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    page.loaded.disconnect(loop.quit)


def _page(opened: Any) -> Any:
    from desktop.views.cases.case_list_page import CaseListPage

    page = CaseListPage(opened)
    page.resize(*SIZE)
    page.show()
    _wait(page)
    return page


def _close(*widgets: Any) -> None:
    from desktop import tasks

    tasks.wait_for_all()
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


def list_paint(folder: Path, runs: int = 5) -> list[dict[str, object]]:
    app = _app()
    measured, reference = [], []
    with _signed_in(folder) as opened:
        _close(_page(opened))  # warm the page cache and imports for both sides
        for _ in range(runs):
            start = time.perf_counter()
            page = _page(opened)
            page.table.viewport().grab()
            measured.append(time.perf_counter() - start)
            _close(page)
            start = time.perf_counter()
            view, _model = _bare_view(_raw_rows(opened))
            view.viewport().grab()
            reference.append(time.perf_counter() - start)
            _close(view)
    app.processEvents()
    return [
        result(
            "case list painted after unlock vs raw SQLCipher fetch + bare table paint (s)",
            statistics.median(measured),
            statistics.median(reference),
            1.6,
        )
    ]


def search(folder: Path, runs: int = 3) -> list[dict[str, object]]:
    _app()
    with _signed_in(folder) as opened:
        page = _page(opened)
        view, model = _bare_view(_raw_rows(opened)[:200])
        rows200 = list(model.rows)

        def reset() -> None:
            model.reset(list(rows200))
            view.viewport().grab()

        reference = median_time(reset, 20)
        times: dict[str, float] = {}
        for text in SEARCHES:

            def keystroke(text: str = text) -> None:
                page.search.setText(text)
                page.refresh()  # what the debounce timer calls, without its wait
                _wait(page)
                page.table.viewport().grab()

            keystroke()
            times[text] = median_time(keystroke, runs)
            page.search.setText("")
            page.refresh()
            _wait(page)
        _close(page, view)
    letters = {t: s for t, s in times.items() if len(t) == 1}
    worst = max(letters, key=letters.__getitem__)
    return [
        result(
            "search keystroke to repainted list, median of queries vs 200-row model reset (s)",
            statistics.median(times.values()),
            reference,
            3.0,
        ),
        result(
            f"search keystroke, worst one-letter query ({worst!r}) vs 200-row model reset (s)",
            letters[worst],
            reference,
            6.0,
        ),
    ]


def sort(folder: Path, runs: int = 7) -> list[dict[str, object]]:
    from desktop.views.cases.case_list_model import _FIELD, Column

    _app()
    rows_out = []
    with _signed_in(folder) as opened:
        page = _page(opened)
        header = page.table.horizontalHeader()
        rows = list(page.model.rows())
        for column in (Column.COMPLAINANTS, Column.STATUS):
            field = itemgetter(_FIELD[column])
            measured, reference = [], []
            for seed in range(runs):  # ours and the reference alternate on the same shuffles
                shuffled = random.Random(seed).sample(rows, len(rows))
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # unsorted again
                page.model.set_rows(list(shuffled))
                page.table.viewport().grab()
                start = time.perf_counter()
                # what a click on the header does (QTableView.sortByColumn sorts twice)
                header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
                measured.append(time.perf_counter() - start)  # sorted, view told (not painted)
                start = time.perf_counter()
                sorted(shuffled, key=field)
                reference.append(time.perf_counter() - start)
            name = f"sort the loaded list by {column.name.lower()} vs Python sort of its rows (s)"
            rows_out.append(
                result(name, statistics.median(measured), statistics.median(reference), 1.5)
            )
        _close(page)
    return rows_out


def _traced(action: Callable[[], object]) -> tuple[int, object]:
    gc.collect()
    tracemalloc.start()
    kept = action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, kept


def memory(folder: Path) -> list[dict[str, object]]:
    from desktop.domain.model.case_list import CaseFilter
    from desktop.views.cases import list_service
    from desktop.views.cases.case_list_model import CaseListModel

    _app()
    with _signed_in(folder) as opened:
        _raw_rows(opened)  # warm the page cache before either side is traced
        labels = {c.code: c.label for c in opened.taxonomy.categories}

        def ours() -> object:
            model = CaseListModel(labels)
            model.set_rows(list_service.list_cases(opened, CaseFilter()))
            return model

        def bare() -> object:
            return BareModel(_raw_rows(opened), 9)

        measured, kept = _traced(ours)
        del kept
        reference, kept = _traced(bare)
        del kept
    return [
        result(
            "peak Python memory loading the list vs a bare table of the same rows (MiB)",
            measured / 2**20,
            reference / 2**20,
            1.2,
        )
    ]


def all_benchmarks(folder: Path) -> list[dict[str, object]]:
    """Every case list benchmark, in order (for tests/bench/run.py)."""
    return [*list_paint(folder), *search(folder), *sort(folder), *memory(folder)]


if __name__ == "__main__":  # python -m tests.bench.case_list WORKSPACE_FOLDER
    import json
    import sys

    print(json.dumps(all_benchmarks(Path(sys.argv[1])), indent=2))
