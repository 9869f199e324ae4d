"""The case list: listing and searching cases, and each user's saved filters.

Who sees what is decided here and applied in the query: case workers see every case that is not
restricted; a restricted case only when they hold restricted access and are assigned to it, and
administrators see them all (the same rule as ``_common.can_see``). A case outside the scope is
never read, so neither its row, nor its number, nor its count reaches the caller.

Saved filters are a user's preference, kept as one JSON object in the user's ``drafts`` row of
kind :data:`FILTERS_KIND` (no schema of their own). They keep the filter's choices but never its
search text, so no party name is stored as a setting. Like drafts they are not audited.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.errors import ValidationError
from desktop.domain.model.case_list import CaseFilter, CaseRow, CaseScope, SavedFilter
from desktop.domain.model.drafts import Draft
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services.permissions import use_case

FILTERS_KIND = "case_filters"
NAME_MAX = 40
FILTERS_MAX = 30
TEXT_MAX = 200


def _check(case_filter: CaseFilter) -> None:
    if len(case_filter.text) > TEXT_MAX:
        raise ValidationError("text", f"Search with at most {TEXT_MAX} characters.")
    start, end = case_filter.received_from, case_filter.received_to
    if start is not None and end is not None and start > end:
        raise ValidationError("received_to", "The end of the date range is before its start.")


@use_case("list_cases")
def list_cases(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    case_filter: CaseFilter,
    limit: int | None = None,
) -> list[CaseRow]:
    """The cases matching ``case_filter`` that ``actor`` may see, newest first; at most
    ``limit`` of them (ask for one more than you show to know whether there are more)."""
    _check(case_filter)
    if limit is not None and limit < 1:
        raise ValidationError("limit", "Ask for at least one case.")
    with uow:
        return uow.case_list.rows(case_filter, CaseScope.of(actor), limit)


@use_case("list_areas")
def list_areas(uow: UnitOfWork, actor: Actor) -> list[str]:
    """The areas of the cases ``actor`` may see, for the area filter."""
    with uow:
        return uow.case_list.areas(CaseScope.of(actor))


def _stored(uow: UnitOfWork, actor: Actor) -> dict[str, dict[str, Any]]:
    draft = uow.drafts.get(actor.username, FILTERS_KIND)
    if draft is None:
        return {}
    try:
        data = json.loads(draft.body)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def _filters(stored: dict[str, dict[str, Any]]) -> list[SavedFilter]:
    saved = [SavedFilter(name, CaseFilter.from_json(data)) for name, data in stored.items()]
    return sorted(saved, key=lambda s: s.name.casefold())


def _write(uow: UnitOfWork, actor: Actor, clock: Clock, stored: dict[str, dict[str, Any]]) -> None:
    body = json.dumps(stored, sort_keys=True, ensure_ascii=False)
    uow.drafts.save(Draft(actor.username, FILTERS_KIND, body, clock.now()))


def _same_name(stored: dict[str, dict[str, Any]], name: str) -> str | None:
    return next((k for k in stored if k.casefold() == name.casefold()), None)


@use_case("list_filters")
def list_filters(uow: UnitOfWork, actor: Actor) -> list[SavedFilter]:
    """The actor's saved filters, by name."""
    with uow:
        return _filters(_stored(uow, actor))


@use_case("save_filter")
def save_filter(
    uow: UnitOfWork, actor: Actor, clock: Clock, name: str, case_filter: CaseFilter
) -> list[SavedFilter]:
    """Save ``case_filter`` (without its search text) as ``name``, replacing a filter of the
    same name (case ignored); return the actor's saved filters."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("name", "Give the filter a name.")
    if len(name) > NAME_MAX:
        raise ValidationError("name", f"Use at most {NAME_MAX} characters.")
    _check(case_filter)
    with uow:
        stored = _stored(uow, actor)
        old = _same_name(stored, name)
        if old is not None:
            del stored[old]
        elif len(stored) >= FILTERS_MAX:
            raise ValidationError("name", f"Keep at most {FILTERS_MAX} filters; delete one first.")
        stored[name] = case_filter.to_json()
        _write(uow, actor, clock, stored)
        uow.commit()
        return _filters(stored)


@use_case("delete_filter")
def delete_filter(uow: UnitOfWork, actor: Actor, clock: Clock, name: str) -> list[SavedFilter]:
    """Delete the actor's saved filter ``name`` (nothing happens when there is none); return
    the saved filters left."""
    with uow:
        stored = _stored(uow, actor)
        old = _same_name(stored, " ".join(name.split()))
        if old is not None:
            del stored[old]
            _write(uow, actor, clock, stored)
            uow.commit()
        return _filters(stored)
