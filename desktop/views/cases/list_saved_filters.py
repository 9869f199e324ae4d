"""Saved filters above the case list: pick one, save the current filter under a name, delete."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QPushButton, QWidget

from desktop.domain.model.case_list import SavedFilter


class ListSavedFilters(QWidget):
    chosen = Signal(object)  # the SavedFilter picked
    save_requested = Signal(str)  # a name for the current filter
    delete_requested = Signal(str)  # the name of the filter to delete

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved: list[SavedFilter] = []
        self.combo = QComboBox(self)
        self.combo.setObjectName("savedFilters")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(8)
        self.save_button = QPushButton(self.tr("Save filter\u2026"), self)
        self.save_button.setObjectName("saveFilter")
        self.delete_button = QPushButton(self.tr("Delete filter"), self)
        self.delete_button.setObjectName("deleteFilter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.save_button)
        layout.addWidget(self.delete_button)
        self.combo.activated.connect(self._activated)
        self.save_button.clicked.connect(self.ask_name)
        self.delete_button.clicked.connect(self._delete)
        self.set_filters([])

    def set_filters(self, saved: list[SavedFilter], current: str = "") -> None:
        self._saved = list(saved)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Saved filters"))
        for item in self._saved:
            self.combo.addItem(item.name)
        names = [item.name.casefold() for item in self._saved]
        self.combo.setCurrentIndex(
            names.index(current.casefold()) + 1 if current.casefold() in names else 0
        )
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(saved))
        self._update_delete()

    def select(self, name: str) -> None:
        """Show ``name`` as the chosen filter (without emitting ``chosen``)."""
        self.set_filters(self._saved, current=name)

    def current_name(self) -> str:
        index = self.combo.currentIndex()
        return self._saved[index - 1].name if index > 0 else ""

    def clear_choice(self) -> None:
        self.combo.setCurrentIndex(0)
        self._update_delete()

    def _activated(self, index: int) -> None:
        self._update_delete()
        if index > 0:
            self.chosen.emit(self._saved[index - 1])

    def _update_delete(self) -> None:
        self.delete_button.setEnabled(self.combo.currentIndex() > 0)

    def ask_name(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("filterName")
        dialog.setWindowTitle(self.tr("Save filter"))
        dialog.setLabelText(self.tr("A name for these filters (the search text is not kept):"))
        dialog.setTextValue(self.current_name())
        dialog.textValueSelected.connect(self.save_requested)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _delete(self) -> None:
        name = self.current_name()
        if name:
            self.delete_requested.emit(name)
