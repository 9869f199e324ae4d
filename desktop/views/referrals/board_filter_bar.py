"""The referral board's filters: the actor, the user who made the referral, and the direction;
``changed`` fires on every change and ``board_filter()`` reads them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop.domain.model.referral_board import BoardFilter
from desktop.domain.model.referrals import Direction
from desktop.views.referrals.board_labels import direction_label


class BoardFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = self._combo("actorFilter", self.tr("Any actor"))
        self.made_by = self._combo("madeByFilter", self.tr("Anyone"))
        self.direction = self._combo("directionFilter", self.tr("Both directions"))
        for direction in Direction:
            self.direction.addItem(direction_label(direction), direction.value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for text, combo in (
            (self.tr("Actor"), self.actor),
            (self.tr("Made by"), self.made_by),
            (self.tr("Direction"), self.direction),
        ):
            label = QLabel(text, self)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo, 1)
            layout.addSpacing(8)
        for combo in (self.actor, self.made_by, self.direction):
            combo.currentIndexChanged.connect(self.changed)

    def _combo(self, name: str, anything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(anything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return combo

    def set_actors(self, actors: list[tuple[int, str]]) -> None:
        _fill(self.actor, actors)

    def set_users(self, users: list[tuple[int, str]]) -> None:
        _fill(self.made_by, users)

    def board_filter(self) -> BoardFilter:
        direction = self.direction.currentData()
        return BoardFilter(
            actor_id=self.actor.currentData(),
            created_by=self.made_by.currentData(),
            direction=Direction(direction) if direction else None,
        )

    def is_default(self) -> bool:
        return self.board_filter() == BoardFilter()


def _fill(combo: QComboBox, entries: list[tuple[int, str]]) -> None:
    """Replace the choices after the first ("any"), keeping the one chosen if it is still
    there; no change signal."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for key, name in entries:
        combo.addItem(name, key)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
