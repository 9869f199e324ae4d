"""The agenda queries (storage/repositories/agenda.py) on a real SQLCipher workspace, through
the get_agenda use case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.domain.model.agenda import Agenda, AgendaItem
from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.dispute import Channel, Party, PartyRole, Status
from desktop.domain.model.users import Actor, Role, User
from desktop.domain.services import agreements, case_status, hearings
from desktop.domain.services.agenda import get_agenda
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from desktop.domain.services.outcomes import CloseCase, close_case
from storage.open_workspace import SqlOpenWorkspace
from tests.unit.fakes import FixedClock

START = datetime(2026, 1, 5, 9, 0)
TODAY = date(2026, 3, 10)


class Casebook:
    def __init__(self, opened: SqlOpenWorkspace) -> None:
        self.opened = opened
        self.clock = FixedClock(START)
        member = opened.add_user(User("baraka", "Baraka M", Role.MEMBER), "pass-word-baraka-1")
        focal = opened.add_user(
            User("rehema", "Rehema F", Role.MEMBER, restricted_access=True),
            "pass-word-rehema-1",
        )
        self.member = Actor.of(member)
        self.focal = Actor.of(focal)

    def register(self, received_on: date, category: str = "debt", **extra: object) -> int:
        command = RegisterDispute(
            received_on=received_on,
            channel=Channel.WALK_IN,
            category=category,
            parties=(Party(PartyRole.COMPLAINANT, "Zawadi Kamau"),),
            **extra,  # type: ignore[arg-type]
        )
        dispute = register_dispute(
            self.opened.unit_of_work(),
            self.opened.actor,
            self.clock,
            self.opened.taxonomy,
            command,
        )
        assert dispute.id is not None
        return dispute.id

    def mediate(self, dispute_id: int) -> None:
        case_status.start_mediation(
            self.opened.unit_of_work(),
            self.opened.actor,
            self.clock,
            self.opened.taxonomy,
            dispute_id,
        )

    def hold(self, dispute_id: int, next_date: date | None) -> None:
        uow = self.opened.unit_of_work()
        with uow:
            party = uow.disputes.get(dispute_id).parties[0].id  # type: ignore[union-attr]
        cmd = hearings.RecordHearing(
            dispute_id,
            self.clock.today(),
            mediators=(self.member.user_id,),
            parties_present=(party,),  # type: ignore[arg-type]
            next_date=next_date,
        )
        hearings.record_hearing(uow, self.opened.actor, self.clock, cmd)

    def agenda(self, actor: Actor | None = None) -> Agenda:
        return get_agenda(self.opened.unit_of_work(), actor or self.opened.actor, self.clock)


def _ids(items: list[AgendaItem]) -> set[int]:
    return {i.dispute_id for i in items}


@pytest.fixture
def book(admin: SqlOpenWorkspace) -> Casebook:
    return Casebook(admin)


def test_the_agenda_from_a_real_workspace(book: Casebook) -> None:
    waiting = book.register(date(2026, 1, 2))  # registered, never moved
    mediated = book.register(date(2026, 1, 3))
    book.mediate(mediated)
    book.hold(mediated, next_date=TODAY - timedelta(days=4))
    planned = book.register(date(2026, 1, 4))
    book.mediate(planned)
    agreed = book.register(date(2026, 1, 4))
    book.mediate(agreed)
    agreements.record_agreement(
        book.opened.unit_of_work(),
        book.opened.actor,
        book.clock,
        agreements.RecordAgreement(agreed, "Repay in two parts.", follow_up_days=(30, 64)),
    )
    book.clock.current = datetime(2026, 3, 1, 10, 0)
    hearings.schedule_hearing(
        book.opened.unit_of_work(), book.opened.actor, book.clock, planned, TODAY
    )
    this_month = book.register(date(2026, 3, 1))
    book.clock.current = datetime(2026, 3, 10, 8, 0)

    agenda = book.agenda()

    assert _ids(agenda.hearings_today) == {planned}
    assert _ids(agenda.hearings_overdue) == {mediated}
    assert agenda.hearings_overdue[0].days == 4
    assert _ids(agenda.follow_ups_overdue) == {agreed}  # 30 days after 5 January
    assert _ids(agenda.follow_ups_today) == {agreed}  # 64 days after 5 January
    assert {(i.dispute_id, i.status) for i in agenda.waiting} == {
        (waiting, Status.REGISTERED),
        (mediated, Status.IN_MEDIATION),  # in mediation since 5 January: 64 days
        (planned, Status.IN_MEDIATION),
    }
    assert this_month not in _ids(agenda.waiting)
    assert (agenda.month.registered, agenda.month.closed, agenda.month.agreements) == (1, 0, 0)
    numbers = {i.number for i in agenda.waiting}
    assert all(n.startswith("KBR-2026-") for n in numbers)


def test_the_status_age_counts_from_the_audited_change(book: Casebook) -> None:
    dispute_id = book.register(date(2026, 1, 2))
    book.clock.current = datetime(2026, 3, 1, 10, 0)  # into mediation on 1 March
    book.mediate(dispute_id)
    book.clock.current = datetime(2026, 3, 10, 10, 0)
    assert dispute_id not in _ids(book.agenda().waiting)
    book.clock.current = datetime(2026, 5, 1, 10, 0)
    [item] = book.agenda().waiting
    assert (item.dispute_id, item.on, item.days) == (dispute_id, date(2026, 3, 1), 61)


def test_closed_cases_count_and_leave_the_agenda(book: Casebook) -> None:
    book.clock.current = datetime(2026, 3, 3, 9, 0)
    dispute_id = book.register(date(2026, 3, 2))
    close_case(
        book.opened.unit_of_work(),
        book.opened.actor,
        book.clock,
        book.opened.taxonomy,
        CloseCase(dispute_id, "unresolved"),
    )
    book.clock.current = datetime(2026, 4, 30, 9, 0)
    agenda = book.agenda()
    assert agenda.waiting == [] and agenda.month.closed == 0
    book.clock.current = datetime(2026, 3, 30, 9, 0)
    assert book.agenda().month.closed == 1


def test_restricted_cases_stay_out_of_other_members_agendas(book: Casebook) -> None:
    book.clock.current = datetime(2026, 3, 10, 9, 0)
    hidden = book.register(date(2026, 1, 2), category="gbv", assigned=(book.focal.user_id,))
    book.register(date(2026, 3, 2))
    assert hidden in _ids(book.agenda().waiting)
    assert hidden in _ids(book.agenda(book.focal).waiting)
    member = book.agenda(book.member)
    assert hidden not in _ids(member.waiting)
    assert member.month.registered == 1
    uow = book.opened.unit_of_work()
    with uow:  # the query itself never returns it, whatever the service does after
        ages = uow.agenda.status_ages({Status.REGISTERED: TODAY}, CaseScope())
        assert hidden not in {a.dispute_id for a in ages}
        ages = uow.agenda.status_ages(
            {Status.REGISTERED: TODAY}, CaseScope(assigned_user=book.member.user_id)
        )
        assert hidden not in {a.dispute_id for a in ages}
