"""Case numbers come from ``case_counters`` (one row per prefix): they stay unique and
sequential through registration, a register import, the bulk loader and the 0004 migration of a
database made before it, and the counters always equal what the numbers themselves say."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, text

from desktop.domain.model.dispute import Channel, Dispute, Party, PartyRole, Sex, Status
from desktop.domain.model.records import CaseRecord
from desktop.domain.services.disputes import RegisterDispute, import_register
from desktop.workspace import OpenWorkspace
from storage import schema
from storage.engine import open_engine
from storage.repositories.disputes import counter_of, raise_counters
from storage.sealing import Sealer
from storage.unit_of_work import SqlUnitOfWork
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, register_case

# The rule, written independently of the code under test: a prefix ending in a non-digit, then
# the digits that end the number.
_NUMBER = re.compile(r"^(.*[^0-9])([0-9]+)$")


def counters(conn: Connection) -> dict[str, int]:
    rows = conn.execute(text("SELECT prefix, last FROM case_counters")).all()
    return {str(prefix): int(last) for prefix, last in rows}


def expected_counters(numbers: list[str]) -> dict[str, int]:
    highest: dict[str, int] = {}
    for number in numbers:
        match = _NUMBER.match(number)
        if match:
            prefix, sequence = match.group(1), min(int(match.group(2)), 2**63 - 1)
            highest[prefix] = max(sequence, highest.get(prefix, 0))
    return highest


def numbers_and_counters(opened: OpenWorkspace) -> tuple[list[str], dict[str, int]]:
    with opened.unit_of_work() as uow:
        conn: Connection = uow.connection  # type: ignore[attr-defined]
        numbers = list(conn.execute(text("SELECT number FROM disputes ORDER BY id")).scalars())
        return numbers, counters(conn)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenWorkspace]:
    workspace, _ = create_workspace(tmp_path / "ws")
    signed_in = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield signed_in
    signed_in.close()


def a_record(number: str) -> CaseRecord:
    return CaseRecord(
        Dispute(
            number=number,
            received_on=date(2026, 1, 3),
            channel=Channel.WALK_IN,
            category="debt",
            area="Testland > Test Ward",
            description="",
            status=Status.REGISTERED,
            parties=[Party(PartyRole.COMPLAINANT, "Test Loaded Complainant", Sex.FEMALE, 40)],
        )
    )


def an_import_row(day: int) -> RegisterDispute:
    return RegisterDispute(
        received_on=date(2026, 1, day),
        channel=Channel.WALK_IN,
        category="debt",
        parties=(Party(PartyRole.COMPLAINANT, f"Test Imported Complainant {day}"),),
    )


def test_counter_of() -> None:
    assert counter_of("KBR-2026-0042") == ("KBR-2026-", 42)
    assert counter_of("KBRX-2026-0500") == ("KBRX-2026-", 500)
    assert counter_of("KBR-2026-IMPORTED") is None
    assert counter_of("20260042") is None  # nothing before the digits
    assert counter_of("KBR-2026-") is None
    assert counter_of("KBR-2026-" + "9" * 30) == ("KBR-2026-", 2**63 - 1)  # SQLite's largest


def test_register_import_and_bulk_load_share_one_sequence(opened: OpenWorkspace) -> None:
    first = register_case(opened).number
    restricted = register_case(opened, category="gbv", restricted=True).number
    assert (first, restricted) == ("KBR-2026-0001", "KBR-2026-0002")

    imported = import_register(
        opened.unit_of_work(),
        opened.actor,
        opened.clock,
        opened.taxonomy,
        [an_import_row(9), an_import_row(7)],
    )
    # numbered in the order received, after the cases already registered
    assert [case.number for case in imported] == ["KBR-2026-0004", "KBR-2026-0003"]

    loaded = [a_record(f"KBR-2026-{seq:04d}") for seq in (5, 6, 40)] + [a_record("KBR-2025-0007")]
    assert opened.case_loader().load(loaded, batch=2) == 4

    after_load = register_case(opened).number
    assert after_load == "KBR-2026-0041"
    numbers, stored = numbers_and_counters(opened)
    assert len(numbers) == len(set(numbers)) == 9
    assert stored == expected_counters(numbers) == {"KBR-2026-": 41, "KBR-2025-": 7}


def test_a_failed_save_leaves_the_counter_as_it_was(opened: OpenWorkspace) -> None:
    register_case(opened)
    with pytest.raises(ValueError), opened.unit_of_work() as uow:  # rolled back with the batch
        conn: Connection = uow.connection  # type: ignore[attr-defined]
        raise_counters(conn, ["KBR-2026-0100"])
        raise ValueError("the save failed after the number was taken")
    assert register_case(opened).number == "KBR-2026-0002"


def test_counters_are_never_lowered(opened: OpenWorkspace) -> None:
    register_case(opened)
    register_case(opened)
    with opened.unit_of_work() as uow:
        conn: Connection = uow.connection  # type: ignore[attr-defined]
        raise_counters(conn, ["KBR-2026-0001", "KBR-2027-0003", "KBR-2027-0002", "odd"])
        assert counters(conn) == {"KBR-2026-": 2, "KBR-2027-": 3}
        uow.commit()
    assert register_case(opened).number == "KBR-2026-0003"


def test_next_sequence_refuses_a_prefix_ending_in_a_digit(opened: OpenWorkspace) -> None:
    with opened.unit_of_work() as uow, pytest.raises(ValueError):
        uow.disputes.next_sequence("KBR-2026")


# -- a database made before migration 0004 ---------------------------------------------------

BEFORE_0004 = (
    "KBR-2026-0007",
    "KBR-2026-0042",
    "KBR-2026-0003",
    "KBR-2025-0100",
    "KBRX-2026-0500",
    "KBR-2026-IMPORTED",
    "20260099",
    "KBR-2026-" + "9" * 25,
)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_engine(tmp_path / "cases.db", os.urandom(32), create=True)
    yield engine
    engine.dispose()


def test_the_migration_fills_the_counters_from_the_stored_numbers(engine: Engine) -> None:
    with engine.begin() as conn:
        command.upgrade(schema.alembic_config(conn), "0003")
        for number in BEFORE_0004:
            conn.execute(
                text(
                    "INSERT INTO disputes (number, received_on, channel, category, area, "
                    "description, risk_flags, restricted, status, referred_by_reference, "
                    "created_at, updated_at) VALUES (:number, '2026-01-05', 'walk_in', 'debt', "
                    "'', '', '[]', 0, 'registered', '', '2026-01-05T10:00:00+00:00', "
                    "'2026-01-05T10:00:00+00:00')"
                ),
                {"number": number},
            )
    assert schema.current_revision(engine) == "0003"
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert counters(conn) == {
            "KBR-2026-": 2**63 - 1,
            "KBR-2025-": 100,
            "KBRX-2026-": 500,
        }
        assert counters(conn) == expected_counters(list(BEFORE_0004))


def test_after_the_migration_numbers_continue_from_the_highest(engine: Engine) -> None:
    with engine.begin() as conn:
        command.upgrade(schema.alembic_config(conn), "0003")
        conn.execute(
            text(
                "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 57)"
                " INSERT INTO disputes (number, received_on, channel, category, area, description,"
                " risk_flags, restricted, status, referred_by_reference, created_at, updated_at)"
                " SELECT 'KBR-2026-' || printf('%04d', n), '2026-01-05', 'walk_in', 'debt',"
                " '', '', '[]', 0, 'registered', '', '2026-01-05T10:00:00+00:00',"
                " '2026-01-05T10:00:00+00:00' FROM seq"
            )
        )
    schema.upgrade(engine)
    with SqlUnitOfWork(engine, Sealer(None)) as uow:
        assert uow.disputes.next_sequence("KBR-2026-") == 58
        assert uow.disputes.next_sequence("KBR-2027-") == 1
        uow.disputes.add(a_record("KBR-2026-0058").dispute)
        assert uow.disputes.next_sequence("KBR-2026-") == 59
