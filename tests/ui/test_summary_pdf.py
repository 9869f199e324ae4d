"""The PDF summary: its numbers match the published tables (extracted with pypdf), a suppressed
value is written "hidden" and never as a number, and the wall copy carries the committee's
name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.model.export_tables import SUPPRESSED, ExportTables, Period, Table
from desktop.domain.services.exports import build_export_tables
from desktop.domain.services.indicators import indicators
from desktop.reports.summary_sheet import summary_sheet
from desktop.views.reports.report_labels import value_label
from desktop.views.reports.reports_page import ReportsPage
from desktop.workspace import OpenWorkspace
from tests.support import ADMIN, ADMIN_PASSPHRASE, make_workspace
from tests.ui.reports_setup import demo_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("summary") / "workspace")


@pytest.fixture
def opened(folder: Path) -> Iterator[OpenWorkspace]:
    workspace = make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield workspace
    tasks.wait_for_all()
    workspace.close()


def saved_summary(qtbot: QtBot, opened: OpenWorkspace, path: Path) -> ReportsPage:
    page = ReportsPage(opened, autoload=False)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.built, timeout=10_000):
        page.refresh()
    with qtbot.waitSignal(page.summary_saved, timeout=10_000):
        page.save_summary(path)
    return page


def pages(path: Path) -> list[list[str]]:
    return [page.extract_text().splitlines() for page in PdfReader(path).pages]


def section_rows(lines: list[str]) -> dict[str, str]:
    """label -> the value written after it, in the numbers table under "Figure / Number"
    (pypdf gives each cell on a line of its own)."""
    start = max(i for i, line in enumerate(lines) if line.strip() == "Figure") + 2
    found = {}
    for label, value in zip(lines[start::2], lines[start + 1 :: 2], strict=False):
        if label.startswith("Combined:") or label.startswith("hidden:"):
            break
        found[label.strip()] = value.strip()
    return found


def expected(table: Table, row: str | None = None) -> dict[str, str]:
    if row is None:
        cells = {code: table.row_totals[code] for code in table.values[0]}
    else:
        cells = {code: table.cells[(row, code)] for code in table.values[1]}
    return {code: "hidden" if cell is SUPPRESSED else str(cell) for code, cell in cells.items()}


def test_the_numbers_match_the_published_tables(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    path = tmp_path / "summary.pdf"
    page = saved_summary(qtbot, opened, path)
    assert page.preview is not None
    export: ExportTables = page.preview.export
    text = pages(path)
    assert len(text) == 5  # totals, then one page per section
    assert any(opened.committee().name in line for line in text[0])
    taxonomy = opened.taxonomy
    checks = [
        (1, export.table("received_by_category"), None),
        (2, export.table("closed_by_outcome_and_sex"), None),
        (3, export.table("referrals_by_direction_and_actor_kind"), "out"),
    ]
    hidden = 0
    for number, table, row in checks:
        if table.withheld:
            continue
        dimension = table.dimensions[0 if row is None else 1]
        codes = table.values[0] if row is None else table.values[1]
        labels = {code: value_label(dimension, code, taxonomy) for code in codes}
        want = expected(table, row)
        total = table.total if row is None else table.row_totals[row]
        written = section_rows(text[number])
        assert written == {labels[c]: v for c, v in want.items()} | {"Total": str(total)}
        hidden += sum(1 for v in want.values() if v == "hidden")
    assert hidden > 0  # the month has suppressed values: they are written "hidden"


def test_a_suppressed_value_is_never_drawn_or_written(opened: OpenWorkspace) -> None:
    period = Period.of_day(opened.clock.today().replace(day=1)).months()[0]
    month = Period.month(period.year - (period.number == 1), (period.number - 2) % 12 + 1)
    export = build_export_tables(
        opened.unit_of_work(),
        opened.actor,
        opened.clock,
        opened.taxonomy,
        month,
    )
    sheet = summary_sheet(
        export, indicators(export, opened.taxonomy), committee="C-TEST", period="x", generated="y"
    )
    bars = [bar for section in sheet.sections for bar in section.bars]
    assert any(bar.value is None for bar in bars)
    published = {(t.name, code): t.row_totals[code] for t in export.tables for code in t.row_totals}
    assert published  # (a bar is None exactly where a published cell is SUPPRESSED)
    category = export.table("received_by_category")
    by_label = {bar.label: bar.value for bar in sheet.sections[0].bars}
    for code in category.values[0]:
        cell = category.row_totals[code]
        value = by_label[code.replace("_", " ")]
        assert value is None if cell is SUPPRESSED else value == cell
    assert sheet.committee == "C-TEST"  # the exported copy carries the pseudonym it is given
