"""The referrals section of the case screen, over a real SQLCipher workspace: the case's way
between actors in order, the actions on the selected referral, and reporting back to the actor
who referred a closed case in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.dispute import Channel, Party, PartyRole, Status  # noqa: E402
from desktop.domain.model.referral_board import PathwayStep  # noqa: E402
from desktop.domain.model.referrals import (  # noqa: E402
    Direction,
    JusticeActor,
    ReferralStatus,
)
from desktop.domain.services import actors, disputes, outcomes, referrals  # noqa: E402
from desktop.domain.services.disputes import RegisterDispute  # noqa: E402
from desktop.domain.services.referrals import RecordFeedback, ReferCase  # noqa: E402
from desktop.domain.taxonomy import default_taxonomy  # noqa: E402
from desktop.views.cases.case_screen import CaseScreen  # noqa: E402
from desktop.views.referrals.case_referrals_section import CaseReferralsSection  # noqa: E402
from desktop.views.referrals.refer_dialog import ReferDialog  # noqa: E402
from desktop.views.referrals.refer_pathway_model import STATUS, PathwayModel  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.ui.fakes import ADMIN_PASSPHRASE  # noqa: E402
from tests.ui.real import real_workspace  # noqa: E402

WAIT = 20_000
THEIR_REFERENCE = "OB 12/2026"


@dataclass
class Desk:
    w: OpenWorkspace
    chief: int
    legal_aid: int
    police: int
    dispute_id: int


def _actor(w: OpenWorkspace, kind: str, name: str) -> int:
    added = actors.add_actor(
        w.unit_of_work(), w.actor, w.clock, w.taxonomy, JusticeActor(kind, name)
    )
    assert added.id is not None
    return added.id


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """A case the chief referred to the committee (with the chief's own reference)."""
    w = real_workspace(tmp_path / "ws").sign_in("amina", ADMIN_PASSPHRASE)
    chief = _actor(w, "chief_elder", "Chief Test of Laini Saba")
    legal_aid = _actor(w, "legal_aid", "Haki Legal Aid Clinic")
    police = _actor(w, "police", "Kibera Police Gender Desk")
    case = disputes.register_dispute(
        w.unit_of_work(),
        w.actor,
        w.clock,
        w.taxonomy,
        RegisterDispute(
            received_on=date(2026, 1, 5),
            channel=Channel.REFERRAL_IN,
            category="land_boundary",
            parties=(Party(PartyRole.COMPLAINANT, "Synthetic Person A"),),
            referred_by_actor=chief,
            referred_by_reference=THEIR_REFERENCE,
        ),
    )
    assert case.id is not None
    yield Desk(w, chief, legal_aid, police, case.id)
    w.close()


def _refer(desk: Desk, actor_id: int, send: bool) -> int:
    w = desk.w
    made = referrals.refer_case(
        w.unit_of_work(),
        w.actor,
        w.clock,
        w.taxonomy,
        ReferCase(desk.dispute_id, actor_id, "Needs more than mediation.", send=send),
    )
    assert made.id is not None
    return made.id


def _section(qtbot: QtBot, desk: Desk) -> CaseReferralsSection:
    section = CaseReferralsSection(desk.w, desk.dispute_id)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(section.is_loaded, timeout=WAIT)
    return section


def _rows(section: CaseReferralsSection) -> list[tuple[str, str, str]]:
    model = section.model
    return [
        (
            model.index(r, 0).data(),
            model.index(r, 1).data().splitlines()[0],
            model.index(r, STATUS).data().splitlines()[0],
        )
        for r in range(model.rowCount())
    ]


def test_the_pathway_shows_where_the_case_came_from_then_each_referral(
    qtbot: QtBot, desk: Desk
) -> None:
    first = _refer(desk, desk.legal_aid, send=True)
    w = desk.w
    referrals.record_referral_feedback(
        w.unit_of_work(), w.actor, w.clock, RecordFeedback(first, ReferralStatus.ACCEPTED)
    )
    draft = _refer(desk, desk.police, send=False)
    section = _section(qtbot, desk)
    assert _rows(section) == [
        ("From", "Chief Test of Laini Saba", "Accepted"),
        ("To", "Haki Legal Aid Clinic", "Accepted"),
        ("To", "Kibera Police Gender Desk", "Draft"),
    ]
    assert section.model.index(1, 1).data().splitlines()[1] == "Legal aid provider (Formal)"
    incoming = section.incoming.text()
    assert "Chief Test of Laini Saba" in incoming and THEIR_REFERENCE in incoming
    assert section.report_button.isHidden()  # the case is open: nothing to report back yet

    section.select(draft)
    assert section.send_button.isEnabled() and not section.feedback_button.isEnabled()
    with qtbot.waitSignal(section.changed, timeout=WAIT):
        qtbot.mouseClick(section.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _rows(section)[2][2] == "Sent", timeout=WAIT)
    assert section.model.step(2) is not None and section.model.step(2).due_on is not None  # type: ignore[union-attr]

    section.select(first)
    assert section.withdraw_button.isEnabled() and not section.send_button.isEnabled()
    section.ask_reason = lambda title, question: "The parties settled."  # type: ignore[method-assign]
    with qtbot.waitSignal(section.changed, timeout=WAIT):
        qtbot.mouseClick(section.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _rows(section)[1][2] == "Withdrawn", timeout=WAIT)
    with w.unit_of_work() as uow:
        withdrawn = uow.referrals.get(first)
    assert withdrawn is not None and withdrawn.status_reason == "The parties settled."
    qtbot.waitUntil(section.is_loaded, timeout=WAIT)


def test_an_overdue_referral_is_marked() -> None:
    model = PathwayModel(default_taxonomy())
    step = PathwayStep(
        referral_id=1,
        direction=Direction.OUT,
        actor_name="Kibera Police Gender Desk",
        actor_kind="police",
        mechanism="formal",
        sdg_mechanism="",
        code="7K2Q-DM0X",
        status=ReferralStatus.SENT,
        sent_on=date(2026, 1, 5),
        due_on=date(2026, 1, 19),
        feedback_on=None,
        closed_on=None,
        outcome=None,
        overdue=True,
    )
    model.replace_items([step, PathwayStep(**{**step.__dict__, "overdue": False})])
    assert model.index(0, STATUS).data() == "Sent, overdue"
    assert model.index(0, STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, STATUS).data() == "Sent"
    assert model.index(1, STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    done = {"status": ReferralStatus.COMPLETED, "closed_on": date(2026, 1, 20), "overdue": False}
    model.replace_items([PathwayStep(**{**step.__dict__, **done})])
    assert model.index(0, STATUS).data() == "Completed\n2026-01-20"


def test_reporting_back_on_a_closed_case_writes_the_feedback_letter(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    w = desk.w
    outcomes.close_case(
        w.unit_of_work(),
        w.actor,
        w.clock,
        w.taxonomy,
        outcomes.CloseCase(desk.dispute_id, "decided"),
    )
    section = _section(qtbot, desk)
    assert section.report_button.isVisible() and section.report_button.isEnabled()
    assert "Chief Test of Laini Saba" in section.report_button.text()
    target = tmp_path / "feedback.pdf"
    section.ask_note = lambda: "The boundary was marked by both families."  # type: ignore[method-assign]
    section.ask_path = lambda title, file_name: target  # type: ignore[method-assign]
    with qtbot.waitSignal(section.printed, timeout=WAIT):
        qtbot.mouseClick(section.report_button, Qt.MouseButton.LeftButton)
    with w.unit_of_work() as uow:
        [incoming] = uow.referrals.for_dispute(desk.dispute_id)
    assert incoming.direction is Direction.IN and incoming.status is ReferralStatus.COMPLETED
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert incoming.code in text and THEIR_REFERENCE in text
    assert "Chief Test of Laini Saba" in text and "boundary was marked" in text
    assert "Synthetic Person A" not in text  # no party is named in the feedback letter
    qtbot.waitUntil(lambda: _rows(section)[0][2] == "Completed", timeout=WAIT)


def test_refer_out_in_the_header_opens_the_dialog_with_the_case_handed_over(
    qtbot: QtBot, desk: Desk
) -> None:
    screen = CaseScreen(desk.w, desk.dispute_id)
    qtbot.addWidget(screen)
    qtbot.waitUntil(screen.view.is_loaded, timeout=WAIT)
    qtbot.mouseClick(screen.view.action_buttons[Status.REFERRED_OUT], Qt.MouseButton.LeftButton)
    dialog = screen.referrals.dialog
    assert isinstance(dialog, ReferDialog) and dialog.hand_over_box.isChecked()
    assert screen.view.sections.currentWidget() is screen.referrals
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    dialog.choose_actor(desk.police)
    qtbot.keyClicks(dialog.reason_edit, "Threats of violence.")
    with qtbot.waitSignal(screen.changed, timeout=WAIT):
        dialog.submit(True)
    qtbot.waitUntil(lambda: screen.view.status_label.text() == "Awaiting feedback", timeout=WAIT)
    qtbot.waitUntil(lambda: len(_rows(screen.referrals)) == 2, timeout=WAIT)
    dialog.close()
    qtbot.waitUntil(screen.view.is_loaded, timeout=WAIT)
