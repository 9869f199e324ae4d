"""Several statuses and categories at once in the case list's filter bar, over a real
workspace; the menu stays open while ticking; a saved filter keeps the whole choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.model.case_list import CaseFilter
from desktop.domain.model.dispute import OPEN_STATUSES, Status
from desktop.views.cases.case_list_page import CaseListPage
from desktop.views.widgets.sticky_menu import StickyMenu
from desktop.workspace import OpenWorkspace
from tests.support import create_workspace, register_case

pytest.importorskip("sqlcipher3")


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[tuple[OpenWorkspace, dict[str, int]]]:
    workspace, _ = create_workspace(tmp_path / "ws")
    opened = workspace.sign_in("admin", "river-stone-mango-lantern")
    ids = {}
    for key, category in (("debt", "debt"), ("land", "land_boundary"), ("family", "family")):
        dispute = register_case(opened, name=f"Test {key.title()}", category=category)
        assert dispute.id is not None
        ids[key] = dispute.id
    try:
        yield opened, ids
    finally:
        opened.close()


def _page(qtbot: QtBot, opened: OpenWorkspace) -> CaseListPage:
    page = CaseListPage(opened)
    qtbot.addWidget(page)
    page.resize(1146, 728)
    page.show()
    _settle(qtbot)
    return page


def _settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: tasks.active_tasks() == 0, timeout=10_000)


def _ids(page: CaseListPage) -> set[int]:
    return {row.id for row in page.model.rows()}


def _tick(page: CaseListPage, button: str, value: str) -> None:
    action = getattr(page.filters, button).choice_action(value)
    assert action is not None
    action.trigger()


def test_two_categories_and_two_statuses(qtbot: QtBot, admin: tuple) -> None:
    opened, ids = admin
    page = _page(qtbot, opened)
    categories = page.filters.category
    assert categories.text() == "Any category"
    _tick(page, "category", "debt")
    _settle(qtbot)
    assert categories.text() == "Debt or unpaid loan"  # one: by its name
    assert _ids(page) == {ids["debt"]}
    _tick(page, "category", "land_boundary")
    _settle(qtbot)
    assert categories.text() == "2 categories"
    assert _ids(page) == {ids["debt"], ids["land"]}
    assert page.filters.case_filter().categories == {"debt", "land_boundary"}

    statuses = page.filters.status
    _tick(page, "status", Status.WITHDRAWN.value)
    _settle(qtbot)
    assert _ids(page) == set()  # every case is registered
    _tick(page, "status", Status.REGISTERED.value)
    _settle(qtbot)
    assert statuses.text() == "2 statuses"
    assert _ids(page) == {ids["debt"], ids["land"]}
    statuses.clear_action.trigger()
    _settle(qtbot)
    assert statuses.text() == "Any status" and page.filters.case_filter().statuses == frozenset()


def test_open_cases_is_a_preset(qtbot: QtBot, admin: tuple) -> None:
    opened, ids = admin
    page = _page(qtbot, opened)
    preset = next(a for a in page.filters.status.menu_.actions() if a.text() == "Open cases")
    preset.trigger()
    _settle(qtbot)
    assert page.filters.case_filter().statuses == OPEN_STATUSES
    assert page.filters.status.text() == "Open cases"
    assert _ids(page) == set(ids.values())
    _tick(page, "status", Status.CLOSED.value)  # one more than the preset: counted
    assert page.filters.status.text() == f"{len(OPEN_STATUSES) + 1} statuses"


def test_a_saved_filter_keeps_every_choice(qtbot: QtBot, admin: tuple) -> None:
    opened, ids = admin
    page = _page(qtbot, opened)
    _tick(page, "category", "debt")
    _tick(page, "category", "family")
    _tick(page, "status", Status.REGISTERED.value)
    _tick(page, "status", Status.IN_MEDIATION.value)
    _settle(qtbot)
    wanted = page.filters.case_filter()
    page.save_filter("Debts and family")
    _settle(qtbot)
    page.filters.set_filter(CaseFilter())
    _settle(qtbot)
    assert page.filters.category.text() == "Any category"
    assert _ids(page) == set(ids.values())
    page.saved.combo.setCurrentIndex(1)
    page.saved.combo.activated.emit(1)
    _settle(qtbot)
    assert page.filters.case_filter() == wanted
    assert page.filters.category.text() == "2 categories"
    assert page.filters.status.text() == "2 statuses"
    assert _ids(page) == {ids["debt"], ids["family"]}


def test_the_menu_stays_open_while_ticking(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    menu = StickyMenu(host)
    first, second = menu.addAction("First"), menu.addAction("Second")
    for action in (first, second):
        action.setCheckable(True)
    plain = menu.addAction("Plain")
    menu.popup(host.mapToGlobal(host.rect().center()))
    qtbot.waitExposed(menu)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(first).center())
    assert first.isChecked() and menu.isVisible()
    menu.setActiveAction(second)
    qtbot.keyClick(menu, Qt.Key.Key_Space)
    assert second.isChecked() and menu.isVisible()
    with qtbot.waitSignal(plain.triggered):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(plain).center())
    qtbot.waitUntil(lambda: not menu.isVisible())
