"""An honest in-memory stand-in for desktop.workspace's Workspace and OpenWorkspace protocols.

It keeps users, passphrases and the recovery key in memory and behaves as the real workspace
promises (wrong passphrase, throttling, must-change-passphrase, closing); it has no Qt in it.
Only the repositories the views use (users, committee, audit) and the signing key's public
half are in its unit of work.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.domain.model.audit import GENESIS, AuditEvent
from desktop.domain.model.committee import Committee
from desktop.domain.model.users import Actor, Role, User
from desktop.workspace import (
    Created,
    KeyringState,
    Throttled,
    WorkspaceDamaged,
    WorkspaceError,
    WrongPassphrase,
)


class FixedClock:
    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime(2026, 3, 14, 9, 30)

    def today(self) -> date:
        return self._now.date()

    def now(self) -> datetime:
        return self._now


def new_recovery_key() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(8))


@dataclass
class Store:
    """What the workspace folder would hold."""

    committee: Committee | None = None
    users: dict[int, User] = field(default_factory=dict)
    passphrases: dict[str, str] = field(default_factory=dict)
    recovery_key: str = ""
    audit: list[AuditEvent] = field(default_factory=list)
    next_id: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)

    def by_username(self, username: str) -> User | None:
        return next((u for u in self.users.values() if u.username == username), None)

    def add(self, user: User, passphrase: str) -> User:
        if self.by_username(user.username) is not None:
            raise ValidationError("username", "This username is already taken.")
        stored = replace(user, id=self.next_id)
        self.next_id += 1
        self.users[stored.id or 0] = stored
        self.passphrases[stored.username] = passphrase
        return replace(stored)


class FakeUserRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, user: User) -> int:
        return self._store.add(user, "").id or 0

    def update(self, user: User) -> None:
        assert user.id is not None
        self._store.users[user.id] = replace(user)

    def get(self, user_id: int) -> User | None:
        user = self._store.users.get(user_id)
        return replace(user) if user else None

    def by_username(self, username: str) -> User | None:
        user = self._store.by_username(username)
        return replace(user) if user else None

    def all(self) -> list[User]:
        return [replace(user) for user in self._store.users.values()]

    def remove(self, user_id: int) -> None:
        self._store.users.pop(user_id, None)


class FakeCommitteeRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> Committee:
        assert self._store.committee is not None
        return replace(self._store.committee)

    def save(self, committee: Committee) -> None:
        self._store.committee = replace(committee)


class FakeAuditRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def last_hash(self) -> str:
        return self._store.audit[-1].hash if self._store.audit else GENESIS

    def add(self, event: AuditEvent) -> None:
        self._store.audit.append(event)

    def all(self) -> list[AuditEvent]:
        return list(self._store.audit)


class FakeSigningKey:
    """The export-signing key as the views read it (its public half, for the fingerprint)."""

    PUBLIC_KEY = bytes(range(32))

    def public_key(self) -> bytes:
        return self.PUBLIC_KEY

    def sign(self, data: bytes) -> bytes:
        raise NotImplementedError("the fake workspace signs nothing")


class FakeUnitOfWork:
    def __init__(self, store: Store) -> None:
        self.users = FakeUserRepository(store)
        self.committee = FakeCommitteeRepository(store)
        self.audit = FakeAuditRepository(store)
        self.signing_key = FakeSigningKey()
        self.committed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def commit(self) -> None:
        self.committed = True

    def rollback(self) -> None:
        pass


class FakeOpenWorkspace:
    def __init__(self, folder: Path, store: Store, actor: Actor) -> None:
        self.folder = folder
        self.actor = actor
        self.user = store.users[actor.user_id]
        self.clock = FixedClock()
        self.closed = False
        self._store = store

    def _check_open(self) -> None:
        if self.closed:
            raise WorkspaceError("The workspace is closed.")

    def _require_admin(self) -> None:
        self._check_open()
        if self.actor.role != Role.ADMINISTRATOR:
            raise PermissionDenied("Only an administrator can do this.")

    def unit_of_work(self) -> FakeUnitOfWork:
        self._check_open()
        return FakeUnitOfWork(self._store)

    def committee(self) -> Committee:
        self._check_open()
        assert self._store.committee is not None
        return replace(self._store.committee)

    def change_passphrase(self, old: str, new: str) -> None:
        self._check_open()
        with self._store.lock:
            if self._store.passphrases.get(self.actor.username) != old:
                raise WrongPassphrase("The current passphrase is not right.")
            self._store.passphrases[self.actor.username] = new
            user = self._store.users[self.actor.user_id]
            user.must_change_passphrase = False

    def add_user(self, user: User, passphrase: str) -> User:
        self._require_admin()
        with self._store.lock:
            return self._store.add(user, passphrase)

    def remove_user(self, username: str) -> None:
        self._require_admin()
        if username == self.actor.username:
            raise ValidationError("username", "You cannot remove yourself.")
        with self._store.lock:
            user = self._store.by_username(username)
            if user is None or user.id is None:
                raise WorkspaceError("There is no such user.")
            del self._store.users[user.id]
            del self._store.passphrases[username]

    def reset_passphrase(self, username: str, new_passphrase: str) -> None:
        self._require_admin()
        with self._store.lock:
            user = self._store.by_username(username)
            if user is None:
                raise WorkspaceError("There is no such user.")
            self._store.passphrases[username] = new_passphrase
            user.must_change_passphrase = True

    def new_recovery_key(self) -> str:
        self._require_admin()
        self._store.recovery_key = new_recovery_key()
        return self._store.recovery_key

    def backup(self, to: Path) -> Path:
        self._check_open()
        return to

    def close(self) -> None:
        self.closed = True


class FakeWorkspace:
    """``gate``: when set, sign_in waits for it (to see the busy state). ``throttle_seconds``:
    the next sign-in raises Throttled. ``damaged``: sign-in raises WorkspaceDamaged."""

    def __init__(self, folder: Path, keyring: KeyringState = KeyringState.AVAILABLE) -> None:
        self.folder = folder
        self.keyring = keyring
        self.store = Store()
        self.gate: threading.Event | None = None
        self.throttle_seconds = 0.0
        self.damaged = False
        self.fail_create: Exception | None = None
        self.opened: list[FakeOpenWorkspace] = []

    def exists(self) -> bool:
        return self.store.committee is not None

    def keyring_state(self) -> KeyringState:
        return self.keyring

    def committee_name(self) -> str:
        return self.store.committee.name if self.store.committee else ""

    def create(self, committee: Committee, admin: User, passphrase: str) -> Created:
        if self.fail_create is not None:
            raise self.fail_create
        if self.exists():
            raise WorkspaceError("A workspace already exists in this folder.")
        self.store.committee = replace(committee)
        self.store.add(admin, passphrase)
        self.store.recovery_key = new_recovery_key()
        return Created(self.store.recovery_key, signing_fingerprint="SHA256:ab12 cd34 ef56")

    def sign_in(self, username: str, passphrase: str) -> FakeOpenWorkspace:
        if self.gate is not None:
            self.gate.wait(10)
        if self.damaged:
            raise WorkspaceDamaged("The workspace file is damaged.")
        if self.throttle_seconds:
            wait, self.throttle_seconds = self.throttle_seconds, 0.0
            raise Throttled("Too many tries.", wait)
        user = self.store.by_username(username)
        if user is None or self.store.passphrases.get(username) != passphrase:
            raise WrongPassphrase("The username or passphrase is not right.")
        return self._open(user)

    def recover(self, recovery_key: str, username: str, new_passphrase: str) -> FakeOpenWorkspace:
        def normal(key: str) -> str:
            return "".join(c for c in key.upper() if c.isalnum())

        user = self.store.by_username(username)
        if user is None or normal(recovery_key) != normal(self.store.recovery_key):
            raise WrongPassphrase("The recovery key or username is not right.")
        self.store.passphrases[username] = new_passphrase
        user.must_change_passphrase = False
        return self._open(user)

    def _open(self, user: User) -> FakeOpenWorkspace:
        opened = FakeOpenWorkspace(self.folder, self.store, Actor.of(user))
        self.opened.append(opened)
        return opened


ADMIN_PASSPHRASE = "river stone mango lamp"


def created_workspace(
    folder: Path, keyring: KeyringState = KeyringState.AVAILABLE
) -> FakeWorkspace:
    """A workspace with a committee, the administrator "amina" and the member "baraka"."""
    workspace = FakeWorkspace(folder, keyring)
    workspace.create(
        Committee("Kibera Peace Committee", "KBR", "Nairobi > Kibera"),
        User("amina", "Amina Otieno", Role.ADMINISTRATOR),
        ADMIN_PASSPHRASE,
    )
    workspace.store.add(User("baraka", "Baraka Mwangi", Role.MEMBER), "blue goat under tree")
    return workspace
