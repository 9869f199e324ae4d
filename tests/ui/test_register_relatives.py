"""A party recorded as a committee member's relative, in the dispute form over a real
workspace: the choice, the conflict warning before saving, and the tie kept on edit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.users import Role, User  # noqa: E402
from desktop.domain.services import disputes, users  # noqa: E402
from desktop.views.cases.form_close_question import CloseChoice  # noqa: E402
from desktop.views.cases.register_dialog import RegisterDialog  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.support import ADMIN, ADMIN_PASSPHRASE, case_numbers, create_workspace  # noqa: E402

WAIT = 20_000


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenWorkspace]:
    workspace, _ = create_workspace(tmp_path / "ws")
    signed_in = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    signed_in.add_user(User("baraka", "Baraka Mwangi", Role.MEMBER), "blue goat under tree")
    signed_in.add_user(
        User("grace", "Grace Officer", Role.PROGRAMME_OFFICER), "red cow on the hill"
    )
    yield signed_in
    signed_in.close()


def _open(qtbot: QtBot, opened: OpenWorkspace, dispute_id: int | None = None) -> RegisterDialog:
    dialog = RegisterDialog(opened, dispute_id)
    dialog.ask_on_close = lambda: CloseChoice.KEEP_DRAFT  # type: ignore[method-assign]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    qtbot.waitUntil(lambda: all(r.isVisible() for r in dialog.parties.rows), timeout=WAIT)
    return dialog


def _baraka(opened: OpenWorkspace) -> int:
    named = {u.username: u.id for u in users.list_users(opened.unit_of_work(), opened.actor)}
    user_id = named["baraka"]
    assert user_id is not None
    return user_id


def _member_box(dialog: RegisterDialog, name: str) -> QCheckBox:
    boxes = [b for b in dialog.members.focus_chain() if isinstance(b, QCheckBox)]
    return next(b for b in boxes if b.text() == name)


def test_a_relative_of_an_assigned_member_is_flagged_before_saving(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    dialog = _open(qtbot, opened)
    dialog.fields.category_box.setCurrentIndex(dialog.fields.category_box.findData("debt"))
    complainant, respondent = dialog.parties.rows
    qtbot.keyClicks(complainant.name_edit, "Amina Wanjiru")
    qtbot.keyClicks(respondent.name_edit, "Juma Otieno")
    box = respondent.relative_box
    offered = [box.itemText(i) for i in range(box.count())]
    assert offered == ["No", "Baraka Mwangi", "Test Administrator"]  # case workers only
    box.setCurrentIndex(box.findText("Baraka Mwangi"))
    assert dialog.values()["parties"][1]["related_member"] == _baraka(opened)  # in the draft
    _member_box(dialog, "Baraka Mwangi").setChecked(True)

    dialog.submit()
    qtbot.waitUntil(dialog.warnings.isVisible, timeout=WAIT)
    text = dialog.warnings.text.text()
    assert "recorded as a relative of a party" in text
    assert "Baraka Mwangi (assigned) is a relative of a party (Respondent)" in text
    assert "Juma Otieno" not in text
    assert case_numbers(opened) == set()  # nothing saved yet

    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        qtbot.mouseClick(dialog.warnings.on_button, Qt.MouseButton.LeftButton)
    stored = disputes.get_dispute(opened.unit_of_work(), opened.actor, opened.clock, saved.args[0])
    assert [p.related_member for p in stored.parties] == [None, _baraka(opened)]

    edit = _open(qtbot, opened, saved.args[0])
    assert edit.parties.rows[1].relative_box.currentText() == "Baraka Mwangi"
    assert edit.parties.rows[0].relative_box.currentText() == "No"
    edit.parties.rows[1].relative_box.setCurrentIndex(0)
    _member_box(edit, "Baraka Mwangi").setChecked(True)
    with qtbot.waitSignal(edit.saved, timeout=WAIT):
        edit.submit()  # no relative left: no warning, saved at once
    stored = disputes.get_dispute(opened.unit_of_work(), opened.actor, opened.clock, saved.args[0])
    assert [p.related_member for p in stored.parties] == [None, None]


def test_a_relative_not_assigned_is_no_conflict(qtbot: QtBot, opened: OpenWorkspace) -> None:
    dialog = _open(qtbot, opened)
    dialog.fields.category_box.setCurrentIndex(dialog.fields.category_box.findData("debt"))
    complainant, respondent = dialog.parties.rows
    qtbot.keyClicks(complainant.name_edit, "Amina Wanjiru")
    qtbot.keyClicks(respondent.name_edit, "Juma Otieno")
    complainant.relative_box.setCurrentIndex(complainant.relative_box.findText("Baraka Mwangi"))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        dialog.submit()  # Baraka is not assigned (only the administrator is, by default)
    assert dialog.warnings.isHidden()
    stored = disputes.get_dispute(opened.unit_of_work(), opened.actor, opened.clock, saved.args[0])
    assert stored.parties[0].related_member == _baraka(opened)
