"""The users of the workspace as a table model."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.domain.model.users import User
from desktop.views.labels import role_label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
USER_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    USERNAME = 1
    ROLE = 2
    RESTRICTED = 3
    STATUS = 4


class UsersTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._users: list[User] = []

    def set_users(self, users: list[User]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user(self, row: int) -> User | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, username: str) -> int:
        for row, user in enumerate(self._users):
            if user.username == username:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.NAME: self.tr("Name"),
            Column.USERNAME: self.tr("Username"),
            Column.ROLE: self.tr("Role"),
            Column.RESTRICTED: self.tr("Restricted cases"),
            Column.STATUS: self.tr("Passphrase"),
        }.get(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._users):
            return None
        user = self._users[index.row()]
        column = Column(index.column())
        if role == USER_ROLE:
            return user
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._text(user, column, sort=role == SORT_ROLE)
        return None

    def _text(self, user: User, column: Column, sort: bool) -> str:
        if column == Column.NAME:
            return user.display_name.casefold() if sort else user.display_name
        if column == Column.USERNAME:
            return user.username
        if column == Column.ROLE:
            return role_label(user.role)
        if column == Column.RESTRICTED:
            return self.tr("Can read") if user.restricted_access else self.tr("No")
        if not user.active:
            return self.tr("Removed")
        return self.tr("Must change it") if user.must_change_passphrase else self.tr("Set")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._users.sort(
            key=lambda user: self._text(user, Column(column), sort=True),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()
