"""The register import wizard over a real SQLCipher workspace (cheap KDF)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.views.register_import.import_wizard import ImportWizard, PageId  # noqa: E402
from desktop.views.register_import.preview_model import Column  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.support import audit_count, case_numbers  # noqa: E402

HEADER = "received_on,channel,category,complainant_name,respondent_name,restricted\n"
GOOD = (
    HEADER + "2026-03-14,walk_in,land_boundary,Amina Wanjiru,Juma Otieno,no\n"
    "2026-02-01,outreach,debt,Baraka Kamau,,\n"
    "2026-05-02,walk_in,gbv,Neema Achieng,,\n"
)
BAD = (
    HEADER + "2026-13-14,walk_in,land_boundary,Amina Wanjiru,Juma Otieno,no\n"
    "2026-04-01,boat,debt,Baraka Kamau,,\n"
    "2026-04-01,walk_in,debt,,,\n"
    "2026-04-02,walk_in,debt,Neema Achieng,,maybe\n"
)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenWorkspace]:
    from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

    workspace = create_workspace(tmp_path / "ws")[0]
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield admin
    admin.close()


def start(qtbot: QtBot, opened: OpenWorkspace, path: Path, text: str) -> ImportWizard:
    path.write_text(text, encoding="utf-8")
    wizard = ImportWizard(opened)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.file_page.isComplete()
    wizard.file_page.path_edit.setText(str(path))
    assert wizard.file_page.isComplete()
    wizard.next()
    assert wizard.currentId() == PageId.PREVIEW
    qtbot.waitUntil(lambda: not wizard.preview_page.checking)
    return wizard


def column(model, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_previews_then_imports_every_row(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    events = audit_count(opened)
    wizard = start(qtbot, opened, tmp_path / "register.csv", GOOD)
    page = wizard.preview_page
    assert page.isComplete() and page.preview.isVisible() and not page.problems.isVisible()
    model = page.preview_model
    assert column(model, Column.RECEIVED) == ["2026-03-14", "2026-02-01", "2026-05-02"]
    assert column(model, Column.PARTIES) == ["2", "1", "1"]
    assert column(model, Column.RESTRICTED) == ["No", "No", "Yes"]  # gbv: restricted
    cells = " ".join(
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )
    assert "Amina" not in cells and "Neema" not in cells
    assert case_numbers(opened) == set()  # nothing until Import is pressed

    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        wizard.next()  # the commit button, "Import"
    assert imported.args == [3]
    assert wizard.currentId() == PageId.IMPORT
    assert case_numbers(opened) == {"KBR-2026-0001", "KBR-2026-0002", "KBR-2026-0003"}
    assert "3 case(s) registered" in wizard.import_page.status.text()
    assert "KBR-2026-0001 to KBR-2026-0003" in wizard.import_page.status.text()
    assert audit_count(opened) == events + 1
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_lists_every_problem_by_line_and_column_and_imports_nothing(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    wizard = start(qtbot, opened, tmp_path / "register.csv", BAD)
    page = wizard.preview_page
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    problems = page.problems_model
    assert column(problems, 0) == ["2", "3", "4", "5"]
    assert column(problems, 1) == ["received_on", "channel", "complainant_name", "restricted"]
    assert "4 problem(s) found" in page.summary.text()
    assert "Amina" not in " ".join(column(problems, 2))
    assert case_numbers(opened) == set()


def test_a_corrected_file_can_be_chosen_again(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    path = tmp_path / "register.csv"
    wizard = start(qtbot, opened, path, BAD)
    wizard.back()
    path.write_text(GOOD, encoding="utf-8")
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.checking)
    assert wizard.preview_page.isComplete()
    assert wizard.preview_page.preview_model.rowCount() == 3


def test_a_file_that_is_not_utf8_says_so(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    path = tmp_path / "register.csv"
    wizard = ImportWizard(opened)
    qtbot.addWidget(wizard)
    wizard.show()
    path.write_bytes(HEADER.encode() + "2026-03-14,walk_in,debt,Ren\xe9,,\n".encode("latin-1"))
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.checking)
    assert "not UTF-8" in wizard.preview_page.problems_model.index(0, 2).data()
    assert not wizard.preview_page.isComplete()
