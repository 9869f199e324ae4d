"""Appending to and verifying the hash-chained audit log.

``record`` is called inside the caller's ``with uow:`` block, before ``uow.commit()``, so the event
and the change it describes commit together or not at all. ``detail`` holds codes, ids and counts
as ``key=value`` pairs; never a name, phone or narrative. The one kind of free text allowed is
``reason``: the justification a rule demands of the acting user (overriding do-no-harm or the
monitoring period, reopening a case); the form asks for it without names, and for an event
about a restricted case the storage seals it where it is stored (storage/audit_sealing.py).
"""

from __future__ import annotations

import json

from desktop.domain.model.audit import AuditEvent, chain, verify_chain
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services.permissions import use_case

DetailValue = str | int | bool | None


def detail_of(**values: DetailValue) -> str:
    """``key=value`` pairs in the given order; booleans as 1/0, None left out, text with spaces,
    quotes or ``=`` JSON-quoted."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        text = str(int(value)) if isinstance(value, bool) else str(value)
        if not text or any(c in text for c in ' "=\\') or not text.isprintable():
            text = json.dumps(text, ensure_ascii=True)
        parts.append(f"{key}={text}")
    return " ".join(parts)


def record(
    uow: UnitOfWork,
    clock: Clock,
    actor_or_username: Actor | str,
    action: str,
    subject: str = "",
    detail: str = "",
) -> AuditEvent:
    """Chain a new event onto the log within the current transaction."""
    username = (
        actor_or_username.username if isinstance(actor_or_username, Actor) else actor_or_username
    )
    event = chain(uow.audit.last_hash(), clock.now(), username, action, subject, detail)
    uow.audit.add(event)
    return event


@use_case("verify_audit")
def verify_audit(uow: UnitOfWork, actor: Actor) -> int | None:
    """The seq of the first broken event, or None when the whole chain holds."""
    with uow:
        return verify_chain(uow.audit.all())
