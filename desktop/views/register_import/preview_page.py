"""Import wizard, step 2: every row checked in the background, then either the cases as they
will be registered or every problem by line and column. Only a file without problems goes on
(this is the commit page: its button imports)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.services.disputes import RegisterDispute
from desktop.register_csv import RegisterFileError, parse_register
from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.register_import.preview_model import PreviewTableModel
from desktop.views.register_import.problems_model import ProblemsTableModel
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


def _table(parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PreviewPage(QWizardPage):
    def __init__(
        self, workspace: OpenWorkspace, path: Callable[[], Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._path = path
        self.commands: list[RegisterDispute] | None = None
        self.checking = False
        self.setTitle(self.tr("Check the cases"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.message = MessageLabel(self)
        self.preview_model = PreviewTableModel(workspace.taxonomy, self)
        self.preview = _table(self)
        self.preview.setObjectName("previewTable")
        self.preview.setModel(self.preview_model)
        self.problems_model = ProblemsTableModel(self)
        self.problems = _table(self)
        self.problems.setObjectName("problemsTable")
        self.problems.setModel(self.problems_model)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problems, 1)

    def initializePage(self) -> None:
        self.commands = None
        self.checking = True
        self.preview_model.set_rows([])
        self.problems_model.set_problems([])
        self.preview.hide()
        self.problems.hide()
        self.message.clear_message()
        self.busy.show()
        self.summary.setText(self.tr("Checking every row\u2026"))
        path, taxonomy, today = (
            self._path(),
            self._workspace.taxonomy,
            self._workspace.clock.today(),
        )
        run_in_background(
            lambda: parse_register(path.read_bytes(), taxonomy, today),
            on_done=self._checked,
            on_error=self._failed,
            parent=self,
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.commands)

    def _checked(self, commands: object) -> None:
        assert isinstance(commands, list)
        self.checking = False
        self.busy.hide()
        self.commands = commands
        self.preview_model.set_rows(commands)
        self.preview.show()
        self.summary.setText(
            self.tr(
                "All %n row(s) are valid. This is how the cases will be registered; they are "
                "numbered in the order they were received. Press Import to register them.",
                "",
                len(commands),
            )
        )
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.checking = False
        self.busy.hide()
        if isinstance(error, RegisterFileError):
            self.problems_model.set_problems(error.problems)
            self.problems.show()
            self.summary.setText(
                self.tr(
                    "%n problem(s) found. Nothing will be imported: correct the file, save it "
                    "and go back to choose it again.",
                    "",
                    len(error.problems),
                )
            )
        elif isinstance(error, OSError):
            self.summary.setText(self.tr("The file could not be read."))
            self.message.show_error(self.tr("Check that the file exists and is not open."))
        else:
            self.summary.setText(self.tr("The file could not be checked."))
            self.message.show_error(error_text(error))
        self.completeChanged.emit()
