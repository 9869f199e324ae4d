"""The programme hub's import decision (docs/hub.md): a pure function from what the hub holds,
one verified export file and the importer's options to what happens to that file.

- **Imported**: a new export (and, on trust on first use, a new committee with its key).
- **Duplicate**: the very same file, or the same export again: nothing changes.
- **Superseded**: a higher sequence of a committee and period: it replaces the current one.
- **Refused**: with a :class:`RefusalCode` and one sentence; nothing changes.

Storage makes the file-level refusals (too large, not an export, unknown format, truncated,
tampered, malformed) with :func:`refused`; :func:`decide` makes the rest. A message names at
most a committee's pseudonym, a period, a sequence number and a key fingerprint: all of them
anonymous.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from desktop.domain.model.export_log import FORMAT_VERSION, normalise_fingerprint
from desktop.domain.model.export_tables import Period, PeriodKind
from desktop.domain.model.hub import (
    HubState,
    ImportedExport,
    IncomingExport,
    RegisteredCommittee,
)


class RefusalCode(StrEnum):
    TOO_LARGE = "too_large"
    NOT_AN_EXPORT = "not_an_export"
    UNKNOWN_FORMAT = "unknown_format"
    TRUNCATED = "truncated"
    TAMPERED = "tampered"
    MALFORMED = "malformed"  # signed, but its contents are not those of an export
    UNREADABLE = "unreadable"  # the file could not be read at all
    UNKNOWN_KEY = "unknown_key"
    KEY_CHANGED = "key_changed"
    INACTIVE_COMMITTEE = "inactive_committee"
    OLDER_SEQUENCE = "older_sequence"
    SEQUENCE_REUSED = "sequence_reused"
    EXPORT_ID_REUSED = "export_id_reused"
    OVERLAPPING_PERIOD = "overlapping_period"  # a quarter over months held, or the reverse


@dataclass(frozen=True)
class ImportOptions:
    """``accept_new_keys``: trust on first use for every committee not yet known (the CLI's
    --accept-new-keys). ``confirmed_keys``: (committee pseudonym, key fingerprint) pairs a
    person confirmed one by one (the GUI asks): a new committee's key, or a known committee's
    changed key. A key confirmed for one committee says nothing of another committee's files
    signed with it. A changed key is never accepted by ``accept_new_keys`` alone."""

    accept_new_keys: bool = False
    confirmed_keys: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def confirmed(self, pseudonym: str, fingerprint: str) -> bool:
        digits = normalise_fingerprint(fingerprint)
        return any(p == pseudonym and _digits(f) == digits for p, f in self.confirmed_keys)


def _digits(text: str) -> str:
    try:
        return normalise_fingerprint(text)
    except ValueError:
        return ""


@dataclass(frozen=True)
class Imported:
    export: ImportedExport
    new_committee: RegisteredCommittee | None = None  # registered now (trust on first use)
    new_key: str | None = None  # a known committee's key replaced, confirmed

    @property
    def message(self) -> str:
        text = f"imported {_what(self.export)}"
        if self.new_committee is not None:
            text += f"; new committee, key {self.new_committee.fingerprint} now trusted"
        if self.new_key is not None:
            text += f"; the committee's new key {self.new_key} is now trusted"
        return text


@dataclass(frozen=True)
class Superseded(Imported):
    replaced: int = 0  # the sequence it replaces

    @property
    def message(self) -> str:
        return super().message.replace("imported", f"replaced sequence {self.replaced} with", 1)


@dataclass(frozen=True)
class Duplicate:
    existing: ImportedExport

    @property
    def message(self) -> str:
        return f"duplicate: {_what(self.existing)} was already imported; nothing changed"


@dataclass(frozen=True)
class Refused:
    code: RefusalCode
    reason: str  # one sentence, no data beyond pseudonyms, periods and fingerprints

    @property
    def message(self) -> str:
        return f"refused: {self.reason}"


Decision = Imported | Duplicate | Refused  # Superseded is an Imported


def refused(code: RefusalCode, reason: str) -> Refused:
    return Refused(code, reason)


def _what(export: ImportedExport) -> str:
    return f"{export.committee} {export.period.label} sequence {export.sequence}"


def decide(
    state: HubState, incoming: IncomingExport, options: ImportOptions, now: datetime
) -> Decision:
    """What to do with ``incoming``, given ``state`` (pure: nothing is written here)."""
    manifest = incoming.manifest
    if manifest.format_version != FORMAT_VERSION:
        return Refused(
            RefusalCode.UNKNOWN_FORMAT,
            f"the export is format {manifest.format_version}; this hub reads format "
            f"{FORMAT_VERSION}. Update Suluhu.",
        )
    pseudonym = manifest.committee
    exports = [e for e in state.exports if e.committee == pseudonym]
    same = _same_export(exports, incoming)
    committee = state.committee(pseudonym)
    new_committee: RegisteredCommittee | None = None
    new_key: str | None = None
    if committee is None:
        if not (options.accept_new_keys or options.confirmed(pseudonym, incoming.fingerprint)):
            return Refused(
                RefusalCode.UNKNOWN_KEY,
                f"{pseudonym} is a committee this hub does not know; its key fingerprint is "
                f"{incoming.fingerprint}. Confirm it with the committee, then accept it.",
            )
        new_committee = RegisteredCommittee(pseudonym, incoming.fingerprint)
    elif not committee.signed_by(incoming.fingerprint):
        if not options.confirmed(pseudonym, incoming.fingerprint):
            return Refused(
                RefusalCode.KEY_CHANGED,
                f"{pseudonym} signed this file with another key ({incoming.fingerprint}) than "
                f"the one trusted ({committee.fingerprint}). Confirm the new key with the "
                "committee before accepting it.",
            )
        new_key = incoming.fingerprint
    elif not committee.active:
        return Refused(
            RefusalCode.INACTIVE_COMMITTEE,
            f"{pseudonym} is marked inactive on this hub; reactivate it to import its exports.",
        )
    if same is not None:
        if same.file_sha256 == incoming.file_sha256 and new_key is None:
            return Duplicate(same)
        return Refused(
            RefusalCode.EXPORT_ID_REUSED,
            f"the export id of this file was already imported for {_what(same)} from "
            "another file; the file is a replay or a forgery.",
        )
    overlap = _overlapping(exports, manifest.period)
    if overlap is not None:
        return Refused(
            RefusalCode.OVERLAPPING_PERIOD,
            f"{pseudonym} {manifest.period.label} overlaps {overlap.period.label}, already "
            "imported: adding both would count the same cases twice. A committee reports by "
            f"month or by quarter, not both: ask it to send {_kind(overlap.period)} exports, "
            "as before.",
        )
    period = [e for e in exports if e.period == manifest.period]
    current = max(period, key=lambda e: e.sequence, default=None)
    if current is not None and manifest.sequence < current.sequence:
        return Refused(
            RefusalCode.OLDER_SEQUENCE,
            f"{pseudonym} {manifest.period.label} sequence {manifest.sequence} is older than "
            f"the sequence {current.sequence} already imported, which stays.",
        )
    if current is not None and manifest.sequence == current.sequence:
        return Refused(
            RefusalCode.SEQUENCE_REUSED,
            f"{pseudonym} {manifest.period.label} sequence {manifest.sequence} was already "
            "imported from another export; a corrected export has a higher sequence.",
        )
    record = ImportedExport(
        pseudonym,
        manifest.period,
        manifest.export_id,
        manifest.sequence,
        incoming.file_sha256,
        now,
        True,
        incoming.tables,
    )
    if current is not None:
        return Superseded(record, new_committee, new_key, current.sequence)
    return Imported(record, new_committee, new_key)


def _kind(period: Period) -> str:
    return "quarterly" if period.kind is PeriodKind.QUARTER else "monthly"


def _overlapping(exports: list[ImportedExport], period: Period) -> ImportedExport | None:
    """A current export of another kind of period (a month inside an incoming quarter, or
    the quarter holding an incoming month)."""
    months = set(period.months())
    return next(
        (
            e
            for e in exports
            if e.current and e.period.kind is not period.kind and months & set(e.period.months())
        ),
        None,
    )


def _same_export(
    exports: Iterable[ImportedExport], incoming: IncomingExport
) -> ImportedExport | None:
    for export in exports:
        if export.export_id == incoming.manifest.export_id:
            return export
    for export in exports:
        if export.file_sha256 == incoming.file_sha256:
            return export
    return None
