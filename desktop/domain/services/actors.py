"""The directory of justice actors that cases are referred to and come from.

``actor`` is always the acting user; the directory entry is ``justice_actor``.
"""

from __future__ import annotations

import dataclasses

from desktop.domain import rules
from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy


def _clean(justice_actor: JusticeActor, taxonomy: Taxonomy) -> JusticeActor:
    if not taxonomy.has_actor_kind(justice_actor.kind):
        raise ValidationError("kind", "Choose a kind of actor from the list.")
    return dataclasses.replace(
        justice_actor,
        name=rules.validate_name(justice_actor.name, "name"),
        contact_person=rules.optional_text(
            justice_actor.contact_person, "contact_person", rules.NAME_MAX
        ),
        phone=rules.normalise_phone(justice_actor.phone, "phone"),
        area=rules.optional_text(justice_actor.area, "area", 300),
        services=rules.optional_text(justice_actor.services, "services", 2000),
        hours=rules.optional_text(justice_actor.hours, "hours", 300),
    )


def _subject(justice_actor: JusticeActor) -> str:
    return f"actor:{justice_actor.id}"


@use_case("add_actor")
def add_actor(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, justice_actor: JusticeActor
) -> JusticeActor:
    """Add an actor to the directory; returns it with its id."""
    if justice_actor.id is not None:
        raise ValidationError("id", "A new actor has no id yet.")
    cleaned = _clean(justice_actor, taxonomy)
    with uow:
        cleaned.id = uow.actors.add(cleaned)
        record(uow, clock, actor, "add_actor", _subject(cleaned), detail_of(kind=cleaned.kind))
        uow.commit()
    return cleaned


@use_case("update_actor")
def update_actor(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, justice_actor: JusticeActor
) -> JusticeActor:
    """Correct an actor's details; ``justice_actor.id`` says which."""
    cleaned = _clean(justice_actor, taxonomy)
    with uow:
        if cleaned.id is None or uow.actors.get(cleaned.id) is None:
            raise NotFound("There is no such actor in the directory.")
        uow.actors.update(cleaned)
        record(uow, clock, actor, "update_actor", _subject(cleaned), detail_of(kind=cleaned.kind))
        uow.commit()
    return cleaned


@use_case("deactivate_actor")
def deactivate_actor(uow: UnitOfWork, actor: Actor, clock: Clock, actor_id: int) -> JusticeActor:
    """Hide an actor from new referrals; past referrals keep pointing at it."""
    with uow:
        justice_actor = uow.actors.get(actor_id)
        if justice_actor is None:
            raise NotFound("There is no such actor in the directory.")
        if justice_actor.active:
            justice_actor.active = False
            uow.actors.update(justice_actor)
            record(uow, clock, actor, "deactivate_actor", _subject(justice_actor))
            uow.commit()
    return justice_actor


@use_case("list_actors")
def list_actors(
    uow: UnitOfWork, actor: Actor, include_inactive: bool = False, kind: str | None = None
) -> list[JusticeActor]:
    """The directory sorted by name; active actors only unless asked."""
    with uow:
        actors = uow.actors.all()
    chosen = [
        a for a in actors if (include_inactive or a.active) and (kind is None or a.kind == kind)
    ]
    return sorted(chosen, key=lambda a: (a.name.casefold(), a.id or 0))
