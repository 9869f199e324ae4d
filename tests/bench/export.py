"""Exporting the busiest quarter of the demo workspace, against a raw fetch of the same rows.

Measured: ``export_period``, the use case behind "Save export" and ``suluhu export``: the
period's cases counted in the database, the referral facts, disclosure control of the 18
tables, the JSON and CSV of each table, the manifest, the Ed25519 signature, the file written
and fsynced beside its target and renamed into place, the export log entry and the audit
event, one commit. The committee is set to export quarters (a cadence allows months or
quarters, never a year), and the busiest quarter that has ended is exported.

Reference: the rows that export reads, fetched with plain SQL on the same pooled DB-API
connection (same key, pragmas and warm page cache) and nothing done with them (RAW_QUERIES:
the period's cases with their outcome, those cases' parties, agreements and follow-ups, and
the period's referrals with their actor's kind). The period's cases are found the same fast
way in both (a UNION of the received_on and closed_on index searches).

Also reported: the peak Python memory (tracemalloc) of one export against one raw fetch.
"""

from __future__ import annotations

import statistics
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from tests.bench.run import PASSPHRASE, USER, median_time, result

PERIOD_CASES = """
    period_cases(id) AS (
        SELECT id FROM disputes WHERE received_on BETWEEN :first AND :last
        UNION
        SELECT o.dispute_id FROM outcomes o JOIN disputes d ON d.id = o.dispute_id
        WHERE o.closed_on BETWEEN :first AND :last AND d.status IN ('closed', 'withdrawn')
    )"""
RAW_QUERIES = (
    f"""WITH {PERIOD_CASES}
    SELECT d.id, d.received_on, d.channel, d.category, d.status, o.kind, o.closed_on, o.views
    FROM period_cases c JOIN disputes d ON d.id = c.id
    LEFT JOIN outcomes o ON o.dispute_id = d.id""",
    f"""WITH {PERIOD_CASES}
    SELECT p.dispute_id, p.id, p.role, p.sex, p.age_band, p.disability, p.displacement,
           p.consent_reporting
    FROM period_cases c JOIN parties p ON p.dispute_id = c.id""",
    f"""WITH {PERIOD_CASES}
    SELECT g.dispute_id FROM period_cases c JOIN agreements g ON g.dispute_id = c.id""",
    f"""WITH {PERIOD_CASES}
    SELECT f.dispute_id, f.done_on, f.result
    FROM period_cases c JOIN follow_ups f ON f.dispute_id = c.id""",
    """SELECT r.dispute_id, r.direction, a.kind, r.status, r.sent_on, r.feedback_on, r.outcome
    FROM referrals r JOIN actors a ON a.id = r.actor_id
    WHERE r.sent_on BETWEEN :first AND :last""",
)


def busiest_quarter(raw: Any, today: date) -> tuple[int, int, int]:
    """(year, quarter, cases received) of the quarter with most cases that has ended."""
    rows = raw.execute(
        "SELECT CAST(strftime('%Y', received_on) AS INTEGER), "
        "(CAST(strftime('%m', received_on) AS INTEGER) + 2) / 3, count(*) "
        "FROM disputes GROUP BY 1, 2 ORDER BY 3 DESC"
    ).fetchall()
    for year, quarter, count in rows:
        ended = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        if ended <= today:
            return int(year), int(quarter), int(count)
    raise RuntimeError("No quarter of the demo has ended.")


def peak_mib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def export_bench(folder: Path, scratch: Path, runs: int = 7) -> list[dict[str, object]]:
    from keyring.backends.fail import Keyring

    from desktop.domain.model.export_tables import Cadence, Period
    from desktop.domain.services.export_log import export_period
    from storage.export_file import ExportFile
    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace

    opened = SqlCipherWorkspace(folder, secrets=DeviceSecretStore(Keyring())).sign_in(
        USER, PASSPHRASE
    )
    engine = opened._require_engine()  # type: ignore[attr-defined]
    try:
        with opened.unit_of_work() as uow:
            committee = uow.committee.get()
            committee.export_cadence = Cadence.QUARTERLY.value
            uow.committee.save(committee)
            uow.commit()

        def on_the_pooled_connection(action: Callable[[Any], object]) -> object:
            pooled = engine.raw_connection()
            try:
                return action(pooled.driver_connection)
            finally:
                pooled.close()

        year, number, received = on_the_pooled_connection(  # type: ignore[misc]
            lambda raw: busiest_quarter(raw, opened.clock.today())
        )
        period = Period.quarter(year, number)
        bounds = {"first": period.first.isoformat(), "last": period.last.isoformat()}
        target = scratch / f"export-{period.label}.suluhu-export"
        rows: list[int] = []

        def raw_fetch() -> None:
            def fetch(raw: Any) -> None:
                rows[:] = [len(raw.execute(q, bounds).fetchall()) for q in RAW_QUERIES]

            on_the_pooled_connection(fetch)

        def export() -> None:
            export_period(
                opened.unit_of_work(),
                opened.actor,
                opened.clock,
                opened.taxonomy,
                period,
                ExportFile(target),
                app_version="bench",
            )

        export()
        raw_fetch()  # warm both
        export_times, raw_times = [], []
        for _ in range(runs):  # alternated: both see the same load and the same cache
            raw_times.append(median_time(raw_fetch, 1))
            export_times.append(median_time(export, 1))
        memory = (peak_mib(export), peak_mib(raw_fetch))
    finally:
        opened.close()
    what = (
        f"export of {period.label} ({received:,} cases received; {rows[0]:,} case rows, "
        f"{rows[1]:,} parties read) as a signed file vs a raw fetch of the same rows"
    )
    return [
        result(
            f"{what} (s)",
            statistics.median(export_times),
            statistics.median(raw_times),
            3.0,
        ),
        result(f"{what}: peak Python memory (MiB)", memory[0], memory[1], 1.0),
    ]


if __name__ == "__main__":  # python -m tests.bench.export WORKSPACE_FOLDER (a demo workspace)
    import json
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(export_bench(Path(sys.argv[1]), Path(scratch)), indent=2))
