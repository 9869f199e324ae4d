"""Helpers the use cases share: who may see a case, who may be assigned, party validation.

Private to the services package: these are steps inside a use case, never use cases themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TypeVar

from desktop.domain import rules
from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.model.dispute import Displacement, Dispute, Party, PartyRole, Sex
from desktop.domain.model.users import Actor, Role, User
from desktop.domain.ports import UnitOfWork
from desktop.domain.taxonomy import DisputeCategory, Taxonomy, UnknownCode

CASE_ROLES = frozenset({Role.ADMINISTRATOR, Role.MEMBER, Role.PARALEGAL})
EARLIEST_DATE = date(1950, 1, 1)

E = TypeVar("E", bound=StrEnum)


def subject(dispute: Dispute) -> str:
    return f"dispute:{dispute.id}"


def can_see(actor: Actor, dispute: Dispute) -> bool:
    """Case workers see open cases; a restricted case only its assigned members who hold
    restricted access, and administrators."""
    if actor.role not in CASE_ROLES:
        return False
    if not dispute.restricted or actor.role is Role.ADMINISTRATOR:
        return True
    return actor.restricted_access and actor.user_id in dispute.assigned


def visible_dispute(uow: UnitOfWork, actor: Actor, dispute_id: int) -> Dispute:
    """The dispute, or NotFound when it does not exist or ``actor`` may not see it (the same
    message either way, so a hidden case does not reveal that it exists)."""
    dispute = uow.disputes.get(dispute_id)
    if dispute is None or not can_see(actor, dispute):
        raise NotFound("There is no such case, or you may not see it.")
    return dispute


def may_hold_restricted(user: User) -> bool:
    return user.role is Role.ADMINISTRATOR or (user.restricted_access and user.role in CASE_ROLES)


def check_case_users(
    uow: UnitOfWork, user_ids: Iterable[int], restricted: bool, field: str
) -> tuple[int, ...]:
    """Active case workers, without repeats; for a restricted case only users with restricted
    access or administrators."""
    result: list[int] = []
    for user_id in user_ids:
        if user_id in result:
            continue
        user = uow.users.get(user_id)
        if user is None or not user.active:
            raise ValidationError(field, f"User {user_id} does not exist or is not active.")
        if user.role not in CASE_ROLES:
            raise ValidationError(field, f"User {user_id} does not work on cases.")
        if restricted and not may_hold_restricted(user):
            raise ValidationError(
                field,
                f"User {user_id} has no access to restricted cases; a restricted case may only "
                "be given to users with restricted access or to administrators.",
            )
        result.append(user_id)
    return tuple(result)


def category_of(taxonomy: Taxonomy, code: str, field: str = "category") -> DisputeCategory:
    try:
        return taxonomy.category(code)
    except UnknownCode:
        raise ValidationError(field, "Choose a category from the list.") from None


def enum_value(enum: type[E], value: object, field: str) -> E:
    try:
        return enum(value if isinstance(value, enum) else str(value))
    except ValueError:
        raise ValidationError(field, "Choose a value from the list.") from None


def past_date(value: date, today: date, field: str) -> date:
    if value > today:
        raise ValidationError(field, "The date cannot be in the future.")
    if value < EARLIEST_DATE:
        raise ValidationError(field, f"The date cannot be before {EARLIEST_DATE.year}.")
    return value


def clean_party(party: Party, taxonomy: Taxonomy, prefix: str = "") -> Party:
    """A copy of ``party`` with every field checked and normalised; ``prefix`` goes before the
    field names in errors (e.g. "parties[1].")."""
    return dataclasses.replace(
        party,
        role=enum_value(PartyRole, party.role, f"{prefix}role"),
        name=rules.validate_name(party.name, f"{prefix}name"),
        sex=enum_value(Sex, party.sex, f"{prefix}sex"),
        age=rules.validate_age(party.age, f"{prefix}age"),
        age_band=rules.age_band_of(party.age, party.age_band, taxonomy, f"{prefix}age_band"),
        displacement=enum_value(Displacement, party.displacement, f"{prefix}displacement"),
        phone=rules.normalise_phone(party.phone, f"{prefix}phone"),
        village=rules.optional_text(party.village, f"{prefix}village", rules.NAME_MAX),
        related_member=_member_id(party.related_member, f"{prefix}related_member"),
    )


def _member_id(value: object, field: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or value <= 0:
        raise ValidationError(field, "Choose a committee member from the list.")
    return value


def check_related_members(uow: UnitOfWork, parties: Iterable[Party], prefix: str = "") -> None:
    """A party recorded as a committee member's relative names an existing user who works on
    cases (a former member too: the tie stays true). ``prefix``: "parties[{i}]." for each
    party's index, or a fixed prefix."""
    for index, party in enumerate(parties):
        if party.related_member is None:
            continue
        user = uow.users.get(party.related_member)
        if user is None or user.role not in CASE_ROLES:
            raise ValidationError(
                f"{prefix.format(i=index)}related_member",
                "Choose a committee member from the list.",
            )


def party_ids(dispute: Dispute) -> set[int]:
    return {p.id for p in dispute.parties if p.id is not None}


def check_party_ids(dispute: Dispute, ids: Iterable[int], field: str) -> tuple[int, ...]:
    known = party_ids(dispute)
    result: list[int] = []
    for party_id in ids:
        if party_id not in known:
            raise ValidationError(field, f"Party {party_id} is not a party to this case.")
        if party_id not in result:
            result.append(party_id)
    return tuple(result)
