"""The hash-chained audit log: each event's hash covers the previous event's hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEvent:
    at: datetime
    username: str  # who acted ("" for the system)
    action: str  # e.g. "register_dispute", "sign_in_failed"
    subject: str = ""  # e.g. "dispute:42" - never a name
    detail: str = ""  # codes and counts only, never a name, phone or narrative
    prev_hash: str = GENESIS
    hash: str = ""
    seq: int | None = None

    def computed_hash(self) -> str:
        body = json.dumps(
            [
                self.prev_hash,
                self.at.isoformat(),
                self.username,
                self.action,
                self.subject,
                self.detail,
            ],
            ensure_ascii=True,
        )
        return hashlib.sha256(body.encode()).hexdigest()


def chain(
    prev_hash: str, at: datetime, username: str, action: str, subject: str = "", detail: str = ""
) -> AuditEvent:
    draft = AuditEvent(at, username, action, subject, detail, prev_hash)
    return AuditEvent(at, username, action, subject, detail, prev_hash, draft.computed_hash())


def verify_chain(events: list[AuditEvent]) -> int | None:
    """Return the seq (or index) of the first broken event, or None when the chain holds."""
    prev = GENESIS
    for index, event in enumerate(events):
        if event.prev_hash != prev or event.computed_hash() != event.hash:
            return event.seq if event.seq is not None else index
        prev = event.hash
    return None
