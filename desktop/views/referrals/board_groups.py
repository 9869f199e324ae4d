"""The board's groups as a row of buttons with their counts: "All", "Overdue", "Awaiting
acknowledgement", "Awaiting outcome", "We owe feedback". Choosing one shows that group only;
the overdue count is shown in the warning colour (and by its label: never colour alone)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from desktop.domain.model.referral_board import BoardGroup
from desktop.views.referrals.board_labels import GROUP_ORDER, WARNING_COLOUR, group_label

_ALL = -1


class BoardGroups(QWidget):
    chosen = Signal(object)  # a BoardGroup, or None for every group

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons = QButtonGroup(self)
        self._buttons.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.all_button = self._button(_ALL, "groupAll")
        layout.addWidget(self.all_button)
        self.group_buttons: dict[BoardGroup, QPushButton] = {}
        for rank, group in enumerate(GROUP_ORDER):
            button = self._button(rank, f"group_{group.value}")
            self.group_buttons[group] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.all_button.setChecked(True)
        self.set_counts(dict.fromkeys(GROUP_ORDER, 0))
        self._buttons.idClicked.connect(self._clicked)

    def _button(self, key: int, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setCheckable(True)
        self._buttons.addButton(button, key)
        return button

    def set_counts(self, counts: Mapping[BoardGroup, int]) -> None:
        locale = self.locale()
        total = sum(counts.values())
        self.all_button.setText(self.tr("All open: %1").replace("%1", locale.toString(total)))
        for group, button in self.group_buttons.items():
            count = counts.get(group, 0)
            button.setText(f"{group_label(group)}: {locale.toString(count)}")
            button.setAccessibleName(button.text())
            warn = group is BoardGroup.OVERDUE and count > 0
            button.setStyleSheet(
                f"QPushButton {{ color: {WARNING_COLOUR}; font-weight: bold; }}" if warn else ""
            )

    def current(self) -> BoardGroup | None:
        key = self._buttons.checkedId()
        return None if key < 0 else GROUP_ORDER[key]

    def choose(self, group: BoardGroup | None) -> None:
        button = self.all_button if group is None else self.group_buttons[group]
        if not button.isChecked():
            button.setChecked(True)
            self.chosen.emit(group)

    def _clicked(self, key: int) -> None:
        self.chosen.emit(None if key < 0 else GROUP_ORDER[key])
