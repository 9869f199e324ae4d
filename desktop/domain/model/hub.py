"""The programme hub as the domain sees it (docs/hub.md): the committees it knows, each pinned
to the fingerprint of the key that signs its exports, and the exports it has taken in.

Everything here is anonymised: a committee is its pseudonym ("C-3F9A01BC2D") plus a display name
and region that the programme office types in itself; an export is codes and counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.domain.model.export_log import ExportManifest, normalise_fingerprint
from desktop.domain.model.export_tables import ExportTables, Period


@dataclass(frozen=True)
class RegisteredCommittee:
    """A committee the hub takes exports from, and the key it trusts for it."""

    pseudonym: str
    fingerprint: str  # "3f2a 9c01 ..." (16 groups of 4 hex digits)
    display_name: str = ""
    region: str = ""
    active: bool = True

    def signed_by(self, fingerprint: str) -> bool:
        return normalise_fingerprint(self.fingerprint) == normalise_fingerprint(fingerprint)


@dataclass(frozen=True)
class IncomingExport:
    """An export file whose signature, hashes and format the reader has verified: what the
    import decision needs (storage's VerifiedExport, in domain terms)."""

    manifest: ExportManifest
    fingerprint: str
    file_sha256: str
    tables: ExportTables


@dataclass(frozen=True)
class ImportedExport:
    """One export the hub holds. Every sequence of a committee and period is remembered;
    only the highest (``current``) has its cells in the hub."""

    committee: str  # pseudonym
    period: Period
    export_id: str
    sequence: int
    file_sha256: str
    imported_at: datetime
    current: bool = True
    tables: ExportTables | None = None  # None when loaded without its cells


@dataclass(frozen=True)
class HubState:
    """What the hub holds that bears on one incoming export: the committees (at least the one
    the export names) and the exports already imported (at least that committee's)."""

    committees: tuple[RegisteredCommittee, ...] = ()
    exports: tuple[ImportedExport, ...] = ()

    def committee(self, pseudonym: str) -> RegisteredCommittee | None:
        return next((c for c in self.committees if c.pseudonym == pseudonym), None)
