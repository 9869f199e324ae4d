"""The programme hub's window (docs/hub.md): drop committees' signed exports to import them in
the background, see one row per file, confirm new and changed committee keys, and see the
committees the hub knows; three tabs: Dashboard (the default), Import and Committees.

All hub work runs on the serial worker (desktop.tasks); the window stays responsive through an
import of hundreds of files. Files refused for an unconfirmed key are imported again once the
officer confirms that key (``confirm_key``, replaced by tests). After an import that changed
the hub, the dashboard is built again."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import tasks
from desktop.domain.services.hub_import import (
    Duplicate,
    ImportOptions,
    RefusalCode,
    Refused,
    Superseded,
)
from desktop.hub_files import export_files
from desktop.views.errors import error_text
from desktop.views.hub.committees_model import HubCommitteesModel
from desktop.views.hub.dashboard_page import DashboardPage
from desktop.views.hub.drop_area import HubDropArea
from desktop.views.hub.key_prompt import KeyQuestion, ask_key
from desktop.views.hub.results_model import HubResultsModel
from desktop.views.idle_watcher import IdleWatcher
from desktop.workspace import HubCommittee, HubFileResult, HubWorkspace, ImportStopped

IDLE_LOCK_MINUTES = 5  # as the casebook's default
BATCH = 20  # files per transaction: one flush to disk each, and a Cancel within a second
_KEY_CODES = (RefusalCode.UNKNOWN_KEY, RefusalCode.KEY_CHANGED)


@dataclass(frozen=True)
class _Run:
    """What one import run did: its files' results, how many files it had, and why it
    stopped early (``cancelled``, or ``stopped``: the message of a batch that failed)."""

    results: list[HubFileResult]
    total: int
    stopped: str = ""
    cancelled: bool = False


class HubWindow(QMainWindow):
    locked = Signal()  # Lock, Ctrl+L or idle: whoever opened the hub closes it and asks again

    def __init__(
        self,
        hub: HubWorkspace,
        parent: QWidget | None = None,
        *,
        idle_lock_ms: int = IDLE_LOCK_MINUTES * 60_000,
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self._locking = False
        self.confirm_key: Callable[[KeyQuestion], bool] = lambda q: ask_key(self, q)
        self._confirmed: set[tuple[str, str]] = set()  # (committee, fingerprint)
        self._refused_keys: set[tuple[str, str]] = set()
        self._task: tasks.Task | None = None
        self._stop = threading.Event()
        self.setWindowTitle(self.tr("Suluhu programme hub"))
        self.resize(1100, 720)

        self.title = QLabel(self.tr("Import committee exports"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.folder_label = QLabel(self.tr("Hub: %1").replace("%1", str(hub.folder)))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.drop_area = HubDropArea()
        self.drop_area.paths_chosen.connect(self.import_paths)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setVisible(False)
        self.cancel_button.setToolTip(
            self.tr("Stop after the files being imported now; the rest are not read.")
        )
        self.cancel_button.clicked.connect(self.cancel_import)
        self.status = QLabel(self.tr("No files imported in this session yet."))
        self.status.setWordWrap(True)

        self.results = HubResultsModel(self)
        self.results_view = self._table(self.results)
        self.committees = HubCommitteesModel(self)
        self.dashboard = DashboardPage(hub)

        importing = QWidget()
        layout = QVBoxLayout(importing)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.drop_area)
        progress_line = QHBoxLayout()
        progress_line.addWidget(self.progress, 1)
        progress_line.addWidget(self.cancel_button)
        layout.addLayout(progress_line)
        layout.addWidget(self.status)
        layout.addWidget(self._section(self.tr("Files"), self.results_view), 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.tabs.addTab(importing, self.tr("Import"))
        self.tabs.addTab(self._committees_page(), self.tr("Committees"))
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Close the hub until its passphrase is typed again"))
        self.lock_button.clicked.connect(self.lock)
        self.tabs.setCornerWidget(self.lock_button)
        self.setCentralWidget(self.tabs)
        self.lock_action = QAction(self.tr("Lock"), self)
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self.idle = IdleWatcher(idle_lock_ms, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self.refresh_committees()
        self.dashboard.reload()

    def _committees_page(self) -> QWidget:
        """The Committees tab: one widget, the committees list with its editing panel."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 10, 20, 16)
        from desktop.views.hub.committees_panel import HubCommitteesPanel

        self.committees_panel = HubCommitteesPanel(self.hub, self.committees)
        self.committees_view = self.committees_panel.view  # the window's model, edited here
        self.committees_panel.committee_saved.connect(lambda _p: self.dashboard.reload())
        layout.addWidget(self.committees_panel)
        from desktop.views.hub.backup_panel import HubBackupPanel

        self.backup_panel = HubBackupPanel(self.hub)  # "Back up hub…"
        layout.addSpacing(8)
        layout.addWidget(self.backup_panel)
        return page

    def _table(self, model: HubResultsModel | HubCommitteesModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return view

    def _section(self, heading: str, table: QTableView) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        label = QLabel(heading)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setBuddy(table)
        layout.addWidget(label)
        layout.addWidget(table)
        return box

    # -- importing ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None

    def import_paths(self, paths: list[Path]) -> None:
        """Import the files (and the exports in the folders) in the background."""
        if self.busy:
            return
        self.results.replace_items([])
        self._run(paths, expand=True, replacing=None)

    def _run(self, paths: list[Path], *, expand: bool, replacing: list[int] | None) -> None:
        hub = self.hub
        options = ImportOptions(confirmed_keys=frozenset(self._confirmed))
        stop = self._stop = threading.Event()  # Cancel: stop after the batch, keep results

        def work(context: tasks.TaskContext) -> _Run:
            files = export_files(paths) if expand else paths
            done: list[HubFileResult] = []
            try:
                for start in range(0, len(files), BATCH):
                    if context.cancelled or stop.is_set():
                        return _Run(done, len(files), cancelled=True)
                    context.report(start, len(files))
                    done.extend(hub.import_files(files[start : start + BATCH], options))
            except ImportStopped as stopped:  # the files before it are imported: show them
                return _Run([*done, *stopped.done], len(files), str(stopped))
            context.report(len(done), len(files))
            return _Run(done, len(files))

        self._set_busy(True)
        self._task = tasks.run_in_background(
            work,
            with_context=True,
            on_done=lambda run: self._imported(run, replacing),
            on_error=self._failed,
            on_progress=self._progressed,
            parent=self,
        )

    def cancel_import(self) -> None:
        if self._task is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping after the files being imported now…"))

    def _set_busy(self, busy: bool) -> None:
        self.drop_area.set_busy(busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Importing…"))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Importing file %1 of %2…").replace("%1", str(min(done + 1, total)))
            .replace("%2", str(total))
        )  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        self._task = None
        if self._locking:
            return
        self._set_busy(False)
        self.status.setText(
            self.tr("The import stopped: %1 Files imported before it stay imported.").replace(
                "%1", error_text(error)
            )
        )
        self.refresh_committees()
        self.dashboard.reload()

    def _imported(self, run: _Run, replacing: list[int] | None) -> None:
        self._task = None
        if self._locking:  # the hub is being closed: ask nothing, start nothing
            return
        self._set_busy(False)
        results = run.results
        rows = self.results.results()
        if replacing is None:
            rows = list(results)
        else:
            for row, result in zip(replacing, results, strict=False):
                rows[row] = result
        self.results.replace_items(rows)
        self._summarise(rows)
        self.refresh_committees()
        if any(not isinstance(r.decision, Refused | Duplicate) for r in results):
            self.dashboard.reload()
        if run.cancelled or run.stopped:
            left = run.total - len(results)
            text = (
                self.tr("Cancelled: %n file(s) left unread.", "", left)
                if run.cancelled
                else run.stopped
            )
            self.status.setText(f"{self.status.text()} {text}")
            return
        again = self._ask_keys(rows)
        if again:
            self._run([rows[r].path for r in again], expand=False, replacing=again)

    def _ask_keys(self, rows: list[HubFileResult]) -> list[int]:
        """Ask once per (committee, key) refused for its key; the rows to import again."""
        waiting: dict[tuple[str, str], list[int]] = {}
        reasons: dict[tuple[str, str], Refused] = {}
        for row, result in enumerate(rows):
            decision = result.decision
            if isinstance(decision, Refused) and decision.code in _KEY_CODES:
                key = (result.committee, result.fingerprint)
                if result.fingerprint and key not in self._refused_keys:
                    waiting.setdefault(key, []).append(row)
                    reasons[key] = decision
        known = {c.pseudonym: c.fingerprint for c in self.committees._items}
        again: list[int] = []
        for (committee, fingerprint), numbers in waiting.items():
            changed = reasons[(committee, fingerprint)].code is RefusalCode.KEY_CHANGED
            trusted = known.get(committee, "") if changed else ""
            question = KeyQuestion(committee, fingerprint, changed, trusted, len(numbers))
            if self.confirm_key(question):
                self._confirmed.add((committee, fingerprint))
                again.extend(numbers)
            else:
                self._refused_keys.add((committee, fingerprint))
        return sorted(again)

    def _summarise(self, rows: list[HubFileResult]) -> None:
        tally: Counter[str] = Counter()
        for result in rows:
            decision = result.decision
            if isinstance(decision, Refused):
                tally["refused"] += 1
            elif isinstance(decision, Duplicate):
                tally["duplicate"] += 1
            elif isinstance(decision, Superseded):
                tally["replaced"] += 1
            else:
                tally["imported"] += 1
        if not rows:
            self.status.setText(self.tr("No export files were found; nothing was changed."))
            return
        text = self.tr(
            "%1 files: %2 imported, %3 replaced an earlier sequence, %4 duplicates, %5 refused."
        )
        for marker, value in (
            ("%1", len(rows)),
            ("%2", tally["imported"]),
            ("%3", tally["replaced"]),
            ("%4", tally["duplicate"]),
            ("%5", tally["refused"]),
        ):
            text = text.replace(marker, str(value))
        self.status.setText(text)

    # -- committees -----------------------------------------------------------------------

    def refresh_committees(self) -> None:
        if self._locking:
            return
        tasks.run_in_background(
            self.hub.committees,
            on_done=self._show_committees,
            on_error=lambda _error: None,
            parent=self,
        )

    def _show_committees(self, committees: list[HubCommittee]) -> None:
        self.committees.replace_items(committees)

    def lock(self) -> None:
        """Stop after the batch being imported, and hand the hub back to be closed."""
        if self._locking:
            return
        self._locking = True
        self.idle.stop()
        self._stop.set()
        self.dashboard.setEnabled(False)
        self.backup_panel.stop()
        # a question, a dialog or a file chooser left open would act on the closed hub
        while (modal := QApplication.activeModalWidget()) is not None and modal is not self:
            modal.close()
            if QApplication.activeModalWidget() is modal:  # refused to close
                modal.hide()
        self.locked.emit()

    def closeEvent(self, event: object) -> None:
        self.idle.stop()
        if self._task is not None:
            self._task.cancel()
        super().closeEvent(event)  # type: ignore[arg-type]
