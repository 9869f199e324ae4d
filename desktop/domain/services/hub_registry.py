"""The hub's committee registry (docs/hub.md): the display name and region the programme office
types in for a committee. Pure rules, checked before the hub saves them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.errors import ValidationError

NAME_LIMIT = 200  # the hub's columns' length (storage/hub/tables.py)


@dataclass(frozen=True)
class CommitteeDetails:
    pseudonym: str
    display_name: str
    region: str
    active: bool


def tidy(text: str) -> str:
    """One line, single spaces: "  Kibera \\t North " is "Kibera North", so that a region typed
    twice is one region in the dashboard's filters."""
    return " ".join(text.split())


def committee_details(
    pseudonym: str,
    display_name: str,
    region: str,
    active: bool,
    taken_names: Iterable[str] = (),
    regions: Iterable[str] = (),
) -> CommitteeDetails:
    """The details tidied; raises ValidationError ("display_name" or "region") when a text is
    too long or the name is another committee's already (``taken_names``: the others'). A
    region written like one of ``regions`` but for case ("north" beside "North") takes that
    spelling, so that it is one region in the dashboard."""
    name, place = tidy(display_name), tidy(region)
    spelled = {r.casefold(): r for r in known_regions(regions)}
    place = spelled.get(place.casefold(), place)
    for field, text, what in (("display_name", name, "name"), ("region", place, "region")):
        if len(text) > NAME_LIMIT:
            raise ValidationError(
                field, f"A committee's {what} can be at most {NAME_LIMIT} characters."
            )
    if name and name.casefold() in {tidy(t).casefold() for t in taken_names}:
        raise ValidationError(
            "display_name", "Another committee on this hub already has this name."
        )
    return CommitteeDetails(pseudonym, name, place, active)


def known_regions(regions: Iterable[str]) -> list[str]:
    """The regions already used, once each (the first spelling kept), in alphabetical order."""
    seen: dict[str, str] = {}
    for region in regions:
        text = tidy(region)
        if text:
            seen.setdefault(text.casefold(), text)
    return sorted(seen.values(), key=str.casefold)
