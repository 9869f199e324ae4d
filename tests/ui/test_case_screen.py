"""The case screen joins its parts: after a breach, "refer instead" refers the case out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.model.dispute import Status
from desktop.domain.model.proceedings import FollowUpResult
from desktop.domain.services import agreements, case_status, disputes
from desktop.views.cases.case_screen import CaseScreen
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
    screen = CaseScreen(opened, dispute_id)
    qtbot.addWidget(screen)
    qtbot.waitUntil(screen.view.is_loaded, timeout=20_000)
    screen.view.ask_reason = lambda title, question: "Threats after the breach."  # type: ignore[method-assign]
    screen.agreement.refer_requested.emit(dispute_id)
    qtbot.waitUntil(
        lambda: (
            disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id).status
            is Status.REFERRED_OUT
        ),
        timeout=20_000,
    )
    with w.unit_of_work() as uow:
        referral = [e for e in uow.audit.all() if e.action == "refer_out"]
    assert referral and "Threats after the breach." in referral[-1].detail
    qtbot.waitUntil(screen.view.is_loaded, timeout=20_000)
    screen.close()
    opened.close()
