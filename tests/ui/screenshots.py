"""Render the views to PNG for review: ``python -m tests.ui.screenshots OUTDIR``.

Each screen is drawn three times: at normal size, at 150 % text scale, and right-to-left.
Windows are 1366x768 (the target laptop's screen); dialogs and the wizard keep their own size.
The casebook screens run over a real workspace filled with synthetic demo cases
(desktop.demo_command.fill, 300 cases, seed 3); the agreement PDF's first page is rendered with
pdftoppm when it is installed.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from PySide6.QtCore import QCoreApplication, QEvent, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop import tasks  # noqa: E402
from desktop.views import appearance  # noqa: E402
from tests.ui.fakes import ADMIN_PASSPHRASE, FakeWorkspace, created_workspace  # noqa: E402

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow
    from desktop.workspace import OpenWorkspace
    from storage.workspace import SqlCipherWorkspace

DEMO_CASES = 300
DEMO_SEED = 3

SCREEN = (1366, 768)
VARIANTS = (
    ("normal", 1.0, Qt.LayoutDirection.LeftToRight),
    ("large", 1.5, Qt.LayoutDirection.LeftToRight),
    ("rtl", 1.0, Qt.LayoutDirection.RightToLeft),
)


def settle(until: Callable[[], bool] = lambda: True, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        tasks.wait_for_all(1000)
        QApplication.processEvents()
        if until() or time.monotonic() > deadline:
            break
    QApplication.processEvents()


def save(widget: QWidget, outdir: Path, name: str, *, full_screen: bool = False) -> Path:
    if full_screen:
        widget.resize(*SCREEN)
    widget.show()
    settle()
    path = outdir / f"{name}.png"
    widget.grab().save(str(path))
    return path


def close_all() -> None:
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def wizard_screens(outdir: Path, suffix: str) -> None:
    from desktop.views.wizard.setup_wizard import PageId, SetupWizard

    workspace = FakeWorkspace(Path(tempfile.mkdtemp()) / "ws")
    wizard = SetupWizard(workspace)
    save(wizard, outdir, f"wizard-1-welcome-{suffix}")
    wizard.next()
    wizard.committee_page.name_edit.setText("Kibera Peace Committee")
    wizard.committee_page.area_edit.setText("Nairobi, Kibera")
    save(wizard, outdir, f"wizard-2-committee-{suffix}")
    wizard.next()
    admin = wizard.administrator_page
    admin.display_name_edit.setText("Amina Otieno")
    admin.passphrase.passphrase_edit.setText("mango river lamp")
    save(wizard, outdir, f"wizard-3-administrator-weak-{suffix}")
    admin.passphrase.passphrase_edit.setText(ADMIN_PASSPHRASE)
    admin.passphrase.repeat_edit.setText(ADMIN_PASSPHRASE)
    save(wizard, outdir, f"wizard-3-administrator-{suffix}")
    wizard.next()
    settle(lambda: wizard.currentId() == PageId.RECOVERY_KEY)
    save(wizard, outdir, f"wizard-5-recovery-key-{suffix}")
    wizard.recovery_page.panel.confirm_box.setChecked(True)
    wizard.accept()
    close_all()

    workspace = FakeWorkspace(Path(tempfile.mkdtemp()) / "ws")
    from desktop.workspace import KeyringState

    workspace.keyring = KeyringState.NO_BACKEND
    wizard = SetupWizard(workspace)
    wizard.show()
    wizard.next()
    wizard.committee_page.name_edit.setText("Kamati ya Amani Kondoa")
    wizard.committee_page.area_edit.setText("Dodoma, Kondoa")
    wizard.next()
    admin = wizard.administrator_page
    admin.display_name_edit.setText("Juma Hassan")
    admin.passphrase.passphrase_edit.setText(ADMIN_PASSPHRASE)
    admin.passphrase.repeat_edit.setText(ADMIN_PASSPHRASE)
    wizard.next()
    settle(lambda: wizard.currentId() == PageId.RECOVERY_KEY)
    save(wizard, outdir, f"wizard-5-recovery-key-no-keyring-{suffix}")
    wizard.recovery_page.panel.confirm_box.setChecked(True)
    wizard.accept()
    close_all()


def sign_in_screens(outdir: Path, suffix: str) -> None:
    from desktop.views.signin.recovery_dialog import RecoveryDialog
    from desktop.views.signin.sign_in_window import SignInWindow

    workspace = created_workspace(Path(tempfile.mkdtemp()) / "ws")
    window = SignInWindow(workspace, username="amina")
    save(window, outdir, f"signin-{suffix}", full_screen=True)
    window.passphrase_edit.setText("wrong")
    window.submit()
    settle(lambda: window.message.isVisible())
    save(window, outdir, f"signin-error-{suffix}", full_screen=True)
    workspace.throttle_seconds = 30
    window.submit()
    settle(lambda: window.countdown.isActive())
    save(window, outdir, f"signin-throttled-{suffix}", full_screen=True)
    window.countdown.stop()
    dialog = RecoveryDialog(workspace, username="amina", parent=window)
    save(dialog, outdir, f"signin-recovery-dialog-{suffix}")
    close_all()


def main_window_screens(outdir: Path, suffix: str) -> None:
    from desktop.views.main_window import MainWindow
    from desktop.views.users.add_user_dialog import AddUserDialog
    from desktop.views.users.new_recovery_key_dialog import NewRecoveryKeyDialog
    from tests.ui.real import real_workspace

    # the main window's pages (home agenda, case list) need a real workspace
    workspace = real_workspace(Path(tempfile.mkdtemp()) / "ws")
    opened = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    window = MainWindow(opened)
    save(window, outdir, f"main-home-{suffix}", full_screen=True)
    window.show_page("users")
    assert window.users_page is not None
    window.users_page.table.selectRow(1)
    save(window, outdir, f"main-users-{suffix}", full_screen=True)
    window.show_page("settings")
    save(window, outdir, f"main-settings-{suffix}", full_screen=True)
    dialog = AddUserDialog(opened, window)
    dialog.display_name_edit.setText("Chausiku Njeri")
    dialog.username_edit.setText("chausiku")
    save(dialog, outdir, f"users-add-dialog-{suffix}")
    dialog.close()
    key = opened.new_recovery_key()
    recovery = NewRecoveryKeyDialog("Kibera Peace Committee", key, parent=window)
    save(recovery, outdir, f"users-new-recovery-key-{suffix}")
    close_all()
    opened.close()


def demo_workspace() -> SqlCipherWorkspace:
    """A real workspace (cheap KDF) with the demo's synthetic members, actors and cases."""
    from desktop.demo_command import fill
    from tests.ui.real import real_workspace

    workspace = real_workspace(Path(tempfile.mkdtemp()) / "ws")
    opened = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    try:
        fill(opened, ADMIN_PASSPHRASE, DEMO_CASES, seed=DEMO_SEED)
    finally:
        opened.close()
    return workspace


def full_case(opened: OpenWorkspace) -> int:
    """A case that is not restricted, with two or more hearings and an agreement (the one
    with the most hearings and follow-ups among the first that qualify)."""
    from desktop.domain.model.case_list import CaseFilter
    from desktop.domain.model.dispute import Status
    from desktop.domain.services import case_list, hearings

    w = opened
    statuses = frozenset({Status.FOLLOW_UP, Status.AGREEMENT, Status.CLOSED})
    rows = case_list.list_cases(
        w.unit_of_work(), w.actor, w.clock, CaseFilter(statuses=statuses, restricted=False)
    )
    best: tuple[int, int] | None = None
    for row in rows[:60]:
        found = hearings.get_proceedings(w.unit_of_work(), w.actor, w.clock, row.id)
        if len(found.hearings) >= 2 and found.agreements:
            score = len(found.hearings) + len(found.follow_ups)
            if best is None or score > best[0]:
                best = (score, row.id)
    if best is None:
        raise SystemExit("the demo workspace has no case with hearings and an agreement")
    return best[1]


def casebook_screens(workspace: SqlCipherWorkspace, outdir: Path, suffix: str) -> None:
    from desktop.views.main_window import MainWindow

    opened = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    try:
        window = MainWindow(opened)
        window.resize(*SCREEN)
        window.show()
        home = window.home_page
        assert home is not None
        settle(lambda: home.agenda is not None)
        save(window, outdir, f"casebook-home-{suffix}", full_screen=True)
        window.show_page("cases")
        area = window.cases_area
        assert area is not None
        settle(lambda: area.list_page.model.rowCount() > 0)
        save(window, outdir, f"casebook-list-{suffix}", full_screen=True)
        register_dialog_screen(window, outdir, suffix)
        case_screens(window, full_case(opened), outdir, suffix)
    finally:
        close_all()
        opened.close()


def register_dialog_screen(window: MainWindow, outdir: Path, suffix: str) -> None:
    from desktop.domain.model.dispute import Sex
    from desktop.views.cases.register_dialog import RegisterDialog

    area = window.cases_area
    assert area is not None
    area.new_case()
    dialog = area.findChild(RegisterDialog)
    assert isinstance(dialog, RegisterDialog)
    settle(dialog.is_loaded)
    box = dialog.fields.category_box
    box.setCurrentIndex(box.findData("land_boundary"))
    dialog.fields.description_edit.setPlainText("The fence between the two plots was moved.")
    first, second = dialog.parties.rows
    first.name_edit.setText("Grace Achieng")
    first.sex_box.setCurrentIndex(first.sex_box.findData(Sex.FEMALE.value))
    first.age_edit.setText("41")
    first.phone_edit.setText("+254722000111")
    second.name_edit.setText("Peter Kiprono")
    save(dialog, outdir, f"casebook-register-dialog-{suffix}")
    dialog.saver.stop()
    dialog.done(0)  # not reject(): that would ask about the unsaved form
    dialog.deleteLater()


def case_screens(window: MainWindow, dispute_id: int, outdir: Path, suffix: str) -> None:
    area = window.cases_area
    assert area is not None
    area.open_case(dispute_id)
    screen = area.case_screen
    assert screen is not None

    def ready() -> bool:
        return (
            screen.view.is_loaded()
            and screen.hearings.case is not None
            and screen.agreement.case is not None
            and screen.timeline.model.rowCount() > 0
        )

    settle(ready)
    for name, section in (
        ("hearings", screen.hearings),
        ("agreement", screen.agreement),
        ("timeline", screen.timeline),
    ):
        screen.view.sections.setCurrentWidget(section)
        save(window, outdir, f"casebook-case-{name}-{suffix}", full_screen=True)
    if suffix == VARIANTS[0][0]:
        agreement_pdf_page(screen.agreement, outdir)


def agreement_pdf_page(section: object, outdir: Path) -> None:
    """The agreement as printed, its first page as a PNG (needs pdftoppm)."""
    from desktop.views.cases.agreement_section import AgreementSection

    assert isinstance(section, AgreementSection)
    pdf = Path(tempfile.mkdtemp()) / "agreement.pdf"
    done: list[Path] = []
    section.printed.connect(done.append)
    section.print_to(pdf)
    settle(lambda: bool(done))
    if not done or shutil.which("pdftoppm") is None:
        print("agreement PDF page skipped (no PDF or no pdftoppm)", file=sys.stderr)
        return
    target = outdir / "casebook-agreement-pdf-page-1"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(target),
        ],
        check=True,
    )
    pdf.unlink()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["suluhu-screenshots"])
    assert isinstance(app, QApplication)
    from desktop import i18n

    i18n.install(app, "en")  # as the app does: English plurals ("1 day", "2 days")
    base_font = app.font()
    demo = demo_workspace()
    for suffix, scale, direction in VARIANTS:
        app.setFont(base_font)
        appearance.apply(app, text_scale=scale)
        app.setLayoutDirection(direction)
        wizard_screens(outdir, suffix)
        sign_in_screens(outdir, suffix)
        main_window_screens(outdir, suffix)
        casebook_screens(demo, outdir, suffix)
        from tests.ui.referral_screenshots import referral_screens

        referral_screens(demo, outdir, suffix)
        from tests.ui.hub_screenshots import hub_screens

        hub_screens(outdir, suffix)
    print(f"{len(list(outdir.glob('*.png')))} screenshots in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
