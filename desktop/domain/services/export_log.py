"""Saving a signed export of a period, and the export log (docs/exports.md,
docs/export-format.md).

``export_period`` builds the tables with the committee's own cadence and thresholds, gives the
export its id and sequence number, has the file written (staged, signed, fsynced) by the
``ExportFileWriter`` it is given, and records the export in the log and the audit trail, in one
transaction: the file is moved into place just before the commit, and removed again when the
commit fails, so there is never a file without its log entry, nor an entry without its file.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.errors import ValidationError
from desktop.domain.model.committee import new_pseudonym
from desktop.domain.model.export_log import ExportLogEntry, ExportManifest, SigningKeyInfo
from desktop.domain.model.export_tables import (
    Cadence,
    ExportRecord,
    ExportTables,
    Period,
    next_sequence,
)
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, ExportFileWriter, UnitOfWork
from desktop.domain.services import exports
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.disclosure import DisclosureRules
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy


@dataclass(frozen=True)
class ExportDone:
    """What an export wrote: its log entry, its manifest, the tables exactly as written, and the
    fingerprint of the key that signed it (to print, so the receiver can check it)."""

    entry: ExportLogEntry
    manifest: ExportManifest
    tables: ExportTables
    fingerprint: str


def _new_export_id() -> str:
    return str(uuid.uuid4())


def _records(log: list[ExportLogEntry]) -> list[ExportRecord]:
    return [ExportRecord(e.export_id, e.period, ((e.period, e.sequence),)) for e in log]


@use_case("export_period")
def export_period(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    period: Period,
    writer: ExportFileWriter,
    *,
    app_version: str,
    preview: ExportTables | None = None,
    progress: exports.Progress | None = None,
    new_id: Callable[[], str] = _new_export_id,
) -> ExportDone:
    """Export ``period`` into the file ``writer`` writes. A period is exported once it has
    ended, in the committee's cadence, under its thresholds. A period exported before gets the
    next sequence number: the new file replaces the earlier one. With ``preview`` (the tables
    the user looked at, from ``build_export_tables``), the export is refused when the cases
    changed since, so what is written is what was seen. ``progress(done, total)`` is called
    after each table; it may raise to cancel (nothing is written then)."""
    if period.last >= clock.today():
        raise ValidationError("period", "A period can be exported once it has ended.")
    with uow:
        committee = uow.committee.get()
        cadence = Cadence(committee.export_cadence)
        exports.check_cadence(period, cadence)
        rules = DisclosureRules(
            threshold=committee.export_threshold,
            sensitive_threshold=committee.export_sensitive_threshold,
        )
        tables = exports.tables_of_period(uow, period, taxonomy, rules, progress)
        if preview is not None and preview.tables != tables.tables:
            raise ValidationError(
                "period",
                "The cases changed since the preview was made. Look at the preview again "
                "before saving.",
            )
        if not committee.pseudonym:
            committee.pseudonym = new_pseudonym()
            uow.committee.save(committee)
        sequence = next_sequence(_records(uow.export_log.all()), period)
        manifest = ExportManifest(
            export_id=new_id(),
            committee=committee.pseudonym,
            period=period,
            sequence=sequence,
            cadence=cadence,
            threshold=rules.threshold,
            sensitive_threshold=rules.sensitive_threshold,
            app_version=app_version,
            created_on=clock.today(),
        )
        public_key = uow.signing_key.public_key()
        digest = writer.stage(manifest, tables, public_key, uow.signing_key.sign)
        try:
            entry = ExportLogEntry(
                manifest.export_id, period, sequence, actor.username, clock.now(), digest
            )
            entry_id = uow.export_log.add(entry)
            record(
                uow,
                clock,
                actor,
                "export",
                f"export:{entry_id}",
                detail_of(
                    period=period.label,
                    sequence=sequence,
                    export_id=manifest.export_id,
                    sha256=digest,
                ),
            )
            writer.publish()
            uow.commit()
        except BaseException:
            writer.discard()
            raise
    info = SigningKeyInfo(public_key)
    return ExportDone(
        ExportLogEntry(
            entry.export_id,
            entry.period,
            entry.sequence,
            entry.username,
            entry.created_at,
            entry.file_sha256,
            entry_id,
        ),
        manifest,
        tables,
        info.fingerprint,
    )


@use_case("list_exports")
def list_exports(uow: UnitOfWork, actor: Actor) -> list[ExportLogEntry]:
    """The export log, newest first."""
    with uow:
        log = uow.export_log.all()
    return sorted(log, key=lambda e: (e.created_at, e.id or 0), reverse=True)


@use_case("export_key")
def export_key(uow: UnitOfWork, actor: Actor) -> SigningKeyInfo:
    """The workspace's export-signing public key and its fingerprint (shown in Settings, on
    the recovery sheet and by ``suluhu key``, so the programme office can confirm it)."""
    with uow:
        public_key = uow.signing_key.public_key()
        uow.commit()  # a workspace without a key yet has just been given one
    return SigningKeyInfo(public_key)
