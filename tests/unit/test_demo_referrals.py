"""The demo's referrals carry their lifecycle consistently: codes, who made them, the date of
each step matching the status, outcomes of completed ones, and a board with open and overdue
referrals."""

from __future__ import annotations

from datetime import date

import pytest

from desktop import demo
from desktop.domain.model.committee import Committee
from desktop.domain.model.records import CaseRecord
from desktop.domain.model.referral_code import parse_code
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.domain.taxonomy import default_taxonomy

TODAY = date(2026, 3, 10)
MEMBERS = (11, 12, 13, 14, 15, 16)


@pytest.fixture(scope="module")
def records() -> list[CaseRecord]:
    taxonomy = default_taxonomy()
    actor_ids = [100 + i for i in range(len(demo.demo_actors(5, taxonomy)))]
    committee = Committee("Kibera Peace Committee", "KBR", "Nairobi > Kibera")
    generated = demo.generate_cases(
        3000, 5, taxonomy, committee, MEMBERS, actor_ids, TODAY, restricted_member_ids=(11, 15)
    )
    return list(generated)


def test_codes_are_valid_and_unique(records: list[CaseRecord]) -> None:
    codes = [r.code for record in records for r in record.referrals]
    assert codes and all(parse_code(code) == code for code in codes)
    assert len(set(codes)) == len(codes)


def test_every_step_has_its_date(records: list[CaseRecord]) -> None:
    seen: set[ReferralStatus] = set()
    for record in records:
        for r in record.referrals:
            seen.add(r.status)
            assert r.created_by in MEMBERS and r.created_on is not None
            if r.sent_on is not None and r.direction is Direction.OUT:
                assert r.created_on <= r.sent_on
            if r.status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
                assert r.decided_on is not None and r.decided_on <= TODAY
            if r.status is ReferralStatus.DECLINED:
                assert r.status_reason
            if r.status is ReferralStatus.WITHDRAWN:
                assert r.withdrawn_on is not None and r.status_reason
            if r.status is ReferralStatus.COMPLETED:
                assert r.completed_on is not None and r.outcome is not None
                assert r.feedback_on is not None and r.feedback_on <= r.completed_on
            if r.direction is Direction.OUT and r.feedback_on is not None:
                assert r.acknowledged_on == r.feedback_on
                assert r.feedback_via is not None and r.feedback_from
            if r.direction is Direction.IN:
                assert r.their_reference == record.dispute.referred_by_reference
                assert r.decided_on == record.dispute.received_on
    assert seen == set(ReferralStatus) - {ReferralStatus.DRAFT} | (seen & {ReferralStatus.DRAFT})


def test_the_board_has_open_overdue_and_waiting_referrals(records: list[CaseRecord]) -> None:
    open_ = [r for record in records for r in record.referrals if r.is_open]
    overdue = [r for r in open_ if r.is_overdue(TODAY)]
    assert len(overdue) > 20 and len(open_) - len(overdue) > 20
    assert any(r.status is ReferralStatus.SENT for r in open_)
    assert any(r.direction is Direction.IN for r in open_)
