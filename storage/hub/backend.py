"""Where a hub's database lives (docs/hub.md): SQLCipher in the hub folder (the default), or a
PostgreSQL server named by a URL in ``hub.json``, with the same tables and migrations.

The server's password is never written to a file: it is kept in the OS keyring (service
``suluhu-hub``, user name = the URL without its password) or typed when the hub is opened. A URL
is only ever shown or stored without its password (:attr:`ServerUrl.text`); the password goes to
psycopg as a separate argument, so no SQLAlchemy URL, log line or message holds it."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy import Engine

from desktop.workspace import WorkspaceError

KEYS = "keys.json"
DATABASE = "hub.db"
INFO = "hub.json"
SLOT = "hub"  # the one passphrase slot's name
SQLITE: Literal["sqlite"] = "sqlite"
POSTGRESQL: Literal["postgresql"] = "postgresql"
Backend = Literal["sqlite", "postgresql"]
KEYRING_SERVICE = "suluhu-hub"
CONNECT_TIMEOUT = 10  # seconds: an unreachable server is reported, not waited on forever
_SCHEMES = ("postgresql", "postgresql+psycopg", "postgres")
# what a URL may say after "?": connection settings, never a secret (a password or a file of
# them would end up in hub.json and in the keyring's user name)
_PROTECTED = ("require", "verify-ca", "verify-full")  # sslmodes that never send in the clear
_QUERY_KEYS = frozenset(
    {"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "target_session_attrs",
     "application_name"}
)  # fmt: skip


class HubError(WorkspaceError):
    """The hub could not be created or opened (a one-line message, no data, no password)."""


@dataclass(frozen=True)
class ServerUrl:
    """A PostgreSQL URL without its password (``text`` is safe to show, store and log)."""

    url: sa.URL  # password-free, driver postgresql+psycopg

    @classmethod
    def parse(cls, text: str) -> tuple[ServerUrl, str | None]:
        """The URL without its password, and the password it held (None when none)."""
        try:
            url = sa.make_url(text.strip())
        except Exception:
            raise HubError(
                "That is not a database URL; write it as postgresql://USER@HOST:PORT/DATABASE."
            ) from None
        if url.drivername not in _SCHEMES:
            raise HubError(
                f"A hub's server URL starts with postgresql:// (not {url.drivername}://)."
            )
        if not url.host or not url.database or not url.username:
            raise HubError(
                "The server URL needs a user, a host and a database: "
                "postgresql://USER@HOST:PORT/DATABASE."
            )
        unknown = sorted(set(url.query) - _QUERY_KEYS)
        if unknown:  # e.g. ?password=..., ?passfile=...: never kept in hub.json or shown
            raise HubError(
                "The server URL may only carry these settings after '?': "
                f"{', '.join(sorted(_QUERY_KEYS))}; leave the password out and type it when "
                "asked. Nothing was created."
            )
        password = url.password if url.password else None
        # URL.set(password=None) would keep the password: replace the field itself
        bare = url._replace(password=None).set(drivername="postgresql+psycopg")
        return cls(bare), None if password is None else str(password)

    @property
    def text(self) -> str:
        """The URL as written in hub.json and used as the keyring's user name."""
        shown = self.url.set(drivername="postgresql")
        return shown.render_as_string(hide_password=False)  # it holds no password

    @property
    def local(self) -> bool:
        """The server is this computer (the connection never leaves it)."""
        return (self.url.host or "") in {"localhost", "127.0.0.1", "::1"}

    @property
    def where(self) -> str:
        """host:port/database, for messages."""
        port = f":{self.url.port}" if self.url.port else ""
        return f"{self.url.host}{port}/{self.url.database}"


# -- hub.json --------------------------------------------------------------------------------


def read_info(path: Path) -> dict[str, Any]:
    """hub.json's fields ({} when the file is missing or unreadable)."""
    try:
        info = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def backend_of(info: dict[str, Any]) -> Backend:
    return POSTGRESQL if info.get("backend") == POSTGRESQL else SQLITE


def server_info(server: ServerUrl) -> bytes:
    return json.dumps(
        {"format": 1, "kind": "hub", "backend": POSTGRESQL, "url": server.text}
    ).encode()


def server_of(info: dict[str, Any]) -> ServerUrl:
    url = info.get("url")
    if not isinstance(url, str):
        raise HubError("The hub's hub.json names no server URL; it is damaged.")
    server, password = ServerUrl.parse(url)
    if password is not None:
        raise HubError("The hub's hub.json holds a password; remove it from the URL there.")
    return server


# -- the keyring ------------------------------------------------------------------------------


def _keyring() -> Any:
    """The OS keyring, or None (no backend, or only a plaintext one: storage.secrets' rules)."""
    from storage.secrets import _acceptable, _default_backend

    return _acceptable(_default_backend())


def keyring_available() -> bool:
    return _keyring() is not None


def stored_password(server: ServerUrl) -> str | None:
    """The server's password from the OS keyring, or None (no keyring, none stored, no answer)."""
    backend = _keyring()
    if backend is None:
        return None
    try:
        found = backend.get_password(KEYRING_SERVICE, server.text)
    except Exception:
        return None
    return found if isinstance(found, str) and found else None


def store_password(server: ServerUrl, password: str) -> bool:
    """Keep the password in the OS keyring (read back to check); False when it cannot."""
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, server.text, password)
        return bool(backend.get_password(KEYRING_SERVICE, server.text) == password)
    except Exception:
        return False


def forget_password(server: ServerUrl) -> None:
    backend = _keyring()
    if backend is not None:
        with contextlib.suppress(Exception):
            backend.delete_password(KEYRING_SERVICE, server.text)


# -- the engine -------------------------------------------------------------------------------


def server_engine(server: ServerUrl, password: str | None) -> Engine:
    """An engine on the server, its first connection made (HubError with one line when it
    cannot be: unreachable, wrong password, no such database)."""
    args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "suluhu-hub"}
    if password is not None:
        args["password"] = password  # never part of the URL
    engine = sa.create_engine(server.url, connect_args=args, pool_pre_ping=True)
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as error:
        engine.dispose()
        raise HubError(_connect_problem(server, error)) from None
    return engine


def _connect_problem(server: ServerUrl, error: sa.exc.DBAPIError) -> str:
    """One sentence for a failed connection; psycopg's text is matched, never repeated."""
    text = str(error.orig).casefold()
    user = server.url.username
    if "authentication failed" in text:
        return f"The hub server's password for {user} is wrong ({server.where})."
    if "no password supplied" in text:
        return f"The hub server asks for {user}'s password; none was given ({server.where})."
    if "database" in text and "does not exist" in text:
        return (
            f"The database {server.url.database} does not exist on the hub server "
            f"{server.url.host}; ask its administrator to create it."
        )
    if "role" in text and "does not exist" in text:
        return f"The hub server has no user {user} ({server.where})."
    if "no pg_hba.conf entry" in text or "permission denied" in text:
        return f"The hub server does not let {user} connect to {server.where}."
    return (
        f"The hub server at {server.where} could not be reached; check that it is running, "
        "the address and port, and the network."
    )


# -- a hub on a server ------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerHub:
    """What ``suluhu hub init --url`` did: the URL as recorded, and where the password is."""

    url: str  # without a password
    password_in_keyring: bool
    already_held_a_hub: bool


def upgraded(engine: Engine) -> Engine:
    """``engine`` after the hub's migrations (HubError when its schema is newer than this app;
    the engine is disposed of when anything fails)."""
    from storage.hub import schema
    from storage.schema import SchemaTooNew

    try:
        schema.upgrade(engine)
    except SchemaTooNew as error:
        engine.dispose()
        raise HubError(str(error)) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def create_server_hub(folder: Path, url: str, password: str | None) -> ServerHub:
    """Point the hub folder at a PostgreSQL database and run the hub's migrations there.
    A password inside ``url`` goes to the keyring (refused when there is none), never to
    hub.json; ``password`` (typed) is used to connect and not kept."""
    from storage.files import ensure_private_dir, remove_quietly, write_private_atomic
    from storage.hub import schema

    info_file = folder / INFO
    server, inline = ServerUrl.parse(url)
    if not server.local and server.url.query.get("sslmode") not in _PROTECTED:
        raise HubError(
            f"{server.url.host} is another computer: protect the connection by adding "
            "?sslmode=require (or verify-full, with the server's certificate) to the URL. "
            "Nothing was created."
        )
    if inline is not None and not keyring_available():
        raise HubError(
            "This computer has no password store to keep the server's password in: leave the "
            "password out of the URL and type it when asked."
        )
    secret = inline if inline is not None else password
    if secret is None:
        secret = stored_password(server)
    engine = server_engine(server, secret)
    made = not folder.exists()
    try:
        held = schema.current_revision(engine) is not None
        upgraded(engine)
        ensure_private_dir(folder)
        write_private_atomic(info_file, server_info(server))
    except BaseException as error:
        with contextlib.suppress(OSError):
            remove_quietly(info_file)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise HubError(f"The hub could not be created in {folder} ({reason}).") from None
        raise
    finally:
        engine.dispose()
    kept = inline is not None and store_password(server, inline)
    return ServerHub(server.text, kept, held)


def open_server_engine(info: dict[str, Any], password: str | None) -> Engine:
    """The hub's server, connected and migrated: ``password`` when given, else the keyring's."""
    server = server_of(info)
    secret = password if password is not None else stored_password(server)
    return upgraded(server_engine(server, secret))


def needs_password(info: dict[str, Any]) -> bool:
    """Whether opening this hub needs a typed passphrase or password (not when the keyring
    holds the server's password)."""
    if backend_of(info) == SQLITE:
        return True
    return stored_password(server_of(info)) is None


# -- a hub in its folder (SQLCipher) ----------------------------------------------------------


def create_sqlite_hub(folder: Path, passphrase: str, kdf: object | None) -> str:
    """Make the folder's key slots and encrypted database; return the recovery key."""
    from desktop.domain import rules
    from storage.engine import open_engine
    from storage.files import ensure_private_dir, remove_quietly, write_private_atomic
    from storage.keys import DEFAULT_KDF, KdfParams, KeyFile
    from storage.recovery import format_recovery_key

    problems = rules.passphrase_problems(passphrase, SLOT)
    if problems:
        raise HubError(" ".join(problems))
    made = not folder.exists()
    try:
        ensure_private_dir(folder)
        marker = {"format": 1, "kind": "hub", "backend": SQLITE}
        write_private_atomic(folder / INFO, json.dumps(marker).encode())
        params = kdf if isinstance(kdf, KdfParams) else DEFAULT_KDF
        _, keys, raw = KeyFile.create(folder / KEYS, SLOT, passphrase, None, params)
        upgraded(open_engine(folder / DATABASE, keys.database_key, create=True)).dispose()
    except BaseException as error:
        for name in (KEYS, DATABASE, DATABASE + "-wal", DATABASE + "-shm", INFO):
            with contextlib.suppress(OSError):
                remove_quietly(folder / name)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise HubError(
                f"The hub could not be created in {folder} ({reason}); nothing was left behind."
            ) from None
        raise
    return format_recovery_key(raw)


def sqlite_key(keys_file: Path, passphrase: str | None) -> bytes:
    """The database key that ``keys_file`` (a hub's keys.json, or the copy beside a backup)
    holds, unwrapped with the hub's passphrase."""
    from storage import keys as keyslots

    if passphrase is None:
        raise HubError("The hub's passphrase is needed to open it.")
    try:
        keys = keyslots.KeyFile.load(keys_file).unlock(SLOT, passphrase, None)
    except keyslots.WrongPassphrase:
        raise HubError("The hub's passphrase is wrong.") from None
    except keyslots.KeyFileError as error:
        raise HubError(f"The hub's key file is damaged ({type(error).__name__}).") from None
    return keys.database_key


def open_sqlite_keyed(folder: Path, key: bytes) -> Engine:
    """The folder's database, opened with its database key and migrated."""
    from storage.engine import StorageError, open_engine

    try:
        engine = open_engine(folder / DATABASE, key)
    except StorageError as error:
        raise HubError(str(error)) from None
    from storage.hub.backup import backup_before_upgrade

    backup_before_upgrade(folder, key, engine)
    return upgraded(engine)


def recover_sqlite_hub(folder: Path, recovery_key: str, new_passphrase: str) -> None:
    """Open the hub's key slots with its recovery key and give the hub a new passphrase (the
    database key stays; nothing else changes). Checks the new passphrase first."""
    from desktop.domain import rules
    from storage import keys as keyslots
    from storage.recovery import RecoveryKeyInvalid, parse_recovery_key

    try:
        raw = parse_recovery_key(recovery_key)
    except RecoveryKeyInvalid as error:
        raise HubError(str(error)) from None
    problems = rules.passphrase_problems(new_passphrase, SLOT)
    if problems:
        raise HubError(" ".join(problems))
    try:
        keyfile = keyslots.KeyFile.load(folder / KEYS)
        keys = keyfile.unlock_recovery(raw)
        keyfile.set_passphrase(keys, SLOT, new_passphrase, None)
    except keyslots.WrongRecoveryKey:
        raise HubError(
            "This recovery key does not open this hub: it may belong to another hub or "
            "workspace. Nothing was changed."
        ) from None
    except keyslots.KeyFileError as error:
        raise HubError(f"The hub's key file is damaged ({type(error).__name__}).") from None
