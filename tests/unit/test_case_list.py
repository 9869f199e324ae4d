"""The case list service: who sees which case, filters, and saved filters (domain, fakes)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.case_list import CaseFilter, CaseScope, SavedFilter
from desktop.domain.model.dispute import Party, PartyRole, Status
from desktop.domain.model.users import Actor
from desktop.domain.services import case_list
from desktop.domain.services.case_list import FILTERS_KIND
from tests.unit.world import World, make_world


@pytest.fixture
def world() -> World:
    return make_world()


def _restricted(w: World, *assigned: str) -> int:
    dispute = w.register(
        "gbv",
        restricted=True,
        assigned=tuple(w.user_id(key) for key in assigned),
        parties=(Party(PartyRole.COMPLAINANT, "Zawadi Siri"),),
    )
    assert dispute.id is not None
    return dispute.id


def _numbers(w: World, actor: Actor, case_filter: CaseFilter | None = None) -> list[str]:
    rows = case_list.list_cases(w.uow, actor, w.clock, case_filter or CaseFilter())
    return [row.number for row in rows]


def test_scope_follows_the_role_and_restricted_access(world: World) -> None:
    assert CaseScope.of(world.admin) == CaseScope(all_restricted=True)
    assert CaseScope.of(world.member) == CaseScope()
    focal = world.actor("focal")
    assert CaseScope.of(focal) == CaseScope(assigned_user=focal.user_id)


def test_a_restricted_case_reaches_only_its_assigned_focal_person_and_administrators(
    world: World,
) -> None:
    open_case = world.register()
    hidden = _restricted(world, "focal")
    number = world.stored(hidden).number
    everything = CaseFilter(text=number)
    assert number in _numbers(world, world.admin)
    assert number in _numbers(world, world.actor("focal"), everything)
    for key in ("member", "member2", "paralegal"):
        actor = world.actor(key)
        assert _numbers(world, actor) == [open_case.number]
        assert _numbers(world, actor, everything) == []
        assert _numbers(world, actor, CaseFilter(restricted=True)) == []
        assert case_list.list_areas(world.uow, actor) == [open_case.area]


def test_restricted_focal_person_not_assigned_does_not_get_the_case(world: World) -> None:
    _restricted(world, "administrator")
    assert _numbers(world, world.actor("focal"), CaseFilter(restricted=True)) == []


def test_restricted_rows_never_carry_party_names(world: World) -> None:
    _restricted(world, "focal")
    (row,) = case_list.list_cases(world.uow, world.admin, world.clock, CaseFilter(restricted=True))
    assert row.restricted == 1
    assert "Zawadi" not in row.complainants
    assert row.complainants == "•••"


def test_rows_come_newest_first_with_their_names(world: World) -> None:
    first = world.register()
    second = world.register(parties=(Party(PartyRole.COMPLAINANT, "Pendo Achieng"),))
    rows = case_list.list_cases(world.uow, world.member, world.clock, CaseFilter())
    assert [r.id for r in rows] == [second.id, first.id]
    assert rows[1].complainants == "Amina Wanjiru"
    assert rows[1].respondents == "Juma Otieno"
    assert rows[1].status == Status.REGISTERED.value
    limited = case_list.list_cases(world.uow, world.member, world.clock, CaseFilter(), limit=1)
    assert [r.id for r in limited] == [second.id]


def test_filters_and_text_narrow_the_list(world: World) -> None:
    world.register()
    pendo = world.register("debt", parties=(Party(PartyRole.COMPLAINANT, "Pendo Achieng"),))
    assert _numbers(world, world.member, CaseFilter(text="pen")) == [pendo.number]
    assert _numbers(world, world.member, CaseFilter(categories=frozenset({"debt"}))) == [
        pendo.number
    ]
    closed = CaseFilter(statuses=frozenset({Status.CLOSED}))
    assert _numbers(world, world.member, closed) == []


@pytest.mark.parametrize(
    ("case_filter", "field"),
    [
        (CaseFilter(received_from=date(2026, 3, 2), received_to=date(2026, 3, 1)), "received_to"),
        (CaseFilter(text="x" * 201), "text"),
    ],
)
def test_a_bad_filter_is_refused_by_field(
    world: World, case_filter: CaseFilter, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        case_list.list_cases(world.uow, world.member, world.clock, case_filter)
    assert caught.value.field == field


def test_saved_filters_are_per_user_sorted_replaced_and_deleted(world: World) -> None:
    member, other = world.member, world.actor("member2")
    overdue = CaseFilter(statuses=frozenset({Status.FOLLOW_UP}), area="Nairobi > Kibera")
    case_list.save_filter(world.uow, member, world.clock, "open ones", CaseFilter())
    saved = case_list.save_filter(world.uow, member, world.clock, "Follow-ups", overdue)
    assert [s.name for s in saved] == ["Follow-ups", "open ones"]
    assert case_list.list_filters(world.uow, member)[0] == SavedFilter("Follow-ups", overdue)
    assert case_list.list_filters(world.uow, other) == []
    replaced = CaseFilter(restricted=False)
    case_list.save_filter(world.uow, member, world.clock, "  OPEN   ones ", replaced)
    assert case_list.list_filters(world.uow, member)[1] == SavedFilter("OPEN ones", replaced)
    left = case_list.delete_filter(world.uow, member, world.clock, "follow-ups")
    assert [s.name for s in left] == ["OPEN ones"]


def test_a_saved_filter_keeps_no_search_text(world: World) -> None:
    case_list.save_filter(
        world.uow, world.member, world.clock, "Mine", CaseFilter(text="Amina Wanjiru")
    )
    draft = world.uow.committed.drafts[(world.member.username, FILTERS_KIND)]
    assert "Amina" not in draft.body
    assert case_list.list_filters(world.uow, world.member)[0].filter == CaseFilter()


def test_saving_a_filter_without_a_name_changes_nothing(world: World) -> None:
    commits = world.uow.commits
    with pytest.raises(ValidationError):
        case_list.save_filter(world.uow, world.member, world.clock, "   ", CaseFilter())
    assert world.uow.commits == commits


def test_a_broken_stored_filter_reads_as_no_filter(world: World) -> None:
    data = CaseFilter(
        statuses=frozenset({Status.CLOSED}), received_from=date(2026, 1, 1), assigned_to=3
    ).to_json()
    assert CaseFilter.from_json(data).statuses == frozenset({Status.CLOSED})
    broken = {"statuses": ["nonsense"], "received_from": "yesterday", "assigned_to": "x"}
    assert CaseFilter.from_json(broken) == CaseFilter()
