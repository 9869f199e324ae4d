"""Saving a case through the use case (validation, number, parties, search index, audit chain,
one durable commit) against a raw insert of the same rows and a commit on the same file."""

from __future__ import annotations

import itertools
import os
from datetime import date
from pathlib import Path

from tests.bench.run import PASSPHRASE, USER, median_time, result


def save_case(folder: Path, runs: int = 15) -> list[dict[str, object]]:
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
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            dispute_columns = [r[1] for r in raw.execute("PRAGMA table_info(disputes)")][1:]
            party_columns = [r[1] for r in raw.execute("PRAGMA table_info(parties)")][1:]
            last = raw.execute("SELECT max(id) FROM disputes WHERE restricted = 0").fetchone()[0]
            template = dict(
                zip(
                    dispute_columns,
                    raw.execute(
                        f"SELECT {', '.join(dispute_columns)} FROM disputes WHERE id = ?", (last,)
                    ).fetchone(),
                    strict=True,
                )
            )
            party_rows = raw.execute(
                f"SELECT {', '.join(party_columns)} FROM parties WHERE dispute_id = ? LIMIT 2",
                (last,),
            ).fetchall()

            def raw_insert() -> None:
                n = next(counter)
                values = {**template, "number": f"RAW-{tag}-{n}"}
                raw.execute("BEGIN")
                cursor = raw.execute(
                    f"INSERT INTO disputes ({', '.join(values)}) "
                    f"VALUES ({', '.join('?' for _ in values)})",
                    tuple(values.values()),
                )
                for row in party_rows:
                    party = dict(zip(party_columns, row, strict=True))
                    party["dispute_id"] = cursor.lastrowid
                    raw.execute(
                        f"INSERT INTO parties ({', '.join(party)}) "
                        f"VALUES ({', '.join('?' for _ in party)})",
                        tuple(party.values()),
                    )
                raw.execute("COMMIT")

            raw_insert()
            reference = median_time(raw_insert, runs)
        through_the_service()
        measured = median_time(through_the_service, runs)
    finally:
        opened.close()
    return [result("saving a case vs a raw insert and commit (s)", measured, reference, 5.0)]


if __name__ == "__main__":  # python -m tests.bench.save_case WORKSPACE_FOLDER
    import json
    import sys

    print(json.dumps(save_case(Path(sys.argv[1])), indent=2))
