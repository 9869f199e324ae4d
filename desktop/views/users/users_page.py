"""The Users page (administrators only): who can sign in, and the workspace's recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.users import User
from desktop.domain.services.export_log import export_key
from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.users.add_user_dialog import AddUserDialog
from desktop.views.users.new_recovery_key_dialog import NewRecoveryKeyDialog
from desktop.views.users.reset_passphrase_dialog import ResetPassphraseDialog
from desktop.views.users.service_adapter import list_users
from desktop.views.users.users_model import Column, UsersTableModel
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class UsersPage(QWidget):
    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        title = QLabel(self.tr("Users"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.6)
        intro = QLabel(
            self.tr("Everyone who uses this laptop signs in with their own username."), self
        )
        intro.setWordWrap(True)
        self.model = UsersTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(self.tr("Add user\u2026"), self)
        self.reset_button = QPushButton(self.tr("Reset passphrase\u2026"), self)
        self.remove_button = QPushButton(self.tr("Remove user\u2026"), self)
        self.recovery_button = QPushButton(self.tr("New recovery key\u2026"), self)
        self.message = MessageLabel(self)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.add_button, self.reset_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.recovery_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_passphrase)
        self.remove_button.clicked.connect(self.confirm_remove)
        self.recovery_button.clicked.connect(self.confirm_new_recovery_key)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self, select: str = "") -> None:
        try:
            users = list_users(self._workspace)
        except Exception as error:
            self.message.show_error(error_text(error))
            users = []
        self.model.set_users(users)
        self.table.sortByColumn(
            self.table.horizontalHeader().sortIndicatorSection(),
            self.table.horizontalHeader().sortIndicatorOrder(),
        )
        row = self.model.row_of(select) if select else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_user(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        other = user is not None and user.username != self._workspace.actor.username
        self.reset_button.setEnabled(other)
        self.remove_button.setEnabled(other)

    def add_user(self) -> None:
        dialog = AddUserDialog(self._workspace, self)
        dialog.added.connect(self._user_added)
        dialog.open()

    def _user_added(self, user: object) -> None:
        assert isinstance(user, User)
        self.reload(select=user.username)
        self.message.show_info(
            self.tr("%1 can now sign in as \u201c%2\u201d.")
            .replace("%1", user.display_name)
            .replace("%2", user.username)
        )

    def reset_passphrase(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = ResetPassphraseDialog(self._workspace, user, self)
        dialog.accepted.connect(lambda: self._reset_done(user))
        dialog.open()

    def _reset_done(self, user: User) -> None:
        self.reload(select=user.username)
        self.message.show_info(
            self.tr("The passphrase of %1 is reset.").replace("%1", user.display_name)
        )

    def confirm_remove(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove user"),
            self.tr(
                "Remove %1? They will no longer be able to sign in. The cases they recorded stay."
            ).replace("%1", user.display_name),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setObjectName("confirmRemove")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._remove(user) if button is remove else None)
        box.open()

    def _remove(self, user: User) -> None:
        workspace = self._workspace
        self.setEnabled(False)
        run_in_background(
            lambda: workspace.remove_user(user.username),
            on_done=lambda _: self._removed(user),
            on_error=self._failed,
            parent=self,
        )

    def _removed(self, user: User) -> None:
        self.setEnabled(True)
        self.reload()
        self.message.show_info(self.tr("%1 is removed.").replace("%1", user.display_name))

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.reload()
        self.message.show_error(error_text(error))

    def confirm_new_recovery_key(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("New recovery key"),
            self.tr(
                "Make a new recovery key? The old recovery sheet stops working at once, and "
                "you must save or print the new one."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        make = box.addButton(self.tr("Make a new key"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setObjectName("confirmRecoveryKey")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.make_recovery_key() if button is make else None
        )
        box.open()

    def make_recovery_key(self) -> None:
        workspace = self._workspace
        self.setEnabled(False)
        run_in_background(
            lambda: (
                workspace.new_recovery_key(),
                workspace.committee().name,
                export_key(workspace.unit_of_work(), workspace.actor).fingerprint,
            ),
            on_done=self._show_recovery_key,
            on_error=self._failed,
            parent=self,
        )

    def _show_recovery_key(self, result: object) -> None:
        assert isinstance(result, tuple)
        key, committee_name, fingerprint = result
        self.setEnabled(True)
        # the sheet carries the export-signing fingerprint, as the one printed at setup does
        dialog = NewRecoveryKeyDialog(committee_name, key, fingerprint, parent=self)
        dialog.setObjectName("newRecoveryKey")
        dialog.open()
