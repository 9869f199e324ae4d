"""Open the workspace with the recovery key when a passphrase is forgotten, and set a new one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.widgets.dialog_footer import add_dialog_footer
from desktop.views.widgets.new_passphrase_fields import NewPassphraseFields
from desktop.workspace import OpenWorkspace, Throttled, Workspace, WrongPassphrase


class RecoveryDialog(QDialog):
    recovered = Signal(object)  # OpenWorkspace

    def __init__(
        self, workspace: Workspace, *, username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWindowTitle(self.tr("Use the recovery key"))
        intro = QLabel(
            self.tr(
                "Type the recovery key from the recovery sheet, your username, and a new "
                "passphrase. The old passphrase stops working."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("recoveryKey")
        self.key_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.username_edit = QLineEdit(username, self)
        self.username_edit.setObjectName("username")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Recovery key"), self.key_edit)
        form.addRow(self.tr("Username"), self.username_edit)
        self.passphrase = NewPassphraseFields(form, self, self.tr("New passphrase"))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.busy, self.message, self.buttons, self.ok_button = add_dialog_footer(
            self,
            layout,
            ok_text=self.tr("Open the workspace"),
            cancel_text=self.tr("Cancel"),
            submit=self.submit,
        )
        for signal in (self.key_edit.textChanged, self.username_edit.textChanged):
            signal.connect(self._update)
        self.passphrase.changed.connect(self._update)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 42, self.sizeHint().height())
        self._update()

    def _update(self) -> None:
        self.passphrase.set_username(self.username_edit.text().strip().lower())
        self.ok_button.setEnabled(
            not self.busy.isVisible()
            and bool(self.key_edit.text().strip())
            and bool(self.username_edit.text().strip())
            and self.passphrase.is_acceptable()
        )

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        key = " ".join(self.key_edit.text().split())
        username = self.username_edit.text().strip().lower()
        passphrase = self.passphrase.passphrase()
        workspace = self._workspace
        self.busy.show()
        self.message.clear_message()
        self._update()
        run_in_background(
            lambda: workspace.recover(key, username, passphrase),
            on_done=self._opened,
            on_error=self._failed,
            parent=self,
        )

    def _opened(self, opened: OpenWorkspace) -> None:
        self.busy.hide()
        self.passphrase.clear()
        self.recovered.emit(opened)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self._update()
        if isinstance(error, Throttled):
            self.message.show_error(
                self.tr("Too many wrong tries. Wait %1 seconds, then try again.").replace(
                    "%1", str(max(1, round(error.wait_seconds)))
                )
            )
        elif isinstance(error, WrongPassphrase):
            self.message.show_error(
                self.tr("The recovery key or the username is not right. Check them and try again.")
            )
        else:
            self.message.show_error(error_text(error))

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
