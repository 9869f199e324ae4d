"""The directory's search and filters: words to find, a kind or a mechanism (formal or
informal), and whether deactivated actors show. ``changed`` fires on every change."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.domain.taxonomy import Mechanism, Taxonomy

_KIND, _MECHANISM = "kind:", "mechanism:"


@dataclass(frozen=True)
class ActorCriteria:
    text: str = ""
    kind: str | None = None
    mechanism: Mechanism | None = None
    include_inactive: bool = False


class ActorFilterBar(QWidget):
    changed = Signal()

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("actorSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Name, contact person, area or service"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("actorKindFilter")
        self.kind.addItem(self.tr("Every kind"), "")
        self.kind.addItem(self.tr("Formal actors"), _MECHANISM + Mechanism.FORMAL.value)
        self.kind.addItem(self.tr("Informal actors"), _MECHANISM + Mechanism.INFORMAL.value)
        for mechanism in (Mechanism.FORMAL, Mechanism.INFORMAL):
            self.kind.insertSeparator(self.kind.count())
            for kind in taxonomy.actor_kinds_of(mechanism):
                self.kind.addItem(kind.label, _KIND + kind.code)
        self.inactive = QCheckBox(self.tr("Show deactivated"), self)
        self.inactive.setObjectName("showInactive")
        search_label = QLabel(self.tr("Search"), self)
        search_label.setBuddy(self.search)
        kind_label = QLabel(self.tr("Kind"), self)
        kind_label.setBuddy(self.kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(search_label)
        layout.addWidget(self.search, 3)
        layout.addSpacing(8)
        layout.addWidget(kind_label)
        layout.addWidget(self.kind, 1)
        layout.addSpacing(8)
        layout.addWidget(self.inactive)
        self.search.textChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.inactive.toggled.connect(self.changed)

    def criteria(self) -> ActorCriteria:
        choice = str(self.kind.currentData() or "")
        kind = choice[len(_KIND) :] if choice.startswith(_KIND) else None
        mechanism = Mechanism(choice[len(_MECHANISM) :]) if choice.startswith(_MECHANISM) else None
        return ActorCriteria(self.search.text(), kind, mechanism, self.inactive.isChecked())

    def choose_kind(self, value: str) -> None:
        """Pick "kind:<code>", "mechanism:<formal|informal>" or "" (every kind)."""
        index = self.kind.findData(value)
        if index >= 0:
            self.kind.setCurrentIndex(index)
