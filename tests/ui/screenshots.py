"""Render the views to PNG for review: ``python -m tests.ui.screenshots OUTDIR``.

Each screen is drawn three times: at normal size, at 150 % text scale, and right-to-left.
Windows are 1366x768 (the target laptop's screen); dialogs and the wizard keep their own size.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QCoreApplication, QEvent, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop import tasks  # noqa: E402
from desktop.views import appearance  # noqa: E402
from tests.ui.fakes import ADMIN_PASSPHRASE, FakeWorkspace, created_workspace  # noqa: E402

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

    workspace = created_workspace(Path(tempfile.mkdtemp()) / "ws")
    opened = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    window = MainWindow(opened)
    save(window, outdir, f"main-home-{suffix}", full_screen=True)
    window.show_page("cases")
    save(window, outdir, f"main-cases-placeholder-{suffix}", full_screen=True)
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


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["suluhu-screenshots"])
    assert isinstance(app, QApplication)
    base_font = app.font()
    for suffix, scale, direction in VARIANTS:
        app.setFont(base_font)
        appearance.apply(app, text_scale=scale)
        app.setLayoutDirection(direction)
        wizard_screens(outdir, suffix)
        sign_in_screens(outdir, suffix)
        main_window_screens(outdir, suffix)
    print(f"{len(list(outdir.glob('*.png')))} screenshots in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
