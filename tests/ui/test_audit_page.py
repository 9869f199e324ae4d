"""The audit viewer over a real SQLCipher workspace (cheap KDF)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.views.audit.audit_model import AuditTableModel, Column  # noqa: E402
from desktop.views.audit.audit_page import AuditPage  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.support import register_case  # noqa: E402


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenWorkspace]:
    from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

    workspace = create_workspace(tmp_path / "ws")[0]
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    register_case(admin, name="Zawadi Kamau")
    register_case(admin, name="Juma Otieno")
    yield admin
    admin.close()


def make_page(qtbot: QtBot, opened: OpenWorkspace) -> AuditPage:
    page = AuditPage(opened)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.log is not None)
    return page


def actions(page: AuditPage) -> list[str]:
    model = page.model
    return [model.index(r, Column.ACTION).data() for r in range(model.rowCount())]


def test_the_model_passes_the_model_tester(qtmodeltester, opened: OpenWorkspace) -> None:  # type: ignore[no-untyped-def]
    from desktop.domain.services.audit_view import read_audit_log

    model = AuditTableModel()
    model.set_events(read_audit_log(opened.unit_of_work(), opened.actor).events)
    qtmodeltester.check(model)


def test_opens_with_the_chain_verified_and_the_newest_first(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    page = make_page(qtbot, opened)
    assert page.chain.text().startswith("The audit log is intact")
    assert page.chain.property("kind") == "info"
    assert actions(page)[:2] == ["register dispute", "register dispute"]
    assert "sign in" in actions(page)
    text = " ".join(
        str(page.model.index(r, c).data())
        for r in range(page.model.rowCount())
        for c in range(page.model.columnCount())
    )
    assert "Zawadi" not in text and "Juma" not in text


def test_filters_by_action_and_record(qtbot: QtBot, opened: OpenWorkspace) -> None:
    page = make_page(qtbot, opened)
    filters = page.filters
    filters.action_combo.setCurrentIndex(filters.action_combo.findData("register_dispute"))
    with qtbot.waitSignal(page.model.modelReset):
        qtbot.mouseClick(filters.apply_button, Qt.MouseButton.LeftButton)
    assert actions(page) == ["register dispute", "register dispute"]
    subject = page.model.index(0, Column.SUBJECT).data()
    filters.subject_edit.setText(subject)
    with qtbot.waitSignal(page.model.modelReset):
        qtbot.keyClick(filters.subject_edit, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "1 matching entries."
    with qtbot.waitSignal(page.model.modelReset):
        qtbot.mouseClick(filters.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() > 2


def test_says_plainly_when_the_chain_is_broken(qtbot: QtBot, opened: OpenWorkspace) -> None:
    uow = opened.unit_of_work()
    with uow:  # what someone with the key and a SQLite shell could do
        connection = uow.connection  # type: ignore[attr-defined]
        connection.exec_driver_sql("DROP TRIGGER audit_no_update")
        connection.exec_driver_sql("UPDATE audit SET username = 'someone' WHERE seq = 2")
        uow.commit()
    page = make_page(qtbot, opened)
    assert page.chain.property("kind") == "error"
    assert "breaks at entry 2" in page.chain.text()
    row = next(
        r for r in range(page.model.rowCount()) if page.model.index(r, Column.SEQ).data() == "2"
    )
    assert page.model.index(row, Column.USER).data(Qt.ItemDataRole.ToolTipRole)
