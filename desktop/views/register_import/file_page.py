"""Import wizard, step 1: choose the register file (CSV UTF-8, the README's template)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.register_csv import COLUMNS, REQUIRED


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose the register file"))
        intro = QLabel(
            self.tr(
                "Save the committee's register from the spreadsheet as \u201cCSV UTF-8\u201d, one "
                "case per row, with the template's header as its first line. Nothing is "
                "imported until every row has been checked and you confirm."
            ),
            self,
        )
        intro.setWordWrap(True)
        columns = QLabel(
            self.tr("Columns (%1 are required): %2")
            .replace("%1", ", ".join(REQUIRED))
            .replace("%2", ", ".join(COLUMNS)),
            self,
        )
        columns.setObjectName("pageText")
        columns.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("Register file"))
        self.browse_button = QPushButton(self.tr("Choose\u2026"), self)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(columns)
        layout.addLayout(row)
        layout.addStretch(1)
        self.browse_button.clicked.connect(self._browse)
        self.path_edit.textChanged.connect(self.completeChanged)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and self.path().is_file()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the register file"),
            str(self.path().parent) if self.path_edit.text().strip() else "",
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if chosen:
            self.path_edit.setText(chosen)
