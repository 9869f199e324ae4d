"""The recovery key with a button to save the recovery sheet and a tick box to confirm it.

Used by the first-run wizard and by "New recovery key". reportlab loads only when saving (inside
write_recovery_sheet), off the GUI thread.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.reports.recovery_sheet import SheetTexts, write_recovery_sheet
from desktop.tasks import run_in_background
from desktop.views.widgets.message_label import MessageLabel
from desktop.views.widgets.recovery_key_view import RecoveryKeyView


class RecoverySheetPanel(QWidget):
    confirmed_changed = Signal(bool)
    sheet_saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._committee_name = ""
        self._recovery_key = ""
        self._fingerprint = ""
        self._created_on = date.today()
        self._saved_path: Path | None = None

        self.explanation = QLabel(
            self.tr(
                "This recovery key opens the workspace if every passphrase is forgotten. "
                "It is shown only now. Save the recovery sheet and print it, or write the key "
                "on paper, and keep it locked away from the laptop."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.key_view = RecoveryKeyView(parent=self)
        self.save_button = QPushButton(self.tr("Save recovery sheet (PDF)\u2026"), self)
        self.save_button.setObjectName("saveSheet")
        self.open_button = QPushButton(self.tr("Open it to print"), self)
        self.open_button.hide()
        self.status = MessageLabel(self)
        self.confirm_box = QCheckBox(self.tr("I have saved or printed the recovery sheet"), self)
        self.confirm_box.setObjectName("confirmSaved")

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.explanation)
        layout.addWidget(self.key_view)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.confirm_box)

        self.save_button.clicked.connect(self.choose_file)
        self.open_button.clicked.connect(self._open_saved)
        self.confirm_box.toggled.connect(self.confirmed_changed)

    def set_key(
        self,
        committee_name: str,
        recovery_key: str,
        fingerprint: str = "",
        created_on: date | None = None,
    ) -> None:
        self._committee_name = committee_name
        self._recovery_key = recovery_key
        self._fingerprint = fingerprint
        self._created_on = created_on or date.today()
        self.key_view.set_key(recovery_key)
        self.confirm_box.setChecked(False)

    def is_confirmed(self) -> bool:
        return self.confirm_box.isChecked()

    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.tr("Suluhu recovery sheet") + ".pdf"
        dialog = QFileDialog(self, self.tr("Save the recovery sheet"), os.path.join(folder, name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_sheet_to)
        dialog.open()

    def save_sheet_to(self, path: str) -> None:
        """Write the sheet in the background; ``sheet_saved`` tells when it is on disk."""
        texts = self._texts()
        committee, key = self._committee_name, self._recovery_key
        fingerprint, created_on = self._fingerprint, self._created_on
        self.save_button.setEnabled(False)
        self.status.show_info(self.tr("Saving\u2026"))
        run_in_background(
            lambda: write_recovery_sheet(
                path, committee, key, created_on, fingerprint, texts=texts
            ),
            on_done=self._saved,
            on_error=self._save_failed,
            parent=self,
        )

    def _texts(self) -> SheetTexts:
        return SheetTexts(
            title=self.tr("Suluhu recovery sheet"),
            committee=self.tr("Committee"),
            created_on=self.tr("Created on"),
            key_heading=self.tr("Recovery key"),
            instructions=(
                self.tr("Keep this sheet locked away, apart from the laptop."),
                self.tr(
                    "With this key the workspace can be opened even if every passphrase is "
                    "forgotten: anyone who holds it can read every case."
                ),
                self.tr(
                    "To use it, choose \u201cForgot the passphrase?\u201d on the sign-in "
                    "window, and type the key with your username and a new passphrase."
                ),
                self.tr("If a new recovery key is made, this sheet stops working: destroy it."),
            ),
            fingerprint=self.tr("Export-signing key fingerprint"),
        )

    def _saved(self, path: object) -> None:
        self._saved_path = Path(str(path))
        self.save_button.setEnabled(True)
        self.open_button.show()
        self.status.show_info(
            self.tr(
                "The recovery sheet is saved in %1. Print it, then keep the paper safe."
            ).replace("%1", str(self._saved_path))
        )
        self.sheet_saved.emit(str(self._saved_path))

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.show_error(
            self.tr("The recovery sheet could not be saved: %1").replace("%1", str(error))
        )

    def _open_saved(self) -> None:
        if self._saved_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._saved_path)))
