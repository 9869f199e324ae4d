"""What the app and the CLI can do with a workspace folder, before and after sign-in.

The protocols here let views and the CLI use a workspace without importing storage; the one
implementation is storage.workspace, wired in by desktop.bootstrap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the sign-in window imports this module before its first paint
    from desktop.domain.model.committee import Committee
    from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters
    from desktop.domain.model.users import Actor, User
    from desktop.domain.ports import CaseLoader, Clock, ExportFileWriter, UnitOfWork
    from desktop.domain.services.hub_import import Decision, ImportOptions
    from desktop.domain.taxonomy import Taxonomy


class KeyringState(StrEnum):
    AVAILABLE = "available"  # the per-installation secret is in the OS keyring
    NO_BACKEND = "no_backend"  # no OS keyring (headless Linux): passphrases alone
    LOST = "lost"  # slots need the keyring secret but it is gone: use the recovery key


class WorkspaceError(Exception):
    """A workspace operation failed; ``str(error)`` is a message for the user, without secrets."""


class WorkspaceMissing(WorkspaceError):
    pass


class WorkspaceDamaged(WorkspaceError):
    pass


class WrongPassphrase(WorkspaceError):
    pass


class Throttled(WorkspaceError):
    def __init__(self, message: str, wait_seconds: float) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class Created:
    recovery_key: str  # shown once, printed on the recovery sheet
    signing_fingerprint: str = ""


class OpenWorkspace(Protocol):
    actor: Actor
    user: User  # the signed-in user's record, as it was at sign-in
    folder: Path
    clock: Clock
    taxonomy: Taxonomy

    def unit_of_work(self) -> UnitOfWork: ...
    def case_loader(self) -> CaseLoader:
        """Bulk writing of whole cases (demo data), bypassing the per-case use cases."""

    def committee(self) -> Committee: ...
    def export_writer(self, path: Path) -> ExportFileWriter:
        """A writer of one signed export file at ``path``, for export_period."""

    def change_passphrase(self, old: str, new: str) -> None: ...
    def add_user(self, user: User, passphrase: str) -> User: ...
    def remove_user(self, username: str) -> None: ...
    def reset_passphrase(self, username: str, new_passphrase: str) -> None: ...
    def new_recovery_key(self) -> str: ...
    def backup(self, to: Path | None = None) -> Path: ...
    def restore(self, backup: Path) -> None:
        """Verify ``backup``, then replace the database with it; the workspace closes."""

    def check(self) -> list[str]:
        """Problems found by the cipher, SQL and audit-chain checks; empty when all is well."""

    def close(self) -> None: ...


class Workspace(Protocol):
    folder: Path

    def exists(self) -> bool: ...
    def is_demo(self) -> bool:
        """Made by `suluhu demo`: synthetic people only, safe to fill with more."""

    def mark_demo(self) -> None: ...
    def committee_name(self) -> str:
        """The committee's name for the sign-in window ("" when unknown); no secret."""

    def keyring_state(self) -> KeyringState: ...
    def create(self, committee: Committee, admin: User, passphrase: str) -> Created: ...
    def sign_in(self, username: str, passphrase: str) -> OpenWorkspace: ...
    def recover(self, recovery_key: str, username: str, new_passphrase: str) -> OpenWorkspace: ...
    def check(self, username: str, passphrase: str) -> list[str]:
        """Like OpenWorkspace.check, but works on a database too damaged to sign in to."""

    def restore(self, username: str, passphrase: str, backup: Path) -> None:
        """Replace a (possibly damaged) database with a verified backup; administrators only."""


# -- the programme hub (docs/hub.md) ---------------------------------------------------------


class ImportStopped(WorkspaceError):
    """A batch of files stopped midway: ``done`` holds what happened to the files before the
    one that failed (committed), ``failed`` that file (``at``: its place in the batch); the
    rest were not read. ``kept``: False when the failure undid the whole batch (then ``done``
    is empty)."""

    def __init__(
        self,
        done: list[Any],
        failed: Path | None,
        cause: BaseException,
        *,
        kept: bool = True,
        at: int | None = None,
    ) -> None:
        reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else None
        if isinstance(cause, WorkspaceError):
            reason = str(cause)
        text = reason or str(cause.args[0] if cause.args else "") or type(cause).__name__
        full = any(word in text.lower() for word in ("full", "space", "disk i/o"))
        before = (
            "The files before it were imported"
            if kept
            else "Nothing of the files of this batch was imported"
        )
        advice = "free some disk space and import" if full else "import"
        super().__init__(
            f"The import stopped at {failed.name if failed else 'a file'}: "
            f"{reason or _short(text)}. {before}; {advice} the rest again (files already "
            "imported are recognised as duplicates)."
        )
        self.done = done
        self.failed = failed
        self.cause = cause
        self.kept = kept
        self.at = len(done) if at is None else at  # the failing file's place in the batch


def _short(text: str) -> str:
    """A database's error text without its statement and parameters (never any data)."""
    return text.split("\n")[0].split("[SQL:")[0].strip().removeprefix("(")[:120]


@dataclass(frozen=True)
class HubFileResult:
    """One file's import at the hub: the decision, and the committee pseudonym and key
    fingerprint the file carries when its signature could be checked ("" otherwise)."""

    path: Path
    decision: Decision
    committee: str = ""
    fingerprint: str = ""


@dataclass(frozen=True)
class HubCommittee:
    """A committee the hub knows, as its committees list shows it (anonymised)."""

    pseudonym: str
    fingerprint: str
    region: str = ""
    display_name: str = ""
    active: bool = True
    last_period: str = ""  # the latest period received ("2026-10"), "" when none


class HubWorkspace(Protocol):
    """An open programme hub, for the hub window; implemented by storage.hub.workspace.
    Every call does database work: call it through desktop.tasks.run_in_background."""

    folder: Path

    def import_file(self, path: Path, options: ImportOptions) -> HubFileResult:
        """Read, verify and import one file, wholly or not at all."""

    def import_files(self, paths: Sequence[Path], options: ImportOptions) -> list[HubFileResult]:
        """Several files, each wholly or not at all, committed together (one flush to disk);
        a failure midway keeps the files before it and raises."""

    def committees(self) -> list[HubCommittee]: ...

    def update_committee(
        self, pseudonym: str, display_name: str, region: str, active: bool
    ) -> None:
        """Name a committee, place it in a region, or mark it (in)active (raises HubError with
        a message when the name or region is too long or the committee unknown)."""

    def dashboard(self, filters: DashboardFilters) -> Dashboard:
        """The dashboard (and programme report) data for ``filters``, disclosure-controlled."""

    backs_up: bool  # False for a hub on a PostgreSQL server: its administrator backs it up

    def backup(self, to: Path | None = None) -> Path:
        """A verified encrypted backup with the hub's key file beside it, in the hub's backups
        folder (the newest 10 kept) or in ``to``; returns its path (raises WorkspaceError with
        a one-line message)."""

    def close(self) -> None: ...


class HubHome(Protocol):
    """A hub folder before it is opened (the app's data folder's ``hub``), for the first-run
    wizard and the app's start; implemented by storage.hub.workspace.HubHomeFolder.
    ``create`` and ``open`` derive keys (a second or two): call them in the background."""

    folder: Path

    def exists(self) -> bool: ...
    def create(self, passphrase: str) -> str:
        """Make the hub; return its recovery key (shown once). Raises WorkspaceError."""

    def open(self, passphrase: str) -> HubWorkspace:
        """Unlock the hub (raises WorkspaceError, e.g. for a wrong passphrase)."""
