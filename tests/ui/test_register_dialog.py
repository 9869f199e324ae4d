"""The dispute form walked as a user would, over a real SQLCipher workspace (cheap KDF)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.dispute import Channel, Party, PartyRole, Sex  # noqa: E402
from desktop.domain.model.users import Role, User  # noqa: E402
from desktop.domain.services import disputes, drafts, users  # noqa: E402
from desktop.views.cases.form_close_question import CloseChoice  # noqa: E402
from desktop.views.cases.register_dialog import RegisterDialog  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.support import (  # noqa: E402
    ADMIN,
    ADMIN_PASSPHRASE,
    case_numbers,
    create_workspace,
    make_workspace,
    register_case,
)

WAIT = 20_000
MEMBER_PASSPHRASE = "blue goat under tree"


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenWorkspace]:
    workspace, _ = create_workspace(tmp_path / "ws")
    signed_in = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield signed_in
    signed_in.close()


def _open(
    qtbot: QtBot, opened: OpenWorkspace, dispute_id: int | None = None, track: bool = True
) -> RegisterDialog:
    dialog = RegisterDialog(opened, dispute_id)
    # closing at the end of a test must not wait on the question's modal box
    dialog.ask_on_close = lambda: CloseChoice.KEEP_DRAFT  # type: ignore[method-assign]
    if track:
        qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    # rows added to a shown form are shown by a queued call: wait for it too
    qtbot.waitUntil(lambda: all(r.isVisible() for r in dialog.parties.rows), timeout=WAIT)
    return dialog


def _type(qtbot: QtBot, widget: object, text: str) -> None:
    qtbot.keyClicks(widget, text)


def _fill(qtbot: QtBot, dialog: RegisterDialog, phone: str = "+254 712 000 001") -> None:
    box = dialog.fields.category_box
    box.setCurrentIndex(box.findData("land_boundary"))
    first, second = dialog.parties.rows
    _type(qtbot, first.name_edit, "Amina Wanjiru")
    first.sex_box.setCurrentIndex(first.sex_box.findData(Sex.FEMALE.value))
    _type(qtbot, first.age_edit, "34")
    _type(qtbot, first.phone_edit, phone)
    _type(qtbot, second.name_edit, "Juma Otieno")
    _type(qtbot, dialog.fields.description_edit, "The fence was moved.")


def _stored(opened: OpenWorkspace, dispute_id: int) -> disputes.Dispute:
    return disputes.get_dispute(opened.unit_of_work(), opened.actor, opened.clock, dispute_id)


def test_register_a_dispute_with_two_parties(qtbot: QtBot, opened: OpenWorkspace) -> None:
    dialog = _open(qtbot, opened)
    assert [r.role_box.currentData() for r in dialog.parties.rows] == ["complainant", "respondent"]
    _fill(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = _stored(opened, saved.args[0])
    assert stored.number == "KBR-2026-0001"
    assert stored.category == "land_boundary" and stored.area == "Testland > Test Ward"
    assert stored.description == "The fence was moved."
    assert [(p.role, p.name) for p in stored.parties] == [
        (PartyRole.COMPLAINANT, "Amina Wanjiru"),
        (PartyRole.RESPONDENT, "Juma Otieno"),
    ]
    assert stored.parties[0].phone == "+254712000001"
    assert stored.parties[0].age == 34 and stored.parties[0].age_band == "26_40"
    assert stored.assigned == (opened.actor.user_id,)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert drafts.get_draft(opened.unit_of_work(), opened.actor, drafts.NEW_DISPUTE) is None


def test_a_bad_phone_shows_beside_the_phone_field_and_nothing_is_saved(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    dialog = _open(qtbot, opened)
    _fill(qtbot, dialog)
    row = dialog.parties.rows[1]
    _type(qtbot, row.phone_edit, "12ab")
    dialog.submit()
    phone = row.fields["phone"]
    qtbot.waitUntil(phone.has_error, timeout=WAIT)
    assert "7 to 15 digits" in phone.error.text()
    assert not dialog.message.isVisible()  # beside the field, not in a general message
    assert not dialog.parties.rows[0].fields["phone"].has_error()
    assert QApplication.focusWidget() is row.phone_edit
    assert case_numbers(opened) == set()
    assert dialog.isVisible()


def test_enter_moves_on_and_never_submits(qtbot: QtBot, opened: OpenWorkspace) -> None:
    dialog = _open(qtbot, opened)
    _fill(qtbot, dialog)
    name = dialog.parties.rows[1].name_edit
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    assert QApplication.focusWidget() is not name
    dialog.saver.flush()
    qtbot.waitUntil(lambda: bool(dialog.draft_status.text()), timeout=WAIT)
    assert case_numbers(opened) == set()
    assert dialog.isVisible()


def test_the_draft_is_offered_back_after_the_dialog_dies_unsaved(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    dialog = _open(qtbot, opened, track=False)
    _fill(qtbot, dialog)
    with qtbot.waitSignal(dialog.saver.saved, timeout=WAIT):
        dialog.fields.area_edit.setFocus()  # leaving a changed field keeps the draft at once
        dialog.parties.rows[0].village_edit.setFocus()
    dialog.deleteLater()  # as if the app died: no question, no save
    qtbot.waitUntil(lambda: not _alive(dialog), timeout=WAIT)
    stored = drafts.get_draft(opened.unit_of_work(), opened.actor, drafts.NEW_DISPUTE)
    assert stored is not None and "Amina Wanjiru" in json.loads(stored.body)["parties"][0]["name"]

    again = _open(qtbot, opened)
    assert again.restore_button.isVisible()
    assert again.parties.rows[0].name_edit.text() == ""
    qtbot.mouseClick(again.restore_button, Qt.MouseButton.LeftButton)
    assert again.parties.rows[0].name_edit.text() == "Amina Wanjiru"
    assert again.parties.rows[0].age_edit.text() == "34"
    assert again.fields.category_box.currentData() == "land_boundary"
    assert again.fields.description_edit.toPlainText() == "The fence was moved."
    with qtbot.waitSignal(again.saved, timeout=WAIT):
        again.submit()
    assert case_numbers(opened) == {"KBR-2026-0001"}


def _alive(widget: object) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))


def test_closing_asks_and_discarding_forgets_the_draft(
    qtbot: QtBot, opened: OpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, opened)
    _fill(qtbot, dialog)
    answers = [CloseChoice.GO_BACK, CloseChoice.DISCARD]
    monkeypatch.setattr(dialog, "ask_on_close", lambda: answers.pop(0))
    dialog.reject()
    assert dialog.isVisible() and answers == [CloseChoice.DISCARD]
    dialog.reject()
    assert not dialog.isVisible() and answers == []
    qtbot.waitUntil(
        lambda: drafts.get_draft(opened.unit_of_work(), opened.actor, drafts.NEW_DISPUTE) is None,
        timeout=WAIT,
    )


def test_a_possible_duplicate_is_shown_before_saving(qtbot: QtBot, opened: OpenWorkspace) -> None:
    earlier = disputes.RegisterDispute(
        received_on=opened.clock.today(),
        channel=Channel.WALK_IN,
        category="debt",
        parties=(Party(PartyRole.COMPLAINANT, "amina  WANJIRU"),),
    )
    disputes.register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, earlier
    )
    dialog = _open(qtbot, opened)
    _fill(qtbot, dialog)
    dialog.submit()
    qtbot.waitUntil(dialog.warnings.isVisible, timeout=WAIT)
    assert "KBR-2026-0001" in dialog.warnings.text.text()
    assert "Amina" not in dialog.warnings.text.text()
    qtbot.mouseClick(dialog.warnings.back_button, Qt.MouseButton.LeftButton)
    assert case_numbers(opened) == {"KBR-2026-0001"}
    dialog.submit()
    qtbot.waitUntil(dialog.warnings.isVisible, timeout=WAIT)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.warnings.on_button, Qt.MouseButton.LeftButton)
    assert case_numbers(opened) == {"KBR-2026-0001", "KBR-2026-0002"}


def test_editing_changes_the_case_and_its_parties(qtbot: QtBot, opened: OpenWorkspace) -> None:
    case = register_case(opened, name="Amina Wanjiru", respondent="Juma Otieno")
    assert case.id is not None
    dialog = _open(qtbot, opened, case.id)
    assert dialog.parties.rows[1].name_edit.text() == "Juma Otieno"
    dialog.parties.rows[1].remove_button.click()
    qtbot.mouseClick(dialog.parties.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog.parties.rows[-1].name_edit, "Neema Witness")
    dialog.fields.risk_boxes[next(iter(dialog.fields.risk_boxes))].setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.submit()
    stored = _stored(opened, case.id)
    assert [(p.role, p.name) for p in stored.parties] == [
        (PartyRole.COMPLAINANT, "Amina Wanjiru"),
        (PartyRole.RESPONDENT, "Neema Witness"),
    ]
    assert stored.risk_flags


def _tab_stops(dialog: RegisterDialog) -> list[object]:
    stops: list[object] = []
    widget = dialog.fields.category_box.nextInFocusChain()
    while widget is not dialog.fields.category_box and len(stops) < 200:
        policy = widget.focusPolicy()
        if policy & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled():
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def test_tab_goes_top_to_bottom_so_the_form_can_be_filled_by_keyboard(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    dialog = _open(qtbot, opened)
    stops = _tab_stops(dialog)
    first, second = dialog.parties.rows
    wanted = [
        dialog.fields.area_edit,
        dialog.fields.description_edit,
        first.role_box,
        first.name_edit,
        first.phone_edit,
        first.remove_button,
        second.role_box,
        second.name_edit,
        dialog.parties.add_button,
        *dialog.members.focus_chain(),
        dialog.save_button,
        dialog.cancel_button,
    ]
    positions = [stops.index(w) for w in wanted]
    assert positions == sorted(positions)


def _user_id(opened: OpenWorkspace, username: str) -> int:
    named = {u.username: u.id for u in users.list_users(opened.unit_of_work(), opened.actor)}
    user_id = named[username]
    assert user_id is not None
    return user_id


def _member_box(dialog: RegisterDialog, name: str) -> QCheckBox:
    boxes = [b for b in dialog.members.focus_chain() if isinstance(b, QCheckBox)]
    return next(b for b in boxes if b.text() == name)


def test_a_conflict_of_interest_is_shown_before_the_first_save(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    """The secretary is assigned by default; a respondent with their name is flagged before
    anything is stored. Going back leads to the members; another member clears the warning."""
    opened.add_user(User("baraka", "Baraka Mwangi", Role.MEMBER), MEMBER_PASSPHRASE)
    dialog = _open(qtbot, opened)
    _fill(qtbot, dialog)
    respondent = dialog.parties.rows[1].name_edit
    respondent.clear()
    _type(qtbot, respondent, "test  ADMINISTRATOR")  # the administrator's name, as typed
    dialog.submit()
    qtbot.waitUntil(dialog.warnings.isVisible, timeout=WAIT)
    text = dialog.warnings.text.text()
    assert "same name as a party" in text
    assert "Test Administrator (assigned) and a party (Respondent)" in text
    assert case_numbers(opened) == set()  # nothing saved yet
    assert dialog.warnings.back_button.hasFocus()

    qtbot.mouseClick(dialog.warnings.back_button, Qt.MouseButton.LeftButton)
    assert dialog.warnings.isHidden() and dialog.isVisible()
    assert QApplication.focusWidget() is _member_box(dialog, "Test Administrator")
    assert case_numbers(opened) == set()
    _member_box(dialog, "Test Administrator").setChecked(False)
    _member_box(dialog, "Baraka Mwangi").setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        dialog.submit()
    assert dialog.warnings.isHidden()
    stored = _stored(opened, saved.args[0])
    assert stored.assigned == (_user_id(opened, "baraka"),)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def test_saving_anyway_registers_the_case_once(qtbot: QtBot, opened: OpenWorkspace) -> None:
    dialog = _open(qtbot, opened)
    _fill(qtbot, dialog)
    first = dialog.parties.rows[0].name_edit
    first.clear()
    _type(qtbot, first, "Test Administrator")
    dialog.submit()
    qtbot.waitUntil(dialog.warnings.isVisible, timeout=WAIT)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        qtbot.mouseClick(dialog.warnings.on_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)  # no second warning after
    assert case_numbers(opened) == {"KBR-2026-0001"}
    assert _stored(opened, saved.args[0]).assigned == (opened.actor.user_id,)


def test_an_edit_is_checked_for_conflicts_before_it_is_written(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    case = register_case(opened, name="Amina Wanjiru", respondent="Juma Otieno")
    assert case.id is not None
    dialog = _open(qtbot, opened, case.id)
    _member_box(dialog, "Test Administrator").setChecked(True)
    respondent = dialog.parties.rows[1].name_edit
    respondent.clear()
    _type(qtbot, respondent, "Test Administrator")
    dialog.submit()
    qtbot.waitUntil(dialog.warnings.isVisible, timeout=WAIT)
    assert "(assigned) and a party (Respondent)" in dialog.warnings.text.text()
    stored = _stored(opened, case.id)
    assert stored.assigned == () and stored.parties[1].name == "Juma Otieno"  # not yet written
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.warnings.on_button, Qt.MouseButton.LeftButton)
    stored = _stored(opened, case.id)
    assert stored.parties[1].name == "Test Administrator"


def _register_in(opened: OpenWorkspace, area: str, category: str = "debt") -> None:
    cmd = disputes.RegisterDispute(
        received_on=opened.clock.today(),
        channel=Channel.WALK_IN,
        category=category,
        area=area,
        parties=(Party(PartyRole.COMPLAINANT, "Zawadi Achieng"),),
    )
    disputes.register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, cmd
    )


def _completions(dialog: RegisterDialog, prefix: str = "") -> list[str]:
    completer = dialog.fields.area_edit.completer()
    assert completer is not None
    completer.setCompletionPrefix(prefix)
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_area_completes_from_the_committees_cases(qtbot: QtBot, opened: OpenWorkspace) -> None:
    _register_in(opened, "Testland > Laini Saba")
    _register_in(opened, "Testland > Makina")
    _register_in(opened, "Testland > Hidden Ward", category="gbv")  # restricted
    opened.add_user(User("baraka", "Baraka Mwangi", Role.MEMBER), MEMBER_PASSPHRASE)
    dialog = _open(qtbot, opened)
    assert dialog.fields.area_edit.text() == "Testland > Test Ward"  # the committee's own
    assert set(_completions(dialog)) == {
        "Testland > Test Ward",
        "Testland > Laini Saba",
        "Testland > Makina",
        "Testland > Hidden Ward",
    }
    assert _completions(dialog, "laini") == ["Testland > Laini Saba"]
    dialog.fields.area_edit.clear()
    _type(qtbot, dialog.fields.area_edit, "Mak")
    completer = dialog.fields.area_edit.completer()
    popup = completer.popup() if completer is not None else None
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.model().index(0, 0).data() == "Testland > Makina"


def test_a_member_is_offered_only_the_areas_of_cases_they_may_see(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    _register_in(opened, "Testland > Makina")
    _register_in(opened, "Testland > Hidden Ward", category="gbv")  # restricted, not theirs
    opened.add_user(User("baraka", "Baraka Mwangi", Role.MEMBER), MEMBER_PASSPHRASE)
    member = make_workspace(tmp_path / "ws").sign_in("baraka", MEMBER_PASSPHRASE)
    try:
        dialog = _open(qtbot, member)
        assert set(_completions(dialog)) == {"Testland > Test Ward", "Testland > Makina"}
    finally:
        member.close()
