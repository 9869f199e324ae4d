"""A real (SQLCipher, cheap KDF, no OS keyring) workspace shaped like the fakes' one: the
committee "Kibera Peace Committee", the administrator "amina" and the member "baraka"."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.model.committee import Committee
from desktop.domain.model.users import Role, User
from storage.workspace import SqlCipherWorkspace
from tests.support import make_workspace
from tests.ui.fakes import ADMIN_PASSPHRASE

MEMBER_PASSPHRASE = "blue goat under tree"


def real_workspace(folder: Path) -> SqlCipherWorkspace:
    workspace = make_workspace(folder)
    workspace.create(
        Committee("Kibera Peace Committee", "KBR", "Nairobi > Kibera"),
        User("amina", "Amina Otieno", Role.ADMINISTRATOR),
        ADMIN_PASSPHRASE,
    )
    opened = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    try:
        opened.add_user(User("baraka", "Baraka Mwangi", Role.MEMBER), MEMBER_PASSPHRASE)
    finally:
        opened.close()
    return workspace
