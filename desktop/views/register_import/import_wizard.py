"""The register import wizard: choose a CSV file, check and preview every row, then import all
of them in one transaction (or none), with progress and a Cancel that imports nothing.
``imported(count)`` is emitted once the cases are in."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from desktop.domain.services.disputes import RegisterDispute
from desktop.views.register_import.file_page import FilePage
from desktop.views.register_import.import_page import ImportPage
from desktop.views.register_import.preview_page import PreviewPage
from desktop.workspace import OpenWorkspace


class PageId(IntEnum):
    FILE = 0
    PREVIEW = 1
    IMPORT = 2


class ImportWizard(QWizard):
    imported = Signal(int)

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a register"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(workspace, self.file_page.path, self)
        self.import_page = ImportPage(workspace, self._commands, self)
        self.setPage(PageId.FILE, self.file_page)
        self.setPage(PageId.PREVIEW, self.preview_page)
        self.setPage(PageId.IMPORT, self.import_page)
        self.import_page.imported.connect(self.imported)
        self.resize(900, 600)

    def _commands(self) -> list[RegisterDispute]:
        return list(self.preview_page.commands or [])

    def reject(self) -> None:
        if self.import_page.working:
            self.import_page.cancel()  # rolls the whole import back; the page says so
            return
        super().reject()
