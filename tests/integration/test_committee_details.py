"""Migration 0006 and the committee's new details on a real SQLCipher database: an existing
committee gets a random pseudonym and the default export settings; a new workspace gets its
own pseudonym at setup; a party's relation to a committee member is stored."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import text

from desktop.domain.model.dispute import Channel, Party, PartyRole
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from storage import schema
from storage.engine import open_engine
from storage.sealing import Sealer
from storage.unit_of_work import SqlUnitOfWork
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace


def test_an_existing_committee_gets_a_pseudonym_and_the_default_settings(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "cases.db", os.urandom(32), create=True)
    try:
        with engine.begin() as conn:
            command.upgrade(schema.alembic_config(conn), "0005")
            conn.execute(
                text(
                    "INSERT INTO committee (id, name, code, area, language, non_mediable, "
                    "auto_lock_minutes, approvals_required) "
                    "VALUES (1, 'Test Committee', 'TST', 'Test', 'en', '[]', 5, 0)"
                )
            )
        schema.upgrade(engine)
        with SqlUnitOfWork(engine, Sealer(None)) as uow:
            committee = uow.committee.get()
        assert committee.pseudonym.startswith("C-") and len(committee.pseudonym) == 12
        assert "Test" not in committee.pseudonym
        assert (committee.export_cadence, committee.export_threshold) == ("monthly", 5)
        assert committee.export_sensitive_threshold == 10 and committee.contact == ""
    finally:
        engine.dispose()


def test_setup_makes_a_pseudonym_and_parties_keep_their_relation(tmp_path: Path) -> None:
    workspace = create_workspace(tmp_path / "ws")[0]
    other = create_workspace(tmp_path / "other")[0]
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    second = other.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        first_name = opened.committee().pseudonym
        assert first_name.startswith("C-") and first_name != second.committee().pseudonym
        relative = Party(PartyRole.RESPONDENT, "Test Relative", related_member=opened.actor.user_id)
        command = RegisterDispute(
            received_on=date(2026, 1, 5),
            channel=Channel.WALK_IN,
            category="debt",
            parties=(Party(PartyRole.COMPLAINANT, "Test A"), relative),
        )
        o = opened
        dispute = register_dispute(o.unit_of_work(), o.actor, o.clock, o.taxonomy, command)
        with opened.unit_of_work() as uow:
            stored = uow.disputes.get(dispute.id or 0)
        assert stored is not None
        assert [p.related_member for p in stored.parties] == [None, opened.actor.user_id]
    finally:
        opened.close()
        second.close()
