"""Settings shows the export-signing key's fingerprint (read in the background, read-only), the
same the recovery sheet and `suluhu key` show, to every role."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.model.users import Role, User
from desktop.domain.services.export_log import export_key
from desktop.views.settings.settings_page import SettingsPage
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

pytest.importorskip("sqlcipher3")


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PROGRAMME_OFFICER])
def test_settings_show_the_fingerprint(qtbot: QtBot, tmp_path: Path, role: Role) -> None:
    workspace, _ = create_workspace(tmp_path / "ws")
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    expected = export_key(admin.unit_of_work(), admin.actor).fingerprint
    admin.add_user(User("grace", "Grace Officer", Role.PROGRAMME_OFFICER), "red cow on the hill")
    admin.close()
    opened = (
        workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
        if role is Role.ADMINISTRATOR
        else workspace.sign_in("grace", "red cow on the hill")
    )
    try:
        page = SettingsPage(opened, 5)
        qtbot.addWidget(page)
        label = page.signing_key
        qtbot.waitUntil(lambda: label.text().replace("\n", " ") == expected, timeout=10_000)
        assert label.text().count("\n") == 1  # two lines of eight groups
    finally:
        opened.close()
