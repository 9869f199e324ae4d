"""The case list query on a real SQLCipher workspace: visibility, search, filters, saved filters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from desktop.domain.model.case_list import CaseFilter
from desktop.domain.model.dispute import Channel, Party, PartyRole, Status
from desktop.domain.model.users import Role, User
from desktop.domain.services import case_list, case_status
from desktop.domain.services.case_list import FILTERS_KIND
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from storage import tables
from storage.open_workspace import SqlOpenWorkspace
from tests.integration.conftest import NewWorkspace

PASSPHRASE = "quiet-harbour-maize-7"
AREA = "Testland > Test Ward"


@dataclass
class Casebook:
    admin: SqlOpenWorkspace
    focal: SqlOpenWorkspace  # a member with restricted access, assigned to the restricted case
    member: SqlOpenWorkspace  # a member without restricted access
    other_focal: SqlOpenWorkspace  # restricted access, not assigned
    ids: dict[str, int]
    numbers: dict[str, str]


def _register(
    opened: SqlOpenWorkspace,
    names: tuple[str, str],
    *,
    received: date,
    category: str = "debt",
    area: str = "",
    restricted: bool = False,
    assigned: tuple[int, ...] = (),
) -> tuple[int, str]:
    command = RegisterDispute(
        received_on=received,
        channel=Channel.WALK_IN,
        category=category,
        area=area,
        restricted=restricted,
        assigned=assigned,
        parties=(
            Party(PartyRole.COMPLAINANT, names[0]),
            Party(PartyRole.RESPONDENT, names[1]),
        ),
    )
    dispute = register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command
    )
    assert dispute.id is not None
    return dispute.id, dispute.number


@pytest.fixture
def book(new_workspace: NewWorkspace) -> Iterator[Casebook]:
    admin = new_workspace.sign_in()
    users = {}
    for username, restricted in (("focal", True), ("member", False), ("otherfocal", True)):
        user = admin.add_user(
            User(username, username.title(), Role.MEMBER, restricted_access=restricted),
            PASSPHRASE,
        )
        assert user.id is not None
        users[username] = user.id
    ids, numbers = {}, {}
    cases: tuple[tuple[str, tuple[str, str], dict[str, Any]], ...] = (
        ("land", ("José Mwangi", "Halima Said"), {"received": date(2026, 1, 10)}),
        (
            "north",
            ("Pendo Achieng", "Baraka Njoroge"),
            {"received": date(2026, 2, 3), "area": AREA + " > North", "category": "land_boundary"},
        ),
        (
            "ward2",
            ("Neema Achieng", "Otieno Opiyo"),
            {"received": date(2026, 2, 20), "area": "Testland > Test Ward2"},
        ),
        (
            "secret",
            ("Zawadi Siri", "Hidden Respondent"),
            {"received": date(2026, 3, 1), "category": "gbv", "restricted": True},
        ),
    )
    for key, names, kwargs in cases:
        if key == "secret":
            kwargs["assigned"] = (users["focal"],)
        if key == "north":
            kwargs["assigned"] = (users["member"],)
        ids[key], numbers[key] = _register(admin, names, **kwargs)
    case_status.withdraw(admin.unit_of_work(), admin.actor, admin.clock, ids["land"])
    focal, member, other = (
        new_workspace.sign_in(u, PASSPHRASE) for u in ("focal", "member", "otherfocal")
    )
    signed_in = (focal, member, other)
    try:
        yield Casebook(admin, focal, member, other, ids, numbers)
    finally:
        for opened in (admin, *signed_in):
            opened.close()


def _list(opened: SqlOpenWorkspace, **fields: object) -> list[str]:
    rows = case_list.list_cases(
        opened.unit_of_work(),
        opened.actor,
        opened.clock,
        CaseFilter(**fields),  # type: ignore[arg-type]
    )
    return [row.number for row in rows]


def _keys(book: Casebook, numbers: list[str]) -> list[str]:
    by_number = {n: k for k, n in book.numbers.items()}
    return [by_number[n] for n in numbers]


def test_everyone_sees_open_cases_newest_first_and_only_allowed_restricted_ones(
    book: Casebook,
) -> None:
    assert _keys(book, _list(book.admin)) == ["secret", "ward2", "north", "land"]
    assert _keys(book, _list(book.focal)) == ["secret", "ward2", "north", "land"]
    secret = book.numbers["secret"]
    digits = secret.rsplit("-", 1)[1]
    for hidden_from in (book.member, book.other_focal):
        assert _keys(book, _list(hidden_from)) == ["ward2", "north", "land"]
        assert _list(hidden_from, restricted=True) == []
        assert _list(hidden_from, text=secret) == []
        assert _list(hidden_from, text=digits) == []
        assert _list(hidden_from, categories=frozenset({"gbv"})) == []


def test_a_restricted_row_is_found_by_number_but_shows_no_names(book: Casebook) -> None:
    secret = book.numbers["secret"]
    assert _list(book.focal, text=secret.rsplit("-", 1)[1]) == [secret]
    assert _list(book.focal, text=secret.lower()) == [secret]
    assert _list(book.admin, text="Zawadi") == []  # restricted names are never searched
    rows = case_list.list_cases(
        book.admin.unit_of_work(), book.admin.actor, book.admin.clock, CaseFilter(restricted=True)
    )
    assert [(r.number, r.complainants, r.respondents, r.restricted) for r in rows] == [
        (secret, "•••", "•••", 1)
    ]
    assert rows[0].assigned == "Focal"


def test_search_matches_word_prefixes_of_names_and_numbers_ignoring_accents(
    book: Casebook,
) -> None:
    assert _keys(book, _list(book.member, text="achi")) == ["ward2", "north"]
    assert _keys(book, _list(book.member, text="achieng pen")) == ["north"]
    assert _keys(book, _list(book.member, text="jose")) == ["land"]
    assert _keys(book, _list(book.member, text="HALIMA")) == ["land"]
    assert _list(book.member, text="chieng") == []  # prefixes, not substrings
    assert _keys(book, _list(book.member, text=book.numbers["north"])) == ["north"]


@pytest.mark.parametrize(
    "text",
    ['"', "Achieng\"'", "* OR", "NEAR(a b)", "a AND", "-pendo", "(", "^x", "col:val", "\\", "%_"],
)
def test_no_user_text_is_read_as_fts5_syntax(book: Casebook, text: str) -> None:
    for opened in (book.member, book.admin):
        _list(opened, text=text + " 1")
        _list(opened, text=text)  # no error; what matches is the words


def test_filters_are_applied_in_the_query(book: Casebook) -> None:
    member = book.member
    assert _keys(book, _list(member, statuses=frozenset({Status.WITHDRAWN}))) == ["land"]
    assert _keys(book, _list(member, categories=frozenset({"land_boundary"}))) == ["north"]
    assert _keys(book, _list(member, area=AREA)) == ["north", "land"]  # and the areas below
    assert _keys(book, _list(member, area=AREA + " > North")) == ["north"]
    assert _keys(book, _list(member, assigned_to=member.actor.user_id)) == ["north"]
    window = {"received_from": date(2026, 2, 1), "received_to": date(2026, 2, 20)}
    assert _keys(book, _list(member, **window)) == ["ward2", "north"]
    assert _keys(book, _list(book.admin, restricted=False, text="achieng")) == ["ward2", "north"]
    rows = case_list.list_cases(member.unit_of_work(), member.actor, member.clock, CaseFilter(), 2)
    assert _keys(book, [r.number for r in rows]) == ["ward2", "north"]


def test_areas_are_those_of_visible_cases(book: Casebook) -> None:
    areas = case_list.list_areas(book.member.unit_of_work(), book.member.actor)
    assert areas == [AREA, AREA + " > North", "Testland > Test Ward2"]


def test_saved_filters_live_in_the_users_drafts_row_without_names(book: Casebook) -> None:
    member = book.member
    wanted = CaseFilter(text="Pendo", statuses=frozenset({Status.REGISTERED}), area=AREA)
    case_list.save_filter(member.unit_of_work(), member.actor, member.clock, "Ward", wanted)
    (saved,) = case_list.list_filters(member.unit_of_work(), member.actor)
    assert saved.filter == wanted.without_text()
    assert case_list.list_filters(book.focal.unit_of_work(), book.focal.actor) == []
    with member.unit_of_work() as uow:
        bodies = uow.connection.execute(
            select(tables.drafts.c.body).where(tables.drafts.c.kind == FILTERS_KIND)
        ).all()
    assert len(bodies) == 1 and b"Pendo" not in bodies[0][0]
    case_list.delete_filter(member.unit_of_work(), member.actor, member.clock, "ward")
    assert case_list.list_filters(member.unit_of_work(), member.actor) == []
