"""A case's way between actors, as a table: where it came from, then each referral out (the
actor's name with its kind below it; a closed referral's status with its date below)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.model.referral_board import PathwayStep
from desktop.domain.model.referrals import Direction
from desktop.domain.taxonomy import Taxonomy, UnknownCode
from desktop.views.referrals.refer_labels import mechanism_label, outcome_label, status_label
from desktop.views.widgets.list_table_model import ListTableModel

DIRECTION, ACTOR, CODE, SENT, DUE, STATUS, OUTCOME = range(7)
OVERDUE_COLOUR = QColor("#8a1c1c")


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else ""


class PathwayModel(ListTableModel):
    def __init__(self, taxonomy: Taxonomy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._headers = [
            self.tr("Way"),
            self.tr("Actor"),
            self.tr("Code"),
            self.tr("Sent"),
            self.tr("Feedback due"),
            self.tr("Status"),
            self.tr("Outcome"),
        ]

    def headers(self) -> list[str]:
        return self._headers

    def step(self, row: int) -> PathwayStep | None:
        found: PathwayStep | None = self.item_at(row)
        return found

    def _kind(self, step: PathwayStep) -> str:
        try:
            kind = self._taxonomy.actor_kind(step.actor_kind).label
        except UnknownCode:
            kind = step.actor_kind
        mechanism = mechanism_label(step.mechanism)
        return f"{kind} ({mechanism})" if mechanism else kind

    def text(self, step: PathwayStep, column: int) -> str:
        if column == DIRECTION:
            return self.tr("From") if step.direction is Direction.IN else self.tr("To")
        if column == ACTOR:  # the name, and below it the kind (formal or informal)
            return f"{step.actor_name}\n{self._kind(step)}"
        if column == CODE:
            return step.code
        if column == SENT:
            return _day(step.sent_on)
        if column == DUE:
            return _day(step.due_on) if step.direction is Direction.OUT else ""
        if column == STATUS:
            status = status_label(step.status)
            if step.overdue:
                return self.tr("%1, overdue").replace("%1", status)
            if step.closed_on is not None:
                return f"{status}\n{_day(step.closed_on)}"
            return status
        return outcome_label(step.outcome)

    def cell(self, item: Any, row: int, column: int, role: int, /) -> Any:
        step: PathwayStep = item
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(step, column)
        if role == Qt.ItemDataRole.ForegroundRole and step.overdue and column in (DUE, STATUS):
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == DIRECTION:
            return (
                self.tr("Referred to the committee by this actor")
                if step.direction is Direction.IN
                else self.tr("Referred by the committee to this actor")
            )
        return None
