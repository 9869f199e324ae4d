"""The home screen's "waiting for your approval" group as a list model: one line per request,
the case number, what is asked, by whom and since when; never a party's name."""

from __future__ import annotations

from desktop.domain.model.approvals import ApprovalKind
from desktop.domain.services.approval_queue import PendingApproval
from desktop.views.home.case_lines_model import CaseLinesModel


class ApprovalListModel(CaseLinesModel):
    def item(self, row: int) -> PendingApproval | None:
        found: PendingApproval | None = super().item(row)
        return found

    def _tooltip(self, item: PendingApproval) -> str:
        return self.tr("Open case %1 to approve or reject the request.").replace("%1", item.number)

    def _detail(self, item: PendingApproval) -> str:
        if item.kind is ApprovalKind.CLOSE_CASE:
            what = self.tr("closing the case")
        else:
            what = self.tr("mediating despite the do-no-harm rule")
        on = item.requested_at.date().isoformat()
        if not item.requested_by:
            return self.tr("%1, asked on %2").replace("%1", what).replace("%2", on)
        return (
            self.tr("%1, asked by %2 on %3")
            .replace("%1", what)
            .replace("%2", item.requested_by)
            .replace("%3", on)
        )
