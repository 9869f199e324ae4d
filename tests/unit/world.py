"""A small committee workspace in memory, with one user of each role, for unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.domain.model.committee import Committee
from desktop.domain.model.dispute import Channel, Dispute, Party, PartyRole, Sex
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Actor, Role, User
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from desktop.domain.taxonomy import Taxonomy, default_taxonomy
from tests.unit.fakes import FakeUnitOfWork, FixedClock, State

PARTY_NAMES = ("Amina Wanjiru", "Juma Otieno")
PARTY_PHONE = "+254712345678"


@dataclass
class World:
    uow: FakeUnitOfWork
    clock: FixedClock
    taxonomy: Taxonomy
    users: dict[str, User] = field(default_factory=dict)

    def actor(self, key: str) -> Actor:
        """key: administrator, member, paralegal, programme_officer, focal (a member with
        restricted access), member2."""
        return Actor.of(self.users[key])

    @property
    def admin(self) -> Actor:
        return self.actor("administrator")

    @property
    def member(self) -> Actor:
        return self.actor("member")

    def user_id(self, key: str) -> int:
        user_id = self.users[key].id
        assert user_id is not None
        return user_id

    def register(self, category: str = "land_boundary", **changes: Any) -> Dispute:
        """Register a case with two parties, as the administrator unless ``as_actor`` is given."""
        actor: Actor = changes.pop("as_actor", None) or self.admin
        values: dict[str, Any] = {
            "received_on": self.clock.today(),
            "channel": Channel.WALK_IN,
            "category": category,
            "parties": (
                Party(PartyRole.COMPLAINANT, PARTY_NAMES[0], Sex.FEMALE, 34, phone=PARTY_PHONE),
                Party(PartyRole.RESPONDENT, PARTY_NAMES[1], Sex.MALE, age_band="41_60"),
            ),
        }
        values.update(changes)
        return register_dispute(
            self.uow, actor, self.clock, self.taxonomy, RegisterDispute(**values)
        )

    def stored(self, dispute_id: int | None) -> Dispute:
        assert dispute_id is not None
        return self.committed_state().disputes[dispute_id]

    def committed_state(self) -> State:
        return self.uow.committed

    def add_justice_actor(self, kind: str = "police", name: str = "Kibera Police Station") -> int:
        state = self.uow.committed
        actor = JusticeActor(kind, name, id=state.new_id())
        assert actor.id is not None
        state.actors[actor.id] = actor
        return actor.id


def make_world(today: date = date(2026, 3, 10)) -> World:
    taxonomy = default_taxonomy()
    state = State(
        committee=Committee(
            "Kibera Peace Committee",
            "KBR",
            "Nairobi > Kibera",
            non_mediable=taxonomy.non_mediable_defaults(),
        )
    )
    world = World(FakeUnitOfWork(state), FixedClock(), taxonomy)
    world.clock.current = world.clock.current.replace(
        year=today.year, month=today.month, day=today.day
    )
    people = [
        ("administrator", "Halima Chair", Role.ADMINISTRATOR, False),
        ("member", "Baraka Mediator", Role.MEMBER, False),
        ("member2", "Neema Secretary", Role.MEMBER, False),
        ("paralegal", "Otieno Paralegal", Role.PARALEGAL, False),
        ("programme_officer", "Grace Officer", Role.PROGRAMME_OFFICER, False),
        ("focal", "Rehema Focal", Role.MEMBER, True),
    ]
    for key, name, role, restricted in people:
        user = User(key, name, role, id=state.new_id(), restricted_access=restricted)
        assert user.id is not None
        state.users[user.id] = user
        world.users[key] = user
    return world
