"""The hub's dashboard page (desktop/views/hub/dashboard_*.py, chart_*.py): the filters reach
HubWorkspace.dashboard; tiles, tables, charts and the missing list show the Dashboard's
numbers, "≥ N" for an at-least count and "—" (never 0, never a bar) for a hidden one; loading
and failing say so; the window's dashboard is built again after an import that changed the
hub; nothing scrolls sideways at 1366x768 with 150 % text. Over the hand-made sample
(tests/hub_samples.py) through a small fake hub, and once over a real hub of demo exports."""

from __future__ import annotations

import dataclasses
import sys
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.model.export_tables import Period
from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters
from desktop.domain.services.hub_import import ImportOptions
from desktop.domain.services.hub_totals import ALL, HubCell, Total
from desktop.views.hub.chart_model import crossed_chart, totals_chart, trend_chart
from desktop.views.hub.dashboard_labels import cell_text
from desktop.views.hub.dashboard_page import DashboardPage
from desktop.views.hub.dashboard_table_model import STATUS_ROLE
from desktop.views.hub.dashboard_table_view import FittedTable
from desktop.views.hub.hub_window import HubWindow
from desktop.workspace import HubCommittee, HubFileResult
from tests.hub_samples import sample_dashboard
from tests.hub_support import HUB_PASSPHRASE, demo_exports

SEPTEMBER, OCTOBER = Period.month(2026, 9), Period.month(2026, 10)


class FakeHub:
    """A HubWorkspace whose dashboard is the sample (or ``make``'s), recording each filters;
    ``gate`` (when set) holds the worker until the test opens it."""

    def __init__(self) -> None:
        self.folder = Path("/nowhere/hub")
        self.backs_up = False  # the window's "Back up hub…" is off
        self.asked: list[DashboardFilters] = []
        self.error: Exception | None = None
        self.gate: threading.Event | None = None
        self.make: Callable[[DashboardFilters], Dashboard] = sample_dashboard

    def dashboard(self, filters: DashboardFilters) -> Dashboard:
        self.asked.append(filters)
        if self.gate is not None:
            self.gate.wait(10)
        if self.error is not None:
            raise self.error
        return self.make(filters)

    def committees(self) -> list[HubCommittee]:
        return []

    def import_file(self, path: Path, options: ImportOptions) -> HubFileResult:
        raise AssertionError("not imported in these tests")

    def update_committee(self, pseudonym: str, name: str, region: str, active: bool) -> None:
        raise AssertionError("not edited in these tests")

    def close(self) -> None:
        pass


@pytest.fixture
def fake() -> FakeHub:
    return FakeHub()


def page_for(qtbot: QtBot, hub: FakeHub) -> DashboardPage:
    page = DashboardPage(hub)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    return page


def table_texts(view: FittedTable) -> list[list[str]]:
    model = view.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_filters_reach_the_hub_with_their_labels(qtbot: QtBot, fake: FakeHub) -> None:
    page = page_for(qtbot, fake)
    assert fake.asked == [DashboardFilters()]
    buttons = page.filter_bar.buttons
    assert buttons["regions"].text() == "Region: All"
    menu = [a.text() for a in buttons["committees"].menu_.actions() if a.text()]
    assert menu == [
        "All",
        "Kibera Peace Committee (C-3F9A01BC2D)",
        "Mathare Elders (C-7D20E4A9B1)",
        "C-19BC03F5E2",  # not named by the programme office: its pseudonym
    ]
    categories = [a.text() for a in buttons["categories"].menu_.actions() if a.text()]
    assert categories[:3] == ["All", "Land boundary", "Family and relationships (other)"]
    ages = [a.text() for a in buttons["age_bands"].menu_.actions() if a.text()]
    assert ages[1:3] == ["18-25", "26-40"]
    periods = [a.text() for a in buttons["periods"].menu_.actions() if a.text()]
    assert periods[1] == "August 2026" and periods[-1] == "Quarter 3 of 2026 (2026-Q3)"

    with qtbot.waitSignal(page.loaded, timeout=10_000):
        buttons["regions"].choose(frozenset({"Nairobi"}))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        buttons["categories"].choose(frozenset({"debt", "gbv"}))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        buttons["age_bands"].choose(frozenset({"18_25"}))
    assert fake.asked[-1] == DashboardFilters(
        regions=frozenset({"Nairobi"}),
        categories=frozenset({"debt", "gbv"}),
        age_bands=frozenset({"18_25"}),
    )
    assert buttons["regions"].text() == "Region: Nairobi"
    assert buttons["categories"].text() == "Kind of dispute: 2 chosen"
    buttons["sexes"].choose(frozenset())  # the same choice again: nothing to load
    assert len(fake.asked) == 4
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.filter_bar.clear_button.click()
    assert fake.asked[-1] == DashboardFilters()
    assert buttons["categories"].text() == "Kind of dispute: All"


def test_the_tiles_and_the_summary_show_the_programme(qtbot: QtBot, fake: FakeHub) -> None:
    page = page_for(qtbot, fake)
    assert page.summary.text() == "Committees: 3, exports: 9, 2026-08 to 2026-10."
    tiles = {key: tile.number.text() for key, tile in page.content.tiles.items()}
    assert tiles == {
        "received": "632",
        "closed": "421",
        "share_resolved_by_agreement": "62% (31 of 50)",
        "share_agreements_kept": "80% (24 of 30)",
        "referral_completion_rate": "55% (11 of 20)",
        "missing": "1",
    }
    assert page.content.tiles["missing"].detail.text() == "for 2026-11"
    assert page.report_button.isEnabled()


def test_at_least_and_hidden_totals_in_tiles_are_never_plain_numbers(
    qtbot: QtBot, fake: FakeHub
) -> None:
    def hiding(filters: DashboardFilters) -> Dashboard:
        sample = sample_dashboard(filters)
        programme = dataclasses.replace(
            sample.programme, received=HubCell(Total(640, True)), closed=HubCell(Total(0), True)
        )
        return dataclasses.replace(sample, programme=programme)

    fake.make = hiding
    page = page_for(qtbot, fake)
    assert page.content.tiles["received"].number.text() == "\u2265\u00a0640"
    assert page.content.tiles["closed"].number.text() == "\u2014"


def test_a_table_shows_at_least_and_hidden_cells_and_its_totals(
    qtbot: QtBot, fake: FakeHub
) -> None:
    def planted(filters: DashboardFilters) -> Dashboard:
        sample = sample_dashboard(filters)
        table = sample.tables[0]
        cells = dict(table.cells)
        cells[("debt", "male")] = HubCell(Total(0), hidden=True)  # hidden zero: never "0"
        cells[("gbv", "female")] = HubCell(Total(3), hidden=True)
        tables = (dataclasses.replace(table, cells=cells), *sample.tables[1:])
        return dataclasses.replace(sample, tables=tables)

    fake.make = planted
    page = page_for(qtbot, fake)
    content = page.content
    table = fake.make(DashboardFilters()).tables[0]
    assert content.table_choice.currentText() == "Cases received, by kind and complainant's sex"
    model = content.table_model
    assert model.rowCount() == len(table.rows) + 1
    assert model.columnCount() == len(table.columns) + 1
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Female", "Male", "Not known", "Total"]
    assert model.headerData(0, Qt.Orientation.Vertical) == "Debt or unpaid loan"
    statuses = set()
    for r, code1 in enumerate((*table.rows, ALL)):
        for c, code2 in enumerate((*table.columns, ALL)):
            cell = table.cell(code1, code2)
            shown = model.index(r, c).data()
            statuses.add(cell.status)
            if cell.hidden:
                assert shown == "\u2014"
            elif cell.status == "at_least":
                assert shown == f"\u2265\u00a0{cell.total.known}"
            else:
                assert shown == str(cell.total.known)
            assert model.index(r, c).data(STATUS_ROLE) == cell.status
    assert statuses == {"exact", "at_least", "suppressed"}
    debt, male = table.rows.index("debt"), table.columns.index("male")
    assert model.index(debt, male).data() == "\u2014"
    assert "\u2014 hidden" in content.table_legend.text()
    assert "\u2265 N: at least N" in content.table_legend.text()
    content.table_choice.setCurrentIndex(1)
    chosen = model.table()
    assert chosen is not None and chosen.name == "complainants_by_sex_and_age"


def test_the_charts_draw_what_the_dashboard_holds(qtbot: QtBot, fake: FakeHub) -> None:
    page = page_for(qtbot, fake)
    dashboard = page.dashboard
    assert dashboard is not None
    trend = page.content.trend
    assert trend.data == trend_chart(dashboard)
    assert trend.data.groups == ("2026-08", "2026-09", "2026-10")
    placed = {(p.bar.group, p.bar.series): p for p in trend.placed()}
    assert len(placed) == 6
    hidden = placed[(2, 0)]  # October's received: hidden by the hub
    assert hidden.rect is None and hidden.bar.text == "\u2014"
    at_least = placed[(0, 0)]  # August's received: at least 212
    assert at_least.bar.kind == "at_least" and at_least.bar.text == "\u2265\u00a0212"
    assert at_least.rect is not None
    september = placed[(1, 0)].rect
    closed = placed[(1, 1)].rect
    assert september is not None and closed is not None
    assert september.height() / closed.height() == pytest.approx(240 / 198)
    assert september.bottom() == pytest.approx(closed.bottom())  # one baseline
    assert at_least.rect.height() / september.height() == pytest.approx(212 / 240)

    table = dashboard.table("received_by_category_and_sex")
    categories = page.content.categories
    assert categories.data == totals_chart(table)
    assert categories.data.groups[0] == "Debt or unpaid loan"
    assert table is not None
    for item in categories.placed():
        total = table.cell(table.rows[item.bar.group], ALL)
        assert item.bar.text == cell_text(total)
        assert (item.rect is None) == total.hidden
    lengths = [(p.rect.width(), p.bar.cell.total.known) for p in categories.placed() if p.rect]
    longest = max(lengths, key=lambda pair: pair[1])
    for width, known in lengths:  # each bar's length is its count, to one scale
        assert width / longest[0] == pytest.approx(known / longest[1])

    ages = page.content.sex_age
    assert ages.data == crossed_chart(dashboard.table("complainants_by_sex_and_age"))
    assert ages.data.series == ("Female", "Male", "Not known")
    assert len(ages.placed()) == 15


def test_a_hidden_point_has_no_bar_and_no_height(qtbot: QtBot, fake: FakeHub) -> None:
    def hidden_table(filters: DashboardFilters) -> Dashboard:
        sample = sample_dashboard(filters)
        table = sample.tables[0]
        cells = dict(table.cells)
        cells[("family", ALL)] = HubCell(Total(0), hidden=True)
        return dataclasses.replace(
            sample, tables=(dataclasses.replace(table, cells=cells), *sample.tables[1:])
        )

    fake.make = hidden_table
    page = page_for(qtbot, fake)
    chart = page.content.categories
    family = chart.data.groups.index("Family and relationships (other)")
    [item] = [p for p in chart.placed() if p.bar.group == family]
    assert item.rect is None and item.bar.text == "\u2014"
    assert all(p.rect is not None for p in chart.placed() if p.bar.group != family)


def test_the_indicators_per_scope_and_the_missing_exports(qtbot: QtBot, fake: FakeHub) -> None:
    page = page_for(qtbot, fake)
    content = page.content
    regions = table_texts(content.regions_view)
    assert regions[0][:4] == ["Kisumu", "1", "190", "126"]
    assert regions[1][:4] == ["Nairobi", "2", "442", "294"]
    assert regions[1][4:] == [
        "62% (31 of 50)",
        "80% (24 of 30)",
        "55% (11 of 20)",
        "8\u201314 days",
    ]
    committees = [row[0] for row in table_texts(content.committees_view)]
    assert committees == ["C-19BC03F5E2", "Kibera Peace Committee", "Mathare Elders"]
    assert table_texts(content.missing_view) == [
        ["Mathare Elders", "C-7D20E4A9B1", "Nairobi", "2026-11", "2026-10"]
    ]
    assert content.missing_heading.text() == (
        "Committees that have not sent their export for 2026-11"
    )


def test_loading_shows_a_busy_state_and_loads_filters_chosen_meanwhile(
    qtbot: QtBot, fake: FakeHub
) -> None:
    page = page_for(qtbot, fake)
    fake.gate = threading.Event()
    page.filter_bar.buttons["periods"].choose(frozenset({"2026-09"}))
    assert page.busy and page.progress.isVisibleTo(page)
    assert page.summary.text() == "Adding up the committees' exports…"
    page.filter_bar.buttons["sexes"].choose(frozenset({"female"}))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        fake.gate.set()
    assert fake.asked[-1] == DashboardFilters(
        periods=frozenset({"2026-09"}), sexes=frozenset({"female"})
    )
    assert len(fake.asked) == 3 and not page.progress.isVisibleTo(page)


def test_a_failure_says_what_to_do_and_try_again_loads(qtbot: QtBot, fake: FakeHub) -> None:
    fake.error = NotImplementedError()
    page = page_for(qtbot, fake)
    assert page.message.isVisibleTo(page) and page.retry.isVisibleTo(page)
    assert "Try again" in page.message.text() and "NotImplementedError" in page.message.text()
    assert not page.report_button.isEnabled()
    fake.error = None
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.retry.click()
    assert not page.message.isVisibleTo(page) and page.content.isVisibleTo(page)


def test_the_report_button_asks_the_report_saver_with_the_filters(
    qtbot: QtBot, fake: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[QWidget, object, DashboardFilters]] = []
    saver = types.ModuleType("desktop.views.hub.report_saver")
    saver.save_programme_report = lambda *args: calls.append(args)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.views.hub.report_saver", saver)
    page = page_for(qtbot, fake)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.filter_bar.buttons["regions"].choose(frozenset({"Kisumu"}))
    page.report_button.click()
    assert calls == [(page, fake, DashboardFilters(regions=frozenset({"Kisumu"})))]


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    font = qapp.font()
    bigger = qapp.font()
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    try:
        yield
    finally:
        qapp.setFont(font)


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_nothing_scrolls_sideways_at_1366_with_large_text(
    qtbot: QtBot, fake: FakeHub, large_text: None, direction: Qt.LayoutDirection
) -> None:
    window = HubWindow(fake)
    qtbot.addWidget(window)
    window.setLayoutDirection(direction)
    window.resize(1366, 768)
    window.show()
    page = window.dashboard
    qtbot.waitUntil(lambda: page.dashboard is not None and not page.busy, timeout=10_000)
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.content.width() > 0)
    assert page.scroll_area.horizontalScrollBar().maximum() == 0
    assert page.content.width() <= page.scroll_area.viewport().width()
    for view in page.content.findChildren(FittedTable):
        if view.isVisibleTo(page):
            assert view.horizontalScrollBar().maximum() == 0
    bar = page.filter_bar
    assert all(b.geometry().right() <= bar.width() for b in bar.buttons.values())


# -- over a real hub ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return demo_exports(tmp_path_factory.mktemp("committee"), [SEPTEMBER, OCTOBER], cases=60)


def test_over_a_real_hub_the_dashboard_follows_imports(
    qtbot: QtBot, exports: dict[str, bytes], tmp_path: Path
) -> None:
    from storage.hub.store import HubFolder
    from storage.hub.workspace import open_hub
    from tests.support import CHEAP_KDF

    HubFolder(tmp_path / "hub", kdf=CHEAP_KDF).create(HUB_PASSPHRASE)
    session = open_hub(tmp_path / "hub", HUB_PASSPHRASE, CHEAP_KDF)
    asked: list[DashboardFilters] = []
    real = session.dashboard

    def spy(filters: DashboardFilters) -> Dashboard:
        asked.append(filters)
        return real(filters)

    session.dashboard = spy  # type: ignore[method-assign]
    try:
        window = HubWindow(session)
        qtbot.addWidget(window)
        window.confirm_key = lambda question: True
        page = window.dashboard
        qtbot.waitUntil(lambda: len(asked) == 1 and not page.busy, timeout=10_000)
        assert page.summary.text() == "No exports match these filters yet."
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        for label, data in exports.items():
            (inbox / f"{label}.suluhu-export").write_bytes(data)
        window.import_paths([inbox])
        qtbot.waitUntil(
            lambda: not window.busy and page.dashboard is not None and page.dashboard.exports == 2,
            timeout=30_000,
        )
        dashboard = page.dashboard
        assert dashboard is not None
        assert page.summary.text().startswith("Committees: 1, exports: 2, 2026-09 to 2026-10")
        tiles = page.content.tiles
        assert tiles["received"].number.text() == cell_text(dashboard.programme.received)
        assert page.content.trend.data.groups == ("2026-09", "2026-10")
        for item in page.content.trend.placed():
            assert (item.rect is None) == item.bar.cell.hidden
            assert item.bar.text != "0" or item.bar.cell.total.known == 0
        calls = len(asked)
        window.import_paths([inbox])  # duplicates only: the dashboard is not built again
        qtbot.waitUntil(lambda: not window.busy and window.results.rowCount() == 2)
        assert window.results.index(0, 1).data() == "Duplicate"
        assert len(asked) == calls
    finally:
        tasks.wait_for_all(10_000)
        session.close()
