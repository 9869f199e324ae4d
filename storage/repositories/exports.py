"""The export-signing key and the export log (migration 0007)."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Row, insert, select

from desktop.domain.model.export_log import ExportLogEntry
from desktop.domain.model.export_tables import Period
from storage import tables as t
from storage.repositories._common import Repo, utcnow


class SqlSigningKeyStore(Repo):
    """The one key pair of the workspace. The private key is read for one signature and
    dropped; it is never returned, logged or written anywhere else."""

    def _private(self) -> Ed25519PrivateKey:
        raw = self._conn.scalar(select(t.signing_key.c.private_key).where(t.signing_key.c.id == 1))
        if raw is None:  # a database made without the migrations (metadata.create_all)
            key = Ed25519PrivateKey.generate()
            public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            self._conn.execute(
                insert(t.signing_key).values(
                    id=1,
                    private_key=key.private_bytes_raw(),
                    public_key=public,
                    created_at=utcnow(),
                )
            )
            return key
        return Ed25519PrivateKey.from_private_bytes(bytes(raw))

    def public_key(self) -> bytes:
        raw = self._conn.scalar(select(t.signing_key.c.public_key).where(t.signing_key.c.id == 1))
        if raw is None:
            return self._private().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return bytes(raw)

    def sign(self, data: bytes) -> bytes:
        return self._private().sign(data)


class SqlExportLogRepository(Repo):
    def add(self, entry: ExportLogEntry) -> int:
        result = self._conn.execute(
            insert(t.export_log).values(
                export_id=entry.export_id,
                period=entry.period.label,
                sequence=entry.sequence,
                username=entry.username,
                created_at=entry.created_at,
                file_sha256=entry.file_sha256,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def all(self) -> list[ExportLogEntry]:
        rows = self._conn.execute(select(t.export_log).order_by(t.export_log.c.id))
        return [_entry(row) for row in rows]


def _entry(row: Row[Any]) -> ExportLogEntry:
    return ExportLogEntry(
        export_id=row.export_id,
        period=Period.parse(row.period),
        sequence=row.sequence,
        username=row.username,
        created_at=row.created_at,
        file_sha256=row.file_sha256,
        id=row.id,
    )
