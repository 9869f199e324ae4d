"""Importing a list of justice actors (all rows or none, duplicates skipped), reactivating an
actor, and the directory's search."""

from __future__ import annotations

import pytest

from desktop.domain.model.referrals import JusticeActor
from desktop.domain.services import actors
from desktop.domain.services.actors import ActorImportError, ImportProblem, ImportRow
from desktop.domain.taxonomy import Mechanism
from tests.unit.world import World


def _rows(*entries: JusticeActor) -> list[ImportRow]:
    return [ImportRow(line, entry) for line, entry in enumerate(entries, start=2)]


def _import(world: World, rows: list[ImportRow]) -> actors.ImportResult:
    return actors.import_actors(
        world.uow, world.actor("paralegal"), world.clock, world.taxonomy, rows
    )


def _names(world: World) -> list[str]:
    return [a.name for a in actors.list_actors(world.uow, world.member, include_inactive=True)]


def test_a_valid_list_is_added_in_one_transaction_and_audited_without_names(
    world: World,
) -> None:
    commits = world.uow.commits
    result = _import(
        world,
        _rows(
            JusticeActor("police", "  Police station  gender desk ", phone="+254 700 000 001"),
            JusticeActor("legal_aid", "County legal aid office", hours="Mon-Fri"),
        ),
    )
    assert [a.name for a in result.added] == [
        "Police station gender desk",
        "County legal aid office",
    ]
    assert all(a.id is not None and a.active for a in result.added)
    assert result.added[0].phone == "+254700000001" and result.duplicates == 0
    assert _names(world) == ["County legal aid office", "Police station gender desk"]
    assert world.uow.commits == commits + 1
    event = world.uow.committed.audit[-1]
    assert (event.action, event.detail) == ("import_actors", "added=2 skipped=0")
    assert "legal aid" not in event.detail and "Police" not in event.subject


def test_one_bad_row_imports_nothing_and_every_problem_is_listed(world: World) -> None:
    rows = _rows(
        JusticeActor("police", "Police station gender desk"),
        JusticeActor("sheriff", "Not a kind we know"),
        JusticeActor("court", "Magistrate's court", phone="call the clerk"),
        JusticeActor("legal_aid", "   "),
    )
    commits, events = world.uow.commits, len(world.uow.committed.audit)
    with pytest.raises(ActorImportError) as raised:
        _import(world, rows)
    assert [(p.line, p.column) for p in raised.value.problems] == [
        (3, "kind"),
        (4, "phone"),
        (5, "name"),
    ]
    assert "nothing was imported" in str(raised.value)
    assert all("call the clerk" not in str(p) for p in raised.value.problems)
    assert str(raised.value.problems[1]).startswith("line 4, column phone: Use 7 to 15 digits")
    assert _names(world) == []
    assert world.uow.commits == commits and len(world.uow.committed.audit) == events


def test_an_empty_list_is_refused(world: World) -> None:
    with pytest.raises(ActorImportError) as raised:
        _import(world, [])
    assert raised.value.problems == [ImportProblem(0, "", "The list has no actors.")]


def test_duplicates_of_active_actors_and_of_earlier_rows_are_skipped_and_counted(
    world: World,
) -> None:
    world.add_justice_actor("police", "Kibera Police Station")
    retired = world.add_justice_actor("court", "Kibera Law Courts")
    world.uow.committed.actors[retired].active = False
    result = _import(
        world,
        _rows(
            JusticeActor("police", "kibera  police STATION"),  # same name and kind: skipped
            JusticeActor("social_welfare", "Kibera Police Station"),  # another kind: added
            JusticeActor("court", "Kibera Law Courts"),  # only an inactive one: added
            JusticeActor("chief_elder", "Council of elders"),
            JusticeActor("chief_elder", "Council of Elders"),  # same as the row above: skipped
        ),
    )
    assert result.duplicates == 2
    assert [(a.kind, a.name) for a in result.added] == [
        ("social_welfare", "Kibera Police Station"),
        ("court", "Kibera Law Courts"),
        ("chief_elder", "Council of elders"),
    ]
    assert len(actors.list_actors(world.uow, world.member, include_inactive=True)) == 5
    assert world.uow.committed.audit[-1].detail == "added=3 skipped=2"


def test_importing_the_same_list_twice_adds_nothing_the_second_time(world: World) -> None:
    rows = _rows(JusticeActor("police", "Police station gender desk"))
    assert len(_import(world, rows).added) == 1
    again = _import(world, rows)
    assert again.added == () and again.duplicates == 1
    assert _names(world) == ["Police station gender desk"]


def test_rows_with_an_id_are_refused(world: World) -> None:
    with pytest.raises(ActorImportError) as raised:
        _import(world, _rows(JusticeActor("police", "Police", id=7)))
    assert raised.value.problems[0].column == "id"


def test_reactivate_brings_an_actor_back_and_is_audited(world: World) -> None:
    actor_id = world.add_justice_actor()
    actors.deactivate_actor(world.uow, world.member, world.clock, actor_id)
    assert actors.list_actors(world.uow, world.member) == []
    back = actors.reactivate_actor(world.uow, world.member, world.clock, actor_id)
    assert back.active and [a.id for a in actors.list_actors(world.uow, world.member)] == [actor_id]
    assert [e.action for e in world.uow.committed.audit[-2:]] == [
        "deactivate_actor",
        "reactivate_actor",
    ]
    commits = world.uow.commits
    actors.reactivate_actor(world.uow, world.member, world.clock, actor_id)  # already active
    assert world.uow.commits == commits


def test_an_edit_does_not_change_whether_the_actor_is_active(world: World) -> None:
    actor_id = world.add_justice_actor()
    actors.deactivate_actor(world.uow, world.member, world.clock, actor_id)
    edited = JusticeActor("police", "Kibera Police Station", phone="0700 000 001", id=actor_id)
    actors.update_actor(world.uow, world.member, world.clock, world.taxonomy, edited)
    stored = world.uow.committed.actors[actor_id]
    assert stored.phone == "0700000001" and not stored.active


def test_filter_searches_every_word_in_name_contact_area_and_services(world: World) -> None:
    entries = [
        JusticeActor("police", "Gender desk", "Officer Test", area="Test Town", id=1),
        JusticeActor("legal_aid", "Legal aid clinic", services="Land and succession", id=2),
        JusticeActor("chief_elder", "Council of elders", area="Test Village", id=3),
        JusticeActor("court", "Old court", active=False, id=4),
    ]

    def ids(**kwargs: object) -> list[int | None]:
        found = actors.filter_actors(entries, world.taxonomy, **kwargs)  # type: ignore[arg-type]
        return [a.id for a in found]

    assert ids() == [1, 2, 3]
    assert ids(include_inactive=True) == [1, 2, 3, 4]
    assert ids(text="officer") == [1]
    assert ids(text="SUCCESSION land") == [2]
    assert ids(text="test") == [1, 3]
    assert ids(text="test village") == [3]
    assert ids(text="nowhere") == []
    assert ids(mechanism=Mechanism.FORMAL) == [1, 2]
    assert ids(mechanism=Mechanism.INFORMAL) == [3]
    assert ids(kind="court", include_inactive=True) == [4]
