"""Reading referrals: the board of open referrals, its counts, a case's pathway between actors,
and the figures reports count (referrals by direction, actor kind, status; acceptance rate,
share with feedback, median days to feedback)."""

from __future__ import annotations

from datetime import date

from desktop.domain.errors import ValidationError
from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.referral_board import (
    BoardCounts,
    BoardFilter,
    BoardLine,
    BoardRow,
    PathwayStep,
    ReferralFact,
    ReferralFigures,
    count_by,
    median_or_none,
)
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import visible_dispute
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy, UnknownCode


@use_case("referral_board")
def referral_board(
    uow: UnitOfWork, actor: Actor, board_filter: BoardFilter | None = None
) -> list[BoardRow]:
    """Every open referral of the cases ``actor`` may see, oldest sent first."""
    with uow:
        return uow.referrals.board(board_filter or BoardFilter(), CaseScope.of(actor))


@use_case("referral_board_lines")
def referral_board_lines(
    uow: UnitOfWork, actor: Actor, clock: Clock, board_filter: BoardFilter | None = None
) -> list[BoardLine]:
    """The referrals :func:`referral_board` returns, as plain tuples (see BoardLine) grouped
    as of today: the board page shows tens of thousands of them without an object each."""
    with uow:
        return uow.referrals.board_lines(
            board_filter or BoardFilter(), CaseScope.of(actor), clock.today()
        )


@use_case("referral_counts")
def referral_counts(uow: UnitOfWork, actor: Actor, clock: Clock) -> BoardCounts:
    """The board's group sizes, for the home screen."""
    with uow:
        return uow.referrals.board_counts(clock.today(), CaseScope.of(actor))


@use_case("case_referrals")
def case_referrals(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, dispute_id: int
) -> list[PathwayStep]:
    """The case's way between actors in order: where it came from, and each referral out with
    its dates, status and outcome."""
    today = clock.today()
    with uow:
        visible_dispute(uow, actor, dispute_id)
        referrals = uow.referrals.for_dispute(dispute_id)
        actors = {r.actor_id: uow.actors.get(r.actor_id) for r in referrals}
    steps = []
    for referral in referrals:
        justice_actor = actors[referral.actor_id]
        if justice_actor is None or referral.id is None:
            continue
        try:
            kind = taxonomy.actor_kind(justice_actor.kind)
            mechanism, sdg = kind.mechanism.value, kind.sdg_mechanism
        except UnknownCode:
            mechanism, sdg = "", ""
        steps.append(
            PathwayStep(
                referral_id=referral.id,
                direction=referral.direction,
                actor_name=justice_actor.name,
                actor_kind=justice_actor.kind,
                mechanism=mechanism,
                sdg_mechanism=sdg,
                code=referral.code,
                status=referral.status,
                sent_on=referral.sent_on,
                due_on=referral.due_on,
                feedback_on=referral.feedback_on,
                closed_on=referral.completed_on
                or referral.withdrawn_on
                or (referral.decided_on if referral.status is ReferralStatus.DECLINED else None),
                outcome=referral.outcome,
                overdue=referral.is_overdue(today),
            )
        )
    # Incoming first (the case came from there), then in the order sent (drafts last).
    return sorted(
        steps,
        key=lambda s: (s.direction is not Direction.IN, s.sent_on or date.max, s.referral_id),
    )


def figures_of(facts: list[ReferralFact], taxonomy: Taxonomy) -> ReferralFigures:
    """The report figures of some referrals (pure: the reports and the export compute the
    same numbers from the same facts)."""
    kinds = []
    mechanisms = []
    sdg = []
    for fact in facts:
        kinds.append(fact.actor_kind)
        try:
            kind = taxonomy.actor_kind(fact.actor_kind)
            mechanisms.append(kind.mechanism.value)
            sdg.append(kind.sdg_mechanism)
        except UnknownCode:
            mechanisms.append("unknown")
            sdg.append("unknown")
    outgoing = [f for f in facts if f.direction is Direction.OUT]
    sent = [f for f in outgoing if f.sent_on is not None]
    decided = [
        f
        for f in outgoing
        if f.status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.COMPLETED)
    ]
    accepted = [f for f in decided if f.status is not ReferralStatus.DECLINED]
    with_feedback = [f for f in sent if f.feedback_on is not None]
    days = [
        (f.feedback_on - f.sent_on).days
        for f in with_feedback
        if f.feedback_on is not None and f.sent_on is not None
    ]
    return ReferralFigures(
        total=len(facts),
        by_direction=count_by([f.direction.value for f in facts]),
        by_actor_kind=count_by(kinds),
        by_mechanism=count_by(mechanisms),
        by_sdg_mechanism=count_by(sdg),
        by_status=count_by([f.status.value for f in facts]),
        acceptance_rate=len(accepted) / len(decided) if decided else None,
        share_with_feedback=len(with_feedback) / len(sent) if sent else None,
        median_days_to_feedback=median_or_none(days),
    )


@use_case("referral_figures")
def referral_figures(
    uow: UnitOfWork, actor: Actor, taxonomy: Taxonomy, first: date, last: date
) -> ReferralFigures:
    """Counts of the referrals sent or received from first to last (anonymous: no case, party
    or actor is named)."""
    if last < first:
        raise ValidationError("last", "The end of the period is before its start.")
    with uow:
        facts = uow.referrals.facts(first, last)
    return figures_of(facts, taxonomy)
