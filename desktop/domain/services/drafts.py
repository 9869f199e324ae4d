"""Drafts of unsaved forms (a new dispute, an edit), kept in the encrypted database so that a
crash or a power cut loses at most the field being typed.

A draft belongs to one user and one form (its ``kind``); saving replaces the previous one. The
body is opaque here (the view's serialised fields) but it is case data: a draft of a restricted
case, or one the form marks restricted, is sealed under the restricted-case key. Drafts are not
audited (they are saved every few seconds); the save of the form itself is.
"""

from __future__ import annotations

import re

from desktop.domain.errors import ValidationError
from desktop.domain.model.drafts import Draft
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import visible_dispute
from desktop.domain.services.permissions import use_case

NEW_DISPUTE = "register_dispute"
EDIT_DISPUTE = "edit_dispute"
BODY_MAX = 200_000  # characters

_KIND = re.compile(r"^([a-z][a-z_]{0,39})(?::(\d{1,12}))?$")


def edit_kind(dispute_id: int) -> str:
    """The kind of the draft of an edit of case ``dispute_id``."""
    return f"{EDIT_DISPUTE}:{dispute_id}"


def _check_kind(uow: UnitOfWork, actor: Actor, kind: str) -> bool:
    """Validate ``kind``; for a draft of an existing case, check the actor may see the case
    (NotFound otherwise) and return whether that case is restricted. Call inside ``with uow``."""
    match = _KIND.match(kind)
    if match is None:
        raise ValidationError("kind", "Unknown kind of draft.")
    if match.group(2) is None:
        return False
    if match.group(1) != EDIT_DISPUTE:
        raise ValidationError("kind", "Unknown kind of draft.")
    return visible_dispute(uow, actor, int(match.group(2))).restricted


@use_case("save_draft")
def save_draft(
    uow: UnitOfWork, actor: Actor, clock: Clock, kind: str, body: str, restricted: bool = False
) -> Draft:
    """Keep ``body`` as the actor's draft of ``kind``, replacing any earlier one. Sealed when
    ``restricted`` or when the case being edited is restricted."""
    if len(body) > BODY_MAX:
        raise ValidationError("body", f"A draft holds at most {BODY_MAX} characters.")
    with uow:
        restricted = _check_kind(uow, actor, kind) or restricted
        draft = Draft(actor.username, kind, body, clock.now(), restricted)
        uow.drafts.save(draft)
        uow.commit()
    return draft


@use_case("get_draft")
def get_draft(uow: UnitOfWork, actor: Actor, kind: str) -> Draft | None:
    """The actor's draft of ``kind``, or None (also when it is sealed and the actor no longer
    holds the restricted-case key)."""
    with uow:
        _check_kind(uow, actor, kind)
        return uow.drafts.get(actor.username, kind)


@use_case("discard_draft")
def discard_draft(uow: UnitOfWork, actor: Actor, kind: str) -> None:
    """Forget the actor's draft of ``kind`` (after saving the form, or when the user says so)."""
    with uow:
        if _KIND.match(kind) is None:
            raise ValidationError("kind", "Unknown kind of draft.")
        uow.drafts.delete(actor.username, kind)
        uow.commit()
