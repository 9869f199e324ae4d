"""The case screen joins its parts: after a breach, "refer instead" opens the referral dialog
with the case handed over, and the referral refers the case out with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.model.dispute import Status
from desktop.domain.model.proceedings import FollowUpResult
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.services import actors, agreements, case_status, disputes
from desktop.views.cases.case_screen import CaseScreen
from desktop.views.referrals.refer_dialog import ReferDialog
from tests.support import register_case
from tests.ui.fakes import ADMIN_PASSPHRASE
from tests.ui.real import real_workspace

pytest.importorskip("sqlcipher3")


def test_refer_instead_after_a_breach_refers_the_case_out_with_a_reason(
    qtbot: QtBot, tmp_path: Path
) -> None:
    opened = real_workspace(tmp_path / "ws").sign_in("amina", ADMIN_PASSPHRASE)
    w = opened
    dispute_id = register_case(opened).id
    assert dispute_id is not None
    case_status.start_mediation(w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id)
    agreements.record_agreement(
        w.unit_of_work(), w.actor, w.clock, agreements.RecordAgreement(dispute_id, "Repay.")
    )
    with w.unit_of_work() as uow:
        first = uow.follow_ups.for_dispute(dispute_id)[0]
    assert first.id is not None
    agreements.record_follow_up(
        w.unit_of_work(), w.actor, w.clock, first.id, FollowUpResult.BREACHED
    )
    police = actors.add_actor(
        w.unit_of_work(), w.actor, w.clock, w.taxonomy, JusticeActor("police", "Police Test")
    )
    assert police.id is not None
    screen = CaseScreen(opened, dispute_id)
    qtbot.addWidget(screen)
    qtbot.waitUntil(screen.view.is_loaded, timeout=20_000)
    screen.agreement.refer_requested.emit(dispute_id)
    dialog = screen.referrals.dialog  # the referral dialog, with the case handed over
    assert isinstance(dialog, ReferDialog) and dialog.hand_over_box.isChecked()
    qtbot.waitUntil(dialog.is_loaded, timeout=20_000)
    dialog.choose_actor(police.id)
    dialog.reason_edit.setPlainText("Threats after the breach.")
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        dialog.submit(False)
    assert (
        disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id).status
        is Status.REFERRED_OUT
    )
    with w.unit_of_work() as uow:
        referral = [e for e in uow.audit.all() if e.action == "refer_out"]
    assert referral and "Threats after the breach." in referral[-1].detail
    qtbot.waitUntil(screen.view.is_loaded, timeout=20_000)
    qtbot.waitUntil(screen.referrals.is_loaded, timeout=20_000)
    screen.close()
    opened.close()
