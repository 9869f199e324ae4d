"""A case's timeline: everything that happened in it, in order, and who did it.

Built from the audit log's events about the case (who did what, and when it was recorded) and
from its proceedings (when a hearing was held, an agreement made, a follow-up done, the case
closed), so that a hearing recorded a week late still sits where it happened, and cases loaded
in bulk (which have proceedings but no audit events) still have a timeline. Entries carry codes,
ids and counts only; views translate them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from desktop.domain.model.audit import AuditEvent
from desktop.domain.model.dispute import Dispute
from desktop.domain.model.proceedings import FollowUpResult
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import subject, visible_dispute
from desktop.domain.services.audit import record
from desktop.domain.services.permissions import use_case

HIDDEN_ACTIONS = frozenset({"view_restricted"})
# action -> (detail key naming the record, what the record is)
_RECORD_OF = {
    "record_hearing": ("hearing", "hearing"),
    "schedule_hearing": ("hearing", "hearing"),
    "record_agreement": ("agreement", "agreement"),
    "record_follow_up": ("follow_up", "follow_up"),
}


@dataclass(frozen=True)
class TimelineEntry:
    on: date  # when it happened
    action: str  # the audit action, e.g. "record_hearing"; see the module docstring
    who: str = ""  # the acting user's display name; "" when not recorded (bulk-loaded)
    at: datetime | None = None  # when it was recorded; None when not recorded
    detail: Mapping[str, str] = field(default_factory=dict)  # codes, ids and counts
    seq: int = 0  # the audit event's seq (0 when not recorded): orders same-day entries


def parse_detail(text: str) -> dict[str, str]:
    """The ``key=value`` pairs of an audit detail (values JSON-quoted when they hold spaces)."""
    result: dict[str, str] = {}
    decoder = json.JSONDecoder()
    index = 0
    while index < len(text):
        if text[index] == " ":
            index += 1
            continue
        equals = text.find("=", index)
        if equals < 0:
            break
        key, index = text[index:equals], equals + 1
        if text.startswith('"', index):
            value, index = decoder.raw_decode(text, index)
            result[key] = str(value)
        else:
            end = text.find(" ", index)
            end = len(text) if end < 0 else end
            result[key], index = text[index:end], end
    return result


@use_case("case_timeline")
def case_timeline(
    uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int
) -> list[TimelineEntry]:
    """The case's events, oldest first. Reading a restricted case's timeline is audited."""
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        events = uow.audit.for_subject(subject(dispute))
        names = {u.username: u.display_name for u in uow.users.all()}
        dates = _dates(uow, dispute)
        entries, seen = _from_audit(events, names, dates, dispute)
        entries += _unrecorded(dates, seen, dispute, events)
        if dispute.restricted:
            record(uow, clock, actor, "view_restricted", subject(dispute), "part=timeline")
            uow.commit()
    # Entries without an audit event (bulk-loaded cases) sort at the start of their day; the
    # audit log's times are UTC-aware, so the stand-in time must be too.
    return sorted(entries, key=lambda e: (e.on, e.at or datetime.combine(e.on, time(), UTC), e.seq))


def _dates(uow: UnitOfWork, dispute: Dispute) -> dict[tuple[str, int], date]:
    """When each of the case's proceedings happened, by (kind, id)."""
    assert dispute.id is not None
    dates: dict[tuple[str, int], date] = {}
    for hearing in uow.hearings.for_dispute(dispute.id):
        dates["hearing", hearing.id or 0] = hearing.held_on
    for agreement in uow.agreements.for_dispute(dispute.id):
        dates["agreement", agreement.id or 0] = agreement.agreed_on
    for follow_up in uow.follow_ups.for_dispute(dispute.id):
        if follow_up.done_on is not None and follow_up.result is not FollowUpResult.SUPERSEDED:
            dates["follow_up", follow_up.id or 0] = follow_up.done_on
    outcome = uow.outcomes.for_dispute(dispute.id)
    if outcome is not None:
        dates["outcome", 0] = outcome.closed_on
    return dates


def _from_audit(
    events: list[AuditEvent],
    names: Mapping[str, str],
    dates: Mapping[tuple[str, int], date],
    dispute: Dispute,
) -> tuple[list[TimelineEntry], set[tuple[str, int]]]:
    entries: list[TimelineEntry] = []
    seen: set[tuple[str, int]] = set()
    closes = [e.seq for e in events if e.action == "close_case"]
    for event in events:
        if event.action in HIDDEN_ACTIONS:
            continue
        detail = parse_detail(event.detail)
        on = event.at.date()
        if event.action == "register_dispute":
            on = dispute.received_on
        elif event.action == "close_case" and closes and event.seq == closes[-1]:
            on = dates.get(("outcome", 0), on)
        elif event.action in _RECORD_OF:
            key, kind = _RECORD_OF[event.action]
            if detail.get(key, "").isdigit():
                ref = (kind, int(detail[key]))
                if event.action != "schedule_hearing":
                    seen.add(ref)
                    on = dates.get(ref, on)
                elif "on" in detail:
                    on = date.fromisoformat(detail["on"])
        who = names.get(event.username, event.username)
        entries.append(TimelineEntry(on, event.action, who, event.at, detail, event.seq or 0))
    return entries, seen


def _unrecorded(
    dates: Mapping[tuple[str, int], date],
    seen: set[tuple[str, int]],
    dispute: Dispute,
    events: list[AuditEvent],
) -> list[TimelineEntry]:
    """Entries for proceedings that have no audit event (cases loaded in bulk)."""
    actions = {e.action for e in events}
    entries = []
    if "register_dispute" not in actions and "import_register" not in actions:
        entries.append(TimelineEntry(dispute.received_on, "register_dispute"))
    action_of = {
        "hearing": "record_hearing",
        "agreement": "record_agreement",
        "follow_up": "record_follow_up",
    }
    for (kind, record_id), on in dates.items():
        if kind == "outcome":
            if "close_case" not in actions and "withdraw" not in actions:
                entries.append(TimelineEntry(on, "close_case"))
        elif (kind, record_id) not in seen:
            entries.append(TimelineEntry(on, action_of[kind], detail={kind: str(record_id)}))
    return entries
