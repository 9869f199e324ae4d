"""The chair's queue: every request on the committee waiting for a decision, with its case's
number, for the home screen of a user who decides them. The decision itself is taken in the
case (``approvals.decide_approval``); this only lists what waits, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.domain.model.approvals import ApprovalKind, ApprovalStatus
from desktop.domain.model.dispute import Dispute
from desktop.domain.model.users import Actor
from desktop.domain.ports import UnitOfWork
from desktop.domain.services._common import can_see
from desktop.domain.services.permissions import use_case


@dataclass(frozen=True)
class PendingApproval:
    """One request waiting for the chair: which case (id and number only, never a name), what
    is asked, by whom (a user's display name) and since when."""

    approval_id: int
    dispute_id: int
    number: str
    kind: ApprovalKind
    requested_by: str
    requested_at: datetime


@use_case("pending_approvals")
def pending_approvals(uow: UnitOfWork, actor: Actor) -> list[PendingApproval]:
    """The pending requests on cases ``actor`` may see, oldest first."""
    with uow:
        requests = uow.approvals.with_status(ApprovalStatus.PENDING)
        names = {u.id: u.display_name for u in uow.users.all()}
        cases: dict[int, Dispute | None] = {}
        result = []
        for request in requests:
            if request.dispute_id not in cases:
                cases[request.dispute_id] = uow.disputes.get(request.dispute_id)
            dispute = cases[request.dispute_id]
            if dispute is None or request.id is None or not can_see(actor, dispute):
                continue
            result.append(
                PendingApproval(
                    approval_id=request.id,
                    dispute_id=request.dispute_id,
                    number=dispute.number,
                    kind=request.kind,
                    requested_by=names.get(request.requested_by, ""),
                    requested_at=request.requested_at,
                )
            )
    return sorted(result, key=lambda p: (p.requested_at, p.approval_id))
