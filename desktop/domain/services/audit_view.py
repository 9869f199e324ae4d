"""The administrator's audit viewer: who did what and when, filtered, with the chain verified.

The log holds codes, ids and counts only (see audit.py), so the events can be shown as they are.
Reading the log is itself not audited: it changes nothing and names no one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.errors import ValidationError
from desktop.domain.model.audit import AuditEvent, verify_chain
from desktop.domain.model.users import Actor
from desktop.domain.ports import UnitOfWork
from desktop.domain.services.permissions import use_case

DEFAULT_LIMIT = 5000  # newest events shown at most; the filters find older ones


@dataclass(frozen=True)
class AuditFilter:
    """Empty text and None mean "any". ``subject`` matches a subject exactly ("dispute:42") or,
    without a colon, any subject whose id is that number (``42``)."""

    username: str = ""
    action: str = ""
    since: date | None = None  # from this day (inclusive)
    until: date | None = None  # up to this day (inclusive)
    subject: str = ""

    def admits(self, event: AuditEvent) -> bool:
        if self.username and event.username.casefold() != self.username.casefold():
            return False
        if self.action and event.action != self.action:
            return False
        day = event.at.date()
        if self.since is not None and day < self.since:
            return False
        if self.until is not None and day > self.until:
            return False
        return not self.subject or _subject_matches(self.subject.strip(), event.subject)


def _subject_matches(wanted: str, subject: str) -> bool:
    if ":" in wanted:
        return subject.casefold() == wanted.casefold()
    return subject.partition(":")[2] == wanted


@dataclass(frozen=True)
class AuditLog:
    """The events that match, newest first (at most ``limit``), how many matched in all, the
    usernames and actions in the whole log (for the filter lists), and the chain check."""

    events: list[AuditEvent]
    matched: int
    total: int
    usernames: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    broken_at: int | None = None  # seq of the first broken event; None when the chain holds

    @property
    def chain_holds(self) -> bool:
        return self.broken_at is None


@use_case("read_audit_log")
def read_audit_log(
    uow: UnitOfWork,
    actor: Actor,
    audit_filter: AuditFilter | None = None,
    limit: int = DEFAULT_LIMIT,
) -> AuditLog:
    """The audit log for an administrator, filtered, with the whole chain verified."""
    wanted = audit_filter or AuditFilter()
    if wanted.since is not None and wanted.until is not None and wanted.since > wanted.until:
        raise ValidationError("until", "The end date cannot be before the start date.")
    if limit < 1:
        raise ValidationError("limit", "Show at least one event.")
    with uow:
        events = uow.audit.all()
    matching = [e for e in reversed(events) if wanted.admits(e)]
    return AuditLog(
        events=matching[:limit],
        matched=len(matching),
        total=len(events),
        usernames=sorted({e.username for e in events if e.username}, key=str.casefold),
        actions=sorted({e.action for e in events}),
        broken_at=verify_chain(events),
    )
