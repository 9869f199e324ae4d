"""Approval requests: an action the chair (an administrator) must approve when the committee
turns approvals on: closing a case, or overriding a do-no-harm rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ApprovalKind(StrEnum):
    CLOSE_CASE = "close_case"
    OVERRIDE_DO_NO_HARM = "override_do_no_harm"  # start mediation of a non-mediable category


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass
class ApprovalRequest:
    """``payload`` holds the request's codes, ids and dates as JSON (never free text);
    ``note`` (the closure note), ``reason`` and ``comment`` are free text, sealed for
    restricted cases."""

    dispute_id: int
    kind: ApprovalKind
    requested_by: int  # user id
    requested_at: datetime
    payload: str = "{}"
    note: str = ""
    reason: str = ""  # why the requester asks (an override's reason)
    status: ApprovalStatus = ApprovalStatus.PENDING
    decided_by: int | None = None
    decided_at: datetime | None = None
    comment: str = ""  # the approver's comment
    id: int | None = None
