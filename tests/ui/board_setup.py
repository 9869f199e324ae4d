"""A real workspace with referrals for the board and feedback tests: a clock the test moves,
two actors in the directory, a paralegal, and helpers that refer cases through the use cases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.domain.model.dispute import Channel, Party, PartyRole
from desktop.domain.model.referrals import JusticeActor, Referral, ReferralStatus
from desktop.domain.model.users import Actor, Role, User
from desktop.domain.services import actors, referrals
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from desktop.workspace import OpenWorkspace
from tests.unit.fakes import FixedClock

START = date(2026, 3, 2)
POLICE_PHONE = "+254711000111"
LEGAL_AID_PHONE = "+254722000222"
PARALEGAL_PASSPHRASE = "blue goat under tree"


class Board:
    """The opened workspace, its clock and directory, and the referrals made so far."""

    def __init__(self, opened: OpenWorkspace, clock: FixedClock) -> None:
        self.opened = opened
        self.clock = clock
        self.police = self._actor("police", "Kibera Police Station", POLICE_PHONE)
        self.legal_aid = self._actor("legal_aid", "Haki Legal Aid Clinic", LEGAL_AID_PHONE)
        user = opened.add_user(
            User("otieno", "Otieno Paralegal", Role.PARALEGAL), PARALEGAL_PASSPHRASE
        )
        self.paralegal = Actor.of(user)

    def _actor(self, kind: str, name: str, phone: str) -> int:
        o = self.opened
        added = actors.add_actor(
            o.unit_of_work(), o.actor, o.clock, o.taxonomy, JusticeActor(kind, name, phone=phone)
        )
        assert added.id is not None
        return added.id

    def case(self, name: str = "Test Complainant", **extra: object) -> tuple[int, str]:
        o = self.opened
        command = RegisterDispute(
            received_on=self.clock.today(),
            channel=extra.pop("channel", Channel.WALK_IN),  # type: ignore[arg-type]
            category="debt",
            parties=(Party(PartyRole.COMPLAINANT, name),),
            **extra,  # type: ignore[arg-type]
        )
        dispute = register_dispute(o.unit_of_work(), o.actor, o.clock, o.taxonomy, command)
        assert dispute.id is not None
        return dispute.id, dispute.number

    def refer(
        self, dispute_id: int, actor_id: int, due_in: int, by: Actor | None = None
    ) -> Referral:
        o = self.opened
        cmd = referrals.ReferCase(
            dispute_id, actor_id, "Needs legal advice.", due_on=START + timedelta(days=due_in)
        )
        return referrals.refer_case(o.unit_of_work(), by or o.actor, o.clock, o.taxonomy, cmd)

    def feedback(self, referral_id: int, status: ReferralStatus) -> None:
        o = self.opened
        cmd = referrals.RecordFeedback(referral_id, status)
        referrals.record_referral_feedback(o.unit_of_work(), o.actor, o.clock, cmd)

    def stored(self, referral_id: int) -> Referral:
        with self.opened.unit_of_work() as uow:
            referral = uow.referrals.get(referral_id)
        assert referral is not None
        return referral


@pytest.fixture
def board(tmp_path: Path) -> Iterator[Board]:
    from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

    workspace = create_workspace(tmp_path / "ws")[0]
    clock = FixedClock(datetime(START.year, START.month, START.day, 9, 30))
    workspace.clock = clock
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        yield Board(opened, clock)
    finally:
        opened.close()
