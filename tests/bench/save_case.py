"""Saving a case through the use case (validation, number, parties, search index, audit chain,
one durable commit) against a raw insert of the same rows and a commit on the same file."""

from __future__ import annotations

import itertools
import os
import statistics
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from tests.bench.run import PASSPHRASE, USER, median_time, result

T = TypeVar("T")


def row_of(raw: Any, table: str, where: str, params: tuple[object, ...]) -> list[dict[str, object]]:
    """Rows of ``table`` as column -> value, without the integer primary key."""
    columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})") if not r[5]]
    query = f"SELECT {', '.join(columns)} FROM {table} WHERE {where}"
    return [dict(zip(columns, row, strict=True)) for row in raw.execute(query, params)]


def insert_row(raw: Any, table: str, values: dict[str, object]) -> int:
    cursor = raw.execute(
        f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
        tuple(values.values()),
    )
    return int(cursor.lastrowid)


def save_case(folder: Path, runs: int = 31) -> list[dict[str, object]]:
    from keyring.backends.fail import Keyring

    from desktop.domain.model.dispute import Channel, Party, PartyRole, Sex
    from desktop.domain.services.disputes import RegisterDispute, register_dispute
    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace

    opened = SqlCipherWorkspace(folder, secrets=DeviceSecretStore(Keyring())).sign_in(
        USER, PASSPHRASE
    )
    counter = itertools.count()
    tag = os.urandom(4).hex()  # numbers unique across runs on the same workspace
    try:

        def through_the_service() -> None:
            n = next(counter)
            command = RegisterDispute(
                received_on=date(2026, 11, 20),
                channel=Channel.WALK_IN,
                category="land_boundary",
                description="The fence between the two plots was moved.",
                parties=(
                    Party(PartyRole.COMPLAINANT, f"Bench Complainant {n}", Sex.FEMALE, 34),
                    Party(PartyRole.RESPONDENT, f"Bench Respondent {n}", Sex.MALE, 51),
                ),
            )
            register_dispute(
                opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command
            )

        engine = opened._require_engine()  # type: ignore[attr-defined]

        def on_the_pooled_connection(action: Callable[[Any], T]) -> T:
            """Run ``action`` on the DB-API connection the use case uses too (the pool's only
            one: same key, same pragmas, WAL and synchronous=FULL, same warm page cache)."""
            pooled = engine.raw_connection()
            try:
                return action(pooled.driver_connection)
            finally:
                pooled.close()

        def templates(
            raw: Any,
        ) -> tuple[dict[str, object], list[dict[str, object]], dict[str, object]]:
            last = raw.execute("SELECT max(id) FROM disputes WHERE restricted = 0").fetchone()[0]
            return (
                row_of(raw, "disputes", "id = ?", (last,))[0],
                row_of(raw, "parties", "dispute_id = ? LIMIT 2", (last,)),
                row_of(raw, "audit", "seq = (SELECT max(seq) FROM audit)", ())[0],
            )

        dispute, parties, audit = on_the_pooled_connection(templates)

        def insert_and_commit(raw: Any) -> None:
            """The rows a save writes (a dispute, two parties, its search row, an audit event)
            as plain INSERTs, and one commit."""
            n = next(counter)
            number = f"RAW-{tag}-{n}"
            raw.execute("BEGIN")
            dispute_id = insert_row(raw, "disputes", {**dispute, "number": number})
            for party in parties:
                insert_row(raw, "parties", {**party, "dispute_id": dispute_id})
            raw.execute(
                "INSERT INTO dispute_search (rowid, number, names) VALUES (?, ?, ?)",
                (dispute_id, number, f"Raw Complainant {n}\nRaw Respondent {n}"),
            )
            insert_row(raw, "audit", {**audit, "subject": f"dispute:{dispute_id}"})
            raw.execute("COMMIT")

        def raw_insert() -> None:
            on_the_pooled_connection(insert_and_commit)

        raw_insert()
        through_the_service()
        # Alternated, so that both see the same file, WAL size and checkpoints.
        raw_times, service_times = [], []
        for _ in range(runs):
            raw_times.append(median_time(raw_insert, 1))
            service_times.append(median_time(through_the_service, 1))
        reference = statistics.median(raw_times)
        measured = statistics.median(service_times)
    finally:
        opened.close()
    return [result("saving a case vs a raw insert and commit (s)", measured, reference, 5.0)]


if __name__ == "__main__":  # python -m tests.bench.save_case WORKSPACE_FOLDER
    import json
    import sys

    print(json.dumps(save_case(Path(sys.argv[1])), indent=2))
