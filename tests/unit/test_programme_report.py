"""The programme report's files (PDF, XLSX, CSV) write what the Dashboard holds and nothing
more: a hidden cell's value never appears, an "at least" total is marked so, never as exact."""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import astuple
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.domain.model.hub_dashboard import Dashboard, ScopeIndicators, TrendPoint
from desktop.domain.services.hub_totals import HubCell, HubTable, Total
from desktop.reports.programme_files import ReportNotWritten, build_files, write_all
from desktop.reports.programme_report import programme_report_pdf
from desktop.reports.programme_sheet import (
    HEADER,
    indicator_rows,
    programme_csv,
    programme_xlsx,
)
from tests.hub_samples import sample_dashboard

SECRETS = (4321, 8765, 5432)  # planted in hidden cells: must never be written anywhere


def planted() -> Dashboard:
    """The sample with distinctive values in cells the hub hides."""
    sample = sample_dashboard()
    table = sample.tables[0]
    cells = dict(table.cells)
    cells[(table.rows[0], table.columns[0])] = HubCell(Total(SECRETS[0]), hidden=True)
    trend = (
        *sample.trend[:2],
        TrendPoint("2026-10", HubCell(Total(SECRETS[1]), hidden=True), HubCell(Total(180))),
    )
    first = sample.committee_rows[0]
    hidden_scope = dataclasses.replace(first, received=HubCell(Total(SECRETS[2]), hidden=True))
    return dataclasses.replace(
        sample,
        tables=(dataclasses.replace(table, cells=cells), *sample.tables[1:]),
        trend=trend,
        committee_rows=(hidden_scope, *sample.committee_rows[1:]),
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_holds_the_samples_numbers_and_marks_at_least() -> None:
    text = pdf_text(programme_report_pdf(sample_dashboard(), "Amani Programme", date(2026, 12, 2)))
    assert text.startswith("Amani Programme") or "Amani Programme" in text
    assert "2 December 2026" in text
    assert "632" in text  # the programme's cases received
    assert "62% (31 of 50)" in text  # a share with its parts
    assert "\u2265 212" in text or "\u2265212" in text  # the August trend point: at least
    assert "Mathare Elders (C-7D20E4A9B1)" in text  # has not sent its export
    assert "How to read this report" in text
    assert "Page 3" in text


def test_the_pdf_title_defaults_to_programme_report() -> None:
    assert "Programme report" in pdf_text(programme_report_pdf(sample_dashboard()))


def test_a_total_with_a_suppressed_part_is_never_printed_as_exact() -> None:
    """The sample's first table has a committee's suppressed cell in its last row: its totals
    are "≥ N" in the PDF and "at least" in the sheet, with the known part only."""
    sample = sample_dashboard()
    table = sample.tables[0]
    partial = table.cell(table.rows[-1], "*")
    assert partial.total.includes_suppressed and not partial.hidden
    text = pdf_text(programme_report_pdf(sample)).replace("\u2265 ", "\u2265")
    assert f"\u2265{partial.total.known}" in text
    book = load_workbook(io.BytesIO(programme_xlsx(sample)))
    sheet = next(s for s in book.worksheets if s.title.startswith("received by category"))
    row = next(r for r in sheet.iter_rows(values_only=True) if r[2:4] == (table.rows[-1], "*"))
    assert row[4:] == (partial.total.known, "at least")


@pytest.mark.parametrize("secret", SECRETS)
def test_no_hidden_value_is_written_anywhere(secret: int) -> None:
    dashboard = planted()
    assert str(secret) not in pdf_text(programme_report_pdf(dashboard))
    assert str(secret).encode() not in programme_csv(dashboard)
    book = load_workbook(io.BytesIO(programme_xlsx(dashboard)))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert secret not in row and str(secret) not in map(str, row)


def test_hidden_values_are_empty_with_their_status_never_zero() -> None:
    dashboard = planted()
    rows = indicator_rows(dashboard)
    hidden = next(
        r for r in rows if r.indicator == "cases_received_total" and r.name.endswith("E2")
    )
    assert (hidden.value, hidden.status) == (None, "hidden")
    fair = next(r for r in rows if r.indicator == "share_found_process_fair")
    assert (fair.value, fair.status, fair.reason) == (None, "hidden", "Needs a hidden number.")
    book = load_workbook(io.BytesIO(programme_xlsx(dashboard)))
    trend = list(book["Trend"].iter_rows(values_only=True))
    assert trend[3] == ("2026-10", None, "hidden", 180, "exact")
    assert trend[1] == ("2026-08", 212, "at least", 150, "exact")


def test_the_xlsx_indicators_sheet_equals_indicator_rows() -> None:
    dashboard = sample_dashboard()
    book = load_workbook(io.BytesIO(programme_xlsx(dashboard)))
    assert book.sheetnames[:2] == ["Indicators", "Trend"]
    assert len(book.sheetnames) == 2 + len(dashboard.tables) + 1  # and the missing exports
    sheet = book["Indicators"]
    got = list(sheet.iter_rows(values_only=True))
    assert got[0] == HEADER
    expected = [
        tuple(v if v != "" else None for v in astuple(r)) for r in indicator_rows(dashboard)
    ]
    assert got[1:] == expected  # an empty text is an empty cell
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for row in sheet for c in row
    )


def test_a_committee_named_like_a_formula_stays_text() -> None:
    sample = sample_dashboard()
    named = dataclasses.replace(sample.committee_rows[1], label="=1+2")
    dashboard = dataclasses.replace(sample, committee_rows=(named,))
    sheet = load_workbook(io.BytesIO(programme_xlsx(dashboard)))["Indicators"]
    cells = [c for row in sheet for c in row if c.value == "=1+2"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_csv_has_a_bom_and_parses_to_the_same_rows() -> None:
    dashboard = sample_dashboard()
    data = programme_csv(dashboard)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    expected = [
        ["" if v is None else str(v) for v in astuple(r)] for r in indicator_rows(dashboard)
    ]
    assert parsed == [list(HEADER), *expected]
    statuses = {row[HEADER.index("status")] for row in parsed[1:]}
    assert statuses == {"exact", "hidden"}


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text_in_the_csv() -> None:
    sample = sample_dashboard()
    named = dataclasses.replace(
        sample.committee_rows[0], label='=HYPERLINK("http://example.org","x")'
    )
    dashboard = dataclasses.replace(sample, committee_rows=(named, *sample.committee_rows[1:]))
    text = programme_csv(dashboard).decode("utf-8-sig")
    labels = {row[HEADER.index("label")] for row in csv.reader(io.StringIO(text))}
    assert '\'=HYPERLINK("http://example.org","x")' in labels
    assert not any(label.startswith("=") for label in labels)


def test_indicator_rows_cover_every_scope_programme_first() -> None:
    dashboard = sample_dashboard()
    rows = indicator_rows(dashboard)
    scopes = [(r.scope, r.name) for r in rows]
    assert scopes[0] == ("programme", "")
    assert sorted(set(scopes)) == sorted(
        {(s.scope, s.name) for s in (dashboard.programme, *dashboard.regions)}
        | {(s.scope, s.name) for s in dashboard.committee_rows}
    )
    share = next(r for r in rows if r.indicator == "share_resolved_by_agreement")
    assert (share.value, share.numerator, share.denominator) == (0.62, 31, 50)


def _scope_at_least(scope: ScopeIndicators) -> ScopeIndicators:
    return dataclasses.replace(scope, received=HubCell(Total(77, True)))


def test_an_at_least_scope_total_is_at_least_in_every_file() -> None:
    sample = sample_dashboard()
    dashboard = dataclasses.replace(sample, programme=_scope_at_least(sample.programme))
    row = indicator_rows(dashboard)[0]
    assert (row.indicator, row.value, row.status) == ("cases_received_total", 77, "at least")
    text = pdf_text(programme_report_pdf(dashboard)).replace("\u2265 ", "\u2265")
    assert "\u226577" in text


def test_a_withheld_table_prints_no_number() -> None:
    sample = sample_dashboard()
    table: HubTable = dataclasses.replace(sample.tables[2], withheld=True)
    dashboard = dataclasses.replace(sample, tables=(table,))
    text = pdf_text(programme_report_pdf(dashboard))
    assert "Too few cases to show this table." in text


def test_all_files_or_none(tmp_path: Path) -> None:
    made = build_files(sample_dashboard(), ["pdf", "csv"], "", "2 December 2026")
    assert made["pdf"].startswith(b"%PDF") and made["csv"].startswith(b"\xef\xbb\xbf")
    outputs = {"pdf": tmp_path / "r.pdf", "csv": tmp_path / "missing" / "r.csv"}

    def write(path: Path, data: bytes) -> None:
        path.write_bytes(data)

    with pytest.raises(ReportNotWritten) as raised:
        write_all(outputs, made, write)
    assert raised.value.path == outputs["csv"]
    assert list(tmp_path.iterdir()) == []  # the PDF written first was removed


def test_an_earlier_report_stays_when_the_new_one_cannot_be_written(tmp_path: Path) -> None:
    made = build_files(sample_dashboard(), ["pdf", "csv"], "", "2 December 2026")
    outputs = {"pdf": tmp_path / "r.pdf", "csv": tmp_path / "r.csv"}
    for path in outputs.values():
        path.write_bytes(b"last month's report")

    def write(path: Path, data: bytes) -> None:
        if path.suffix == ".csv":
            raise OSError(28, "No space left on device")
        path.write_bytes(data)

    with pytest.raises(ReportNotWritten):
        write_all(outputs, made, write)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv", "r.pdf"]
    assert all(p.read_bytes() == b"last month's report" for p in outputs.values())
    assert write_all(outputs, made, lambda p, d: p.write_bytes(d)) == list(outputs.values())
    assert outputs["pdf"].read_bytes().startswith(b"%PDF")
