"""The hub window's "Programme report…": the dialog, the files written in the background over a
real hub, and a clear message when there is nothing to report or a file cannot be written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.model.export_tables import Period
from desktop.domain.model.hub_dashboard import DashboardFilters
from desktop.domain.services.hub_import import ImportOptions
from desktop.views.hub.report_dialog import ProgrammeReportDialog, paths_for
from desktop.views.hub.report_saver import save_programme_report
from storage.hub.workspace import HubSession, open_hub
from tests.hub_support import HUB_PASSPHRASE, demo_exports, new_hub


@pytest.fixture(scope="module")
def hub_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hub-report")
    made = demo_exports(root / "c", [Period.month(2026, 10)], cases=200)
    store = new_hub(root / "hub")
    try:
        path = root / "c.suluhu-export"
        path.write_bytes(made["2026-10"])
        store.import_file(path, ImportOptions(accept_new_keys=True))
    finally:
        store.close()
    return root / "hub"


@pytest.fixture
def hub(hub_folder: Path) -> Iterator[HubSession]:
    session = open_hub(hub_folder, HUB_PASSPHRASE)
    yield session
    session.close()


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """The window the dialog belongs to (held by the test, so the dialog lives)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _open(
    parent: QWidget,
    hub: HubSession,
    filters: DashboardFilters,
    chosen: Path,
    mp: pytest.MonkeyPatch,
) -> ProgrammeReportDialog:
    mp.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    save_programme_report(parent, hub, filters)
    dialog = parent.findChild(ProgrammeReportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_report_is_saved_in_the_background_and_the_dialog_says_where(
    qtbot: QtBot,
    parent: QWidget,
    hub: HubSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _open(parent, hub, DashboardFilters(), tmp_path / "donor.pdf", monkeypatch)
    assert dialog.kinds() == ["pdf"]
    dialog.title.setText("Amani Programme")
    dialog.xlsx.setChecked(True)
    dialog.csv.setChecked(True)
    dialog.footer.ok_button.click()
    message = dialog.footer.message
    qtbot.waitUntil(lambda: message.isVisible() and message.property("kind") == "info")
    for name in ("donor.pdf", "donor.xlsx", "donor.csv"):
        assert str(tmp_path / name) in message.text()
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "donor.pdf").pages)
    assert "Amani Programme" in text
    assert load_workbook(tmp_path / "donor.xlsx").sheetnames[0] == "Indicators"
    assert (tmp_path / "donor.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donor.csv", "donor.pdf", "donor.xlsx"]


def test_save_needs_at_least_one_file(
    qtbot: QtBot,
    parent: QWidget,
    hub: HubSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _open(parent, hub, DashboardFilters(), tmp_path / "r.pdf", monkeypatch)
    dialog.pdf.setChecked(False)
    assert not dialog.footer.ok_button.isEnabled()
    dialog.csv.setChecked(True)
    assert dialog.footer.ok_button.isEnabled()


def test_nothing_to_report_is_said_and_nothing_written(
    qtbot: QtBot,
    parent: QWidget,
    hub: HubSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    filters = DashboardFilters(regions=frozenset({"Atlantis"}))
    dialog = _open(parent, hub, filters, tmp_path / "r.pdf", monkeypatch)
    dialog.footer.ok_button.click()
    message = dialog.footer.message
    qtbot.waitUntil(lambda: message.property("kind") == "error")
    assert "nothing to report" in message.text()
    assert list(tmp_path.iterdir()) == []
    assert dialog.footer.ok_button.isEnabled()  # the user may change and try again


def test_an_unwritable_folder_is_a_clear_error(
    qtbot: QtBot,
    parent: QWidget,
    hub: HubSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chosen = tmp_path / "gone" / "r.pdf"
    dialog = _open(parent, hub, DashboardFilters(), chosen, monkeypatch)
    dialog.footer.ok_button.click()
    message = dialog.footer.message
    qtbot.waitUntil(lambda: message.property("kind") == "error")
    assert message.text().startswith(f"The report could not be saved in {chosen.parent}")
    assert message.text().endswith("No file was written.")


def test_the_files_are_named_after_the_chosen_one() -> None:
    paths = paths_for(Path("/x/donor.xlsx"), ["pdf", "xlsx", "csv"])
    assert paths == {
        "pdf": Path("/x/donor.pdf"),
        "xlsx": Path("/x/donor.xlsx"),
        "csv": Path("/x/donor.csv"),
    }


def test_existing_spreadsheets_beside_the_chosen_file_are_replaced_only_when_confirmed(
    qtbot: QtBot,
    parent: QWidget,
    hub: HubSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    earlier = tmp_path / "donor.xlsx"
    earlier.write_bytes(b"last month's spreadsheet")
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> object:
        def question(_parent: object, _title: str, text: str, *args: object) -> object:
            asked.append(text)
            return reply

        return question

    dialog = _open(parent, hub, DashboardFilters(), tmp_path / "donor.pdf", monkeypatch)
    dialog.xlsx.setChecked(True)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    dialog.footer.ok_button.click()
    assert asked and "donor.xlsx" in asked[0] and "donor.pdf" not in asked[0]
    assert not dialog.footer.busy.isVisible()
    assert earlier.read_bytes() == b"last month's spreadsheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donor.xlsx"]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dialog.footer.ok_button.click()
    message = dialog.footer.message
    qtbot.waitUntil(lambda: message.isVisible() and message.property("kind") == "info")
    assert earlier.read_bytes().startswith(b"PK")  # the new spreadsheet (a ZIP)
