"""The referral figures the reports use, from facts and from a workspace's referrals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.referrals import Direction, ReferralOutcome, ReferralStatus
from desktop.domain.services import referral_board, referrals
from desktop.domain.services.referral_board import figures_of
from desktop.domain.taxonomy import default_taxonomy
from tests.unit.world import World

S = ReferralStatus
D0 = date(2026, 3, 1)


def _fact(
    kind: str, status: S, days: int | None, direction: Direction = Direction.OUT
) -> ReferralFact:
    feedback = None if days is None else D0 + timedelta(days=days)
    outcome = ReferralOutcome.ACTION_TAKEN if status is S.COMPLETED else None
    return ReferralFact(direction, kind, status, D0, feedback, outcome, dispute_id=1)


def test_rates_shares_and_the_median() -> None:
    facts = [
        _fact("police", S.SENT, None),
        _fact("police", S.ACKNOWLEDGED, 3),
        _fact("police", S.DECLINED, 5),
        _fact("legal_aid", S.ACCEPTED, 2),
        _fact("legal_aid", S.COMPLETED, 10),
        _fact("court", S.COMPLETED, 20),
        _fact("chief_elder", S.ACCEPTED, 0, Direction.IN),
    ]
    figures = figures_of(facts, default_taxonomy())
    assert figures.total == 7
    assert figures.by_direction == {"in": 1, "out": 6}
    assert figures.by_actor_kind == {"chief_elder": 1, "court": 1, "legal_aid": 2, "police": 3}
    assert figures.by_mechanism == {"formal": 6, "informal": 1}
    assert figures.by_sdg_mechanism["Court or tribunal"] == 1
    assert figures.by_status == {
        "accepted": 2,
        "acknowledged": 1,
        "completed": 2,
        "declined": 1,
        "sent": 1,
    }
    # decided (outgoing): declined, accepted, completed, completed -> 3 of 4 accepted
    assert figures.acceptance_rate == pytest.approx(3 / 4)
    # outgoing sent: 6, with feedback: 5
    assert figures.share_with_feedback == pytest.approx(5 / 6)
    assert figures.median_days_to_feedback == 5.0  # 2, 3, 5, 10, 20


def test_no_referrals_give_no_rates() -> None:
    figures = figures_of([], default_taxonomy())
    assert figures.total == 0
    assert figures.acceptance_rate is None
    assert figures.share_with_feedback is None
    assert figures.median_days_to_feedback is None


def test_the_use_case_counts_the_period_only(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    police = world.add_justice_actor()
    cmd = referrals.ReferCase(dispute.id, police, "Threats.")
    referrals.refer_case(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    world.clock.advance(days=40)
    referrals.refer_case(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    today = world.clock.today()
    figures = referral_board.referral_figures(
        world.uow, world.admin, world.taxonomy, today.replace(day=1), today
    )
    assert figures.total == 1 and figures.by_actor_kind == {"police": 1}
    with pytest.raises(ValidationError):
        referral_board.referral_figures(
            world.uow, world.admin, world.taxonomy, today, today - timedelta(days=1)
        )
