"""The hub as the hub window sees it (desktop.workspace.HubWorkspace): an adapter over
:class:`HubStore` that also tells which committee and key a file carries, so that the window
can ask the officer to confirm a new or changed key."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.model.export_tables import Period
from desktop.domain.model.hub import IncomingExport
from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters
from desktop.domain.services.hub_import import Decision, ImportOptions, Refused
from desktop.workspace import HubCommittee, HubFileResult, ImportStopped
from storage.hub import backend
from storage.hub.backend import HubError
from storage.hub.reader import read_export
from storage.hub.store import HubFolder, HubStore


class HubSession:
    """An open hub folder (implements desktop.workspace.HubWorkspace)."""

    def __init__(self, folder: Path, store: HubStore, database_key: bytes | None = None) -> None:
        self.folder = folder
        self.store = store
        self._database_key = database_key  # a SQLite hub's, for its backups
        self.backs_up = database_key is not None  # False: on a server (its administrator's)

    def backup(self, to: Path | None = None) -> Path:
        """A verified backup of the hub (storage/hub/backup.py); HubError on a server."""
        from storage.hub.backup import backup_hub, refuse_server

        if self._database_key is None:
            refuse_server(self.folder)
            raise HubError("This hub was opened without its key; open it again to back it up.")
        return backup_hub(self.folder, self._database_key, to)

    def import_file(self, path: Path, options: ImportOptions) -> HubFileResult:
        incoming = read_export(path)
        if isinstance(incoming, Refused):
            return HubFileResult(path, incoming)
        decision = self.store.import_verified(incoming, options)
        return HubFileResult(path, decision, incoming.manifest.committee, incoming.fingerprint)

    def import_files(self, paths: Sequence[Path], options: ImportOptions) -> list[HubFileResult]:
        """Several files in one transaction (HubStore.import_many): one flush to disk."""
        read = [read_export(path) for path in paths]
        try:
            decisions = self.store.import_many(read, options)
        except ImportStopped as stopped:
            done = stopped.done
            raise ImportStopped(
                self._results(paths, read, done),
                paths[stopped.at],
                stopped.cause,
                kept=stopped.kept,
                at=stopped.at,
            ) from stopped.cause
        return self._results(paths, read, decisions)

    @staticmethod
    def _results(
        paths: Sequence[Path], read: list[IncomingExport | Refused], decisions: list[Decision]
    ) -> list[HubFileResult]:
        return [
            HubFileResult(path, decision)
            if isinstance(incoming, Refused)
            else HubFileResult(path, decision, incoming.manifest.committee, incoming.fingerprint)
            for path, incoming, decision in zip(paths, read, decisions, strict=False)
        ]

    def committees(self) -> list[HubCommittee]:
        latest: dict[str, Period] = {}
        for export in self.store.exports():  # the period ending last (a month or a quarter)
            known = latest.get(export.committee)
            if known is None or export.period.last > known.last:
                latest[export.committee] = export.period
        return [
            HubCommittee(
                c.pseudonym,
                c.fingerprint,
                c.region,
                c.display_name,
                c.active,
                latest[c.pseudonym].label if c.pseudonym in latest else "",
            )
            for c in self.store.committees()
        ]

    def update_committee(
        self, pseudonym: str, display_name: str, region: str, active: bool
    ) -> None:
        self.store.update_committee(pseudonym, display_name, region, active)

    def dashboard(self, filters: DashboardFilters) -> Dashboard:
        return self.store.dashboard(filters)

    def close(self) -> None:
        self._database_key = None
        self.store.close()


def open_hub(folder: Path, passphrase: str | None, kdf: object | None = None) -> HubSession:
    """Unlock the hub in ``folder`` (raises HubError, a WorkspaceError, with a message). On a
    PostgreSQL hub ``passphrase`` is the server's password; None: the system keyring's."""
    hub = HubFolder(folder, kdf)
    if hub.exists() and hub.backend_kind() == backend.SQLITE:  # keep the key for backups
        key = backend.sqlite_key(folder / backend.KEYS, passphrase)
        return HubSession(folder, hub.open_keyed(key), key)
    return HubSession(folder, hub.open(passphrase))


class HubHomeFolder:
    """A hub folder before it is opened (implements desktop.workspace.HubHome): what the
    first-run wizard creates and the app's start unlocks."""

    def __init__(self, folder: Path, kdf: object | None = None) -> None:
        self.folder = folder
        self._kdf = kdf

    def exists(self) -> bool:
        return HubFolder(self.folder, self._kdf).exists()

    def create(self, passphrase: str) -> str:
        return HubFolder(self.folder, self._kdf).create(passphrase)

    def open(self, passphrase: str) -> HubSession:
        return open_hub(self.folder, passphrase, self._kdf)
