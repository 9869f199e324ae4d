"""Reset a user's forgotten passphrase to a temporary one they must change."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.users import User
from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.widgets.dialog_footer import add_dialog_footer
from desktop.views.widgets.new_passphrase_fields import NewPassphraseFields
from desktop.workspace import OpenWorkspace


class ResetPassphraseDialog(QDialog):
    def __init__(self, workspace: OpenWorkspace, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._username = user.username
        self.setWindowTitle(self.tr("Reset a passphrase"))
        intro = QLabel(
            self.tr(
                "Choose a temporary passphrase for %1 and give it to them in person. They "
                "must choose their own when they next sign in."
            ).replace("%1", user.display_name),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(10)
        self.passphrase = NewPassphraseFields(form, self, self.tr("Temporary passphrase"))
        self.passphrase.set_username(user.username)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.busy, self.message, self.buttons, self.ok_button = add_dialog_footer(
            self,
            layout,
            ok_text=self.tr("Reset passphrase"),
            cancel_text=self.tr("Cancel"),
            submit=self.submit,
        )
        self.passphrase.changed.connect(self._update)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, self.sizeHint().height())
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.busy.isVisible() and self.passphrase.is_acceptable())

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        username, passphrase = self._username, self.passphrase.passphrase()
        workspace = self._workspace
        self.busy.show()
        self._update()
        run_in_background(
            lambda: workspace.reset_passphrase(username, passphrase),
            on_done=self._done,
            on_error=self._failed,
            parent=self,
        )

    def _done(self, _result: object) -> None:
        self.busy.hide()
        self.passphrase.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self._update()
        self.message.show_error(error_text(error))

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
