"""The Reports page over a real workspace of demo cases: the preview shows every table exactly
as build_export_tables publishes it, suppressed cells as a dash (never a hint at the value),
the plain-language line on what is left out, and Cancel stops a build."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import cast

import pytest
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.model.export_tables import SUPPRESSED, Period
from desktop.domain.services.export_dimensions import TABLES
from desktop.domain.services.exports import build_export_tables
from desktop.tasks import TaskContext
from desktop.views.reports.export_table_model import SUPPRESSED_ROLE
from desktop.views.reports.report_labels import SUPPRESSED_MARK
from desktop.views.reports.reports_page import ReportsPage
from desktop.views.reports.reports_service import Cancelled, build_preview
from desktop.workspace import OpenWorkspace
from tests.support import ADMIN, ADMIN_PASSPHRASE, make_workspace
from tests.ui.reports_setup import demo_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("reports") / "workspace")


@pytest.fixture
def opened(folder: Path) -> Iterator[OpenWorkspace]:
    workspace = make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield workspace
    tasks.wait_for_all()
    workspace.close()


def built_page(qtbot: QtBot, opened: OpenWorkspace) -> ReportsPage:
    page = ReportsPage(opened, autoload=False)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.built, timeout=10_000):
        page.refresh()
    return page


def test_only_ended_months_are_offered(qtbot: QtBot, opened: OpenWorkspace) -> None:
    page = ReportsPage(opened, autoload=False)
    qtbot.addWidget(page)
    today = opened.clock.today()
    first = page.current_period()
    assert first == Period.of_day(today.replace(day=1) - timedelta(days=1))  # last month
    offered = [Period.parse(page.period.itemData(i)) for i in range(page.period.count())]
    assert all(p.last < today for p in offered)
    assert offered == sorted(offered, reverse=True)


def test_the_preview_shows_every_table_as_published(qtbot: QtBot, opened: OpenWorkspace) -> None:
    page = built_page(qtbot, opened)
    period = page.current_period()
    assert period is not None
    expected = build_export_tables(
        opened.unit_of_work(),
        opened.actor,
        opened.clock,
        opened.taxonomy,
        period,
    )
    assert page.tables_names.rowCount() == len(TABLES)
    hidden_seen = 0
    for table in expected.tables:
        page.show_table(table.name)
        model = page.table_preview.model
        assert model.table() == table
        rows = list(table.values[0])
        columns = list(table.values[1]) if table.two_way else []
        for r, row in enumerate(rows):
            for c, column in enumerate(columns or [None]):
                cell = table.cells[(row, column)] if column else table.row_totals[row]
                index = model.index(r, c)
                shown = model.data(index)
                if cell is SUPPRESSED:
                    hidden_seen += 1
                    assert shown == SUPPRESSED_MARK
                    assert model.data(index, SUPPRESSED_ROLE) is True
                else:
                    assert shown == str(cell)
                    assert model.data(index, SUPPRESSED_ROLE) is False
        total = model.data(model.index(len(rows), len(columns)))
        assert total == (SUPPRESSED_MARK if table.total is SUPPRESSED else str(table.total))
    assert hidden_seen > 0  # the demo month has small cells: the test looks at real dashes


def test_the_not_included_line_names_what_never_leaves(qtbot: QtBot, opened: OpenWorkspace) -> None:
    page = built_page(qtbot, opened)
    assert page.preview is not None
    text = page.not_included.text()
    assert "names" in text and "phone numbers" in text and "villages" in text
    assert "5" in text and "10" in text
    left_out = page.preview.export.not_consented
    assert left_out > 0
    assert f"{left_out} case" in text
    assert page.summary_button.isEnabled()
    assert page.export_button.isEnabled()  # what is on screen can be saved


def test_cancel_stops_the_build_and_shows_nothing(qtbot: QtBot, opened: OpenWorkspace) -> None:
    page = ReportsPage(opened, autoload=False)
    qtbot.addWidget(page)
    delivered: list[object] = []
    page.built.connect(lambda: delivered.append(True))
    page.refresh()
    assert page.is_building() and page.cancel_button.isVisibleTo(page)
    page.cancel()
    assert tasks.wait_for_all()
    qtbot.waitUntil(lambda: tasks.active_tasks() == 0)
    assert delivered == []
    assert page.preview is None and not page.is_building()
    assert not page.cancel_button.isVisibleTo(page)
    assert "Stopped" in page.status.text()
    assert not page.summary_button.isEnabled()
    with qtbot.waitSignal(page.built, timeout=10_000):  # and it can count again
        page.refresh()
    assert page.preview is not None


class _CancelledContext:
    cancelled = True
    reports: list[tuple[int, int]] = []

    def report(self, done: int, total: int) -> None:
        self.reports.append((done, total))


def test_a_cancelled_build_stops_before_the_first_table(opened: OpenWorkspace) -> None:
    """The build checks Cancel between tables (the domain's progress hook), not only at the
    end: a cancelled context stops it before any table is counted."""
    context = _CancelledContext()
    period = Period.of_day(opened.clock.today().replace(day=1) - timedelta(days=1))
    with pytest.raises(Cancelled):
        build_preview(opened, period, cast(TaskContext, context))
    assert context.reports == []
