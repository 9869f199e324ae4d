"""The users of the workspace, as database rows. Key slots (passphrases, the recovery key) are
the storage layer's job; it calls these use cases for the row and the audit event.

Only administrators manage users. The last active administrator can be neither deactivated nor
given another role, so the workspace always has someone who can manage it.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain import rules
from desktop.domain.errors import DomainError, NotFound, ValidationError
from desktop.domain.model.users import Actor, Role, User
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import enum_value
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case


@dataclass(frozen=True)
class AddUser:
    username: str
    display_name: str
    role: Role
    restricted_access: bool = False
    must_change_passphrase: bool = False


@dataclass(frozen=True)
class UpdateUser:
    """Fields left as None keep their stored value. The username never changes."""

    user_id: int
    display_name: str | None = None
    role: Role | None = None
    active: bool | None = None
    restricted_access: bool | None = None
    must_change_passphrase: bool | None = None


def _subject(user: User) -> str:
    return f"user:{user.id}"


def _check_restricted(role: Role, restricted_access: bool) -> None:
    if restricted_access and role is Role.PROGRAMME_OFFICER:
        raise ValidationError(
            "restricted_access", "A programme officer does not read cases, restricted or not."
        )


def _is_active_admin(user: User) -> bool:
    return user.active and user.role is Role.ADMINISTRATOR


def _keep_an_admin(uow: UnitOfWork, before: User, after: User) -> None:
    if not _is_active_admin(before) or _is_active_admin(after):
        return
    others = [u for u in uow.users.all() if u.id != before.id and _is_active_admin(u)]
    if not others:
        raise DomainError(
            "This is the last active administrator. Make another user an administrator first."
        )


@use_case("add_user")
def add_user(uow: UnitOfWork, actor: Actor, clock: Clock, cmd: AddUser) -> User:
    username = rules.validate_username(cmd.username)
    display_name = rules.validate_name(cmd.display_name, "display_name")
    role = enum_value(Role, cmd.role, "role")
    _check_restricted(role, cmd.restricted_access)
    with uow:
        if uow.users.by_username(username) is not None:
            raise ValidationError("username", "This username is taken.")
        user = User(
            username,
            display_name,
            role,
            restricted_access=cmd.restricted_access,
            must_change_passphrase=cmd.must_change_passphrase,
        )
        user.id = uow.users.add(user)
        record(
            uow,
            clock,
            actor,
            "add_user",
            _subject(user),
            detail_of(role=role.value, restricted_access=user.restricted_access),
        )
        uow.commit()
    return user


@use_case("update_user")
def update_user(uow: UnitOfWork, actor: Actor, clock: Clock, cmd: UpdateUser) -> User:
    """Change a user's name, role, access or active flag."""
    return _update(uow, actor, clock, cmd, "update_user")


def _update(uow: UnitOfWork, actor: Actor, clock: Clock, cmd: UpdateUser, action: str) -> User:
    display_name = (
        None if cmd.display_name is None else rules.validate_name(cmd.display_name, "display_name")
    )
    role = None if cmd.role is None else enum_value(Role, cmd.role, "role")
    with uow:
        user = uow.users.get(cmd.user_id)
        if user is None:
            raise NotFound("There is no such user.")
        before = User(**vars(user))
        if display_name is not None:
            user.display_name = display_name
        if role is not None:
            user.role = role
        if cmd.active is not None:
            user.active = cmd.active
        if cmd.restricted_access is not None:
            user.restricted_access = cmd.restricted_access
        if cmd.must_change_passphrase is not None:
            user.must_change_passphrase = cmd.must_change_passphrase
        _check_restricted(user.role, user.restricted_access)
        _keep_an_admin(uow, before, user)
        changed = sorted(k for k, v in vars(user).items() if vars(before)[k] != v)
        if changed:
            uow.users.update(user)
            record(
                uow,
                clock,
                actor,
                action,
                _subject(user),
                detail_of(
                    fields=",".join(changed),
                    role=user.role.value if "role" in changed else None,
                    active=user.active if "active" in changed else None,
                    restricted_access=(
                        user.restricted_access if "restricted_access" in changed else None
                    ),
                ),
            )
            uow.commit()
    return user


@use_case("deactivate_user")
def deactivate_user(uow: UnitOfWork, actor: Actor, clock: Clock, user_id: int) -> User:
    """The user can no longer act; their name stays on the cases they worked on."""
    return _update(uow, actor, clock, UpdateUser(user_id, active=False), "deactivate_user")


@use_case("list_users")
def list_users(uow: UnitOfWork, actor: Actor, include_inactive: bool = True) -> list[User]:
    """Users sorted by display name (case workers need the names to assign cases)."""
    with uow:
        users = uow.users.all()
    chosen = [u for u in users if include_inactive or u.active]
    return sorted(chosen, key=lambda u: (u.display_name.casefold(), u.id or 0))


@use_case("get_user")
def get_user(uow: UnitOfWork, actor: Actor, user_id: int) -> User:
    with uow:
        user = uow.users.get(user_id)
    if user is None:
        raise NotFound("There is no such user.")
    return user
