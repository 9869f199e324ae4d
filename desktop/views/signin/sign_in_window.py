"""The sign-in window: the first thing anyone sees, so it imports only Qt widgets at load time.

The key derivation behind ``workspace.sign_in`` takes a noticeable moment, so it runs through
desktop.tasks off the GUI thread, with the button disabled and a busy bar showing.
"""

from __future__ import annotations

import html
import logging
import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.errors import log_unexpected
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import (
    KeyringState,
    OpenWorkspace,
    Throttled,
    Workspace,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceMissing,
    WrongPassphrase,
)

log = logging.getLogger(__name__)
KEYRING_CHECK_DELAY_MS = 300


class SignInWindow(QWidget):
    signed_in = Signal(object)  # OpenWorkspace

    def __init__(
        self, workspace: Workspace, *, username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._wait_until = 0.0
        self._keyring_checked = False
        self.setWindowTitle(self.tr("Suluhu \u2013 sign in"))

        app_name = QLabel(self.tr("Suluhu"), self)
        app_name.setObjectName("appName")
        enlarge(app_name, 2.0)
        self.committee_label = QLabel(self._committee_name(), self)
        self.committee_label.setObjectName("committeeName")
        self.committee_label.setWordWrap(True)
        enlarge(self.committee_label, 1.25, bold=False)
        self.username_edit = QLineEdit(username, self)
        self.username_edit.setObjectName("username")
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAutoDefault(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.busy.setVisible(False)
        self.message = MessageLabel(self)
        self.forgot_link = QLabel(
            f"<a href='#forgot'>{html.escape(self.tr('Forgot the passphrase?'))}</a>", self
        )
        self.forgot_link.setObjectName("forgot")
        self.forgot_link.linkActivated.connect(self.open_recovery)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)

        self._lay_out(app_name)
        self.sign_in_button.clicked.connect(self.submit)
        self.passphrase_edit.returnPressed.connect(self.submit)
        self.username_edit.returnPressed.connect(self.passphrase_edit.setFocus)
        (self.passphrase_edit if username else self.username_edit).setFocus()

    def _lay_out(self, app_name: QLabel) -> None:
        card = QFrame(self)
        card.setObjectName("signInCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Username"), self.username_edit)
        form.addRow(self.tr("Passphrase"), self.passphrase_edit)
        links = QHBoxLayout()
        links.addWidget(self.forgot_link)
        links.addStretch(1)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(14)
        centred = "qproperty-alignment: AlignCenter;"  # no Qt enum import before first paint
        app_name.setStyleSheet(centred)
        inner.addWidget(app_name)
        inner.addWidget(self.committee_label)
        inner.addSpacing(6)
        inner.addLayout(form)
        inner.addWidget(self.sign_in_button)
        inner.addWidget(self.busy)
        inner.addWidget(self.message)
        inner.addLayout(links)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.committee_label.setStyleSheet(centred)
        tall = round(self.fontMetrics().height() * 2.2)
        for widget in (self.username_edit, self.passphrase_edit, self.sign_in_button):
            widget.setMinimumHeight(tall)

    def _committee_name(self) -> str:
        try:
            return self._workspace.committee_name()
        except Exception as error:  # the name is a courtesy; signing in must still work
            log.warning("could not read the committee name (%s)", type(error).__name__)
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._keyring_checked:
            # Asking the OS keyring imports the keyring library (~80 ms): after the first
            # paint, and a moment later so that it does not compete with the paint itself.
            self._keyring_checked = True
            QTimer.singleShot(KEYRING_CHECK_DELAY_MS, self._check_keyring)

    def _check_keyring(self) -> None:
        run_in_background(
            self._workspace.keyring_state,
            on_done=self._keyring_known,
            on_error=lambda error: log.warning("keyring state unknown (%s)", type(error).__name__),
            parent=self,
        )

    def _keyring_known(self, state: object) -> None:
        if state == KeyringState.LOST and not self.message.isVisible():
            self.message.show_info(
                self.tr(
                    "This computer's password store no longer has Suluhu's secret. Sign in "
                    "with the recovery key: choose \u201cForgot the passphrase?\u201d."
                )
            )

    def is_busy(self) -> bool:
        return self.busy.isVisible()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.sign_in_button.setEnabled(not busy and not self.countdown.isActive())
        self.username_edit.setReadOnly(busy)
        self.passphrase_edit.setReadOnly(busy)

    def submit(self) -> None:
        if self.is_busy() or self.countdown.isActive():
            return
        username = self.username_edit.text().strip().lower()
        passphrase = self.passphrase_edit.text()
        if not username or not passphrase:
            self.message.show_error(self.tr("Type your username and your passphrase."))
            return
        self.message.clear_message()
        self._set_busy(True)
        workspace = self._workspace
        run_in_background(
            lambda: workspace.sign_in(username, passphrase),
            on_done=lambda opened: self._opened(opened, passphrase),
            on_error=self._failed,
            parent=self,
        )

    def _opened(self, opened: OpenWorkspace, passphrase: str) -> None:
        self._set_busy(False)
        self.passphrase_edit.clear()
        from desktop.views.users.service_adapter import current_user

        user = current_user(opened)
        if user is not None and user.must_change_passphrase:
            self._force_change(opened, passphrase)
        else:
            self.signed_in.emit(opened)

    def _force_change(self, opened: OpenWorkspace, old: str) -> None:
        from desktop.views.users.change_passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(opened, old_passphrase=old, parent=self)
        dialog.accepted.connect(lambda: self.signed_in.emit(opened))
        dialog.rejected.connect(lambda: self._sign_out(opened))
        dialog.open()

    def _sign_out(self, opened: OpenWorkspace) -> None:
        opened.close()
        self.message.show_info(self.tr("You must choose a new passphrase before you can go on."))

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()
        if isinstance(error, Throttled):
            self._wait_until = time.monotonic() + max(1.0, error.wait_seconds)
            self.countdown.start()
            self._tick()
        elif isinstance(error, WrongPassphrase):
            self.message.show_error(
                self.tr("The username or the passphrase is not right. Check them and try again.")
            )
        elif isinstance(error, WorkspaceDamaged):
            self.message.show_error(
                self.tr(
                    "The workspace could not be opened: its files look damaged. Do not delete "
                    "anything. Ask the administrator to restore the latest backup."
                )
            )
        elif isinstance(error, WorkspaceMissing):
            self.message.show_error(self.tr("The workspace folder is missing."))
        elif isinstance(error, WorkspaceError):
            self.message.show_error(str(error))
        else:
            log_unexpected("sign-in failed", error)
            self.message.show_error(
                self.tr("Signing in failed because of an unexpected problem: %1").replace(
                    "%1", type(error).__name__
                )
            )

    def _tick(self) -> None:
        seconds = int(self._wait_until - time.monotonic() + 0.999)
        if seconds <= 0:
            self.countdown.stop()
            self.sign_in_button.setEnabled(not self.is_busy())
            self.message.show_info(self.tr("You can try again now."))
            return
        self.sign_in_button.setEnabled(False)
        self.message.show_error(self._wait_text(seconds))

    def _wait_text(self, seconds: int) -> str:
        if seconds == 1:
            return self.tr("Too many wrong tries. You can try again in 1 second.")
        return self.tr("Too many wrong tries. You can try again in %1 seconds.").replace(
            "%1", str(seconds)
        )

    def open_recovery(self) -> None:
        from desktop.views.signin.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(self._workspace, username=self.username_edit.text(), parent=self)
        dialog.recovered.connect(self.signed_in)
        dialog.open()
