"""Users, roles and the acting user passed to every use case."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    MEMBER = "member"  # committee member: mediator, chair, secretary
    PARALEGAL = "paralegal"
    PROGRAMME_OFFICER = "programme_officer"


@dataclass
class User:
    username: str
    display_name: str
    role: Role
    id: int | None = None
    active: bool = True
    restricted_access: bool = False  # may read restricted (GBV, child protection) cases
    must_change_passphrase: bool = False


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user, as the services see them."""

    user_id: int
    username: str
    role: Role
    restricted_access: bool = False

    @classmethod
    def of(cls, user: User) -> Actor:
        assert user.id is not None
        return cls(user.id, user.username, user.role, user.restricted_access)
