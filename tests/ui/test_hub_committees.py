"""The hub window's committees (desktop/views/hub/committees_panel.py, committee_dialog.py)
over a real hub and real signed exports: edit a committee's name, region and active flag, errors
beside the field, the list refreshed, the regions already used offered, and an inactive
committee's next export refused."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import ImportOptions, RefusalCode, Refused
from desktop.views.hub.committee_dialog import CommitteeDialog
from desktop.views.hub.committees_panel import HubCommitteesPanel
from desktop.views.hub.hub_window import HubWindow
from storage import export_file
from storage.hub.store import HubFolder
from storage.hub.workspace import HubSession, open_hub
from tests.hub_support import HUB_PASSPHRASE, as_committee, demo_exports
from tests.support import CHEAP_KDF

SEPTEMBER, OCTOBER = Period.month(2026, 9), Period.month(2026, 10)
OTHER = "C-00A1B2C3D4"


class Files(NamedTuple):
    september: bytes
    october: bytes
    other: bytes  # September, re-signed as committee OTHER with its own key
    committee: str


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    made = demo_exports(tmp_path_factory.mktemp("committee"), [SEPTEMBER, OCTOBER], cases=40)
    other = as_committee(
        made["2026-09"], Ed25519PrivateKey.generate(), committee=OTHER,
        export_id=str(uuid.uuid4()),
    )  # fmt: skip
    committee = export_file.verify_bytes(made["2026-09"]).manifest.committee
    return Files(made["2026-09"], made["2026-10"], other, committee)


@pytest.fixture
def hub(tmp_path: Path, files: Files) -> Iterator[HubSession]:
    HubFolder(tmp_path / "hub", kdf=CHEAP_KDF).create(HUB_PASSPHRASE)
    session = open_hub(tmp_path / "hub", HUB_PASSPHRASE, CHEAP_KDF)
    accept = ImportOptions(accept_new_keys=True)
    for name, data in (("a", files.september), ("b", files.other)):
        path = tmp_path / f"{name}.suluhu-export"
        path.write_bytes(data)
        session.import_file(path, accept)
    try:
        yield session
    finally:
        session.close()


def panel_for(qtbot: QtBot, hub: HubSession) -> HubCommitteesPanel:
    panel = HubCommitteesPanel(hub)
    qtbot.addWidget(panel)
    panel.resize(1000, 400)
    panel.show()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    return panel


def open_dialog(qtbot: QtBot, panel: HubCommitteesPanel, pseudonym: str) -> CommitteeDialog:
    panel.select(pseudonym)
    assert panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def save(qtbot: QtBot, panel: HubCommitteesPanel, dialog: CommitteeDialog) -> None:
    with qtbot.waitSignal(panel.model.modelReset, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_naming_a_committee_saves_it_and_refreshes_the_list(
    qtbot: QtBot, hub: HubSession, files: Files
) -> None:
    panel = panel_for(qtbot, hub)
    assert not panel.edit_button.isEnabled()  # nothing selected yet
    assert panel.model.index(0, 1).data() == "—"
    dialog = open_dialog(qtbot, panel, files.committee)
    assert files.committee in dialog.findChildren(type(dialog.active_note))[0].text()
    qtbot.keyClicks(dialog.name_edit, "  Lakeside   Elders ")
    dialog.region_box.setCurrentText("Western")
    save(qtbot, panel, dialog)

    [saved] = [c for c in hub.committees() if c.pseudonym == files.committee]
    assert (saved.display_name, saved.region, saved.active) == ("Lakeside Elders", "Western", True)
    row = [c.pseudonym for c in panel.model.committees()].index(files.committee)
    shown = [panel.model.index(row, c).data() for c in range(6)]
    assert shown[1:3] == ["Lakeside Elders", "Western"]
    assert panel.selected() is not None and panel.selected().pseudonym == files.committee


def test_errors_appear_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, hub: HubSession, files: Files
) -> None:
    hub.update_committee(OTHER, "Hillside Panel", "Western", True)
    panel = panel_for(qtbot, hub)
    dialog = open_dialog(qtbot, panel, files.committee)
    dialog.name_edit.setText("x" * 201)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    name_field = dialog.fields["display_name"]
    assert name_field.has_error()
    assert "at most 200 characters" in name_field.error.text()
    assert not dialog.fields["region"].has_error()
    dialog.name_edit.setText("hillside  panel")  # the other committee's name
    assert not name_field.has_error()  # typing clears the error
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "already has this name" in name_field.error.text()
    dialog.name_edit.setText("Lakeside Elders")
    dialog.region_box.setCurrentText("y" * 201)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.fields["region"].has_error()
    assert dialog.isVisible()
    [mine] = [c for c in hub.committees() if c.pseudonym == files.committee]
    assert (mine.display_name, mine.region) == ("", "")


def test_the_regions_already_used_are_offered(qtbot: QtBot, hub: HubSession, files: Files) -> None:
    hub.update_committee(OTHER, "", "Western", True)
    panel = panel_for(qtbot, hub)
    dialog = open_dialog(qtbot, panel, files.committee)
    box = dialog.region_box
    assert [box.itemText(i) for i in range(box.count())] == ["Western"]
    assert box.currentText() == ""  # not placed in a region yet
    box.setCurrentIndex(0)
    save(qtbot, panel, dialog)
    assert {c.region for c in hub.committees()} == {"Western"}


def test_an_inactive_committee_s_next_export_is_refused(
    qtbot: QtBot, hub: HubSession, files: Files, tmp_path: Path
) -> None:
    panel = panel_for(qtbot, hub)
    dialog = open_dialog(qtbot, panel, files.committee)
    assert dialog.active_box.isChecked()
    assert "new exports are refused" in dialog.active_note.text()
    dialog.active_box.setChecked(False)
    save(qtbot, panel, dialog)
    row = [c.pseudonym for c in panel.model.committees()].index(files.committee)
    assert panel.model.index(row, 4).data() == "Inactive"

    path = tmp_path / "october.suluhu-export"
    path.write_bytes(files.october)
    result = hub.import_file(path, ImportOptions())
    assert isinstance(result.decision, Refused)
    assert result.decision.code is RefusalCode.INACTIVE_COMMITTEE


def test_double_click_and_enter_open_the_dialog(
    qtbot: QtBot, hub: HubSession, files: Files
) -> None:
    panel = panel_for(qtbot, hub)
    index = panel.model.index(1, 0)
    rect = panel.view.visualRect(index)
    viewport = panel.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    picked = panel.model.committees()[1].pseudonym
    assert picked in dialog.windowTitle() or picked in _texts(dialog)
    dialog.reject()
    qtbot.waitUntil(lambda: panel.dialog is None)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert panel.dialog is not None and panel.dialog.isVisible()
    panel.dialog.reject()


def _texts(dialog: CommitteeDialog) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_hub_window_s_committees_tab_edits_through_the_panel(
    qtbot: QtBot, hub: HubSession, files: Files
) -> None:
    window = HubWindow(hub)
    qtbot.addWidget(window)
    window.show()
    panel = window.committees_panel
    assert panel.model is window.committees  # the window's own list, refreshed by its imports
    qtbot.waitUntil(lambda: window.committees.rowCount() == 2)
    dialog = open_dialog(qtbot, panel, OTHER)
    dialog.region_box.setCurrentText("Coast")
    save(qtbot, panel, dialog)
    assert {c.pseudonym: c.region for c in hub.committees()}[OTHER] == "Coast"
