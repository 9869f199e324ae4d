"""`suluhu demo`: a committee workspace full of realistic synthetic cases.

Every person in it is invented (desktop/demo_people.py). The demo's other members get the same
passphrase as the administrator, so that a trainer can sign in as each of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.domain.model.committee import Committee
from desktop.domain.model.users import Role, User
from desktop.domain.services import actors as actor_service
from desktop.domain.services.audit import detail_of, record
from desktop.workspace import OpenWorkspace, WorkspaceError

DEMO_COMMITTEE = Committee("Kibera Demo Dispute Committee", "KBR", "Nairobi > Kibera")


def make_demo(
    folder: Path,
    username: str,
    passphrase: str,
    cases: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> dict[str, object]:
    from desktop.bootstrap import make_workspace

    workspace = make_workspace(folder)
    if not workspace.exists():
        admin = User(username, "Demo Administrator", Role.ADMINISTRATOR)
        workspace.create(DEMO_COMMITTEE, admin, passphrase)
        workspace.mark_demo()
    elif not workspace.is_demo():
        raise WorkspaceError(
            f"{folder} holds a real committee's workspace; demo data goes only into a new "
            "folder (or one made by 'suluhu demo'). Nothing was changed."
        )
    opened = workspace.sign_in(username, passphrase)
    try:
        written = fill(opened, passphrase, cases, seed, progress)
    finally:
        opened.close()
    return {"workspace": str(folder), "cases": written}


def fill(
    opened: OpenWorkspace,
    passphrase: str,
    cases: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add the demo's members, actors and ``cases`` cases to a signed-in workspace."""
    from desktop.demo import demo_actors, demo_users, generate_cases

    with opened.unit_of_work() as uow:
        known = {u.username.casefold(): u for u in uow.users.all()}
    member_ids = [opened.actor.user_id]
    restricted_ids = [opened.actor.user_id]
    for user in demo_users():
        existing = known.get(user.username.casefold())
        if existing is None:
            existing = opened.add_user(user, passphrase)
        if existing.id is None or not existing.active:
            continue
        if existing.role in (Role.MEMBER, Role.ADMINISTRATOR):
            member_ids.append(existing.id)
        if existing.restricted_access or existing.role is Role.ADMINISTRATOR:
            restricted_ids.append(existing.id)
    actor_ids = []
    for justice_actor in demo_actors(seed, opened.taxonomy):
        added = actor_service.add_actor(
            opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, justice_actor
        )
        assert added.id is not None
        actor_ids.append(added.id)
    committee = opened.committee()
    records = generate_cases(
        cases,
        seed,
        opened.taxonomy,
        committee,
        member_ids,
        actor_ids,
        opened.clock.today(),
        restricted_member_ids=restricted_ids,
    )
    written = opened.case_loader().load(records, progress=progress)
    with opened.unit_of_work() as uow:
        record(uow, opened.clock, opened.actor, "load_demo", "", detail_of(cases=written))
        uow.commit()
    return written
