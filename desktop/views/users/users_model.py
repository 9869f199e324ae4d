"""The users of the workspace as a table model."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from desktop.domain.model.users import User
from desktop.views.labels import role_label
from desktop.views.widgets.list_table_model import ListTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
USER_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    NAME = 0
    USERNAME = 1
    ROLE = 2
    RESTRICTED = 3
    STATUS = 4


class UsersTableModel(ListTableModel):
    def set_users(self, users: list[User]) -> None:
        self.replace_items(users)

    def user(self, row: int) -> User | None:
        user: User | None = self.item_at(row)
        return user

    def row_of(self, username: str) -> int:
        for row, user in enumerate(self._items):
            if user.username == username:
                return row
        return -1

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Username"),
            self.tr("Role"),
            self.tr("Restricted cases"),
            self.tr("Passphrase"),
        ]

    def cell(self, user: User, row: int, column_number: int, role: int) -> Any:
        if role == USER_ROLE:
            return user
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._text(user, Column(column_number), sort=role == SORT_ROLE)
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
        self._items.sort(
            key=lambda user: self._text(user, Column(column), sort=True),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()
