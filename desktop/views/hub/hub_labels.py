"""The words the hub window shows for one file's import: the outcome and its detail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.services.hub_import import Duplicate, RefusalCode, Refused, Superseded
from desktop.workspace import HubFileResult


def _tr(text: str) -> str:
    return QCoreApplication.translate("HubLabels", text)


def _reasons() -> dict[RefusalCode, str]:
    return {
        RefusalCode.TOO_LARGE: _tr("the file is too large"),
        RefusalCode.NOT_AN_EXPORT: _tr("not a Suluhu export"),
        RefusalCode.UNKNOWN_FORMAT: _tr("a format this version cannot read"),
        RefusalCode.TRUNCATED: _tr("the file is cut short"),
        RefusalCode.TAMPERED: _tr("changed or damaged after signing"),
        RefusalCode.MALFORMED: _tr("signed, but not a valid export"),
        RefusalCode.UNREADABLE: _tr("the file could not be read"),
        RefusalCode.UNKNOWN_KEY: _tr("key not confirmed"),
        RefusalCode.KEY_CHANGED: _tr("changed key not confirmed"),
        RefusalCode.INACTIVE_COMMITTEE: _tr("the committee is inactive"),
        RefusalCode.OLDER_SEQUENCE: _tr("older than the sequence held"),
        RefusalCode.SEQUENCE_REUSED: _tr("sequence number reused"),
        RefusalCode.EXPORT_ID_REUSED: _tr("export id reused (a replay)"),
        RefusalCode.OVERLAPPING_PERIOD: _tr("overlaps a month or quarter held"),
    }


def outcome(result: HubFileResult) -> str:
    """ "Imported", "Duplicate", "Replaced sequence 1" or "Refused: <short reason>"."""
    decision = result.decision
    if isinstance(decision, Refused):
        return _tr("Refused: %1").replace("%1", _reasons()[decision.code])
    if isinstance(decision, Duplicate):
        return _tr("Duplicate")
    if isinstance(decision, Superseded):
        return _tr("Replaced sequence %1").replace("%1", str(decision.replaced))
    return _tr("Imported")


def refused(result: HubFileResult) -> bool:
    return isinstance(result.decision, Refused)


def detail(result: HubFileResult) -> str:
    """The importer's one sentence (pseudonyms, periods, sequences and fingerprints only)."""
    return result.decision.message
