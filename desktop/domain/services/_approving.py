"""Filing an approval request from inside a use case (closing a case, overriding do-no-harm)
when the committee requires the chair's approval. Private to the services package; the use
cases that list and decide requests are in :mod:`desktop.domain.services.approvals`."""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.errors import DomainError
from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest, ApprovalStatus
from desktop.domain.model.dispute import Dispute
from desktop.domain.model.users import Actor, Role
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import subject
from desktop.domain.services.audit import detail_of, record


def approval_needed(uow: UnitOfWork, actor: Actor) -> bool:
    """True when ``actor`` must ask the chair: approvals are on and they are no administrator."""
    return actor.role is not Role.ADMINISTRATOR and uow.committee.get().approvals_required


def file_request(
    uow: UnitOfWork,
    clock: Clock,
    actor: Actor,
    dispute: Dispute,
    kind: ApprovalKind,
    payload: dict[str, Any],
    *,
    note: str = "",
    reason: str = "",
) -> ApprovalRequest:
    """Add a pending request (one per case and kind at a time) and audit it; the caller
    commits."""
    assert dispute.id is not None
    pending = [
        r
        for r in uow.approvals.for_dispute(dispute.id)
        if r.kind is kind and r.status is ApprovalStatus.PENDING
    ]
    if pending:
        raise DomainError("This is already waiting for the chair's approval.")
    request = ApprovalRequest(
        dispute_id=dispute.id,
        kind=kind,
        requested_by=actor.user_id,
        requested_at=clock.now(),
        payload=json.dumps(payload, sort_keys=True, ensure_ascii=True),
        note=note,
        reason=reason,
    )
    request.id = uow.approvals.add(request)
    record(
        uow,
        clock,
        actor,
        "request_approval",
        subject(dispute),
        detail_of(approval=request.id, kind=kind.value),
    )
    return request
