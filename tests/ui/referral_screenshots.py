"""The referral screens for review, drawn by tests.ui.screenshots over its demo workspace: the
board, the refer dialog (a case with three parties), a case's Referrals tab (one incoming and
three outgoing referrals), the feedback dialog and the actors page. Run alone over the demo of
2,000 cases the docs show: ``python -m tests.ui.referral_screenshots OUTDIR``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.ui.fakes import ADMIN_PASSPHRASE  # noqa: E402
from tests.ui.screenshots import SCREEN, close_all, save, settle  # noqa: E402

DEMO_USER, DEMO_PASSPHRASE, DEMO_CASES = "admin", "a good long passphrase 42", 2000

if TYPE_CHECKING:
    from desktop.workspace import OpenWorkspace
    from storage.workspace import SqlCipherWorkspace


def referred_case(opened: OpenWorkspace) -> int:
    """A synthetic case with three parties, referred to the committee by one actor and
    referred on to three others (one acknowledged, one declined, one just sent)."""
    from desktop.domain.model.dispute import Channel, Party, PartyRole, Sex
    from desktop.domain.model.referrals import ReferralStatus
    from desktop.domain.services import actors, referrals
    from desktop.domain.services.disputes import RegisterDispute, register_dispute

    w = opened
    directory = [a.id for a in actors.list_actors(w.unit_of_work(), w.actor) if a.id is not None]
    parties = (
        Party(PartyRole.COMPLAINANT, "Synthetic Wanjiru A", sex=Sex.FEMALE, phone="0700000101"),
        Party(PartyRole.RESPONDENT, "Synthetic Otieno B", sex=Sex.MALE),
        Party(PartyRole.WITNESS, "Synthetic Achieng C", sex=Sex.FEMALE),
    )
    command = RegisterDispute(
        received_on=w.clock.today(),
        channel=Channel.REFERRAL_IN,
        category="land_boundary" if w.taxonomy.has_category("land_boundary") else "debt",
        parties=parties,
        referred_by_actor=directory[0],
        referred_by_reference="OB 14/2026",
    )
    dispute = register_dispute(w.unit_of_work(), w.actor, w.clock, w.taxonomy, command)
    assert dispute.id is not None
    statuses = (ReferralStatus.ACKNOWLEDGED, ReferralStatus.DECLINED, None)
    for actor_id, status in zip(directory[1:4], statuses, strict=True):
        cmd = referrals.ReferCase(dispute.id, actor_id, "Needs advice the committee cannot give.")
        referral = referrals.refer_case(w.unit_of_work(), w.actor, w.clock, w.taxonomy, cmd)
        if status is not None and referral.id is not None:
            reason = "Outside the desk's area." if status is ReferralStatus.DECLINED else ""
            feedback = referrals.RecordFeedback(referral.id, status, reason=reason)
            referrals.record_referral_feedback(w.unit_of_work(), w.actor, w.clock, feedback)
    return dispute.id


def referral_screens(
    workspace: SqlCipherWorkspace,
    outdir: Path,
    suffix: str,
    username: str = "amina",
    passphrase: str = ADMIN_PASSPHRASE,
) -> None:
    from desktop.views.main_window import MainWindow
    from desktop.views.referrals.feedback_dialog import RecordFeedbackDialog

    opened = workspace.sign_in(username, passphrase)
    try:
        dispute_id = referred_case(opened)
        window = MainWindow(opened)
        window.resize(*SCREEN)
        window.show()
        window.show_page("referrals")
        board = window.referrals_page
        assert board is not None
        settle(lambda: board.model.rowCount() > 0 and board.filters.made_by.count() > 1)
        save(window, outdir, f"referrals-board-{suffix}", full_screen=True)
        code = board.current_row().code if board.current_row() is not None else None
        dialog = RecordFeedbackDialog(opened, code, window)
        save(dialog, outdir, f"feedback-dialog-{suffix}")
        dialog.close()
        window.show_page("actors")
        actors = window.actors_page
        assert actors is not None
        settle(lambda: actors.table.model().rowCount() > 0)
        save(window, outdir, f"actors-{suffix}", full_screen=True)
        window.open_case(dispute_id)
        area = window.cases_area
        assert area is not None and area.case_screen is not None
        screen = area.case_screen
        screen.view.sections.setCurrentWidget(screen.referrals)
        settle(lambda: screen.view.is_loaded() and screen.referrals.model.rowCount() >= 4)
        save(window, outdir, f"case-referrals-{suffix}", full_screen=True)
        refer = screen.referrals.refer()
        settle(refer.is_loaded)
        save(refer, outdir, f"refer-dialog-{suffix}")
        refer.close()
    finally:
        close_all()
        opened.close()


def demo(folder: Path) -> SqlCipherWorkspace:
    """The demo committee the docs show: 2,000 synthetic cases (seed 3) with their referrals."""
    from keyring.backends.fail import Keyring

    from desktop.demo_command import make_demo
    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace

    make_demo(folder, DEMO_USER, DEMO_PASSPHRASE, DEMO_CASES, seed=3)
    return SqlCipherWorkspace(folder, secrets=DeviceSecretStore(Keyring()))  # type: ignore[no-untyped-call]


def main(argv: list[str]) -> int:
    import tempfile

    from desktop import i18n
    from desktop.views import appearance
    from tests.ui.screenshots import VARIANTS

    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["suluhu-screenshots"])
    assert isinstance(app, QApplication)
    i18n.install(app, "en")
    base_font = app.font()
    workspace = demo(Path(tempfile.mkdtemp()) / "demo")
    for suffix, scale, direction in VARIANTS:
        app.setFont(base_font)
        appearance.apply(app, text_scale=scale)
        app.setLayoutDirection(direction)
        referral_screens(workspace, outdir, suffix, DEMO_USER, DEMO_PASSPHRASE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
