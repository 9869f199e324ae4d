"""The case screen over a real SQLCipher workspace: header, status actions, do-no-harm."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.dispute import Status  # noqa: E402
from desktop.domain.model.users import Role, User  # noqa: E402
from desktop.domain.services import disputes  # noqa: E402
from desktop.views.cases.case_view import CaseView  # noqa: E402
from desktop.views.cases.timeline_section import TimelineSection  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, register_case  # noqa: E402

WAIT = 20_000
MEMBER_PASSPHRASE = "blue goat under tree"
REFER_REASON = "Assault with injuries: police gender desk, with her consent."


@dataclass
class Desk:
    admin: OpenWorkspace
    folder: Path
    workspace: object


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    workspace, _ = create_workspace(tmp_path / "ws")
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    admin.add_user(User("baraka", "Baraka Mwangi", Role.MEMBER), MEMBER_PASSPHRASE)
    yield Desk(admin, tmp_path / "ws", workspace)
    admin.close()


def _view(qtbot: QtBot, opened: OpenWorkspace, dispute_id: int) -> CaseView:
    view = CaseView(opened, dispute_id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(view.is_loaded, timeout=WAIT)
    return view


def _status(opened: OpenWorkspace, dispute_id: int) -> Status:
    return disputes.get_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, dispute_id
    ).status


def test_the_header_shows_the_case(qtbot: QtBot, desk: Desk) -> None:
    case = register_case(desk.admin, name="Amina Wanjiru", respondent="Juma Otieno")
    assert case.id is not None
    view = _view(qtbot, desk.admin, case.id)
    assert view.number_label.text() == "KBR-2026-0001"
    assert view.status_label.text() == "Registered"
    assert view.restricted_label.isHidden()
    assert "Amina Wanjiru" in view.parties_label.text()
    assert "Respondent: Juma Otieno" in view.parties_label.text()
    assert set(view.action_buttons) == {
        Status.IN_MEDIATION,
        Status.REFERRED_OUT,
        Status.CLOSED,
        Status.WITHDRAWN,
    }
    view.add_section("Hearings", QLabel("hearings"))
    assert view.sections.tabText(0) == "Hearings"


def test_start_mediation_moves_a_mediable_case(qtbot: QtBot, desk: Desk) -> None:
    case = register_case(desk.admin)
    assert case.id is not None
    view = _view(qtbot, desk.admin, case.id)
    with qtbot.waitSignal(view.changed, timeout=WAIT):
        qtbot.mouseClick(view.action_buttons[Status.IN_MEDIATION], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.status_label.text() == "In mediation", timeout=WAIT)
    assert _status(desk.admin, case.id) is Status.IN_MEDIATION
    assert Status.AGREEMENT in view.action_buttons


def test_a_gbv_case_is_refused_mediation_and_can_be_referred(qtbot: QtBot, desk: Desk) -> None:
    case = register_case(desk.admin, category="gbv")
    assert case.id is not None
    view = _view(qtbot, desk.admin, case.id)
    assert view.restricted_label.isVisible()
    qtbot.mouseClick(view.action_buttons[Status.IN_MEDIATION], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.do_no_harm.isVisible, timeout=WAIT)
    explanation = view.do_no_harm.text.text()
    assert "must not be mediated" in explanation and "formal actor" in explanation
    assert _status(desk.admin, case.id) is Status.REGISTERED
    panel = view.do_no_harm
    qtbot.mouseClick(panel.refer_button, Qt.MouseButton.LeftButton)
    assert panel.refer_reason_edit.isVisible() and panel.refer_reason_edit.hasFocus()
    assert not panel.refer_confirm_button.isEnabled()  # no reason, no referral
    qtbot.keyClicks(panel.refer_reason_edit, "   ")
    assert not panel.refer_confirm_button.isEnabled()
    panel.refer_reason_edit.clear()
    qtbot.keyClicks(panel.refer_reason_edit, REFER_REASON)
    with qtbot.waitSignal(view.changed, timeout=WAIT):
        qtbot.mouseClick(panel.refer_confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.status_label.text() == "Referred out", timeout=WAIT)
    assert _status(desk.admin, case.id) is Status.REFERRED_OUT
    assert panel.isHidden()
    _assert_reason_in_timeline(qtbot, desk.admin, case.id, REFER_REASON)


def _assert_reason_in_timeline(
    qtbot: QtBot, opened: OpenWorkspace, dispute_id: int, reason: str
) -> None:
    """The referral is audited with its reason, and the case's timeline shows it."""
    with opened.unit_of_work() as uow:
        referral = [e for e in uow.audit.all() if e.action == "refer_out"]
    assert len(referral) == 1 and reason in referral[0].detail
    section = TimelineSection(opened, dispute_id)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.model.rowCount() >= 2, timeout=WAIT)
    last = section.model.rowCount() - 1
    assert section.model.entry(last).action == "refer_out"
    details = section.model.index(last, 2).data()
    assert f"Reason: {reason}" in details and "referred out" in details


def test_the_refer_out_button_asks_why(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = register_case(desk.admin)
    assert case.id is not None
    view = _view(qtbot, desk.admin, case.id)
    answers: list[str | None] = [None, "The land is titled: only the land tribunal can decide."]
    monkeypatch.setattr(view, "ask_reason", lambda title, question: answers.pop(0))
    qtbot.mouseClick(view.action_buttons[Status.REFERRED_OUT], Qt.MouseButton.LeftButton)
    assert answers and not view._busy  # cancelled: nothing happens
    assert _status(desk.admin, case.id) is Status.REGISTERED
    with qtbot.waitSignal(view.changed, timeout=WAIT):
        qtbot.mouseClick(view.action_buttons[Status.REFERRED_OUT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.status_label.text() == "Referred out", timeout=WAIT)
    _assert_reason_in_timeline(
        qtbot, desk.admin, case.id, "The land is titled: only the land tribunal can decide."
    )


def test_a_blank_reason_is_refused_and_the_case_stays(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = register_case(desk.admin)
    assert case.id is not None
    view = _view(qtbot, desk.admin, case.id)
    monkeypatch.setattr(view, "ask_reason", lambda title, question: "  ")
    view.act(Status.REFERRED_OUT)
    qtbot.waitUntil(view.message.isVisible, timeout=WAIT)
    qtbot.waitUntil(view.is_loaded, timeout=WAIT)
    assert _status(desk.admin, case.id) is Status.REGISTERED


def test_an_administrator_may_override_with_a_reason(qtbot: QtBot, desk: Desk) -> None:
    case = register_case(desk.admin, category="gbv")
    assert case.id is not None
    view = _view(qtbot, desk.admin, case.id)
    view.act(Status.IN_MEDIATION)
    qtbot.waitUntil(view.do_no_harm.isVisible, timeout=WAIT)
    qtbot.mouseClick(view.do_no_harm.override_button, Qt.MouseButton.LeftButton)
    assert not view.do_no_harm.confirm_button.isEnabled()  # no reason, no override
    qtbot.keyClicks(view.do_no_harm.reason_edit, "Survivor asked for it with her advocate")
    with qtbot.waitSignal(view.changed, timeout=WAIT):
        qtbot.mouseClick(view.do_no_harm.confirm_button, Qt.MouseButton.LeftButton)
    # the view reloads on the worker; read the database only once it has
    qtbot.waitUntil(lambda: view.status_label.text() == "In mediation", timeout=WAIT)
    assert _status(desk.admin, case.id) is Status.IN_MEDIATION
    with desk.admin.unit_of_work() as uow:
        actions = [e.action for e in uow.audit.all()]
    assert "override_do_no_harm" in actions


def test_a_member_sees_no_override_and_no_hidden_case(qtbot: QtBot, desk: Desk) -> None:
    mediable = register_case(desk.admin, category="debt")
    hidden = register_case(desk.admin, category="gbv")
    assert mediable.id is not None and hidden.id is not None
    member = desk.workspace.sign_in("baraka", MEMBER_PASSPHRASE)  # type: ignore[attr-defined]
    try:
        view = _view(qtbot, member, mediable.id)
        assert view.do_no_harm.override_button.isHidden()
        blind = CaseView(member, hidden.id)
        qtbot.addWidget(blind)
        blind.show()
        qtbot.waitUntil(blind.message.isVisible, timeout=WAIT)
        assert "no such case" in blind.message.text()
        assert blind.dispute is None and blind.parties_label.text() == ""
    finally:
        member.close()


def _to_status(opened: OpenWorkspace, dispute_id: int, status: Status) -> None:
    """Walk a new case to ``status`` through the use cases."""
    from desktop.domain.services import agreements, case_status, outcomes

    w = opened
    if status is Status.WITHDRAWN:
        case_status.withdraw(w.unit_of_work(), w.actor, w.clock, dispute_id)
        return
    if status is Status.REGISTERED:
        return
    case_status.start_mediation(w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id)
    if status is Status.IN_MEDIATION:
        return
    agreed = agreements.RecordAgreement(dispute_id, "Repay in two parts.")
    agreements.record_agreement(w.unit_of_work(), w.actor, w.clock, agreed)
    if status is Status.FOLLOW_UP:
        case_status.change_status(w.unit_of_work(), w.actor, w.clock, dispute_id, status)
    elif status is Status.CLOSED:
        close = outcomes.CloseCase(
            dispute_id, "resolved_by_agreement", override_reason="Parties moved away."
        )
        outcomes.close_case(w.unit_of_work(), w.actor, w.clock, w.taxonomy, close)
    assert _status(opened, dispute_id) is status


@pytest.mark.parametrize(
    "status",
    [
        Status.REGISTERED,
        Status.IN_MEDIATION,
        Status.AGREEMENT,
        Status.FOLLOW_UP,
        Status.CLOSED,
        Status.WITHDRAWN,
    ],
    ids=lambda s: s.value,
)
def test_the_header_and_the_agreement_section_agree_on_reopen(
    qtbot: QtBot, desk: Desk, status: Status
) -> None:
    from desktop.domain.model.dispute import legal_next
    from desktop.views.cases.case_screen import CaseScreen

    dispute_id = register_case(desk.admin).id
    assert dispute_id is not None
    _to_status(desk.admin, dispute_id, status)
    screen = CaseScreen(desk.admin, dispute_id)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(
        lambda: screen.view.is_loaded() and screen.agreement.case is not None, timeout=WAIT
    )
    in_header = Status.REOPENED in screen.view.action_buttons
    in_section = screen.agreement.reopen_button.isEnabled()
    assert in_header == in_section == (Status.REOPENED in legal_next(status))
    if status is Status.FOLLOW_UP:
        assert in_section  # the gap this test was written for


def test_a_case_in_follow_up_reopens_from_the_agreement_section(qtbot: QtBot, desk: Desk) -> None:
    from desktop.views.cases.case_screen import CaseScreen

    dispute_id = register_case(desk.admin).id
    assert dispute_id is not None
    _to_status(desk.admin, dispute_id, Status.FOLLOW_UP)
    screen = CaseScreen(desk.admin, dispute_id)
    qtbot.addWidget(screen)
    screen.show()
    section = screen.agreement
    qtbot.waitUntil(lambda: section.reopen_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(section.reopen_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "The respondent stopped paying.")  # type: ignore[attr-defined]
    with qtbot.waitSignal(section.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert _status(desk.admin, dispute_id) is Status.REOPENED
    qtbot.waitUntil(lambda: Status.REOPENED not in screen.view.action_buttons, timeout=WAIT)
    assert not section.reopen_button.isEnabled()
