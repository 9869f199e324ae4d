"""The export log, the signing key and an export file writer, in memory (for FakeUnitOfWork)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.domain.model.export_log import ExportLogEntry, ExportManifest
from desktop.domain.model.export_tables import ExportTables

if TYPE_CHECKING:
    from tests.unit.fakes import FakeUnitOfWork, State


class FakeSigningKeyStore:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> State:
        return self._uow.working()

    def _key(self) -> Ed25519PrivateKey:
        if self._s.signing_key is None:
            self._s.signing_key = Ed25519PrivateKey.generate().private_bytes_raw()
        return Ed25519PrivateKey.from_private_bytes(self._s.signing_key)

    def public_key(self) -> bytes:
        return self._key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, data: bytes) -> bytes:
        return self._key().sign(data)


class FakeExportLogRepository:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    def add(self, entry: ExportLogEntry) -> int:
        state = self._uow.working()
        entry_id = state.new_id()
        state.export_log.append(dataclasses.replace(entry, id=entry_id))
        return entry_id

    def all(self) -> list[ExportLogEntry]:
        return list(self._uow.working().export_log)


class FakeExportWriter:
    """Keeps what it was asked to write; ``fail_at`` makes one step raise OSError."""

    def __init__(self, fail_at: str = "") -> None:
        self.fail_at = fail_at
        self.staged: bytes | None = None
        self.published: bytes | None = None
        self.discarded = False
        self.manifest: ExportManifest | None = None
        self.tables: ExportTables | None = None
        self.public_key = b""
        self.signature = b""

    def stage(
        self,
        manifest: ExportManifest,
        tables: ExportTables,
        public_key: bytes,
        sign: Callable[[bytes], bytes],
    ) -> str:
        if self.fail_at == "stage":
            raise OSError(28, "No space left on device")
        body = repr((manifest, tables)).encode()
        self.manifest, self.tables, self.public_key = manifest, tables, public_key
        self.signature = sign(body)
        self.staged = body
        return hashlib.sha256(body).hexdigest()

    def publish(self) -> None:
        if self.fail_at == "publish":
            raise OSError(5, "Input/output error")
        self.published, self.staged = self.staged, None

    def discard(self) -> None:
        self.discarded = True
        self.staged = self.published = None
