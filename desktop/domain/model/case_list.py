"""The case list: what a user asks for (a filter), whose cases they may see (a scope) and what
comes back (compact rows, one tuple per case)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from desktop.domain.model.dispute import Status
from desktop.domain.model.users import Actor, Role


class CaseRow(NamedTuple):
    """One line of the case list: a tuple, so 100,000 of them stay small and sort fast.

    ``received_on`` is the ISO date text (it sorts as it reads); ``status`` and ``category``
    are codes; the party and member columns are names joined with ", " ("•••" for a sealed
    name read without the restricted-case key); ``restricted`` is 1 for a restricted case and
    0 otherwise (SQLite's own values: no conversion per row)."""

    id: int
    number: str
    received_on: str
    category: str
    status: str
    area: str
    complainants: str
    respondents: str
    assigned: str
    restricted: int


@dataclass(frozen=True)
class CaseFilter:
    """What to list. Empty sets and None mean "any". ``text`` is matched against case numbers
    and party names as word prefixes; ``area`` matches that area and every area below it."""

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    categories: frozenset[str] = frozenset()
    area: str = ""
    assigned_to: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    restricted: bool | None = None

    def without_text(self) -> CaseFilter:
        return CaseFilter(
            statuses=self.statuses,
            categories=self.categories,
            area=self.area,
            assigned_to=self.assigned_to,
            received_from=self.received_from,
            received_to=self.received_to,
            restricted=self.restricted,
        )

    def to_json(self) -> dict[str, Any]:
        """The filter without its search text (a saved filter keeps no party name)."""
        return {
            "statuses": sorted(s.value for s in self.statuses),
            "categories": sorted(self.categories),
            "area": self.area,
            "assigned_to": self.assigned_to,
            "received_from": _iso(self.received_from),
            "received_to": _iso(self.received_to),
            "restricted": self.restricted,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseFilter:
        """The filter stored by :meth:`to_json`; unknown or broken values are dropped."""
        statuses = frozenset(
            Status(s) for s in data.get("statuses", []) if s in Status._value2member_map_
        )
        categories = frozenset(str(c) for c in data.get("categories", []) if isinstance(c, str))
        assigned = data.get("assigned_to")
        restricted = data.get("restricted")
        return cls(
            statuses=statuses,
            categories=categories,
            area=str(data.get("area") or ""),
            assigned_to=assigned if isinstance(assigned, int) else None,
            received_from=_date(data.get("received_from")),
            received_to=_date(data.get("received_to")),
            restricted=restricted if isinstance(restricted, bool) else None,
        )

    def encode(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True)


@dataclass(frozen=True)
class CaseScope:
    """Which restricted cases a list may contain (cases that are not restricted are always in
    scope): all of them (administrators), those assigned to ``assigned_user`` (a case worker
    with restricted access), or none."""

    all_restricted: bool = False
    assigned_user: int | None = None

    @classmethod
    def of(cls, who: Actor) -> CaseScope:
        """The restricted cases ``who`` may see in a list (mirrors ``_common.can_see``)."""
        if who.role is Role.ADMINISTRATOR:
            return cls(all_restricted=True)
        if who.restricted_access:
            return cls(assigned_user=who.user_id)
        return cls()


@dataclass(frozen=True)
class SavedFilter:
    name: str
    filter: CaseFilter = field(default_factory=CaseFilter)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
