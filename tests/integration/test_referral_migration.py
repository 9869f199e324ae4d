"""Migration 0005 on a database that already holds referrals: rows kept, dates filled from what
they say, new text columns NULL (read as nothing) until written, ids never reused, and the
sealed columns of restricted cases still sealed and resealed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.referral_board import BoardFilter
from desktop.domain.model.referrals import ReferralStatus
from storage import schema
from storage.engine import open_engine
from storage.sealing import MARKER, REDACTED, Sealer
from storage.unit_of_work import SqlUnitOfWork


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[tuple[Engine, bytes]]:
    key = os.urandom(32)
    engine = open_engine(tmp_path / "cases.db", key, create=True)
    yield engine, key
    engine.dispose()


def _old_database(engine: Engine, sealer: Sealer) -> None:
    """Revision 0004 with two cases (one restricted) and three referrals; the newest referral
    was deleted, so the id sequence is above the highest id."""
    with engine.begin() as conn:
        command.upgrade(schema.alembic_config(conn), "0004")
        now = "2026-01-05T09:00:00+00:00"
        conn.execute(
            text(
                "INSERT INTO actors (id, kind, name, contact_person, phone, area, services, "
                "hours, active) VALUES (1, 'police', 'Test Post', '', '', '', '', '', 1)"
            )
        )
        sealed_description = sealer.seal("disputes", 2, "description", "")
        for dispute_id, restricted, description in ((1, 0, ""), (2, 1, sealed_description)):
            conn.execute(
                text(
                    "INSERT INTO disputes (id, number, received_on, channel, category, area, "
                    "description, risk_flags, restricted, status, referred_by_reference, "
                    "created_at, updated_at) VALUES (:id, :number, '2026-01-05', 'walk_in', "
                    "'debt', 'Test', :description, '[]', :restricted, 'awaiting_feedback', '', "
                    ":now, :now)"
                ),
                {"id": dispute_id, "number": f"KBR-2026-000{dispute_id}", "restricted": restricted,
                 "now": now, "description": description},
            )  # fmt: skip
        old = [
            (1, 1, "acknowledged", "Old reason", "2026-01-09"),
            (2, 2, "completed", sealer.seal("referrals", 2, "reason", "Old sealed reason"), None),
            (3, 1, "sent", "Gone", None),
        ]
        for referral_id, dispute_id, status, reason, feedback_on in old:
            feedback = sealer.seal("referrals", 2, "feedback", "") if dispute_id == 2 else ""
            conn.execute(
                text(
                    "INSERT INTO referrals (id, dispute_id, actor_id, direction, reason, urgency, "
                    "status, shared_fields, consents, code, sent_on, due_on, feedback, "
                    "feedback_on) VALUES (:id, :dispute, 1, 'out', :reason, 'routine', :status, "
                    "'[]', '[]', :code, '2026-01-07', '2026-01-21', :feedback, :feedback_on)"
                ),
                {"id": referral_id, "dispute": dispute_id, "reason": reason, "status": status,
                 "code": f"OLD-{referral_id}", "feedback": feedback, "feedback_on": feedback_on},
            )  # fmt: skip
        conn.execute(text("DELETE FROM referrals WHERE id = 3"))


def test_the_migration_keeps_referrals_and_fills_what_it_can(
    engine: tuple[Engine, bytes],
) -> None:
    db, key = engine
    sealer = Sealer(key)
    _old_database(db, sealer)
    assert schema.current_revision(db) == "0004"
    schema.upgrade(db)
    assert schema.current_revision(db) == schema.head_revision()
    with SqlUnitOfWork(db, sealer) as uow:
        plain, sealed = uow.referrals.get(1), uow.referrals.get(2)
        assert plain is not None and sealed is not None
        assert (plain.reason, plain.status, plain.code) == (
            "Old reason",
            ReferralStatus.ACKNOWLEDGED,
            "OLD-1",
        )
        assert plain.created_on == date(2026, 1, 7)
        assert plain.acknowledged_on == date(2026, 1, 9) and plain.decided_on is None
        assert (plain.status_reason, plain.feedback_from, plain.their_reference) == ("", "", "")
        assert sealed.reason == "Old sealed reason" and sealed.consent_override == ""
        assert uow.referrals.board(BoardFilter(), CaseScope(all_restricted=True))[0].code == (
            "OLD-1"
        )
        sealed.status_reason = "Synthetic reason after the migration"
        uow.referrals.update(sealed)
        uow.commit()
        new_id = uow.referrals.add(replace(plain, id=None, code="NEW-1"))
        uow.commit()
    assert new_id == 4  # the deleted referral's id 3 is not used again
    with db.connect() as conn:
        stored = conn.execute(text("SELECT status_reason FROM referrals WHERE id = 2")).scalar()
    assert str(stored).startswith(MARKER)
    with SqlUnitOfWork(db, Sealer(None)) as uow:
        unsealed = uow.referrals.get(2)
        assert unsealed is not None
        assert unsealed.status_reason == REDACTED and unsealed.feedback_from == REDACTED


def test_a_restriction_change_reseals_migrated_rows(engine: tuple[Engine, bytes]) -> None:
    db, key = engine
    sealer = Sealer(key)
    _old_database(db, sealer)
    schema.upgrade(db)
    with SqlUnitOfWork(db, sealer) as uow:
        dispute = uow.disputes.get(2)
        assert dispute is not None
        dispute.restricted = False
        uow.disputes.update(dispute)
        uow.commit()
    with SqlUnitOfWork(db, sealer) as uow:
        referral = uow.referrals.get(2)
        assert referral is not None and referral.reason == "Old sealed reason"
        assert referral.status_reason == "" and referral.their_reference == ""
        referral.their_reference = "Ref. 7/26"
        uow.referrals.update(referral)
        dispute = uow.disputes.get(2)
        assert dispute is not None
        dispute.restricted = True
        uow.disputes.update(dispute)
        uow.commit()
    with db.connect() as conn:
        stored = conn.execute(text("SELECT their_reference FROM referrals WHERE id = 2")).scalar()
    assert str(stored).startswith(MARKER)
    with SqlUnitOfWork(db, sealer) as uow:
        again = uow.referrals.get(2)
        assert again is not None and again.their_reference == "Ref. 7/26"
