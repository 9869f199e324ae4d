"""`suluhu hub report` over a real hub of two demo committees: the PDF, XLSX and CSV of the
programme report, and its one-line refusals (nothing half-written)."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.domain.model.export_tables import Period
from desktop.domain.model.hub_dashboard import DashboardFilters
from desktop.domain.services.hub_import import ImportOptions
from desktop.reports.programme_sheet import HEADER
from storage.hub.workspace import open_hub
from tests.hub_support import HUB_PASSPHRASE, as_committee, demo_exports, new_hub

PERIODS = (Period.month(2026, 9), Period.month(2026, 10))
OTHER = "C-00A1B2C3D4"


@pytest.fixture(scope="module")
def hub_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("programme")
    first = demo_exports(root / "one", PERIODS, cases=300)
    second = demo_exports(root / "two", PERIODS, cases=200, seed_actors=2)
    store = new_hub(root / "hub")
    key = Ed25519PrivateKey.generate()
    try:
        for label, data in [*first.items(), *second.items()]:
            if data in second.values():
                data = as_committee(data, key, committee=OTHER)
            path = root / f"{len(list(root.iterdir()))}-{label}.suluhu-export"
            path.write_bytes(data)
            store.import_file(path, ImportOptions(accept_new_keys=True))
        store.update_committee(OTHER, "Mathare Elders", "Nairobi", True)
    finally:
        store.close()
    return root / "hub"


def _cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    from desktop import cli

    monkeypatch.setenv("SULUHU_PASSPHRASE", HUB_PASSPHRASE)
    capsys.readouterr()
    code = cli.run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_report_writes_pdf_xlsx_and_csv_of_the_hub(
    hub_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf, xlsx, sheet = tmp_path / "r.pdf", tmp_path / "r.xlsx", tmp_path / "r.csv"
    code, out, err = _cli(
        monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder), "--title",
        "Amani Programme", "--pdf", str(pdf), "--xlsx", str(xlsx), "--csv", str(sheet),
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert out.splitlines() == [
        f"Wrote the programme report (PDF) to {pdf}.",
        f"Wrote the spreadsheet (XLSX) to {xlsx}.",
        f"Wrote the indicators (CSV) to {sheet}.",
    ]
    for path in (pdf, xlsx, sheet):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0  # owner-only
    hub = open_hub(hub_folder, HUB_PASSPHRASE)
    try:
        dashboard = hub.dashboard(DashboardFilters())
    finally:
        hub.close()
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Amani Programme" in text and "Mathare Elders" in text
    rows = list(csv.reader(io.StringIO(sheet.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == list(HEADER)
    programme = rows[1]
    assert programme[:2] == ["programme", ""] and programme[3] == str(dashboard.committees)
    received = dashboard.programme.received
    assert programme[HEADER.index("value")] == ("" if received.hidden else str(received.value))
    committees = {r[1] for r in rows[1:] if r[0] == "committee"}
    assert OTHER in committees and len(committees) == 2
    book = load_workbook(xlsx)
    assert book.sheetnames[:2] == ["Indicators", "Trend"]
    assert book["Indicators"].max_row == len(rows)


def test_filters_reach_the_report(
    hub_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = tmp_path / "r.csv"
    code, _, err = _cli(
        monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder), "--period", "2026-10",
        "--committee", OTHER, "--csv", str(sheet),
    )  # fmt: skip
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(sheet.read_bytes().decode("utf-8-sig"))))
    assert {r[1] for r in rows[1:] if r[0] == "committee"} == {OTHER}
    assert rows[1][3] == "1"  # one committee counted


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--period", "2026-03"), "suluhu: No export on this hub covers 2026-03; nothing was"),
        (("--period", "2026-13"), "suluhu: "),
        (("--region", "Atlantis"), "suluhu: Nothing on this hub matches those filters;"),
    ],
)
def test_a_bad_filter_is_one_line_and_writes_nothing(
    hub_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    extra: tuple[str, ...],
    message: str,
) -> None:
    pdf = tmp_path / "r.pdf"
    code, out, err = _cli(
        monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder), *extra, "--pdf", str(pdf)
    )
    assert code == 1 and out == ""
    assert err.startswith(message) and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_refused_before_anything_is_written(
    hub_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf, missing = tmp_path / "r.pdf", tmp_path / "no-such-folder" / "r.csv"
    code, _, err = _cli(
        monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder), "--pdf", str(pdf),
        "--csv", str(missing),
    )  # fmt: skip
    assert code == 1
    assert err == f"suluhu: Cannot write {missing}: the folder {missing.parent} does not exist.\n"
    assert list(tmp_path.iterdir()) == []
    code, _, err = _cli(monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder))
    assert code == 1 and "--pdf FILE" in err


def test_a_write_failing_midway_leaves_no_file(
    hub_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import storage.files

    real = storage.files.write_private_atomic

    def full_disk(path: Path, data: bytes) -> None:
        if path.suffix == ".csv":
            raise OSError(28, os.strerror(28))
        real(path, data)

    monkeypatch.setattr(storage.files, "write_private_atomic", full_disk)
    pdf, sheet = tmp_path / "r.pdf", tmp_path / "r.csv"
    code, _, err = _cli(
        monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder), "--pdf", str(pdf),
        "--csv", str(sheet),
    )  # fmt: skip
    assert code == 1 and err.startswith(f"suluhu: Cannot write {sheet}: No space left")
    assert list(tmp_path.iterdir()) == []


def test_one_table_as_csv_is_written_as_before(
    hub_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = tmp_path / "t.csv"
    code, out, err = _cli(
        monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder), "--table",
        "received_by_category", "--csv", str(sheet),
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("received_by_category: 2 committees, 2 periods;")
    assert sheet.read_text().splitlines()[0] == "category,value,status"
    code, _, err = _cli(
        monkeypatch, capsys, "hub", "report", "--hub", str(hub_folder), "--table",
        "received_by_category", "--pdf", str(tmp_path / "x.pdf"),
    )  # fmt: skip
    assert code == 1 and "With --table, give --csv FILE" in err
