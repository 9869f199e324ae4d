"""The indicators per region or per committee: a row per scope with how many committees
contributed, cases received and closed, and the headline indicators (titles and values as the
committee's Reports page words them). An indicator the hub cannot show is "—" with its reason
as a tooltip; one pooled from some of the scope's committees is marked "*" ("≥ N" for a count
that lacks some), with "from 2 of 3 committees" as its tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.domain.model.hub_dashboard import ScopeIndicators
from desktop.domain.services.indicators import ALL, Indicator
from desktop.views.hub.dashboard_labels import (
    POOLED_MARK,
    cell_text,
    indicator_text,
    region_text,
)
from desktop.views.reports.report_labels import SUPPRESSED_MARK, indicator_title, reason_text
from desktop.views.widgets.list_table_model import ListTableModel

COLUMNS = (
    "share_resolved_by_agreement",
    "share_agreements_kept",
    "referral_completion_rate",
    "median_days_to_feedback",
)
FIXED = 4  # name, committees, received, closed


def indicator(scope: ScopeIndicators, name: str) -> Indicator | None:
    """The scope's indicator ``name`` for everyone (not one sex or group)."""
    return next((i for i in scope.indicators if i.name == name and i.by == ALL), None)


class ScopeIndicatorsModel(ListTableModel):
    def __init__(self, first: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._first = first  # the first column's title: "Region" or "Committee"

    def coverage(self, found: Indicator) -> str:
        """ "from 2 of 3 committees" for a pooled indicator."""
        of = found.of or 0
        return self.tr("from %1 of %n committee(s)", "", of).replace("%1", str(found.covered))

    def headers(self) -> list[str]:
        return [
            self._first,
            self.tr("Committees"),
            self.tr("Received"),
            self.tr("Closed"),
            *(indicator_title(name) for name in COLUMNS),
        ]

    def cell(self, item: ScopeIndicators, row: int, column: int, role: int, /) -> Any:
        found = indicator(item, COLUMNS[column - FIXED]) if column >= FIXED else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return region_text(item.label) if item.scope == "region" else item.label
            if column == 1:
                return str(item.committees)
            if column in (2, 3):
                return cell_text(item.received if column == 2 else item.closed)
            if found is None:
                return SUPPRESSED_MARK
            text = indicator_text(found)
            return f"{text}\u00a0{POOLED_MARK}" if found.covered is not None else text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and item.scope == "committee":
                return item.name
            if found is not None and found.value is None:
                return reason_text(found.reason) or None
            if found is not None and found.covered is not None:
                return self.coverage(found)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
