"""A recovery sheet printed from the Users page after replacing the recovery key carries the
export-signing key's fingerprint, as the sheet printed at setup and by the CLI do."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.services.export_log import export_key
from desktop.views.users.new_recovery_key_dialog import NewRecoveryKeyDialog
from desktop.views.users.users_page import UsersPage
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

pytest.importorskip("sqlcipher3")


def test_the_new_sheet_carries_the_signing_fingerprint(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, old_key = create_workspace(tmp_path / "ws")
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        expected = export_key(opened.unit_of_work(), opened.actor).fingerprint
        page = UsersPage(opened)
        qtbot.addWidget(page)
        page.make_recovery_key()
        qtbot.waitUntil(lambda: page.findChild(NewRecoveryKeyDialog) is not None, timeout=10_000)
        dialog = page.findChild(NewRecoveryKeyDialog)
        assert isinstance(dialog, NewRecoveryKeyDialog)
        sheet = tmp_path / "sheet.pdf"
        with qtbot.waitSignal(dialog.panel.sheet_saved, timeout=10_000):
            dialog.panel.save_sheet_to(str(sheet))
        # the key and the fingerprint are wrapped over lines on the sheet: compare without spaces
        text = "".join("".join(p.extract_text() for p in PdfReader(sheet).pages).split())
        new_key = "".join(dialog.panel.key_view.text().split())
        assert new_key and new_key != old_key.replace("-", "")
        assert new_key in text
        assert "Export-signingkeyfingerprint" in text
        assert expected.replace(" ", "") in text
        dialog.panel.confirm_box.setChecked(True)
        dialog.accept()
    finally:
        tasks.wait_for_all()
        opened.close()
