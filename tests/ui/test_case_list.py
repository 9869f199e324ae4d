"""The Cases page over a real workspace: search as you type, filters, sort in the model, saved
filters, keyboard, the empty state, and restricted cases kept from members not assigned."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.model.case_list import CaseRow
from desktop.domain.model.users import Role, User
from desktop.views.cases.case_list_model import CaseListModel, Column
from desktop.views.cases.case_list_page import CaseListPage
from desktop.workspace import OpenWorkspace
from tests.support import create_workspace, register_case

PASSPHRASE = "quiet-harbour-maize-7"


@pytest.fixture
def casebook(tmp_path: Path) -> Iterator[tuple[OpenWorkspace, OpenWorkspace, dict[str, int]]]:
    """The administrator and a member (no restricted access) of a workspace with four cases."""
    workspace, _ = create_workspace(tmp_path / "ws")
    admin = workspace.sign_in("admin", "river-stone-mango-lantern")
    admin.add_user(User("member", "Baraka Member", Role.MEMBER), PASSPHRASE)
    ids = {}
    for key, name, respondent, category in (
        ("amina", "Amina Wanjiru", "Juma Otieno", "debt"),
        ("pendo", "Pendo Achieng", "Baraka Njoroge", "land_boundary"),
        ("neema", "Neema Achieng", "Otieno Opiyo", "debt"),
        ("secret", "Zawadi Siri", "Hidden Person", "gbv"),
    ):
        dispute = register_case(admin, name=name, respondent=respondent, category=category)
        assert dispute.id is not None
        ids[key] = dispute.id
    member = workspace.sign_in("member", PASSPHRASE)
    try:
        yield admin, member, ids
    finally:
        member.close()
        admin.close()


def _page(qtbot: QtBot, opened: OpenWorkspace) -> CaseListPage:
    page = CaseListPage(opened)
    qtbot.addWidget(page)
    page.resize(1146, 728)
    page.show()
    _settle(qtbot)
    return page


def _settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: tasks.active_tasks() == 0, timeout=10_000)


def _ids(page: CaseListPage) -> list[int]:
    return [row.id for row in page.model.rows()]


def test_the_list_shows_every_visible_case_newest_first(qtbot: QtBot, casebook: tuple) -> None:
    admin, member, ids = casebook
    page = _page(qtbot, admin)
    assert _ids(page) == [ids["secret"], ids["neema"], ids["pendo"], ids["amina"]]
    assert page.count.text() == "4 cases"
    secret_row = page.model.case_row(0)
    assert secret_row is not None and secret_row.complainants == "•••"
    assert page.model.index(0, Column.RESTRICTED).data() == "Restricted"


def test_a_member_not_assigned_never_gets_the_restricted_case(
    qtbot: QtBot, casebook: tuple
) -> None:
    admin, member, ids = casebook
    page = _page(qtbot, member)
    assert ids["secret"] not in _ids(page)
    assert page.count.text() == "3 cases"
    assert not page.filters.restricted.isVisible()  # a filter that would mean nothing
    with admin.unit_of_work() as uow:
        secret = uow.disputes.get(ids["secret"])
    assert secret is not None
    page.search.setText(secret.number)
    page.refresh()
    _settle(qtbot)
    assert _ids(page) == []
    assert page.stack.currentWidget() is page.empty


def test_typing_part_of_a_name_finds_the_case(qtbot: QtBot, casebook: tuple) -> None:
    admin, _, ids = casebook
    page = _page(qtbot, admin)
    qtbot.keyClicks(page.search, "achi")
    qtbot.waitUntil(lambda: _ids(page) == [ids["neema"], ids["pendo"]], timeout=5_000)
    assert page.count.text() == "2 matching cases"
    qtbot.keyClicks(page.search, " pen")
    qtbot.waitUntil(lambda: _ids(page) == [ids["pendo"]], timeout=5_000)
    page.search.setText('"NEAR( * :')  # FTS5 syntax typed by a user is only words
    page.refresh()
    _settle(qtbot)
    assert page.message.isHidden()


def test_a_stale_result_is_dropped(qtbot: QtBot, casebook: tuple) -> None:
    admin, _, ids = casebook
    page = _page(qtbot, admin)
    page.search.setText("amina")
    page.refresh()
    page.search.setText("pendo")
    page.refresh()
    _settle(qtbot)
    assert _ids(page) == [ids["pendo"]]
    old = page.case_filter()
    stale_rows = [CaseRow(ids["amina"], "X", "2026-01-05", "debt", "registered", "", "", "", "", 0)]
    page._show(page._generation - 1, old, stale_rows)  # an older query answering late
    assert _ids(page) == [ids["pendo"]]


def test_the_empty_state_says_what_to_do_and_clears(qtbot: QtBot, casebook: tuple) -> None:
    admin, _, ids = casebook
    page = _page(qtbot, admin)
    page.search.setText("nobodyhere")
    page.refresh()
    _settle(qtbot)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.title.text() == "No case matches"
    qtbot.mouseClick(page.empty.clear_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert page.search.text() == ""
    assert len(_ids(page)) == 4


def test_filters_run_in_the_query(qtbot: QtBot, casebook: tuple) -> None:
    admin, _, ids = casebook
    page = _page(qtbot, admin)
    page.filters.category.set_chosen({"land_boundary"})
    _settle(qtbot)
    assert _ids(page) == [ids["pendo"]]
    assert page.filters.case_filter().categories == frozenset({"land_boundary"})


def test_enter_and_double_click_open_the_case(qtbot: QtBot, casebook: tuple) -> None:
    admin, _, ids = casebook
    page = _page(qtbot, admin)
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # from the search box into the list
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [ids["neema"]]
    with qtbot.waitSignal(page.new_case_requested):
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)


def test_sorting_happens_in_the_model_and_keeps_the_current_case(
    qtbot: QtBot, casebook: tuple
) -> None:
    admin, _, ids = casebook
    page = _page(qtbot, admin)
    assert page.table.model() is page.model  # no proxy model in between
    page.table.setCurrentIndex(page.model.index(2, 0))  # Pendo
    page.table.sortByColumn(Column.COMPLAINANTS, Qt.SortOrder.AscendingOrder)
    names = [row.complainants for row in page.model.rows()]
    assert names == sorted(names)
    assert page.model.case_row(page.table.currentIndex().row()).id == ids["pendo"]  # type: ignore[union-attr]
    page.table.sortByColumn(Column.CATEGORY, Qt.SortOrder.DescendingOrder)
    labels = [page.model.index(r, Column.CATEGORY).data() for r in range(4)]
    assert labels == sorted(labels, key=str.casefold, reverse=True)


def test_a_saved_filter_comes_back(qtbot: QtBot, casebook: tuple) -> None:
    admin, _, ids = casebook
    page = _page(qtbot, admin)
    page.filters.category.set_chosen({"debt"})
    _settle(qtbot)
    page.save_filter("Debts")
    _settle(qtbot)
    assert page.saved.combo.itemText(1) == "Debts"
    page.filters.category.set_chosen(())
    _settle(qtbot)
    assert len(_ids(page)) == 4
    page.saved.combo.setCurrentIndex(1)
    page.saved.combo.activated.emit(1)
    _settle(qtbot)
    assert _ids(page) == [ids["neema"], ids["amina"]]
    page.delete_filter("Debts")
    _settle(qtbot)
    assert page.saved.combo.count() == 1


def test_the_model_passes_qt_model_checks(qtmodeltester: object) -> None:
    model = CaseListModel({"debt": "Money and debt"})
    model.set_rows(
        [
            CaseRow(2, "KBR-2026-0002", "2026-01-06", "debt", "closed", "A > B", "X", "Y", "", 1),
            CaseRow(1, "KBR-2026-0001", "2026-01-05", "debt", "registered", "A", "Z", "", "", 0),
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(Column.NUMBER)
    assert model.case_row(0) == model.rows()[0] and model.rows()[0].id == 1


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=["normal", "large-text"])
def test_the_columns_fit_the_window_and_the_names_get_the_room(
    qtbot: QtBot, casebook: tuple, scale: float
) -> None:
    from desktop.views.cases.list_columns import NAME_CHARS

    admin, _member, _ids = casebook
    page = CaseListPage(admin)
    qtbot.addWidget(page)
    font = page.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    page.setFont(font)
    page.resize(1146, 728)  # the main window's page at 1366x768
    page.show()
    _settle(qtbot)
    table = page.table
    metrics = table.fontMetrics()
    shown = [c for c in Column if not table.isColumnHidden(c)]
    qtbot.waitUntil(lambda: sum(table.columnWidth(c) for c in shown) <= table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0  # nothing scrolls sideways

    names = (Column.COMPLAINANTS, Column.RESPONDENTS)
    for column in names:
        assert table.columnWidth(column) >= NAME_CHARS * metrics.averageCharWidth()
        assert table.columnWidth(column) >= max(
            table.columnWidth(c) for c in (Column.CATEGORY, Column.RECEIVED)
        )
    for column in (Column.NUMBER, Column.RECEIVED):  # short columns show all of their text
        text = page.model.index(0, column).data()
        assert table.columnWidth(column) > metrics.horizontalAdvance(text)
    assert table.columnWidth(Column.RESTRICTED) > metrics.horizontalAdvance("Restricted")
    hidden = set(Column) - set(shown)
    if scale == 1.0:
        assert hidden == set()
    else:
        assert hidden <= {Column.ASSIGNED, Column.AREA}  # still filters; never a name

    page.resize(1600, 728)  # a wider window: the names take most of the new room
    before, number = table.columnWidth(Column.COMPLAINANTS), table.columnWidth(Column.NUMBER)
    page.resize(1900, 728)
    qtbot.waitUntil(lambda: table.columnWidth(Column.COMPLAINANTS) > before)
    assert table.columnWidth(Column.NUMBER) == number
