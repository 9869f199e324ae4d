"""One group of the home screen's agenda (hearings due today, follow-ups overdue...) as a list
model: one line per case, its number and what is due; never a name."""

from __future__ import annotations

from enum import Enum
from typing import Any

from desktop.domain.model.agenda import AgendaItem
from desktop.views.cases.form_labels import status_label
from desktop.views.home.case_lines_model import DISPUTE_ID_ROLE, CaseLinesModel

__all__ = ["DISPUTE_ID_ROLE", "AgendaListModel", "ItemKind"]


class ItemKind(Enum):
    HEARING = "hearing"
    FOLLOW_UP = "follow_up"
    WAITING = "waiting"
    REFERRAL = "referral"


class AgendaListModel(CaseLinesModel):
    def __init__(self, kind: ItemKind, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind

    def item(self, row: int) -> AgendaItem | None:
        found: AgendaItem | None = super().item(row)
        return found

    def _tooltip(self, item: AgendaItem) -> str:
        return (
            self.tr("%1\nDouble-click or press Enter to open case %2.")
            .replace("%1", self._detail(item))
            .replace("%2", item.number)
        )

    def _detail(self, item: AgendaItem) -> str:
        if self.kind is ItemKind.WAITING and item.status is not None:
            return self.tr("%1 for %n day(s)", "", item.days).replace(
                "%1", status_label(item.status)
            )
        if item.days == 0:
            if self.kind is ItemKind.HEARING:
                return self.tr("hearing today")
            return self.tr("follow-up today")
        due = item.on.isoformat()
        return self.tr("%n day(s) late, due %1", "", item.days).replace("%1", due)
