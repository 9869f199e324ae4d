"""Moving a case through its status machine: mediation (with the do-no-harm check), referral
out (with its reason), withdrawal, reopening and the plain transitions. Agreements and closing
have their own modules, because they record more than a status.
"""

from __future__ import annotations

from desktop.domain import rules
from desktop.domain.errors import IllegalTransition
from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest
from desktop.domain.model.dispute import Dispute, Status, check_transition
from desktop.domain.model.proceedings import Outcome
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._approving import approval_needed, file_request
from desktop.domain.services._common import enum_value, subject, visible_dispute
from desktop.domain.services.audit import DetailValue, detail_of, record
from desktop.domain.services.permissions import require, use_case
from desktop.domain.taxonomy import Taxonomy

WITHDRAWN_OUTCOME = "withdrawn"  # code in outcomes.json
REASON_MAX = 500

# Targets with a use case of their own, and what to use instead.
_DEDICATED: dict[Status, str] = {
    Status.REGISTERED: "A case cannot go back to registered; reopen it instead.",
    Status.IN_MEDIATION: "Use \u201cStart mediation\u201d: it checks the do-no-harm rules.",
    Status.AGREEMENT: "Record the agreement instead.",
    Status.CLOSED: "Close the case with its outcome instead.",
    Status.WITHDRAWN: "Use \u201cWithdraw\u201d instead.",
    Status.REOPENED: "Use \u201cReopen\u201d, with a reason, instead.",
    Status.REFERRED_OUT: "Refer the case to an actor, with a reason, instead.",
}


def move_status(
    uow: UnitOfWork,
    by: Actor,
    clock: Clock,
    dispute: Dispute,
    target: Status,
    action: str,
    **extra: str | int | bool | None,
) -> None:
    """Inside a use case: move the case to ``target`` and audit it as ``action``."""
    previous = dispute.status
    dispute.move_to(target)
    uow.disputes.update(dispute)
    record(
        uow,
        clock,
        by,
        action,
        subject(dispute),
        detail_of(**{"from": previous.value, "to": target.value}, **extra),
    )


@use_case("change_status")
def change_status(
    uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int, target: Status
) -> Dispute:
    """The plain transitions (to follow-up, awaiting feedback); the others go through their
    own use case and are refused here with a pointer to it."""
    target = enum_value(Status, target, "status")
    if target in _DEDICATED:
        raise IllegalTransition(_DEDICATED[target])
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        move_status(uow, actor, clock, dispute, target, "change_status")
        uow.commit()
    return dispute


@use_case("refer_out")
def refer_out(uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int, reason: str) -> Dispute:
    """Refer the case to a formal actor (the way out the do-no-harm rules offer): the case
    becomes referred out, and the reason, required, is audited and shows in its timeline. The
    referral itself (actor, consent, what was shared) is recorded on the referrals screen."""
    reason = rules.required_text(reason, "reason", REASON_MAX)
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        move_status(uow, actor, clock, dispute, Status.REFERRED_OUT, "refer_out", reason=reason)
        uow.commit()
    return dispute


@use_case("start_mediation")
def start_mediation(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute_id: int,
    override_reason: str = "",
) -> Dispute | ApprovalRequest:
    """Move the case into mediation. A category that must not be mediated raises DoNoHarm
    unless an administrator overrides it with a reason, which is audited. When the committee
    requires approvals, a committee member's override is filed as a pending approval request
    instead (services/approvals.py decides it)."""
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        reason = override_reason.strip()
        category = taxonomy.category(dispute.category)
        if reason and approval_needed(uow, actor):
            check_transition(dispute.status, Status.IN_MEDIATION)
            if not rules.is_mediable(category, uow.committee.get()):
                reason = rules.required_text(reason, "override_reason", REASON_MAX)
                request = file_request(
                    uow,
                    clock,
                    actor,
                    dispute,
                    ApprovalKind.OVERRIDE_DO_NO_HARM,
                    {"category": category.code},
                    reason=reason,
                )
                uow.commit()
                return request
        mediate_visible(uow, actor, clock, taxonomy, dispute, reason)
        uow.commit()
    return dispute


def mediate_visible(
    uow: UnitOfWork,
    by: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute: Dispute,
    override_reason: str = "",
    **extra: DetailValue,
) -> None:
    """Start mediation of ``dispute`` (already checked visible to ``by``) inside the
    caller's transaction; ``extra`` goes into the override's audit detail. The caller
    commits."""
    reason = override_reason.strip()
    check_transition(dispute.status, Status.IN_MEDIATION)
    category = taxonomy.category(dispute.category)
    committee = uow.committee.get()
    overridden = False
    if not rules.is_mediable(category, committee):
        if not reason:
            rules.check_mediable(category, committee)  # raises DoNoHarm
        require(by, "override_do_no_harm")
        reason = rules.required_text(reason, "override_reason", REASON_MAX)
        overridden = True
    move_status(
        uow, by, clock, dispute, Status.IN_MEDIATION, "start_mediation", category=category.code
    )
    if overridden:
        record(
            uow,
            clock,
            by,
            "override_do_no_harm",
            subject(dispute),
            detail_of(category=category.code, reason=reason, **extra),
        )


@use_case("withdraw")
def withdraw(
    uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int, note: str = ""
) -> Dispute:
    """The complainant withdrew: the case becomes withdrawn with the outcome "withdrawn"."""
    note = rules.optional_text(note, "note", 2000)
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        move_status(uow, actor, clock, dispute, Status.WITHDRAWN, "withdraw")
        assert dispute.id is not None
        uow.outcomes.save(Outcome(dispute.id, WITHDRAWN_OUTCOME, clock.today(), note))
        uow.commit()
    return dispute


@use_case("reopen")
def reopen(uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int, reason: str) -> Dispute:
    """Reopen a closed, withdrawn or followed-up case; the reason is required and audited."""
    reason = rules.required_text(reason, "reason", REASON_MAX)
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        move_status(uow, actor, clock, dispute, Status.REOPENED, "reopen", reason=reason)
        uow.commit()
    return dispute
