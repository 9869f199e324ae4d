"""Reopen a case, with a reason (kept in the audit log: no names)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.domain.services import case_status
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.workspace import OpenWorkspace


class ReopenDialog(ProceedingsDialog):
    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Reopen the case"), self.tr("Reopen"), parent)
        self._workspace = workspace
        self._dispute_id = dispute_id
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why the case is reopened (no names)"))
        self.form.addRow(self.tr("Reason"), self.reason)
        self.fit(40)

    def call(self) -> Callable[[], object]:
        w, dispute_id, reason = self._workspace, self._dispute_id, self.reason.text()
        return lambda: case_status.reopen(w.unit_of_work(), w.actor, w.clock, dispute_id, reason)
