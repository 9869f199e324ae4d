"""A committee workspace folder, before sign-in: create it, sign in, recover with the key.

The folder holds ``keys.json`` (key slots), ``suluhu.db`` (SQLCipher, with its -wal and -shm),
``signin.json`` (failed sign-in throttle), ``workspace.json`` (a random id and the committee's
display name, nothing else), ``backups/`` and ``logs/``. Heavy modules (SQLAlchemy, keyring,
cryptography) are imported by the methods that need them, off the GUI thread, so that the
sign-in window paints first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from desktop.domain.errors import ValidationError
from desktop.domain.model.committee import new_pseudonym
from desktop.workspace import (
    Created,
    KeyringState,
    Throttled,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceMissing,
    WrongPassphrase,
)
from storage.clock import SystemClock
from storage.files import ensure_private_dir, remove_quietly, write_private_atomic

if TYPE_CHECKING:  # the sign-in window creates this object before its first paint
    from desktop.domain.model.committee import Committee
    from desktop.domain.model.users import User
    from desktop.domain.ports import Clock
    from desktop.domain.taxonomy import Taxonomy
    from storage.keys import KdfParams, KeyFile, Keys
    from storage.open_workspace import SqlOpenWorkspace
    from storage.secrets import DeviceSecretStore
    from storage.throttle import Throttle

KEYS = "keys.json"
DATABASE = "suluhu.db"
SIGNIN = "signin.json"
INFO = "workspace.json"


class Unlocked(NamedTuple):
    keyfile: KeyFile
    keys: Keys
    device_secret: bytes | None
    throttle: Throttle
    throttle_key: str


class SqlCipherWorkspace:
    """The one implementation of desktop.workspace.Workspace."""

    def __init__(
        self,
        folder: Path,
        *,
        secrets: DeviceSecretStore | None = None,
        kdf: KdfParams | None = None,
        clock: Clock | None = None,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self.folder = folder
        self._secrets = secrets
        self._kdf = kdf
        self.clock: Clock = clock or SystemClock()
        self._taxonomy = taxonomy

    # -- paths and plain facts --------------------------------------------------------------

    @property
    def keys_path(self) -> Path:
        return self.folder / KEYS

    @property
    def db_path(self) -> Path:
        return self.folder / DATABASE

    def exists(self) -> bool:
        return self.keys_path.is_file()

    def committee_name(self) -> str:
        """The name shown on the sign-in window (kept outside the encrypted file)."""
        return str(self._info().get("committee", ""))

    def workspace_id(self) -> str:
        value = self._info().get("id")
        if not isinstance(value, str):
            raise WorkspaceDamaged(f"{self.folder / INFO} is missing or damaged.")
        return value

    def taxonomy(self) -> Taxonomy:
        if self._taxonomy is None:
            from desktop.domain.taxonomy import default_taxonomy_folder, load_taxonomy

            self._taxonomy = load_taxonomy(default_taxonomy_folder())
        return self._taxonomy

    def secrets(self) -> DeviceSecretStore:
        if self._secrets is None:
            from storage.secrets import DeviceSecretStore

            self._secrets = DeviceSecretStore()
        return self._secrets

    def keyring_state(self) -> KeyringState:
        if self.secrets().state() == "no_backend":
            return (
                KeyringState.LOST
                if self.exists() and self._keyfile().users_need_device_secret()
                else KeyringState.NO_BACKEND
            )
        from storage.secrets import KeyringNoAnswer

        try:
            if (
                self.exists()
                and self._keyfile().users_need_device_secret()
                and self.secrets().get(self.workspace_id()) is None
            ):
                return KeyringState.LOST
        except KeyringNoAnswer:
            return KeyringState.AVAILABLE  # sign-in will say that it did not answer
        return KeyringState.AVAILABLE

    # -- creating ---------------------------------------------------------------------------

    def create(self, committee: Committee, admin: User, passphrase: str) -> Created:
        from storage.keys import DEFAULT_KDF, KeyFile
        from storage.recovery import format_recovery_key

        self._check_new(committee, admin, passphrase)
        made_folder = not self.folder.exists()
        workspace_id = uuid.uuid4().hex
        device: bytes | None = None
        try:
            ensure_private_dir(self.folder)
            write_private_atomic(
                self.folder / INFO,
                json.dumps({"format": 1, "id": workspace_id, "committee": committee.name}).encode(),
            )
            device = self.secrets().create(workspace_id)
            keyfile, keys, raw = KeyFile.create(
                self.keys_path, admin.username, passphrase, device, self._kdf or DEFAULT_KDF
            )
            signing_fingerprint = self._first_database(keys, committee, admin)
        except BaseException as error:
            self._remove_half_made(made_folder, workspace_id if device else None)
            if isinstance(error, OSError):
                reason = error.strerror or type(error).__name__
                raise WorkspaceError(
                    f"The workspace could not be created in {self.folder} ({reason}). Choose "
                    "a folder you may write to; nothing was left behind."
                ) from None
            raise
        return Created(format_recovery_key(raw), signing_fingerprint)

    def _remove_half_made(self, made_folder: bool, workspace_id: str | None) -> None:
        for name in (KEYS, DATABASE, DATABASE + "-wal", DATABASE + "-shm", INFO):
            with contextlib.suppress(OSError):
                remove_quietly(self.folder / name)
        if workspace_id is not None:
            self.secrets().delete(workspace_id)
        if made_folder:
            with contextlib.suppress(OSError):
                self.folder.rmdir()  # only when empty

    def _check_new(self, committee: Committee, admin: User, passphrase: str) -> None:
        from desktop.domain import rules

        if self.exists() or self.db_path.exists():
            raise WorkspaceError(
                f"{self.folder} already holds a Suluhu workspace; it was left untouched."
            )
        if not committee.name.strip():
            raise ValidationError("committee", "Give the committee's name.")
        rules.validate_committee_code(committee.code)
        rules.validate_username(admin.username)
        problems = rules.passphrase_problems(passphrase, admin.username)
        if problems:
            raise ValidationError("passphrase", " ".join(problems))

    def _first_database(self, keys: Keys, committee: Committee, admin: User) -> str:
        """Make the database; return the fingerprint of its export-signing key (migration
        0007 makes the key), for the recovery sheet."""
        from desktop.domain.model.export_log import fingerprint
        from desktop.domain.model.users import Role
        from desktop.domain.services.audit import record
        from storage import schema
        from storage.engine import open_engine
        from storage.sealing import Sealer
        from storage.unit_of_work import SqlUnitOfWork

        engine = open_engine(self.db_path, keys.database_key, create=True)
        try:
            schema.upgrade(engine)
            taxonomy = self.taxonomy()
            if not committee.non_mediable:
                committee.non_mediable = taxonomy.non_mediable_defaults()
            if not committee.pseudonym:
                committee.pseudonym = new_pseudonym()
            admin.role = Role.ADMINISTRATOR
            admin.restricted_access = True
            with SqlUnitOfWork(engine, Sealer(keys.restricted_key)) as uow:
                uow.committee.save(committee)
                admin.id = uow.users.add(admin)
                record(uow, self.clock, admin.username, "create_workspace")
                public_key = uow.signing_key.public_key()
                uow.commit()
        finally:
            engine.dispose()
        return fingerprint(public_key)

    # -- signing in -------------------------------------------------------------------------

    def unlock(self, username: str, passphrase: str) -> Unlocked:
        """The keys behind ``username``'s slot, through the failed sign-in throttle; opens no
        database (so `check` and `restore` work on a damaged one)."""
        from storage import keys as keyslots
        from storage.throttle import FREE_FAILURES, delay_after

        keyfile = self._keyfile()
        throttle, tag = self._throttle(), self._throttle_key(username)
        wait = throttle.wait_seconds(tag)
        if wait > 0:
            raise Throttled(
                f"Too many wrong passphrases. Wait {_duration(wait)} before trying again.", wait
            )
        device = self._device_secret(keyfile)
        try:
            keys = keyfile.unlock(username, passphrase, device)
        except keyslots.WrongPassphrase:
            failures = throttle.failed(tag)
            if tag in self._needing_reset():
                raise WorkspaceError(
                    "This computer's password store was reset, so your passphrase no longer "
                    "opens the workspace. Ask the administrator to give you a new passphrase."
                ) from None
            left = max(0, FREE_FAILURES + 1 - failures)  # the (FREE_FAILURES + 1)th failure waits
            if left:
                hint = f" {left} more {'try' if left == 1 else 'tries'} before a waiting time."
            else:
                hint = f" Wait {_duration(delay_after(failures))} before trying again."
            raise WrongPassphrase(
                "The user name or passphrase is wrong. Check the keyboard language and Caps "
                "Lock." + hint
            ) from None
        except keyslots.DeviceSecretMissing as error:
            raise WorkspaceError(str(error)) from None
        return Unlocked(keyfile, keys, device, throttle, tag)

    def sign_in(self, username: str, passphrase: str) -> SqlOpenWorkspace:
        unlocked = self.unlock(username, passphrase)
        keyfile, keys, device, throttle, tag = unlocked
        from storage.open_workspace import SqlOpenWorkspace, damaged_error

        opened = SqlOpenWorkspace.open(self, keyfile, keys, username, device)
        try:
            opened.audit_sign_in(throttle.succeeded(tag), throttle.damage_found)
        except Exception as error:
            opened.close()
            damaged = damaged_error(error)
            if damaged is None:
                raise
            raise damaged from None
        return opened

    def recover(self, recovery_key: str, username: str, new_passphrase: str) -> SqlOpenWorkspace:
        """Open with the recovery sheet and give ``username`` (an administrator) a new
        passphrase; when the keyring secret was lost, a new one is made for this installation."""
        from storage import keys as keyslots
        from storage.recovery import RecoveryKeyInvalid, parse_recovery_key

        try:
            raw = parse_recovery_key(recovery_key)
        except RecoveryKeyInvalid as error:
            raise WorkspaceError(str(error)) from None
        from desktop.domain import rules

        problems = rules.passphrase_problems(new_passphrase, username)
        if problems:
            raise ValidationError("passphrase", " ".join(problems))
        keyfile = self._keyfile()
        try:
            keys = keyfile.unlock_recovery(raw)
        except keyslots.WrongRecoveryKey as error:
            raise WrongPassphrase(str(error)) from None
        # The keyring secret is lost when slots mix one and this installation has none: the
        # other members' slots cannot open until the administrator gives them new passphrases.
        device = self._device_secret(keyfile)
        lost = keyfile.users_need_device_secret() and device is None
        from storage.open_workspace import SqlOpenWorkspace

        # Only once the database confirms an administrator is a lost secret replaced.
        opened = SqlOpenWorkspace.open(self, keyfile, keys, username, device, recovering=True)
        try:
            if device is None:
                device = self.secrets().create(self.workspace_id())
            opened.enrol_after_recovery(new_passphrase, device)
            if lost:
                with opened.unit_of_work() as uow:
                    others = [u.username for u in uow.users.all() if u.active]
                others = [name for name in others if name.casefold() != username.casefold()]
                self.mark_needing_reset(others, True)
        except BaseException:
            opened.close()
            raise
        with contextlib.suppress(OSError):  # the throttle is a courtesy here
            self._throttle().succeeded(self._throttle_key(username))
        return opened

    def check(self, username: str, passphrase: str) -> list[str]:
        from storage.repair import check_workspace

        return check_workspace(self, username, passphrase)

    def restore(self, username: str, passphrase: str, backup: Path) -> None:
        from storage.repair import restore_workspace

        restore_workspace(self, username, passphrase, backup)

    # -- helpers ----------------------------------------------------------------------------

    def is_demo(self) -> bool:
        return self._info().get("demo") is True

    def mark_demo(self) -> None:
        info = self._info()
        info["demo"] = True
        write_private_atomic(self.folder / INFO, json.dumps(info).encode())

    def _needing_reset(self) -> set[str]:
        """Throttle keys of users whose slots still mix a lost keyring secret (set at recovery,
        cleared when the administrator gives them a new passphrase)."""
        value = self._info().get("needs_reset", [])
        return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()

    def mark_needing_reset(self, usernames: list[str], reset: bool) -> None:
        current = self._needing_reset()
        tags = {self._throttle_key(name) for name in usernames}
        changed = (current | tags) if reset else (current - tags)
        if changed == current:
            return
        info = self._info()
        info["needs_reset"] = sorted(changed)
        write_private_atomic(self.folder / INFO, json.dumps(info).encode())

    def _info(self) -> dict[str, object]:
        try:
            data = json.loads((self.folder / INFO).read_bytes())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _keyfile(self) -> KeyFile:
        from storage.keys import KeyFile, KeyFileDamaged, KeyFileMissing

        if not self.folder.is_dir():
            raise WorkspaceMissing(
                f"There is no workspace at {self.folder}. Check the folder, or create one."
            )
        try:
            return KeyFile.load(self.keys_path)
        except KeyFileMissing:
            raise WorkspaceMissing(
                f"There is no workspace at {self.folder}. Check the folder, or create one."
            ) from None
        except KeyFileDamaged as error:
            raise WorkspaceDamaged(
                f"{error} Restore the folder from a backup copy of the workspace."
            ) from None

    def _device_secret(self, keyfile: KeyFile) -> bytes | None:
        """The keyring secret for this workspace, or None when there is none."""
        from storage.secrets import KeyringNoAnswer

        try:
            return self.secrets().get(self.workspace_id())
        except KeyringNoAnswer as error:
            raise WorkspaceError(str(error)) from None

    def _throttle(self) -> Throttle:
        from storage.throttle import Throttle

        return Throttle(self.folder / SIGNIN)

    def _throttle_key(self, username: str) -> str:
        name = username.strip().casefold().encode()
        return hashlib.sha256(self.workspace_id().encode() + b"\0" + name).hexdigest()


def _duration(seconds: float) -> str:
    minutes, rest = divmod(int(seconds + 0.999), 60)
    if minutes == 0:
        return f"{rest} seconds"
    return f"{minutes} min {rest:02d} s"
