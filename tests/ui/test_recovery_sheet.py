"""The recovery sheet PDF: one page, the key in groups, the committee, the fingerprint."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.reports.recovery_sheet import key_groups, key_lines, write_recovery_sheet

KEY = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"


def test_key_groups_keep_separators_or_split_in_fours() -> None:
    assert key_groups(KEY)[:2] == ["ABCD", "EFGH"]
    assert key_groups("ABCDEFGHJK") == ["ABCD", "EFGH", "JK"]
    assert key_lines(KEY) == ["ABCD EFGH JKLM NPQR", "STUV WXYZ 2345 6789"]


def test_sheet_has_key_committee_date_and_fingerprint(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    target = tmp_path / "sheet.pdf"
    write_recovery_sheet(target, "Kibera Peace Committee", KEY, date(2026, 3, 14), "SHA256:ab12")
    reader = pypdf.PdfReader(str(target))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "ABCD EFGH JKLM NPQR" in text
    assert "STUV WXYZ 2345 6789" in text
    assert "Kibera Peace Committee" in text
    assert "2026-03-14" in text
    assert "SHA256:ab12" in text
    assert "locked away" in text
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4


def test_uncompressed_stream_holds_the_key(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    write_recovery_sheet(target, "KBR", KEY, date(2026, 3, 14), compress=False)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"(ABCD EFGH JKLM NPQR)" in data
    assert b"fingerprint" not in data  # no fingerprint line when none is given


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")
    write_recovery_sheet(target, "KBR", KEY, date(2026, 3, 14))
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.reports.recovery_sheet as sheet

    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sheet, "_render", broken)
    with pytest.raises(OSError):
        write_recovery_sheet(target, "KBR", KEY, date(2026, 3, 14))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_importing_the_module_does_not_load_reportlab() -> None:
    code = (
        "import sys, desktop.reports.recovery_sheet\n"
        "assert 'reportlab' not in sys.modules, 'reportlab loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
