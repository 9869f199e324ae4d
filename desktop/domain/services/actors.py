"""The directory of justice actors that cases are referred to and come from.

``actor`` is always the acting user; the directory entry is ``justice_actor``.

Deactivating hides an actor from new referrals (past referrals keep pointing at it);
reactivating brings it back. An imported list adds every valid row or none, and skips rows
that are already in the directory (same name and kind as an active actor, or an earlier row).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.domain import rules
from desktop.domain.errors import DomainError, NotFound, ValidationError
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Mechanism, Taxonomy

MAX_IMPORT_ROWS = 10_000


def check_actor(justice_actor: JusticeActor, taxonomy: Taxonomy) -> JusticeActor:
    """The entry with its text tidied, or ValidationError naming the field at fault."""
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


def _key(justice_actor: JusticeActor) -> tuple[str, str]:
    return " ".join(justice_actor.name.split()).casefold(), justice_actor.kind


@use_case("add_actor")
def add_actor(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, justice_actor: JusticeActor
) -> JusticeActor:
    """Add an actor to the directory; returns it with its id."""
    if justice_actor.id is not None:
        raise ValidationError("id", "A new actor has no id yet.")
    cleaned = check_actor(justice_actor, taxonomy)
    with uow:
        cleaned.id = uow.actors.add(cleaned)
        record(uow, clock, actor, "add_actor", _subject(cleaned), detail_of(kind=cleaned.kind))
        uow.commit()
    return cleaned


@use_case("update_actor")
def update_actor(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, justice_actor: JusticeActor
) -> JusticeActor:
    """Correct an actor's details; ``justice_actor.id`` says which. Whether it is active is
    kept as stored: that changes only through deactivate_actor and reactivate_actor."""
    cleaned = check_actor(justice_actor, taxonomy)
    with uow:
        stored = uow.actors.get(cleaned.id) if cleaned.id is not None else None
        if stored is None:
            raise NotFound("There is no such actor in the directory.")
        cleaned.active = stored.active
        uow.actors.update(cleaned)
        record(uow, clock, actor, "update_actor", _subject(cleaned), detail_of(kind=cleaned.kind))
        uow.commit()
    return cleaned


def _set_active(
    uow: UnitOfWork, actor: Actor, clock: Clock, actor_id: int, active: bool
) -> JusticeActor:
    with uow:
        justice_actor = uow.actors.get(actor_id)
        if justice_actor is None:
            raise NotFound("There is no such actor in the directory.")
        if justice_actor.active != active:
            justice_actor.active = active
            uow.actors.update(justice_actor)
            action = "reactivate_actor" if active else "deactivate_actor"
            record(uow, clock, actor, action, _subject(justice_actor))
            uow.commit()
    return justice_actor


@use_case("deactivate_actor")
def deactivate_actor(uow: UnitOfWork, actor: Actor, clock: Clock, actor_id: int) -> JusticeActor:
    """Hide an actor from new referrals; past referrals keep pointing at it."""
    return _set_active(uow, actor, clock, actor_id, active=False)


@use_case("reactivate_actor")
def reactivate_actor(uow: UnitOfWork, actor: Actor, clock: Clock, actor_id: int) -> JusticeActor:
    """Offer a deactivated actor for new referrals again."""
    return _set_active(uow, actor, clock, actor_id, active=True)


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


def filter_actors(
    entries: Iterable[JusticeActor],
    taxonomy: Taxonomy,
    text: str = "",
    kind: str | None = None,
    mechanism: Mechanism | None = None,
    include_inactive: bool = False,
) -> list[JusticeActor]:
    """The entries that match every word of ``text`` (in the name, contact person, area or
    services, ignoring case), of ``kind`` or of a kind with that ``mechanism``; in the given
    order."""
    words = text.casefold().split()
    kinds = {k.code for k in taxonomy.actor_kinds_of(mechanism)} if mechanism else None
    found = []
    for entry in entries:
        if not (include_inactive or entry.active):
            continue
        if (kind is not None and entry.kind != kind) or (
            kinds is not None and entry.kind not in kinds
        ):
            continue
        haystack = " ".join(
            (entry.name, entry.contact_person, entry.area, entry.services)
        ).casefold()
        if all(word in haystack for word in words):
            found.append(entry)
    return found


# -- importing a list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    line: int  # the row's line in its file (1 is a header line); 0 for the whole list
    column: str
    message: str

    def __str__(self) -> str:
        if self.line < 1:
            return self.message
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ActorImportError(DomainError):
    """Nothing was imported; ``problems`` lists every problem found, by line and column."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the list; nothing was imported.")
        self.problems = list(problems)


@dataclass(frozen=True)
class ImportRow:
    line: int  # where the row came from, for problems
    justice_actor: JusticeActor


@dataclass(frozen=True)
class ImportResult:
    added: tuple[JusticeActor, ...]  # with their ids, in the rows' order
    duplicates: int  # rows skipped because the directory already had them


def duplicate_rows(rows: Sequence[ImportRow], existing: Iterable[JusticeActor]) -> list[bool]:
    """For each row: is it already in the directory (same name, ignoring case and spacing, and
    kind as an active actor) or the same as an earlier row?"""
    seen = {_key(a) for a in existing if a.active}
    flags = []
    for row in rows:
        key = _key(row.justice_actor)
        flags.append(key in seen)
        seen.add(key)
    return flags


def check_rows(rows: Sequence[ImportRow], taxonomy: Taxonomy) -> list[ImportRow]:
    """Every row tidied, or ActorImportError listing every invalid row's problem."""
    if not rows:
        raise ActorImportError([ImportProblem(0, "", "The list has no actors.")])
    if len(rows) > MAX_IMPORT_ROWS:
        raise ActorImportError(
            [ImportProblem(0, "", f"More than {MAX_IMPORT_ROWS} actors; split the list.")]
        )
    cleaned: list[ImportRow] = []
    problems: list[ImportProblem] = []
    for row in rows:
        if row.justice_actor.id is not None:
            problems.append(ImportProblem(row.line, "id", "A new actor has no id yet."))
            continue
        try:
            entry = check_actor(row.justice_actor, taxonomy)
        except ValidationError as error:
            problems.append(ImportProblem(row.line, error.field, error.message))
            continue
        cleaned.append(ImportRow(row.line, dataclasses.replace(entry, active=True)))
    if problems:
        raise ActorImportError(problems)
    return cleaned


@use_case("import_actors")
def import_actors(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, rows: Sequence[ImportRow]
) -> ImportResult:
    """Add a list of actors in one transaction: every row is checked first, and one invalid row
    imports nothing. Rows already in the directory are skipped and counted."""
    cleaned = check_rows(rows, taxonomy)
    with uow:
        duplicates = duplicate_rows(cleaned, uow.actors.all())
        added = []
        for row, duplicate in zip(cleaned, duplicates, strict=True):
            if duplicate:
                continue
            entry = row.justice_actor
            entry.id = uow.actors.add(entry)
            added.append(entry)
        skipped = sum(duplicates)
        record(uow, clock, actor, "import_actors", "", detail_of(added=len(added), skipped=skipped))
        uow.commit()
    return ImportResult(tuple(added), skipped)
