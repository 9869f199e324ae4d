"""The chair approves or rejects a pending request, with a comment (needed to reject)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest
from desktop.domain.services import approvals
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.workspace import OpenWorkspace


class DecisionDialog(ProceedingsDialog):
    def __init__(
        self,
        workspace: OpenWorkspace,
        request: ApprovalRequest,
        approve: bool,
        requester: str,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Approve the request") if approve else self.tr("Reject the request")
        super().__init__(title, self.tr("Approve") if approve else self.tr("Reject"), parent)
        self._workspace = workspace
        self._request_id = request.id or 0
        self._approve = approve
        what = (
            self.tr("Close the case")
            if request.kind is ApprovalKind.CLOSE_CASE
            else self.tr("Mediate despite the do-no-harm rule")
        )
        self.form.addRow(self.tr("Request"), QLabel(what, self))
        self.form.addRow(self.tr("Asked by"), QLabel(requester, self))
        if request.reason:
            reason = QLabel(request.reason, self)
            reason.setWordWrap(True)
            self.form.addRow(self.tr("Their reason"), reason)
        self.comment = QLineEdit(self)
        self.form.addRow(self.tr("Comment"), self.comment)
        self.fit(40)

    def call(self) -> Callable[[], object]:
        w = self._workspace
        cmd = approvals.DecideApproval(self._request_id, self._approve, self.comment.text())
        return lambda: approvals.decide_approval(
            w.unit_of_work(), w.actor, w.clock, w.taxonomy, cmd
        )
