"""The members assigned to a dispute: active case workers, as check boxes. For a restricted
case only users who may read restricted cases can be chosen, and the form says why."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.model.users import Role, User

_CASE_ROLES = (Role.ADMINISTRATOR, Role.MEMBER, Role.PARALEGAL)


class MembersPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boxes: dict[int, QCheckBox] = {}
        self._users: dict[int, User] = {}
        self._blocked: set[int] = set()
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(24)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5a5a5a;")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self.note)

    def set_users(self, users: list[User]) -> None:
        """Offer the active case workers among ``users``."""
        chosen = [u for u in users if u.active and u.role in _CASE_ROLES and u.id is not None]
        for index, user in enumerate(chosen):
            assert user.id is not None
            box = QCheckBox(user.display_name, self)
            box.toggled.connect(self.changed)
            self._boxes[user.id] = box
            self._users[user.id] = user
            self._grid.addWidget(box, index // 2, index % 2)

    def set_restricted(self, restricted: bool) -> None:
        """Only users with restricted access (and administrators) may hold a restricted case."""
        self._blocked = set()
        for user_id, box in self._boxes.items():
            user = self._users[user_id]
            allowed = not restricted or user.role is Role.ADMINISTRATOR or user.restricted_access
            if not allowed:
                self._blocked.add(user_id)
                box.setChecked(False)
            box.setEnabled(allowed)
        self.note.setText(
            self.tr(
                "This case is restricted: only members with access to restricted cases can be "
                "assigned. Others are greyed out."
            )
        )
        self.note.setVisible(restricted and bool(self._blocked))

    def assigned(self) -> tuple[int, ...]:
        return tuple(user_id for user_id, box in self._boxes.items() if box.isChecked())

    def set_assigned(self, user_ids: tuple[int, ...] | list[int]) -> None:
        for user_id, box in self._boxes.items():
            box.setChecked(user_id in user_ids and user_id not in self._blocked)

    def focus_chain(self) -> list[QWidget]:
        return list(self._boxes.values())

    def names_of(self, user_ids: tuple[int, ...]) -> list[str]:
        return [self._users[i].display_name for i in user_ids if i in self._users]

    def names(self) -> dict[int, str]:
        """User id -> display name, for every member offered."""
        return {user_id: user.display_name for user_id, user in self._users.items()}

    def box_of(self, user_id: int) -> QCheckBox | None:
        """The check box of member ``user_id``; None when the form does not offer them."""
        return self._boxes.get(user_id)
