"""Referring a case from the case screen, over a real SQLCipher workspace: only the ticked
details are shared, and only with consent (or an audited override by someone who may); the
letter printed from the referrals section holds the code and exactly the shared values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.dispute import Channel, Party, PartyRole, Sex, Status  # noqa: E402
from desktop.domain.model.referrals import (  # noqa: E402
    ConsentMethod,
    JusticeActor,
    Referral,
    ReferralStatus,
    party_field,
)
from desktop.domain.model.users import Role, User  # noqa: E402
from desktop.domain.services import actors, disputes  # noqa: E402
from desktop.domain.services.disputes import RegisterDispute  # noqa: E402
from desktop.views.referrals.case_referrals_section import CaseReferralsSection  # noqa: E402
from desktop.views.referrals.refer_dialog import ReferDialog  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.ui.fakes import ADMIN_PASSPHRASE  # noqa: E402
from tests.ui.real import real_workspace  # noqa: E402

WAIT = 20_000
PARALEGAL_PASSPHRASE = "green heron by river"
COMPLAINANT, COMPLAINANT_PHONE = "Synthetic Person A", "0700 000 001"
RESPONDENT, RESPONDENT_PHONE = "Synthetic Person B", "0799 246 813"
NARRATIVE = "Zebrafish quarrel over the mango orchard"


@dataclass
class Desk:
    admin: OpenWorkspace
    workspace: object
    actor_id: int
    dispute_id: int
    complainant: int
    respondent: int


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    workspace = real_workspace(tmp_path / "ws")
    w = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    w.add_user(User("pendo", "Pendo Achieng", Role.PARALEGAL), PARALEGAL_PASSPHRASE)
    legal_aid = actors.add_actor(
        w.unit_of_work(),
        w.actor,
        w.clock,
        w.taxonomy,
        JusticeActor("legal_aid", "Haki Legal Aid Clinic", contact_person="Officer Test"),
    )
    actors.add_actor(
        w.unit_of_work(), w.actor, w.clock, w.taxonomy, JusticeActor("chief_elder", "Chief Test")
    )
    case = disputes.register_dispute(
        w.unit_of_work(),
        w.actor,
        w.clock,
        w.taxonomy,
        RegisterDispute(
            received_on=date(2026, 1, 5),
            channel=Channel.WALK_IN,
            category="land_boundary",
            description=NARRATIVE,
            parties=(
                Party(PartyRole.COMPLAINANT, COMPLAINANT, Sex.FEMALE, 34, phone=COMPLAINANT_PHONE),
                Party(PartyRole.RESPONDENT, RESPONDENT, Sex.MALE, phone=RESPONDENT_PHONE),
            ),
        ),
    )
    assert case.id is not None and legal_aid.id is not None
    first, second = (p.id for p in case.parties)
    assert first is not None and second is not None
    yield Desk(w, workspace, legal_aid.id, case.id, first, second)
    w.close()


def _dialog(qtbot: QtBot, opened: OpenWorkspace, dispute_id: int) -> ReferDialog:
    dialog = ReferDialog(opened, dispute_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    boxes = dialog.share.party_boxes.values()
    qtbot.waitUntil(lambda: all(box.isVisible() for box in boxes), timeout=WAIT)  # laid out
    return dialog


def _fill(qtbot: QtBot, dialog: ReferDialog, actor_id: int, reason: str) -> None:
    dialog.choose_actor(actor_id)
    qtbot.keyClicks(dialog.reason_edit, reason)


def _click(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its indicator (its middle may be empty space in a wide cell)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def _tick(qtbot: QtBot, dialog: ReferDialog, party_id: int, *names: str) -> None:
    box = dialog.share.party_boxes[party_id]
    for name in names:
        _click(qtbot, box.boxes[party_field(party_id, name)])


def _referrals(opened: OpenWorkspace, dispute_id: int) -> list[Referral]:
    with opened.unit_of_work() as uow:
        return uow.referrals.for_dispute(dispute_id)


def test_a_referral_shares_exactly_the_ticked_details_with_their_consent(
    qtbot: QtBot, desk: Desk
) -> None:
    dialog = _dialog(qtbot, desk.admin, desk.dispute_id)
    shared = dialog.share.shared_fields()
    assert shared == ("case.category",)  # minimum necessary: nothing else ticked at first
    _fill(qtbot, dialog, desk.actor_id, "Boundary needs a surveyor's ruling.")
    assert dialog.due_on() > desk.admin.clock.today()  # legal aid's usual wait, by default
    _tick(qtbot, dialog, desk.complainant, "name", "phone")
    party = dialog.share.party_boxes[desk.complainant]
    assert party.missing.isVisible()  # ticked without consent: said beside the party
    assert "consent missing" in dialog.send_button.text()
    _click(qtbot, party.consent_row.given)
    row = party.consent_row
    row.method.setCurrentIndex(row.method.findData(ConsentMethod.THUMBPRINT.value))
    assert not party.missing.isVisible() and dialog.send_button.text() == "Send"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    [referral] = _referrals(desk.admin, desk.dispute_id)
    assert referral.status is ReferralStatus.SENT and referral.actor_id == desk.actor_id
    assert set(referral.shared_fields) == {
        "case.category",
        party_field(desk.complainant, "name"),
        party_field(desk.complainant, "phone"),
    }
    [consent] = referral.consents
    assert consent.party_id == desk.complainant
    assert consent.method is ConsentMethod.THUMBPRINT
    assert consent.given_on == desk.admin.clock.today()
    assert referral.consent_override == ""
    assert dialog.print_button.isVisible()  # after sending, the letter is offered


def test_details_without_consent_are_refused_and_an_administrator_may_override(
    qtbot: QtBot, desk: Desk
) -> None:
    dialog = _dialog(qtbot, desk.admin, desk.dispute_id)
    _fill(qtbot, dialog, desk.actor_id, "Threats: police should know.")
    _tick(qtbot, dialog, desk.respondent, "phone")
    assert dialog.consent_note.isVisible() and RESPONDENT in dialog.consent_note.text()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.message.isVisible, timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=WAIT)
    assert "not consented" in dialog.message.text()
    assert _referrals(desk.admin, desk.dispute_id) == []  # nothing stored
    assert dialog.override_edit.isVisible()
    qtbot.keyClicks(dialog.override_edit, "Risk to life; the respondent cannot be reached.")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    [referral] = _referrals(desk.admin, desk.dispute_id)
    assert party_field(desk.respondent, "phone") in referral.shared_fields
    assert referral.consents == ()
    assert referral.consent_override == "Risk to life; the respondent cannot be reached."
    with desk.admin.unit_of_work() as uow:
        actions = [entry.action for entry in uow.audit.all()]
    assert "override_referral_consent" in actions


def test_a_paralegal_is_told_who_may_share_without_consent(qtbot: QtBot, desk: Desk) -> None:
    paralegal = desk.workspace.sign_in("pendo", PARALEGAL_PASSPHRASE)  # type: ignore[attr-defined]
    try:
        dialog = _dialog(qtbot, paralegal, desk.dispute_id)
        _fill(qtbot, dialog, desk.actor_id, "Needs a lawyer.")
        _click(qtbot, dialog.share.case_boxes["case.description"])
        assert dialog.share.party_boxes[desk.complainant].missing.isVisible()
        qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.message.isVisible, timeout=WAIT)
        assert "administrator or a committee member" in dialog.message.text()
        assert dialog.override_edit.isHidden()
        qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
        assert _referrals(desk.admin, desk.dispute_id) == []
    finally:
        dialog.close()
        paralegal.close()


def test_handing_over_refers_the_case_out(qtbot: QtBot, desk: Desk) -> None:
    dialog = ReferDialog(desk.admin, desk.dispute_id, hand_over=True, reason="Titled land.")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    assert dialog.hand_over_box.isChecked()
    dialog.choose_actor(desk.actor_id)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.submit(True)
    w = desk.admin
    case = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, desk.dispute_id)
    assert case.status is Status.AWAITING_FEEDBACK  # referred out, then sent: awaiting feedback
    [referral] = _referrals(w, desk.dispute_id)
    assert referral.reason == "Titled land."


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_letter_holds_the_code_and_only_the_shared_values(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, desk.admin, desk.dispute_id)
    _fill(qtbot, dialog, desk.actor_id, "Boundary needs a surveyor's ruling.")
    _tick(qtbot, dialog, desk.complainant, "name", "phone", "sex")
    _click(qtbot, dialog.share.party_boxes[desk.complainant].consent_row.given)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.submit(True)
    code = _referrals(desk.admin, desk.dispute_id)[0].code
    dialog.close()

    section = CaseReferralsSection(desk.admin, desk.dispute_id)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=WAIT)
    section.table.selectRow(0)
    assert section.print_button.isEnabled()
    target = tmp_path / "letters" / f"referral-{code}.pdf"
    target.parent.mkdir()
    section.ask_path = lambda title, file_name: target  # type: ignore[method-assign]
    with qtbot.waitSignal(section.printed, timeout=WAIT):
        qtbot.mouseClick(section.print_button, Qt.MouseButton.LeftButton)
    text = _pdf_text(target)
    assert code in text
    digits = text.replace(" ", "")
    for shared in (COMPLAINANT, "Female", "Land boundary", "Haki Legal Aid"):
        assert shared in text, shared
    assert COMPLAINANT_PHONE.replace(" ", "") in digits
    for private in (RESPONDENT, NARRATIVE, "KBR-2026"):
        assert private not in text, private
    assert RESPONDENT_PHONE.replace(" ", "") not in digits
    with desk.admin.unit_of_work() as uow:
        assert "print_referral_letter" in [entry.action for entry in uow.audit.all()]
    qtbot.waitUntil(section.is_loaded, timeout=WAIT)


def test_a_draft_is_reopened_with_its_values_changed_and_sent(qtbot: QtBot, desk: Desk) -> None:
    dialog = _dialog(qtbot, desk.admin, desk.dispute_id)
    _fill(qtbot, dialog, desk.actor_id, "Boundary needs a surveyor's ruling.")
    _tick(qtbot, dialog, desk.complainant, "name")
    party = dialog.share.party_boxes[desk.complainant]
    _click(qtbot, party.consent_row.given)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.submit(False)
    [draft] = _referrals(desk.admin, desk.dispute_id)
    assert draft.status is ReferralStatus.DRAFT

    section = CaseReferralsSection(desk.admin, desk.dispute_id)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(section.is_loaded, timeout=WAIT)
    assert draft.id is not None
    section.select(draft.id)
    assert section.edit_button.isEnabled()
    edit = section.edit_draft()
    assert isinstance(edit, ReferDialog)
    qtbot.addWidget(edit)
    qtbot.waitUntil(edit.is_loaded, timeout=WAIT)
    assert edit.windowTitle() == "Edit the draft referral"
    chosen = edit.chosen_actor()
    assert chosen is not None and chosen.id == desk.actor_id
    assert edit.reason_edit.toPlainText() == "Boundary needs a surveyor's ruling."
    shown = edit.share.party_boxes[desk.complainant]
    assert shown.consent_row.consent() is not None and not shown.missing.isVisible()
    assert set(edit.share.shared_fields()) == set(draft.shared_fields)
    edit.reason_edit.setPlainText("A surveyor's ruling, and advice on the title deed.")
    _tick(qtbot, edit, desk.complainant, "phone")
    with qtbot.waitSignal(edit.saved, timeout=WAIT):
        edit.submit(True)
    [sent] = _referrals(desk.admin, desk.dispute_id)
    assert sent.id == draft.id and sent.status is ReferralStatus.SENT
    assert sent.reason == "A surveyor's ruling, and advice on the title deed."
    assert set(sent.shared_fields) == {
        "case.category",
        party_field(desk.complainant, "name"),
        party_field(desk.complainant, "phone"),
    }
    assert [c.party_id for c in sent.consents] == [desk.complainant]
    qtbot.waitUntil(lambda: not section.edit_button.isEnabled(), timeout=WAIT)
