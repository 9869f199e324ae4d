"""The views' one door to the users service and to the signed-in user's own record.

The service modules are imported inside the functions, so the sign-in window's first paint does
not load them.
"""

from __future__ import annotations

from desktop.domain.model.users import Actor, User
from desktop.workspace import OpenWorkspace


def can(actor: Actor, use_case: str) -> bool:
    from desktop.domain.services.permissions import can as service_can

    return service_can(actor, use_case)


def list_users(workspace: OpenWorkspace) -> list[User]:
    """Users who can sign in, sorted by name."""
    from desktop.domain.services import users

    return users.list_users(workspace.unit_of_work(), workspace.actor, include_inactive=False)


def current_user(workspace: OpenWorkspace) -> User | None:
    """The signed-in user's record (display name, must they change their passphrase?)."""
    return workspace.user
