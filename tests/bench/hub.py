"""The programme hub (issue 6): 1,000 committee export files imported into a new hub, and the
dashboard of the whole hub built and painted.

The files (made first, not measured): WORKSPACE_CASES small demo workspaces (tests.hub_support
.demo_exports: a real committee workspace with the cheap KDF, demo cases, and a real signed
export of each of the 20 months 2025-03 to 2026-10), then re-signed as 50 committees
(tests.hub_support.as_committee): committee i takes the 20 files of workspace i mod 5, under its
own pseudonym, its own new Ed25519 key and a new export id per file. 50 x 20 = 1,000 genuine
files of 50 committees, as far as the hub can tell.

Measured:

- the import: a new SQLCipher hub (storage.hub.store.HubFolder, the real default KDF) takes all
  1,000 files through HubStore.import_files with accept_new_keys in batches of
  desktop.hub_command.BATCH files, as `suluhu hub import` does (the hub window's
  HubSession.import_files is the same, in batches of 20): one transaction per batch, a
  savepoint per file. Reference: storage.hub.reader.read_export of the same files (size check,
  read, header, Ed25519 signature, archive, every part's SHA-256, the tables' format) and
  nothing stored, so the ratio is what the database part costs. With SULUHU_TEST_POSTGRES_URL
  set, the same import into a PostgreSQL hub too (a new database, dropped afterwards).
- the dashboard data: HubWorkspace.dashboard(DashboardFilters()) of the whole hub, through
  storage.hub.workspace.HubSession (the committees named and placed in REGIONS regions first,
  not measured). Reference: every current cell of the hub fetched raw on the same pooled DB-API
  connection and nothing done with them (what adding up in Python would start from).
- the dashboard painted: a child process (tests/bench/hub_paint_child.py) opens the hub as
  `suluhu hub open` does (the real KDF's unlock included), shows the HubWindow at 1366x768 with
  its Dashboard tab, waits until the dashboard is shown and grabs the window; the parent times
  the whole process. Reference: the same child with a new, empty hub (same KDF), so the ratio
  says what the 1,000 exports cost on top of starting Python and Qt and unlocking.

Run alone: ``python -m tests.bench.hub``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from tests.bench.run import ROOT, result

COMMITTEES = 50
FIRST_MONTH, MONTHS = (2025, 3), 20  # 2025-03 to 2026-10: every month has ended
WORKSPACE_CASES = (400, 550, 700, 850, 1000)  # one demo workspace each (and its own seed)
HUB_PASSPHRASE = "Bench-hub-passphrase-2026"
# The database part of an import: per file a savepoint, the committee's state read and ~300 cell
# rows in one executemany (into the table and the dashboard's covering index, hub0002); per
# batch of 50 files one commit (fsync). With a commit per file it measured 6.5x to 9.8x of
# reading and verifying (the fsync was a third of the time); in batches 3.8x to 4.3x (with the
# savepoints, the row lock and the index of one current export per period, 2026-12-02). 5x
# allows for a noisy machine and still fails when storing costs far more than it needs to (a
# commit per file again, a row-by-row insert).
IMPORT_TARGET = 5.0
# The same into PostgreSQL on this machine (loopback): every statement is a round trip to the
# server (about a dozen per file) and its commit waits for the server's WAL flush; measured
# 5.6x to 6.6x (32 to 39 files/s). 8x fails when a statement per cell comes back.
SERVER_TARGET = 8.0
REGIONS = 5
RAW_CELLS = (
    "SELECT c.committee_id, c.period, c.table_name, c.code1, c.code2, c.value, c.suppressed "
    "FROM cells c JOIN exports e ON e.id = c.export_id WHERE e.current"
)
# The dashboard's data: the sums in SQL (two grouped queries over the covering index, one of the
# codes each export combined), then the hub's disclosure control on ~500 tables (the programme,
# 5 regions and 50 committees, 10 tables each) and the indicators pooled; measured 2.1x to 2.2x
# a raw fetch of every current cell (1.75x before the control and pooling per scope were
# added). 3x fails when the adding up moves back into Python (every cell fetched and summed).
DASHBOARD_TARGET = 3.0
# From starting the hub window to a painted dashboard of 1,000 exports, vs an empty hub (Python,
# Qt and the Argon2id unlock are in both: ~1.3 to 1.7 s here); the dashboard's data is most of
# the difference. Measured 1.9x to 2.2x.
PAINT_TARGET = 2.5


@dataclass(frozen=True)
class ExportSet:
    folder: Path
    files: tuple[Path, ...]
    bytes: int
    seconds: float  # to make them (not a benchmark)

    @property
    def megabytes(self) -> float:
        return self.bytes / 1e6

    def describe(self) -> str:
        cases = "/".join(str(c) for c in WORKSPACE_CASES)
        return (
            f"{len(self.files):,} export files ({self.megabytes:.1f} MB) made in "
            f"{self.seconds:.0f} s: {len(WORKSPACE_CASES)} demo workspaces ({cases} cases) "
            f"exported for {MONTHS} months, re-signed as {COMMITTEES} committees (own key, "
            "pseudonym and export ids)"
        )


def periods() -> list[Any]:
    from desktop.domain.model.export_tables import Period

    year, month = FIRST_MONTH
    return [
        Period.month(year + (month - 1 + i) // 12, (month - 1 + i) % 12 + 1) for i in range(MONTHS)
    ]


def make_exports(folder: Path) -> ExportSet:
    """The 1,000 files, in ``folder``/exports (``folder`` must not exist)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tests.hub_support import as_committee, demo_exports

    start = time.perf_counter()
    bases: list[dict[str, bytes]] = []
    for number, cases in enumerate(WORKSPACE_CASES):
        demo = folder / f"demo-{number}"
        bases.append(demo_exports(demo, periods(), cases=cases, seed=number + 1))
        shutil.rmtree(demo)
    out = folder / "exports"
    out.mkdir(parents=True)
    files, size = [], 0
    for number in range(COMMITTEES):
        key = Ed25519PrivateKey.generate()
        pseudonym = f"C-{0xB0000 + number:010X}"
        for label, data in bases[number % len(bases)].items():
            signed = as_committee(data, key, committee=pseudonym, export_id=str(uuid.uuid4()))
            path = out / f"{pseudonym}-{label}.suluhu-export"
            path.write_bytes(signed)
            files.append(path)
            size += len(signed)
    return ExportSet(out, tuple(sorted(files)), size, time.perf_counter() - start)


def verify_all(exports: ExportSet) -> None:
    """The reference: read and verify every file, store nothing."""
    from desktop.domain.services.hub_import import Refused
    from storage.hub.reader import read_export

    for path in exports.files:
        if isinstance(read_export(path), Refused):
            raise AssertionError(f"{path.name} was refused")


def import_all(store: Any, exports: ExportSet) -> None:
    from desktop.domain.services.hub_import import Imported, ImportOptions
    from desktop.hub_command import BATCH

    options = ImportOptions(accept_new_keys=True)
    files = exports.files
    for start in range(0, len(files), BATCH):
        batch = files[start : start + BATCH]
        for path, decision in zip(batch, store.import_files(batch, options), strict=True):
            if not isinstance(decision, Imported):
                raise AssertionError(f"{path.name}: {decision.message}")


def new_sqlcipher_hub(folder: Path) -> Any:
    from storage.hub.store import HubFolder

    hub = HubFolder(folder)  # the real default KDF: only opening pays for it, not measured
    hub.create(HUB_PASSPHRASE)
    return hub.open(HUB_PASSPHRASE)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def import_bench(
    exports: ExportSet, scratch: Path, runs: int = 3
) -> tuple[list[dict[str, object]], Path]:
    """Import into ``runs`` new hubs (alternating with the reference); the last hub is kept in
    ``scratch``/hub for the dashboard."""
    verify_all(exports)  # warm the file cache and the imports for both sides
    measured, reference = [], []
    hub = scratch / "hub"
    for run in range(runs):
        if run:
            shutil.rmtree(hub)
        reference.append(_timed(lambda: verify_all(exports)))
        store = new_sqlcipher_hub(hub)
        try:
            measured.append(_timed(partial(import_all, store, exports)))
            cells = store.cell_count()
        finally:
            store.close()
    rows = [_import_row("a new SQLCipher hub", exports, measured, reference, cells)]
    url = os.environ.get("SULUHU_TEST_POSTGRES_URL")
    if url:
        rows.append(_postgres_row(url, exports, reference, scratch))
    return rows, hub


def _import_row(
    where: str,
    exports: ExportSet,
    measured: list[float],
    reference: list[float],
    cells: int,
    target: float = IMPORT_TARGET,
) -> dict[str, object]:
    seconds, verify = statistics.median(measured), statistics.median(reference)
    rate, verify_rate = len(exports.files) / seconds, len(exports.files) / verify
    row = result(
        f"hub import of {len(exports.files):,} export files ({exports.megabytes:.1f} MB, "
        f"{cells:,} cells) into {where}, {rate:.0f} files/s = {exports.megabytes / seconds:.1f}"
        f" MB/s, vs reading + verifying them ({verify_rate:.0f} files/s) (s)",
        seconds,
        verify,
        target,
    )
    row["files_per_second"] = round(rate, 1)
    row["mb_per_second"] = round(exports.megabytes / seconds, 2)
    row["made"] = exports.describe()
    return row


def _postgres_row(
    url: str, exports: ExportSet, reference: list[float], scratch: Path
) -> dict[str, object]:
    """The same import into a PostgreSQL hub (optional, one run): a new database on the server
    named by ``url`` (a CREATEDB role), made a hub by HubFolder.create_on_server as `suluhu hub
    init --url` does, opened with the password; dropped afterwards."""
    import sqlalchemy as sa

    from storage.hub.store import HubFolder

    admin_url = sa.make_url(url).set(drivername="postgresql+psycopg")
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"hub_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        bare = admin_url.set(database=name, drivername="postgresql")._replace(password=None)
        folder = HubFolder(scratch / "postgres-hub")
        folder.create_on_server(bare.render_as_string(), admin_url.password)
        store = folder.open(admin_url.password)
        try:
            seconds = _timed(lambda: import_all(store, exports))
            cells = store.cell_count()
        finally:
            store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return _import_row(
        "a new PostgreSQL hub (one run)", exports, [seconds], reference, cells, SERVER_TARGET
    )


def name_committees(hub: Path) -> None:
    """What a programme officer does after the first import: a name and a region for each."""
    from storage.hub.workspace import open_hub

    session = open_hub(hub, HUB_PASSPHRASE)
    try:
        for number, committee in enumerate(session.committees()):
            session.update_committee(
                committee.pseudonym,
                f"Committee {number + 1:02d}",
                f"Region {number % REGIONS + 1}",
                True,
            )
    finally:
        session.close()


def dashboard_bench(hub: Path, runs: int = 7) -> list[dict[str, object]]:
    from desktop.domain.model.hub_dashboard import DashboardFilters
    from storage.hub.workspace import open_hub

    session = open_hub(hub, HUB_PASSPHRASE)
    engine = session.store.engine
    try:
        board = session.dashboard(DashboardFilters())  # warm both
        assert (board.committees, board.exports) == (COMMITTEES, COMMITTEES * MONTHS), board

        def raw_cells() -> None:
            pooled = engine.raw_connection()
            try:
                raw: Any = pooled.driver_connection
                raw.execute(RAW_CELLS).fetchall()
            finally:
                pooled.close()

        raw_cells()
        measured, reference = [], []
        for _ in range(runs):  # alternated: both see the same load and the same cache
            reference.append(_timed(raw_cells))
            measured.append(_timed(lambda: session.dashboard(DashboardFilters())))
    finally:
        session.close()
    return [
        result(
            f"hub dashboard data of {board.exports:,} exports ({board.committees} committees, "
            f"{len(board.periods)} periods, {len(board.regions)} regions, {len(board.tables)} "
            "tables) vs a raw fetch of every current cell (s)",
            statistics.median(measured),
            statistics.median(reference),
            DASHBOARD_TARGET,
        )
    ]


def paint_bench(hub: Path, scratch: Path, runs: int = 5) -> list[dict[str, object]]:
    empty = scratch / "empty-hub"
    new_sqlcipher_hub(empty).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}

    def child(folder: Path, exports: int) -> tuple[float, dict[str, float]]:
        command = [sys.executable, "-m", "tests.bench.hub_paint_child", str(folder), str(exports)]
        start = time.perf_counter()
        done = subprocess.run(
            command, env=env, cwd=ROOT, check=True, timeout=300, capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        return seconds, json.loads(done.stdout.strip().splitlines()[-1])

    exports = COMMITTEES * MONTHS
    child(hub, exports)
    child(empty, 0)  # warm the file cache for both
    measured, reference = [], []
    for _ in range(runs):  # alternated: both see the same load
        reference.append(child(empty, 0))
        measured.append(child(hub, exports))
    row = result(
        f"hub window opened to a painted dashboard of {exports:,} exports vs the same window "
        "with an empty hub (s)",
        statistics.median(s for s, _ in measured),
        statistics.median(s for s, _ in reference),
        PAINT_TARGET,
    )
    for name, runs_of in (("phases", measured), ("phases_empty", reference)):
        phases = runs_of[0][1].keys()
        row[name] = {k: round(statistics.median(p[k] for _, p in runs_of), 3) for k in phases}
    return [row]


def hub_benchmarks(scratch: Path) -> list[dict[str, object]]:
    """Make the files in ``scratch`` (a new, empty folder), then measure."""
    exports = make_exports(scratch / "files")
    print(f"hub benchmark: {exports.describe()}", flush=True)
    rows, hub = import_bench(exports, scratch)
    name_committees(hub)
    rows.extend(dashboard_bench(hub))
    rows.extend(paint_bench(hub, scratch))
    return rows


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="suluhu-bench-hub-"))
    try:
        rows = hub_benchmarks(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for row in rows:
        verdict = "PASS" if row["pass"] else "FAIL"
        print(
            f"{verdict}  {row['name']}: {row['measured']} (reference {row['reference']}, "
            f"ratio {row['ratio']}, target {row['target']})"
        )
        if "phases" in row:
            print(f"      phases (s): {row['phases']}; empty hub: {row['phases_empty']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
