"""The case screen's door to the services; every function runs on the background worker."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model.dispute import Dispute, Status
from desktop.domain.services import case_status, disputes, users
from desktop.domain.services.permissions import can
from desktop.workspace import OpenWorkspace


@dataclass(frozen=True)
class CaseData:
    dispute: Dispute
    member_names: dict[int, str]  # user id -> display name, for the assigned members


def load(workspace: OpenWorkspace, dispute_id: int) -> CaseData:
    w = workspace
    dispute = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id)
    names = {
        u.id: u.display_name
        for u in users.list_users(w.unit_of_work(), w.actor)
        if u.id is not None and u.id in dispute.assigned
    }
    return CaseData(dispute, names)


def start_mediation(workspace: OpenWorkspace, dispute_id: int, override_reason: str = "") -> object:
    """The case in mediation (or, where approvals are on, the approval request filed);
    DoNoHarm when the category must not be mediated and there is no override."""
    w = workspace
    return case_status.start_mediation(
        w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id, override_reason
    )


def change_status(workspace: OpenWorkspace, dispute_id: int, target: Status) -> Dispute:
    w = workspace
    return case_status.change_status(w.unit_of_work(), w.actor, w.clock, dispute_id, target)


def refer_out(workspace: OpenWorkspace, dispute_id: int, reason: str) -> Dispute:
    """The case referred to a formal actor; the reason is required and audited."""
    w = workspace
    return case_status.refer_out(w.unit_of_work(), w.actor, w.clock, dispute_id, reason)


def withdraw(workspace: OpenWorkspace, dispute_id: int, note: str) -> Dispute:
    w = workspace
    return case_status.withdraw(w.unit_of_work(), w.actor, w.clock, dispute_id, note)


def reopen(workspace: OpenWorkspace, dispute_id: int, reason: str) -> Dispute:
    w = workspace
    return case_status.reopen(w.unit_of_work(), w.actor, w.clock, dispute_id, reason)


# The use case behind each status button; the button shows only when the actor may do it.
USE_CASE_FOR: dict[Status, str] = {
    Status.IN_MEDIATION: "start_mediation",
    Status.REFERRED_OUT: "refer_out",
    Status.AWAITING_FEEDBACK: "change_status",
    Status.FOLLOW_UP: "change_status",
    Status.WITHDRAWN: "withdraw",
    Status.REOPENED: "reopen",
    Status.AGREEMENT: "record_agreement",
    Status.CLOSED: "close_case",
}


def may(workspace: OpenWorkspace, use_case: str) -> bool:
    return can(workspace.actor, use_case)
