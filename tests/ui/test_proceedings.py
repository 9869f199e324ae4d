"""The proceedings sections, walked as a user would over a real workspace: two hearings, an
agreement, printing it, a breach that reopens the case, a second agreement, and closing with an
outcome and the parties' views before monitoring ends (an administrator's override)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.domain.model.dispute import Status
from desktop.domain.model.proceedings import Answer, FollowUpResult
from desktop.domain.services import case_status, committee, disputes, hearings, outcomes
from desktop.views.cases.agreement_section import AgreementSection
from desktop.views.cases.closure_dialog import ClosureDialog
from desktop.views.cases.follow_up_dialog import FollowUpDialog
from desktop.views.cases.hearing_dialog import HearingDialog
from desktop.views.cases.hearings_section import HearingsSection
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.views.cases.timeline_section import TimelineSection
from desktop.workspace import OpenWorkspace
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, register_case

TERMS = "The respondent moves the fence back two metres by the end of the month."


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenWorkspace]:
    workspace, _key = create_workspace(tmp_path / "ws")
    signed_in = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield signed_in
    signed_in.close()


def _mediating(w: OpenWorkspace) -> int:
    dispute = register_case(w, name="Amina Wanjiru", respondent="Juma Otieno", category="debt")
    assert dispute.id is not None
    case_status.start_mediation(w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute.id)
    return dispute.id


def _status(w: OpenWorkspace, dispute_id: int) -> Status:
    return disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id).status


def _fresh(qtbot: QtBot, section: HearingsSection | AgreementSection | TimelineSection) -> None:
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        section.refresh()


def _submit(qtbot: QtBot, dialog: ProceedingsDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible() or dialog.message.isVisible(), timeout=10_000)


def _record_hearing(qtbot: QtBot, section: HearingsSection, notes: str) -> None:
    qtbot.mouseClick(section.record_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert isinstance(dialog, HearingDialog) and dialog.isVisible()
    dialog.parties.set_checked(section.case.dispute.parties[0].id or 0)  # type: ignore[union-attr]
    qtbot.keyClicks(dialog.notes, notes)
    qtbot.keyClicks(dialog.next_step, "Meet again with the village elder")
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        _submit(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted


def _record_agreement(qtbot: QtBot, section: AgreementSection, terms: str) -> None:
    qtbot.mouseClick(section.agreement_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.terms, terms)  # type: ignore[attr-defined]
    assert [dialog.first.value(), dialog.second.value()] == [30, 90]  # type: ignore[attr-defined]
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        _submit(qtbot, dialog)


def test_hearings_agreement_print_breach_and_closure(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    w = opened
    dispute_id = _mediating(w)
    hearings_section = HearingsSection(w, dispute_id)
    agreement = AgreementSection(w, dispute_id)
    timeline = TimelineSection(w, dispute_id)
    for section in (hearings_section, agreement, timeline):
        qtbot.addWidget(section)
        _fresh(qtbot, section)
    assert hearings_section.record_button.isEnabled()
    assert not agreement.print_button.isEnabled()

    _record_hearing(qtbot, hearings_section, "Both sides explained the boundary.")
    _record_hearing(qtbot, hearings_section, "They walked the boundary together.")
    assert hearings_section.model.rowCount() == 2
    assert "They walked" in hearings_section.model.index(1, 3).data()
    proceedings = hearings.get_proceedings(w.unit_of_work(), w.actor, w.clock, dispute_id)
    assert len(proceedings.hearings) == 2
    assert proceedings.hearings[0].mediators == (w.actor.user_id,)

    _fresh(qtbot, agreement)
    _record_agreement(qtbot, agreement, TERMS)
    assert _status(w, dispute_id) is Status.AGREEMENT
    assert agreement.terms.text() == TERMS and agreement.follow_ups.rowCount() == 2
    assert "monitored until" in agreement.state.text()

    target = tmp_path / "out" / "agreement.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(agreement.printed, timeout=10_000):
        agreement.print_to(target)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    number = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id).number
    assert number in text and "fence back two metres" in text
    assert "Amina Wanjiru" in text and "Test Administrator" in text  # a party, the mediator

    qtbot.mouseClick(agreement.follow_up_button, Qt.MouseButton.LeftButton)
    follow_up = agreement.dialog
    assert isinstance(follow_up, FollowUpDialog)
    follow_up.choose(FollowUpResult.BREACHED)
    _submit(qtbot, follow_up)
    qtbot.waitUntil(follow_up.refer_button.isVisible, timeout=10_000)
    assert "reopened" in follow_up.message.text()
    assert _status(w, dispute_id) is Status.REOPENED
    with qtbot.waitSignal(agreement.loaded, timeout=10_000):
        follow_up.reject()  # "Mediate again": the follow-up stays recorded
    assert agreement.follow_ups.item(0, 2).text() == "Breached"

    case_status.start_mediation(w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id)
    _fresh(qtbot, agreement)
    _record_agreement(qtbot, agreement, TERMS + " And the goats stay home.")
    assert agreement.close_button.isEnabled()

    qtbot.mouseClick(agreement.close_button, Qt.MouseButton.LeftButton)
    closure = agreement.dialog
    assert isinstance(closure, ClosureDialog)
    closure.outcome.setCurrentIndex(closure.outcome.findData("resolved_by_agreement"))
    parties = [p.id or 0 for p in agreement.case.dispute.parties]  # type: ignore[union-attr]
    closure.set_answer(parties[0], "fair_process", Answer.YES)
    closure.set_answer(parties[1], "resolved", Answer.PARTLY)
    _submit(qtbot, closure)
    assert closure.isVisible() and "monitored until" in closure.message.text()
    qtbot.keyClicks(closure.reason, "Parties asked to close: both are moving away.")
    with qtbot.waitSignal(agreement.loaded, timeout=10_000):
        _submit(qtbot, closure)
    assert _status(w, dispute_id) is Status.CLOSED
    outcome = hearings.get_proceedings(w.unit_of_work(), w.actor, w.clock, dispute_id).outcome
    assert outcome is not None and outcome.kind == "resolved_by_agreement"
    views = {v.party_id: v for v in outcome.views}
    assert views[parties[0]].fair_process is Answer.YES
    assert views[parties[1]].resolved is Answer.PARTLY
    assert agreement.reopen_button.isEnabled() and not agreement.close_button.isEnabled()

    _fresh(qtbot, timeline)
    actions = [timeline.model.entry(r).action for r in range(timeline.model.rowCount())]
    assert actions == [
        "register_dispute",
        "start_mediation",
        "record_hearing",
        "record_hearing",
        "record_agreement",
        "record_follow_up",
        "start_mediation",
        "record_agreement",
        "close_case",
    ]
    assert timeline.model.index(8, 3).data() == "Test Administrator"


def test_reopening_needs_a_reason(qtbot: QtBot, opened: OpenWorkspace) -> None:
    w = opened
    dispute = register_case(w)
    assert dispute.id is not None
    cmd = outcomes.CloseCase(dispute.id, "unresolved")
    outcomes.close_case(w.unit_of_work(), w.actor, w.clock, w.taxonomy, cmd)
    section = AgreementSection(w, dispute.id)
    qtbot.addWidget(section)
    _fresh(qtbot, section)
    qtbot.mouseClick(section.reopen_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    _submit(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.isVisible()
    assert _status(w, dispute.id) is Status.CLOSED
    qtbot.keyClicks(dialog.reason, "The complainant came back.")  # type: ignore[attr-defined]
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        _submit(qtbot, dialog)
    assert _status(w, dispute.id) is Status.REOPENED


def test_the_chair_approves_a_closure_in_the_section(qtbot: QtBot, opened: OpenWorkspace) -> None:
    from desktop.domain.model.users import Actor, Role

    w = opened
    cmd = committee.UpdateSettings(approvals_required=True)
    committee.update_settings(w.unit_of_work(), w.actor, w.clock, w.taxonomy, cmd)
    dispute = register_case(w)
    assert dispute.id is not None
    as_member = Actor(w.actor.user_id, w.actor.username, Role.MEMBER)  # a member's request
    close = outcomes.CloseCase(dispute.id, "unresolved")
    outcomes.close_case(w.unit_of_work(), as_member, w.clock, w.taxonomy, close)
    section = AgreementSection(w, dispute.id)
    qtbot.addWidget(section)
    _fresh(qtbot, section)
    assert "waits for the chair" in section.state.text()
    assert not section.close_button.isEnabled() and section.approve_button.isEnabled()
    qtbot.mouseClick(section.approve_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.comment, "Agreed.")  # type: ignore[attr-defined]
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        _submit(qtbot, dialog)
    assert _status(w, dispute.id) is Status.CLOSED
    assert not section.approve_button.isVisible() and section.state.text() == ""
