"""Approvals: when the committee turns them on, closing a case and overriding a do-no-harm rule
by a committee member become pending requests (filed by ``close_case`` and
``start_mediation``); the chair (an administrator) approves or rejects each with a comment.
Approving carries the action out, as the approver, with every rule checked again then; the
approver, the date and the comment are kept on the request."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain import rules
from desktop.domain.errors import DomainError, NotFound
from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest, ApprovalStatus
from desktop.domain.model.dispute import Dispute
from desktop.domain.model.proceedings import Answer, PartyView
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import can_see, subject, visible_dispute
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.case_status import mediate_visible
from desktop.domain.services.outcomes import ANSWERS, CloseCase, close_visible
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy

COMMENT_MAX = 1000


@dataclass(frozen=True)
class DecideApproval:
    approval_id: int
    approve: bool
    comment: str = ""  # required when rejecting


@use_case("list_approvals")
def list_approvals(
    uow: UnitOfWork,
    actor: Actor,
    status: ApprovalStatus | None = ApprovalStatus.PENDING,
    dispute_id: int | None = None,
) -> list[ApprovalRequest]:
    """Requests (pending ones by default; ``status=None``: all) on cases ``actor`` may see,
    oldest first; only one case's when ``dispute_id`` is given."""
    with uow:
        if dispute_id is not None:
            visible_dispute(uow, actor, dispute_id)
            found = uow.approvals.for_dispute(dispute_id)
            if status is not None:
                found = [r for r in found if r.status is status]
        elif status is not None:
            found = uow.approvals.with_status(status)
        else:
            found = [r for s in ApprovalStatus for r in uow.approvals.with_status(s)]
        cases: dict[int, Dispute | None] = {}
        result = []
        for request in found:
            if request.dispute_id not in cases:
                cases[request.dispute_id] = uow.disputes.get(request.dispute_id)
            dispute = cases[request.dispute_id]
            if dispute is not None and can_see(actor, dispute):
                result.append(request)
    return sorted(result, key=lambda r: (r.requested_at, r.id or 0))


@use_case("decide_approval")
def decide_approval(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, cmd: DecideApproval
) -> ApprovalRequest:
    """Approve (and carry out) or reject a pending request; rejecting needs a comment."""
    if cmd.approve:
        comment = rules.optional_text(cmd.comment, "comment", COMMENT_MAX)
    else:
        comment = rules.required_text(cmd.comment, "comment", COMMENT_MAX)
    with uow:
        request = uow.approvals.get(cmd.approval_id)
        if request is None:
            raise NotFound("There is no such approval request.")
        dispute = visible_dispute(uow, actor, request.dispute_id)
        if request.status is not ApprovalStatus.PENDING:
            raise DomainError("This request has already been decided.")
        if cmd.approve:
            _carry_out(uow, actor, clock, taxonomy, dispute, request)
        request.status = ApprovalStatus.APPROVED if cmd.approve else ApprovalStatus.REJECTED
        request.decided_by, request.decided_at, request.comment = (
            actor.user_id,
            clock.now(),
            comment,
        )
        uow.approvals.update(request)
        record(
            uow,
            clock,
            actor,
            "decide_approval",
            subject(dispute),
            detail_of(approval=request.id, kind=request.kind.value, decision=request.status.value),
        )
        uow.commit()
    return request


def _carry_out(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute: Dispute,
    request: ApprovalRequest,
) -> None:
    payload: dict[str, Any] = json.loads(request.payload)
    if request.kind is ApprovalKind.CLOSE_CASE:
        cmd = CloseCase(
            dispute_id=request.dispute_id,
            outcome=str(payload["outcome"]),
            note=request.note,
            views=tuple(_view(item) for item in payload.get("views", [])),
            closed_on=date.fromisoformat(payload["closed_on"]),
            override_reason=request.reason,
        )
        close_visible(uow, actor, clock, taxonomy, dispute, cmd, approval=request.id)
    else:
        mediate_visible(uow, actor, clock, taxonomy, dispute, request.reason, approval=request.id)


def _view(item: dict[str, Any]) -> PartyView:
    return PartyView(
        party_id=int(item["party_id"]),
        **{name: Answer(item.get(name, Answer.NOT_ASKED.value)) for name in ANSWERS},
    )
