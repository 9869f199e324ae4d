"""Closing a case with its outcome and the parties' view of the process.

A case with a standing agreement (status agreement or follow-up) is closed only after the last
follow-up date of its latest agreement has come without a breach (as paralegal practice closes a
case only after a monitoring period); an administrator may close it earlier, with a reason that
is audited. ``resolved_by_agreement`` (any outcome with ``requires_agreement``) is only for such
a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain import rules
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest
from desktop.domain.model.dispute import Dispute, Status, check_transition
from desktop.domain.model.proceedings import (
    Answer,
    FollowUpResult,
    Outcome,
    PartyView,
)
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._approving import approval_needed, file_request
from desktop.domain.services._common import (
    enum_value,
    party_ids,
    past_date,
    subject,
    visible_dispute,
)
from desktop.domain.services.audit import DetailValue, detail_of, record
from desktop.domain.services.permissions import require, use_case
from desktop.domain.taxonomy import OutcomeKind, Taxonomy, UnknownCode

ANSWERS = ("voice", "fair_process", "respect", "fair_outcome", "resolved")
AGREEMENT_STATUSES = frozenset({Status.AGREEMENT, Status.FOLLOW_UP})
REASON_MAX = 500


@dataclass(frozen=True)
class CloseCase:
    dispute_id: int
    outcome: str  # code from outcomes.json
    note: str = ""
    views: tuple[PartyView, ...] = ()
    closed_on: date | None = None  # None: today
    override_reason: str = ""  # administrators only: close before monitoring ends


def _check_views(views: tuple[PartyView, ...]) -> tuple[PartyView, ...]:
    seen: set[int] = set()
    for index, view in enumerate(views):
        if view.party_id in seen:
            raise ValidationError("views", "Each party's view is recorded once.")
        seen.add(view.party_id)
        for name in ("voice", "fair_process", "respect", "fair_outcome", "resolved"):
            enum_value(Answer, getattr(view, name), f"views[{index}].{name}")
    return views


def monitoring_problem(uow: UnitOfWork, dispute: Dispute, today: date) -> str | None:
    """Why the case's agreement is still being monitored, or None when it may close."""
    if dispute.status not in AGREEMENT_STATUSES or dispute.id is None:
        return None
    agreements = uow.agreements.for_dispute(dispute.id)
    if not agreements:
        return None
    since = max(a.agreed_on for a in agreements)
    follow_ups = [
        f
        for f in uow.follow_ups.for_dispute(dispute.id)
        if f.due_on >= since and (f.done_on is None or f.done_on > since)
    ]  # a follow-up done on or before the latest agreement checked an earlier one
    if any(f.result is FollowUpResult.BREACHED for f in follow_ups):
        return "A follow-up found the agreement breached."
    last_due = max((f.due_on for f in follow_ups), default=None)
    if last_due is not None and today < last_due:
        return f"The agreement is being monitored until {last_due.isoformat()}."
    return None


@use_case("close_case")
def close_case(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, cmd: CloseCase
) -> Outcome | ApprovalRequest:
    """Close the case with an outcome from the taxonomy and the parties' views. When the
    committee requires approvals and ``actor`` is no administrator, the closure is checked and
    filed as a pending approval request instead (services/approvals.py decides it)."""
    with uow:
        dispute = visible_dispute(uow, actor, cmd.dispute_id)
        if approval_needed(uow, actor):
            checked = _checked(uow, clock, taxonomy, dispute, cmd, None)
            request = file_request(
                uow,
                clock,
                actor,
                dispute,
                ApprovalKind.CLOSE_CASE,
                {
                    "outcome": checked.kind.code,
                    "closed_on": checked.closed_on.isoformat(),
                    "views": [view_codes(v) for v in checked.views],
                },
                note=checked.note,
                reason=checked.reason,
            )
            uow.commit()
            return request
        outcome = close_visible(uow, actor, clock, taxonomy, dispute, cmd)
        uow.commit()
    return outcome


def close_visible(
    uow: UnitOfWork,
    by: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute: Dispute,
    cmd: CloseCase,
    **extra: DetailValue,
) -> Outcome:
    """Close ``dispute`` (already checked visible to ``by``) inside the caller's
    transaction; ``extra`` goes into the audit detail. The caller commits."""
    checked = _checked(uow, clock, taxonomy, dispute, cmd, by)
    previous = dispute.status
    dispute.move_to(Status.CLOSED)
    uow.disputes.update(dispute)
    assert dispute.id is not None
    kind, overridden = checked.kind, checked.problem is not None
    outcome = Outcome(dispute.id, kind.code, checked.closed_on, checked.note, list(checked.views))
    outcome.id = uow.outcomes.save(outcome)
    record(
        uow,
        clock,
        by,
        "close_case",
        subject(dispute),
        detail_of(
            outcome=kind.code,
            views=len(checked.views),
            override=overridden,
            reason=checked.reason if overridden else None,
            **{"from": previous.value},
            **extra,
        ),
    )
    return outcome


@dataclass(frozen=True)
class _Checked:
    kind: OutcomeKind
    closed_on: date
    note: str
    views: tuple[PartyView, ...]
    reason: str
    problem: str | None  # why monitoring is not over, when the closure overrides it


def view_codes(view: PartyView) -> dict[str, str | int]:
    """A party's view as codes, for an approval request's payload."""
    return {"party_id": view.party_id, **{name: getattr(view, name).value for name in ANSWERS}}


def _checked(
    uow: UnitOfWork,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute: Dispute,
    cmd: CloseCase,
    closer: Actor | None,
) -> _Checked:
    """Every rule of closing, without acting. ``closer``: the user closing now, who must be
    allowed to override the monitoring period when the closure does; None when the chair
    will decide on an approval request."""
    try:
        kind = taxonomy.outcome(cmd.outcome)
    except UnknownCode:
        raise ValidationError("outcome", "Choose an outcome from the list.") from None
    closed_on = past_date(cmd.closed_on or clock.today(), clock.today(), "closed_on")
    note = rules.optional_text(cmd.note, "note", 2000)
    views = _check_views(cmd.views)
    reason = cmd.override_reason.strip()
    check_transition(dispute.status, Status.CLOSED)
    if closed_on < dispute.received_on:
        raise ValidationError("closed_on", "A case cannot close before it was received.")
    unknown = {v.party_id for v in views} - party_ids(dispute)
    if unknown:
        raise ValidationError("views", "A view belongs to someone not party to this case.")
    if kind.requires_agreement and dispute.status not in AGREEMENT_STATUSES:
        raise ValidationError(
            "outcome", f"\u201c{kind.label}\u201d needs an agreement that still stands."
        )
    problem = monitoring_problem(uow, dispute, clock.today())
    if problem is not None:
        if not reason:
            raise DomainError(
                f"{problem} The case can close once monitoring ends without a breach; an "
                "administrator may close it earlier, giving a reason."
            )
        if closer is not None:
            require(closer, "override_closure")
        reason = rules.required_text(reason, "override_reason", REASON_MAX)
    return _Checked(kind, closed_on, note, views, reason, problem)
