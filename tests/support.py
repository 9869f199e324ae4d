"""Helpers shared by tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from storage.keys import KdfParams

if TYPE_CHECKING:
    import pytest

    from desktop.domain.model.dispute import Dispute
    from desktop.workspace import OpenWorkspace
    from storage.workspace import SqlCipherWorkspace

CHEAP_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend (priority 1) for tests."""

    priority: float = 1
    viable = False  # never picked by keyring's own backend discovery in other tests

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def with_keyring(monkeypatch: pytest.MonkeyPatch, backend: object) -> None:
    """The keyring library answers with ``backend`` (never the OS's) until the test ends."""
    import keyring

    keyring.get_keyring()  # the library's own choice is made first, and restored after
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)


# -- real workspaces for integration and security tests ---------------------------------------
# (heavy modules are imported inside the helpers: other tests import this file too)

ADMIN = "admin"
ADMIN_PASSPHRASE = "river-stone-mango-lantern"
COMMITTEE_CODE = "KBR"


def fail_keyring() -> KeyringBackend:
    """keyring's fail backend: the workspace runs on passphrases alone (NO_BACKEND)."""
    from keyring.backends.fail import Keyring

    return Keyring()  # type: ignore[no-untyped-call]


def make_workspace(folder: Path, backend: KeyringBackend | None = None) -> SqlCipherWorkspace:
    """A SqlCipherWorkspace on ``folder`` with the cheap KDF and ``backend`` (default: the fail
    keyring, so that copies of the folder open anywhere)."""
    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace

    store = DeviceSecretStore(backend if backend is not None else fail_keyring())
    return SqlCipherWorkspace(folder, secrets=store, kdf=CHEAP_KDF)


def create_workspace(
    folder: Path, backend: KeyringBackend | None = None
) -> tuple[SqlCipherWorkspace, str]:
    """A new workspace with the administrator ADMIN / ADMIN_PASSPHRASE; returns it and the
    recovery key."""
    from desktop.domain.model.committee import Committee
    from desktop.domain.model.users import Role, User

    workspace = make_workspace(folder, backend)
    created = workspace.create(
        Committee("Test Peace Committee", COMMITTEE_CODE, "Testland > Test Ward"),
        User(ADMIN, "Test Administrator", Role.ADMINISTRATOR),
        ADMIN_PASSPHRASE,
    )
    return workspace, created.recovery_key


def register_case(
    opened: OpenWorkspace,
    *,
    name: str = "Test Complainant",
    phone: str = "",
    village: str = "",
    description: str = "",
    category: str = "debt",
    restricted: bool | None = None,
    respondent: str = "",
) -> Dispute:
    """Register one case (walk-in, received 2026-01-05) through the use case."""
    from datetime import date

    from desktop.domain.model.dispute import Channel, Party, PartyRole
    from desktop.domain.services.disputes import RegisterDispute, register_dispute

    parties = [Party(PartyRole.COMPLAINANT, name, phone=phone, village=village)]
    if respondent:
        parties.append(Party(PartyRole.RESPONDENT, respondent))
    command = RegisterDispute(
        received_on=date(2026, 1, 5),
        channel=Channel.WALK_IN,
        category=category,
        description=description,
        restricted=restricted,
        parties=tuple(parties),
    )
    return register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command
    )


def case_numbers(opened: OpenWorkspace) -> set[str]:
    """Every case number in the database (restricted ones included), read with a plain select."""
    from sqlalchemy import select

    from storage import tables

    uow = opened.unit_of_work()
    with uow:
        connection = uow.connection  # type: ignore[attr-defined]
        return {row[0] for row in connection.execute(select(tables.disputes.c.number))}


def usernames(opened: OpenWorkspace) -> dict[str, tuple[bool, bool]]:
    """username -> (active, must_change_passphrase) for every user row."""
    with opened.unit_of_work() as uow:
        return {u.username: (u.active, u.must_change_passphrase) for u in uow.users.all()}


def audit_count(opened: OpenWorkspace) -> int:
    with opened.unit_of_work() as uow:
        return len(uow.audit.all())


def file_digests(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under ``folder``."""
    import hashlib

    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def find_planted(roots: Iterable[Path], needles: Iterable[str]) -> list[str]:
    """ "<file>: <needle> (<encoding>)" for every needle found in any file under ``roots``, in
    UTF-8, UTF-16-LE or UTF-16-BE, as written and casefolded."""
    patterns: list[tuple[bytes, str, str]] = []
    for needle in needles:
        for text in dict.fromkeys((needle, needle.casefold(), needle.upper())):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                patterns.append((text.encode(encoding), needle, encoding))
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            for pattern, needle, encoding in patterns:
                if pattern in data:
                    found.append(f"{path}: {needle!r} ({encoding})")
    return found
