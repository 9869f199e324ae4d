"""The actor directory page over a real (SQLCipher) workspace: add, search, filter, edit,
deactivate and reactivate, import the starter list, and what a programme officer sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.actor_csv import STARTER_LIST
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Role, User
from desktop.domain.services import actors
from desktop.views.actors.actor_dialog import ActorDialog
from desktop.views.actors.actors_model import ActorsTableModel, Column
from desktop.views.actors.actors_page import ActorsPage
from desktop.views.actors.import_dialog import ActorImportDialog
from storage.open_workspace import SqlOpenWorkspace
from tests.support import make_workspace
from tests.ui.fakes import ADMIN_PASSPHRASE
from tests.ui.real import real_workspace

OFFICER_PASSPHRASE = "green kite over hill"


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[SqlOpenWorkspace]:
    workspace = real_workspace(tmp_path / "ws")
    signed_in = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    try:
        yield signed_in
    finally:
        signed_in.close()


def _add(opened: SqlOpenWorkspace, entry: JusticeActor) -> JusticeActor:
    return actors.add_actor(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, entry
    )


def _stored(opened: SqlOpenWorkspace) -> list[JusticeActor]:
    return actors.list_actors(opened.unit_of_work(), opened.actor, include_inactive=True)


def make_page(qtbot: QtBot, opened: SqlOpenWorkspace) -> ActorsPage:
    page = ActorsPage(opened)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    return page


def names(page: ActorsPage) -> list[str]:
    model = page.model
    return [model.index(r, Column.NAME).data() for r in range(model.rowCount())]


def select(page: ActorsPage, name: str) -> None:
    row = names(page).index(name)
    page.table.selectRow(row)


def _dialog(page: ActorsPage, kind: type) -> object:
    found = [w for w in page.findChildren(kind) if w.isVisible()]
    assert len(found) == 1
    return found[0]


def test_model_passes_the_model_tester(qtmodeltester, opened: SqlOpenWorkspace) -> None:  # type: ignore[no-untyped-def]
    model = ActorsTableModel(opened.taxonomy)
    model.set_actors(
        [
            JusticeActor("police", "Test desk", "Officer Test", "+254700000001", id=1),
            JusticeActor("chief_elder", "Test elders", active=False, id=2),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, Column.KIND).data() == "Police"
    assert model.index(1, Column.NAME).data() == "Test elders (deactivated)"
    model.sort(Column.KIND, Qt.SortOrder.AscendingOrder)
    assert model.entry(0).kind == "chief_elder"  # type: ignore[union-attr]


def test_add_an_actor_with_an_error_shown_beside_its_field(
    qtbot: QtBot, opened: SqlOpenWorkspace
) -> None:
    page = make_page(qtbot, opened)
    assert names(page) == [] and "directory is empty" in page.message.text()
    changed: list[bool] = []
    page.actors_changed.connect(lambda: changed.append(True))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(page, ActorDialog)
    assert isinstance(dialog, ActorDialog)
    dialog.name_edit.setText("Test police gender desk")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("police"))
    assert "Police or other law enforcement" in dialog.mechanism_note.text()
    dialog.contact_edit.setText("Officer Test")
    dialog.phone_edit.setText("call the desk")
    dialog.area_edit.setText("Test Town")
    dialog.services_edit.setPlainText("Assault and threats")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    phone_field = dialog.fields["phone"]
    qtbot.waitUntil(phone_field.has_error)
    assert phone_field.error.text().startswith("Use 7 to 15 digits")
    assert not dialog.fields["name"].has_error() and dialog.isVisible()
    assert _stored(opened) == []
    dialog.phone_edit.setText("+254 700 000 001")
    assert not phone_field.has_error()  # cleared as soon as the field changes
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert names(page) == ["Test police gender desk"] and changed == [True]
    assert page.selected_actor() is not None
    assert page.model.index(0, Column.PHONE).data() == "\u2066+254700000001\u2069"  # isolated
    (stored,) = _stored(opened)
    assert (stored.kind, stored.contact_person, stored.services) == (
        "police",
        "Officer Test",
        "Assault and threats",
    )


def test_search_as_you_type_and_filters(qtbot: QtBot, opened: SqlOpenWorkspace) -> None:
    _add(opened, JusticeActor("police", "Test desk", "Officer Kamau", area="Test Town"))
    _add(opened, JusticeActor("legal_aid", "Test legal aid", services="Land and succession"))
    _add(opened, JusticeActor("chief_elder", "Test elders", area="Test Village"))
    retired = _add(opened, JusticeActor("court", "Test old court"))
    assert retired.id is not None
    actors.deactivate_actor(opened.unit_of_work(), opened.actor, opened.clock, retired.id)
    page = make_page(qtbot, opened)
    assert names(page) == ["Test desk", "Test elders", "Test legal aid"]
    assert page.count.text() == "Showing 3 of 3 active actors."
    qtbot.keyClicks(page.filters.search, "kam")
    assert names(page) == ["Test desk"]  # the contact person
    page.filters.search.setText("succession")
    assert names(page) == ["Test legal aid"]  # the services
    page.filters.search.setText("village")
    assert names(page) == ["Test elders"]  # the area
    page.filters.search.clear()
    page.filters.choose_kind("mechanism:formal")
    assert names(page) == ["Test desk", "Test legal aid"]
    page.filters.choose_kind("mechanism:informal")
    assert names(page) == ["Test elders"]
    page.filters.choose_kind("kind:court")
    assert names(page) == []
    page.filters.inactive.setChecked(True)
    assert names(page) == ["Test old court (deactivated)"]


def test_edit_then_deactivate_with_a_confirm_and_reactivate(
    qtbot: QtBot, opened: SqlOpenWorkspace
) -> None:
    _add(opened, JusticeActor("police", "Test desk", phone="0700000001"))
    page = make_page(qtbot, opened)
    select(page, "Test desk")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(page, ActorDialog)
    assert isinstance(dialog, ActorDialog)
    assert dialog.phone_edit.text() == "0700000001"
    dialog.name_edit.setText("Test gender desk")
    dialog.hours_edit.setText("Every day")
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert names(page) == ["Test gender desk"]
    assert page.model.index(0, Column.HOURS).data() == "Every day"

    select(page, "Test gender desk")
    assert page.deactivate_button.isVisible() and not page.reactivate_button.isVisible()
    qtbot.mouseClick(page.deactivate_button, Qt.MouseButton.LeftButton)
    box = page.findChild(QMessageBox, "confirmDeactivate")
    assert isinstance(box, QMessageBox)
    keep = next(b for b in box.buttons() if b.text() == "Keep")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert _stored(opened)[0].active
    qtbot.mouseClick(page.deactivate_button, Qt.MouseButton.LeftButton)
    box = page.findChild(QMessageBox, "confirmDeactivate")
    assert isinstance(box, QMessageBox)
    yes = next(b for b in box.buttons() if b.text() == "Deactivate")
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert names(page) == [] and not _stored(opened)[0].active
    assert page.message.text() == "Test gender desk is deactivated."

    page.filters.inactive.setChecked(True)
    select(page, "Test gender desk (deactivated)")
    assert page.reactivate_button.isVisible() and not page.deactivate_button.isVisible()
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(page.reactivate_button, Qt.MouseButton.LeftButton)
    assert names(page) == ["Test gender desk"] and _stored(opened)[0].active


def test_import_the_starter_list_then_again_skips_everything(
    qtbot: QtBot, opened: SqlOpenWorkspace
) -> None:
    _add(opened, JusticeActor("police", "Police station gender desk"))
    page = make_page(qtbot, opened)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(page, ActorImportDialog)
    assert isinstance(dialog, ActorImportDialog)
    assert not dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.checked):
        qtbot.mouseClick(dialog.starter_button, Qt.MouseButton.LeftButton)
    rows = len(STARTER_LIST.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert dialog.preview_model.rowCount() == rows
    assert dialog.preview_model.index(0, 1).data() == "Already in the directory"
    assert dialog.preview_model.index(1, 1).data() == "New"
    assert dialog.summary.text() == (
        f"{rows} actor(s) in the file: {rows - 1} new, 1 already in the directory."
    )
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == f"Import {rows - 1} actor(s)"
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert len(names(page)) == rows and len(_stored(opened)) == rows
    assert page.message.text() == (
        f"{rows - 1} actor(s) imported. 1 skipped (already in the directory)."
    )
    again = ActorImportDialog(opened, page)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.checked):
        again.load(STARTER_LIST)
    assert not again.ok_button.isEnabled()  # nothing new


def test_a_file_with_problems_shows_them_and_imports_nothing(
    qtbot: QtBot, opened: SqlOpenWorkspace, tmp_path: Path
) -> None:
    path = tmp_path / "actors.csv"
    path.write_text("name;kind;phone\nTest desk;police;\nTest sheriff;sheriff;\n", "utf-8")
    dialog = ActorImportDialog(opened)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.checked):
        dialog.load(path)
    assert dialog.problems.isVisible() and not dialog.preview.isVisible()
    assert dialog.problems_model.rowCount() == 1
    assert dialog.problems_model.index(0, 0).data() == "3"
    assert dialog.problems_model.index(0, 1).data() == "kind"
    assert not dialog.ok_button.isEnabled()
    assert _stored(opened) == []


def test_a_programme_officer_reads_the_directory_only(
    qtbot: QtBot, opened: SqlOpenWorkspace
) -> None:
    _add(opened, JusticeActor("police", "Test desk"))
    opened.add_user(User("neema", "Neema Test", Role.PROGRAMME_OFFICER), OFFICER_PASSPHRASE)
    officer = make_workspace(opened.folder).sign_in("neema", OFFICER_PASSPHRASE)
    try:
        page = make_page(qtbot, officer)
        assert names(page) == ["Test desk"]
        select(page, "Test desk")
        hidden = (
            page.add_button,
            page.edit_button,
            page.deactivate_button,
            page.reactivate_button,
            page.import_button,
        )
        assert not any(b.isVisible() for b in hidden)
        page.table.doubleClicked.emit(page.model.index(0, 0))
        QApplication.processEvents()
        assert page.findChildren(ActorDialog) == []
    finally:
        page.close()
        officer.close()
