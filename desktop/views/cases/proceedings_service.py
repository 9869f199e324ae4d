"""The proceedings sections' door to the services. Every function here runs on the background
worker (desktop.tasks.run_in_background) and calls use cases only; the rules live in them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain.model.approvals import ApprovalRequest
from desktop.domain.model.dispute import Dispute
from desktop.domain.model.users import User
from desktop.domain.services import approvals, disputes, hearings, outcomes, users
from desktop.domain.services.hearings import Proceedings
from desktop.domain.services.permissions import can
from desktop.reports.agreement import AgreementSheet, AgreementTexts, Signatory, write_agreement
from desktop.workspace import OpenWorkspace


@dataclass(frozen=True)
class CaseProceedings:
    dispute: Dispute
    proceedings: Proceedings
    users: list[User]  # active case workers, for choosing mediators
    pending: list[ApprovalRequest]  # approval requests waiting for the chair
    monitoring: str | None  # why the agreement is still monitored, or None

    def user_name(self, user_id: int) -> str:
        return next((u.display_name for u in self.users if u.id == user_id), f"#{user_id}")


def load(workspace: OpenWorkspace, dispute_id: int) -> CaseProceedings:
    w = workspace
    dispute = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id)
    proceedings = hearings.get_proceedings(w.unit_of_work(), w.actor, w.clock, dispute_id)
    pending = []
    if can(w.actor, "list_approvals"):
        pending = approvals.list_approvals(w.unit_of_work(), w.actor, dispute_id=dispute_id)
    uow = w.unit_of_work()
    with uow:
        monitoring = outcomes.monitoring_problem(uow, dispute, w.clock.today())
    return CaseProceedings(
        dispute=dispute,
        proceedings=proceedings,
        users=users.list_users(w.unit_of_work(), w.actor, include_inactive=False),
        pending=pending,
        monitoring=monitoring,
    )


def print_agreement(
    workspace: OpenWorkspace,
    dispute_id: int,
    path: Path,
    texts: AgreementTexts,
    role_names: dict[str, str],
) -> Path:
    """Write the case's latest agreement to ``path``; the mediators are those of its hearings
    (or the assigned members when no hearing names any)."""
    case = load(workspace, dispute_id)
    if not case.proceedings.agreements:
        raise LookupError("no agreement")
    agreement = case.proceedings.agreements[-1]
    by_id = {p.id: p for p in case.dispute.parties}
    signing = [by_id[i] for i in agreement.signatories if i in by_id]
    mediator_ids: list[int] = []
    for hearing in case.proceedings.hearings:
        mediator_ids += [m for m in hearing.mediators if m not in mediator_ids]
    if not mediator_ids:
        mediator_ids = list(case.dispute.assigned)
    sheet = AgreementSheet(
        committee=workspace.committee().name,
        case_number=case.dispute.number,
        agreed_on=agreement.agreed_on,
        terms=agreement.terms,
        parties=tuple(Signatory(p.name, role_names[p.role.value]) for p in signing),
        mediators=tuple(case.user_name(m) for m in mediator_ids),
    )
    return write_agreement(path, sheet, texts)
