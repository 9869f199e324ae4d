"""`make bench`: each benchmark as a ratio against a reference measured in the same run.

Prints one line per benchmark and writes them to bench-results.json (name, measured,
reference, ratio, target, pass). The 100,000-case demo workspace is built once, in a temporary
folder, and removed at the end. Set SULUHU_BENCH_CASES for a smaller run while developing.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("SULUHU_BENCH_CASES", "100000"))
USER, PASSPHRASE = "bench", "Bench-passphrase-2026"
# Reads every page of parties and disputes: what the page cache and decryption decide.
PAGE_QUERY = (
    "SELECT count(*), sum(length(p.name)), sum(length(p.village)), sum(length(d.description)) "
    "FROM parties p JOIN disputes d ON d.id = p.dispute_id"
)
# The same pages grouped: the GROUP BY's temporary b-tree (kept in memory here, never in a temp
# file) and SQLite's version (3.53 in SQLCipher, 3.40 in this Python) weigh in as well.
GROUPED_QUERY = (
    "SELECT d.category, p.sex, d.status, count(*), sum(length(p.name)) "
    "FROM parties p JOIN disputes d ON d.id = p.dispute_id GROUP BY 1, 2, 3"
)


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def result(name: str, measured: float, reference: float, target: float) -> dict[str, object]:
    ratio = measured / reference
    return {
        "name": name,
        "measured": round(measured, 4),
        "reference": round(reference, 4),
        "ratio": round(ratio, 3),
        "target": f"<= {target}x",
        "pass": ratio <= target,
    }


def bench_demo(folder: Path) -> dict[str, object]:
    from desktop.demo_command import make_demo

    start = time.perf_counter()
    make_demo(folder, USER, PASSPHRASE, CASES, seed=7)
    seconds = time.perf_counter() - start
    # The reference is "about a minute" for 100,000 cases, scaled for smaller runs.
    row = result(f"demo --cases {CASES} (s)", seconds, 60.0 * CASES / 100_000, 1.0)
    row["target"] = "<= 1.0x of 60 s per 100,000 cases"
    return row


def bench_first_paint(folder: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}

    def child(*args: str) -> Callable[[], object]:
        command = [sys.executable, "-m", "tests.bench.paint_child", *args]
        return lambda: subprocess.run(command, env=env, cwd=ROOT, check=True, timeout=60)

    bare, signin = child("bare"), child("signin", str(folder))
    bare()
    signin()  # warm the file cache for both
    measured = median_time(signin, 7)
    reference = median_time(bare, 7)
    return result("sign-in window painted vs bare PySide6 window (s)", measured, reference, 1.5)


def bench_unlock(folder: Path) -> list[dict[str, object]]:
    from keyring.backends.fail import Keyring

    from storage.keys import DEFAULT_KDF, _argon2
    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace

    workspace = SqlCipherWorkspace(folder, secrets=DeviceSecretStore(Keyring()))

    def unlock() -> None:
        workspace.sign_in(USER, PASSPHRASE).close()

    measured = median_time(unlock, 5)
    kdf = median_time(lambda: _argon2(PASSPHRASE.encode(), os.urandom(16), DEFAULT_KDF), 5)
    row = result("unlock: sign in and open the database (s) vs Argon2id alone", measured, kdf, 3.0)
    row["target"] = "0.1 to 0.3 s"
    row["pass"] = 0.1 <= measured <= 0.3
    return [row]


def bench_page_query(folder: Path, scratch: Path) -> list[dict[str, object]]:
    from keyring.backends.fail import Keyring

    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace

    opened = SqlCipherWorkspace(folder, secrets=DeviceSecretStore(Keyring())).sign_in(
        USER, PASSPHRASE
    )
    engine = opened._require_engine()  # type: ignore[attr-defined]
    plain = scratch / "plain.db"  # synthetic demo data only, deleted at the end
    encrypted: dict[str, float] = {}
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        raw.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
        raw.execute("SELECT sqlcipher_export('plain')")
        raw.execute("DETACH DATABASE plain")
        for query in (PAGE_QUERY, GROUPED_QUERY):
            raw.execute(query).fetchall()
            encrypted[query] = median_time(lambda q=query: raw.execute(q).fetchall(), 7)
    opened.close()
    reference_db = sqlite3.connect(plain)
    rows = []
    for query, name in (
        (PAGE_QUERY, "page-heavy query (join over every party), SQLCipher vs plain sqlite3 (s)"),
        (GROUPED_QUERY, "grouped query over every party, SQLCipher vs plain sqlite3 (s)"),
    ):
        reference_db.execute(query).fetchall()
        reference = median_time(lambda q=query: reference_db.execute(q).fetchall(), 7)
        rows.append(result(name, encrypted[query], reference, 1.3))
    reference_db.close()
    return rows


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="suluhu-bench-"))
    folder = scratch / "workspace"
    results: list[dict[str, object]] = []
    try:
        results.append(bench_demo(folder))
        results.append(bench_first_paint(folder))
        results.extend(bench_unlock(folder))
        results.extend(bench_page_query(folder, scratch))
        from tests.bench.case_list import all_benchmarks

        results.extend(all_benchmarks(folder))
        from tests.bench.save_case import save_case

        results.extend(save_case(folder))
        from tests.bench.referral_board import build_board_workspace, referral_board_bench

        board_folder, _, _ = build_board_workspace(scratch / "referrals")
        results.extend(referral_board_bench(board_folder))
        from tests.bench.board_paint import board_paint

        results.extend(board_paint(board_folder))
        from tests.bench.hub import hub_benchmarks  # its own 1,000 export files and hubs

        results.extend(hub_benchmarks(scratch / "hub"))
        from tests.bench.export import export_bench  # last: it sets the cadence to quarters

        results.extend(export_bench(folder, scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for row in results:
        verdict = "PASS" if row["pass"] else "FAIL"
        print(
            f"{verdict}  {row['name']}: {row['measured']} (reference {row['reference']}, "
            f"ratio {row['ratio']}, target {row['target']})"
        )
    (ROOT / "bench-results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
