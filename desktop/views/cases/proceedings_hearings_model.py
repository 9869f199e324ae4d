"""The hearings of one case, as a table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.domain.model.proceedings import Hearing
from desktop.views.cases.proceedings_service import CaseProceedings

Index = QModelIndex | QPersistentModelIndex


class HearingsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Hearing] = []
        self._case: CaseProceedings | None = None
        self._headers = [
            self.tr("Held on"),
            self.tr("Mediators"),
            self.tr("Parties present"),
            self.tr("Summary"),
            self.tr("Next step"),
            self.tr("Next hearing"),
        ]

    def set_case(self, case: CaseProceedings) -> None:
        self.beginResetModel()
        self._case = case
        self._rows = list(case.proceedings.hearings)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._case is None:
            return None
        hearing = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(hearing, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return hearing.notes
        return None

    def _text(self, hearing: Hearing, column: int) -> str:
        assert self._case is not None
        case = self._case
        if column == 0:
            return hearing.held_on.isoformat()
        if column == 1:
            return ", ".join(case.user_name(m) for m in hearing.mediators)
        if column == 2:
            names = {p.id: p.name for p in case.dispute.parties}
            return ", ".join(names.get(p, "\u2014") for p in hearing.parties_present)
        if column == 3:
            first = hearing.notes.strip().splitlines()
            return first[0] if first else ""
        if column == 4:
            return hearing.next_step
        return hearing.next_date.isoformat() if hearing.next_date else ""
