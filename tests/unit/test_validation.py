"""Bad input gets a ValidationError naming the field, and nothing at all is written."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.dispute import Party, PartyRole
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Role
from desktop.domain.services import (
    actors,
    agreements,
    case_status,
    committee,
    disputes,
    hearings,
    outcomes,
    parties,
    users,
)
from tests.unit.world import World

Call = Callable[[], object]
Setup = Callable[[World], Call]  # prepares the world, returns the call that must fail


def _case_id(w: World) -> int:
    dispute = w.register()
    assert dispute.id is not None
    return dispute.id


def _mediating(w: World) -> int:
    i = _case_id(w)
    case_status.start_mediation(w.uow, w.admin, w.clock, w.taxonomy, i)
    return i


def _party(name: str = "Amina", **kw: object) -> Party:
    return Party(PartyRole.COMPLAINANT, name, **kw)  # type: ignore[arg-type]


def _register(**changes: Any) -> Setup:
    return lambda w: lambda: w.register(**changes)


def _register_with(make: Callable[[World], dict[str, Any]]) -> Setup:
    def setup(w: World) -> Call:
        changes = make(w)
        return lambda: w.register(**changes)

    return setup


def _update_party_blank(w: World) -> Call:
    i = _case_id(w)
    party = Party(PartyRole.WITNESS, "", id=w.stored(i).parties[0].id)
    return lambda: parties.update_party(w.uow, w.admin, w.clock, w.taxonomy, i, party)


def _agreement(terms: str, days: tuple[int, ...] = (30, 90)) -> Setup:
    def setup(w: World) -> Call:
        cmd = agreements.RecordAgreement(_mediating(w), terms, follow_up_days=days)
        return lambda: agreements.record_agreement(w.uow, w.admin, w.clock, cmd)

    return setup


def _hearing(mediators: tuple[int, ...] | None, present: tuple[int, ...] = ()) -> Setup:
    def setup(w: World) -> Call:
        chosen = (w.admin.user_id,) if mediators is None else mediators
        cmd = hearings.RecordHearing(_mediating(w), w.clock.today(), chosen, present)
        return lambda: hearings.record_hearing(w.uow, w.admin, w.clock, cmd)

    return setup


def _close(outcome: str) -> Setup:
    def setup(w: World) -> Call:
        cmd = outcomes.CloseCase(_case_id(w), outcome)
        return lambda: outcomes.close_case(w.uow, w.admin, w.clock, w.taxonomy, cmd)

    return setup


def _reopen_blank(w: World) -> Call:
    i = _case_id(w)
    case_status.withdraw(w.uow, w.admin, w.clock, i)
    return lambda: case_status.reopen(w.uow, w.admin, w.clock, i, "  ")


def _actor(entry: JusticeActor) -> Setup:
    return lambda w: lambda: actors.add_actor(w.uow, w.admin, w.clock, w.taxonomy, entry)


def _user(cmd: users.AddUser) -> Setup:
    return lambda w: lambda: users.add_user(w.uow, w.admin, w.clock, cmd)


def _settings(cmd: committee.UpdateSettings) -> Setup:
    return lambda w: lambda: committee.update_settings(w.uow, w.admin, w.clock, w.taxonomy, cmd)


def _update_category(w: World) -> Call:
    cmd = disputes.UpdateDispute(_case_id(w), category="nope")
    return lambda: disputes.update_dispute(w.uow, w.admin, w.clock, w.taxonomy, cmd)


BAD: dict[str, tuple[str, Setup]] = {
    "future date": (
        "received_on",
        _register_with(lambda w: {"received_on": w.clock.today() + timedelta(days=1)}),
    ),
    "unknown category": ("category", _register(category="goats")),
    "blank party name": ("parties[1].name", _register(parties=(_party(), _party("  ")))),
    "bad phone": ("parties[0].phone", _register(parties=(_party(phone="12ab"),))),
    "age over 120": ("parties[0].age", _register(parties=(_party(age=121),))),
    "band against age": (
        "parties[0].age_band",
        _register(parties=(_party(age=30, age_band="0_11"),)),
    ),
    "unknown band": ("parties[0].age_band", _register(parties=(_party(age_band="old"),))),
    "unknown assignee": ("assigned", _register(assigned=(999,))),
    "officer assigned": (
        "assigned",
        _register_with(lambda w: {"assigned": (w.user_id("programme_officer"),)}),
    ),
    "referrer on walk-in": (
        "referred_by_actor",
        _register_with(lambda w: {"referred_by_actor": w.add_justice_actor()}),
    ),
    "party name on update": ("name", _update_party_blank),
    "agreement terms": ("terms", _agreement("   ")),
    "follow-up days": ("follow_up_days", _agreement("Pay", (0,))),
    "hearing without mediator": ("mediators", _hearing(())),
    "hearing mediator not a user": ("mediators", _hearing((777,))),
    "hearing stranger present": ("parties_present", _hearing(None, (555,))),
    "unknown outcome": ("outcome", _close("won")),
    "agreement outcome without agreement": ("outcome", _close("resolved_by_agreement")),
    "reopen without reason": ("reason", _reopen_blank),
    "actor kind": ("kind", _actor(JusticeActor("wizard", "Merlin"))),
    "actor phone": ("phone", _actor(JusticeActor("police", "Station", phone="123"))),
    "username": ("username", _user(users.AddUser("Bad Name", "Someone", Role.MEMBER))),
    "username taken": ("username", _user(users.AddUser("member", "Someone", Role.MEMBER))),
    "display name": ("display_name", _user(users.AddUser("zawadi", "", Role.MEMBER))),
    "officer with restricted access": (
        "restricted_access",
        _user(users.AddUser("po2", "Officer", Role.PROGRAMME_OFFICER, True)),
    ),
    "auto lock": ("auto_lock_minutes", _settings(committee.UpdateSettings(auto_lock_minutes=16))),
    "non-mediable code": (
        "non_mediable",
        _settings(committee.UpdateSettings(non_mediable=frozenset({"x"}))),
    ),
    "update category": ("category", _update_category),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_the_field_and_writes_nothing(world: World, case: str) -> None:
    field, setup = BAD[case]
    call = setup(world)
    before, commits = copy.deepcopy(world.uow.committed), world.uow.commits
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert world.uow.commits == commits
    assert world.uow.committed == before
