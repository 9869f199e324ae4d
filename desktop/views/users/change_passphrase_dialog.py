"""Change my passphrase; also the forced change after signing in with a temporary one."""

from __future__ import annotations

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
from desktop.workspace import OpenWorkspace, WrongPassphrase


class ChangePassphraseDialog(QDialog):
    def __init__(
        self,
        workspace: OpenWorkspace,
        *,
        old_passphrase: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """With ``old_passphrase`` given (just typed at sign-in) the change is the forced one."""
        super().__init__(parent)
        self._workspace = workspace
        self._old = old_passphrase
        forced = old_passphrase is not None
        self.setWindowTitle(self.tr("Choose a new passphrase"))
        intro = QLabel(
            self.tr(
                "Your passphrase was set by the administrator. Choose your own now: only you "
                "should know it."
            )
            if forced
            else self.tr("Type your current passphrase, then the new one twice."),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(10)
        self.old_edit = QLineEdit(self)
        self.old_edit.setObjectName("oldPassphrase")
        self.old_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if not forced:
            form.addRow(self.tr("Current passphrase"), self.old_edit)
        self.old_edit.setVisible(not forced)
        self.passphrase = NewPassphraseFields(form, self, self.tr("New passphrase"))
        self.passphrase.set_username(workspace.actor.username)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.busy, self.message, self.buttons, self.ok_button = add_dialog_footer(
            self,
            layout,
            ok_text=self.tr("Change passphrase"),
            cancel_text=self.tr("Sign out") if forced else self.tr("Cancel"),
            submit=self.submit,
        )
        self.old_edit.textChanged.connect(self._update)
        self.passphrase.changed.connect(self._update)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, self.sizeHint().height())
        self._update()

    def _old_passphrase(self) -> str:
        return self._old if self._old is not None else self.old_edit.text()

    def _update(self) -> None:
        new = self.passphrase.passphrase()
        self.ok_button.setEnabled(
            not self.busy.isVisible()
            and bool(self._old_passphrase())
            and self.passphrase.is_acceptable()
            and new != self._old_passphrase()
        )

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        old, new = self._old_passphrase(), self.passphrase.passphrase()
        workspace = self._workspace
        self.busy.show()
        self.message.clear_message()
        self._update()
        run_in_background(
            lambda: workspace.change_passphrase(old, new),
            on_done=self._changed,
            on_error=self._failed,
            parent=self,
        )

    def _changed(self, _result: object) -> None:
        self.busy.hide()
        self._old = None
        self.passphrase.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self._update()
        if isinstance(error, WrongPassphrase):
            self.message.show_error(self.tr("The current passphrase is not right."))
        else:
            self.message.show_error(error_text(error))

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
