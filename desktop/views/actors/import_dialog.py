"""Import a list of actors from CSV (the starter list, or the committee's own): every row is
checked in the background and shown before anything is written; a file with problems shows
them by line and column and cannot be imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.actor_csv import COLUMNS, STARTER_LIST, read_actors
from desktop.domain.services.actors import (
    ActorImportError,
    ImportResult,
    ImportRow,
    duplicate_rows,
    import_actors,
    list_actors,
)
from desktop.tasks import run_in_background
from desktop.views.actors.import_models import ImportPreviewModel, ImportProblemsModel
from desktop.views.errors import error_text
from desktop.views.widgets.dialog_footer import add_dialog_footer
from desktop.workspace import OpenWorkspace


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ActorImportDialog(QDialog):
    imported = Signal(object)  # ImportResult
    checked = Signal()  # a file was read and checked (rows or problems are showing)

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._rows: list[ImportRow] = []
        self._new = 0
        self.setWindowTitle(self.tr("Import a list of actors"))
        intro = QLabel(
            self.tr(
                "Choose a CSV file (UTF-8, values separated by commas or semicolons) whose first "
                "line names the columns: %1. Only name and kind are needed; kind is a kind from "
                "the directory, by name or code. Actors already in the directory are skipped."
            ).replace("%1", ", ".join(COLUMNS)),
            self,
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose a file\u2026"), self)
        self.starter_button = QPushButton(self.tr("Use the starter list"), self)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("pageText")
        choose = QHBoxLayout()
        choose.setSpacing(8)
        choose.addWidget(self.choose_button)
        choose.addWidget(self.starter_button)
        choose.addWidget(self.file_label, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.preview_model = ImportPreviewModel(workspace.taxonomy, self)
        self.preview = _table(self, "actorImportPreview")
        self.preview.setModel(self.preview_model)
        self.problems_model = ImportProblemsModel(self)
        self.problems = _table(self, "actorImportProblems")
        self.problems.setModel(self.problems_model)
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problems, 1)
        self.busy, self.message, self.buttons, self.ok_button = add_dialog_footer(
            self,
            layout,
            ok_text=self.tr("Import"),
            cancel_text=self.tr("Cancel"),
            submit=self.submit,
        )
        self.ok_button.setEnabled(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.starter_button.clicked.connect(lambda: self.load(STARTER_LIST))
        metrics = self.fontMetrics()
        self.resize(metrics.horizontalAdvance("M") * 66, metrics.lineSpacing() * 30)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a list of actors"), "", self.tr("CSV files (*.csv)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read and check ``path`` in the background; ``checked`` fires when it is shown."""
        workspace = self._workspace
        self.file_label.setText(path.name)
        self._set_busy(True)
        self.message.clear_message()

        def check() -> tuple[list[ImportRow], list[bool]]:
            rows = read_actors(path, workspace.taxonomy)
            existing = list_actors(workspace.unit_of_work(), workspace.actor)
            return rows, duplicate_rows(rows, existing)

        run_in_background(check, on_done=self._show_rows, on_error=self._show_problems, parent=self)

    def _show_rows(self, result: object) -> None:
        assert isinstance(result, tuple)
        rows, duplicates = result
        self._set_busy(False)
        self._rows = rows
        self._new = duplicates.count(False)
        self.preview_model.set_rows(rows, duplicates)
        self.problems.hide()
        self.preview.show()
        skipped = len(rows) - self._new
        self.summary.setText(
            self.tr("%n actor(s) in the file:", "", len(rows))
            + " "
            + self.tr("%1 new, %2 already in the directory.")
            .replace("%1", str(self._new))
            .replace("%2", str(skipped))
        )
        self.ok_button.setText(self.tr("Import %n actor(s)", "", self._new))
        self.ok_button.setEnabled(self._new > 0)
        self.checked.emit()

    def _show_problems(self, error: BaseException) -> None:
        self._set_busy(False)
        self._rows, self._new = [], 0
        self.preview_model.set_rows([], [])
        self.problems_model.set_problems([])
        self.ok_button.setText(self.tr("Import"))
        self.ok_button.setEnabled(False)
        if isinstance(error, ActorImportError):
            self.problems_model.set_problems(error.problems)
            self.preview.hide()
            self.problems.show()
            self.summary.setText(
                self.tr(
                    "%n problem(s) in the file. Correct them in the file and choose it again; "
                    "nothing is imported while there are problems.",
                    "",
                    len(error.problems),
                )
            )
        elif isinstance(error, OSError):
            self.summary.clear()
            self.message.show_error(self.tr("The file could not be read."))
        else:
            self.summary.clear()
            self.message.show_error(error_text(error))
        self.checked.emit()

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        rows, workspace = self._rows, self._workspace
        self._set_busy(True)
        run_in_background(
            lambda: import_actors(
                workspace.unit_of_work(), workspace.actor, workspace.clock, workspace.taxonomy, rows
            ),
            on_done=self._imported,
            on_error=self._failed,
            parent=self,
        )

    def _imported(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self._set_busy(False)
        self.imported.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.ok_button.setEnabled(self._new > 0)
        self.message.show_error(error_text(error))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for button in (self.choose_button, self.starter_button):
            button.setEnabled(not busy)
        if busy:
            self.ok_button.setEnabled(False)

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
