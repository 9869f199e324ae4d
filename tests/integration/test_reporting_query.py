"""The reporting queries (storage/repositories/reporting.py) on a real SQLCipher workspace: codes,
bands and months only, restricted cases counted without the restricted-case key, and tables
built through the use case that hold none of the workspace's names, phones, villages, numbers
or narrative."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.domain.model.dispute import Channel, Displacement, Party, PartyRole, Sex, Status
from desktop.domain.model.export_tables import Cadence, Compliance, Period, ResolutionBand, ViewFact
from desktop.domain.model.proceedings import Answer, FollowUpResult, PartyView
from desktop.domain.model.referrals import Direction, JusticeActor, ReferralStatus
from desktop.domain.model.users import Actor, Role, User
from desktop.domain.services import actors, agreements, case_status, exports, referrals
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from desktop.domain.services.outcomes import CloseCase, close_case
from storage.open_workspace import SqlOpenWorkspace
from storage.sealing import Sealer
from storage.unit_of_work import SqlUnitOfWork
from tests.unit.fakes import FixedClock

FEB = Period.month(2026, 2)
NAMES = ["Wanjiku Nyambura", "Kamau Otieno", "Achieng Ouma", "Mwangi Kariuki"]
SECRETS = [*NAMES, "+254700111222", "0733444555", "Mashimoni", "Kianda", "borehole", "goats"]


class Book:
    def __init__(self, opened: SqlOpenWorkspace) -> None:
        self.opened = opened
        self.clock = FixedClock(datetime(2026, 1, 20, 9, 0))
        officer = opened.add_user(
            User("grace", "Grace O", Role.PROGRAMME_OFFICER), "pass-word-grace-1"
        )
        self.officer = Actor.of(officer)

    def register(self, category: str, parties: tuple[Party, ...], **extra: object) -> int:
        command = RegisterDispute(
            received_on=self.clock.today(),
            channel=Channel.WALK_IN,
            category=category,
            parties=parties,
            **extra,  # type: ignore[arg-type]
        )
        o = self.opened
        dispute = register_dispute(o.unit_of_work(), o.actor, self.clock, o.taxonomy, command)
        assert dispute.id is not None
        return dispute.id

    def party_ids(self, dispute_id: int) -> list[int]:
        with self.opened.unit_of_work() as uow:
            dispute = uow.disputes.get(dispute_id)
            assert dispute is not None
            return [p.id for p in dispute.parties if p.id is not None]


@pytest.fixture
def book(admin: SqlOpenWorkspace) -> Book:
    return Book(admin)


def _fill(book: Book) -> dict[str, int]:
    o, admin, clock = book.opened, book.opened.actor, book.clock
    # January: a debt case, mediated to an agreement that was kept, closed in February
    agreed = book.register(
        "debt",
        (
            Party(PartyRole.COMPLAINANT, NAMES[2], Sex.FEMALE, 34, phone="0733444555"),
            Party(PartyRole.RESPONDENT, NAMES[3], Sex.MALE, 50, village="Kianda"),
        ),
        description="Two goats never paid for",
    )
    case_status.start_mediation(o.unit_of_work(), admin, clock, o.taxonomy, agreed)
    agreements.record_agreement(
        o.unit_of_work(), admin, clock, agreements.RecordAgreement(agreed, "Pay 2 goats.")
    )
    clock.current = datetime(2026, 2, 10, 9, 0)
    with o.unit_of_work() as uow:
        follow_up = uow.follow_ups.for_dispute(agreed)[0].id
    assert follow_up is not None
    agreements.record_follow_up(o.unit_of_work(), admin, clock, follow_up, FollowUpResult.COMPLIED)
    complainant, respondent = book.party_ids(agreed)
    views = (PartyView(complainant, fair_process=Answer.YES), PartyView(respondent))
    close_case(
        o.unit_of_work(),
        admin,
        clock,
        o.taxonomy,
        CloseCase(agreed, "resolved_by_agreement", views=views, override_reason="Kept early."),
    )
    # February: the restricted GBV case of a 15-year-old girl with a disability
    gbv = book.register(
        "gbv",
        (
            Party(
                PartyRole.COMPLAINANT,
                NAMES[0],
                Sex.FEMALE,
                15,
                disability=True,
                displacement=Displacement.IDP,
                phone="+254700111222",
                village="Mashimoni",
            ),
            Party(PartyRole.RESPONDENT, NAMES[1], Sex.MALE, 30),
        ),
        description="Beaten at the Kianda borehole",
    )
    police = actors.add_actor(
        o.unit_of_work(), admin, clock, o.taxonomy, JusticeActor("police", "Kibera Police")
    )
    assert police.id is not None
    referrals.refer_case(
        o.unit_of_work(),
        admin,
        clock,
        o.taxonomy,
        referrals.ReferCase(gbv, police.id, "Assault: police GBV desk."),
    )
    # February: a case whose respondent did not consent to reporting, also referred
    refused = book.register(
        "land_boundary",
        (
            Party(PartyRole.COMPLAINANT, "Test Complainant", Sex.MALE, 40),
            Party(PartyRole.RESPONDENT, "Test Respondent", consent_reporting=False),
        ),
    )
    referrals.refer_case(
        o.unit_of_work(),
        admin,
        clock,
        o.taxonomy,
        referrals.ReferCase(refused, police.id, "Boundary needs the land office."),
    )
    return {"agreed": agreed, "gbv": gbv, "refused": refused}


def test_the_facts_of_a_month_need_no_restricted_key(book: Book) -> None:
    _fill(book)
    engine = book.opened._require_engine()
    with SqlUnitOfWork(engine, Sealer(None)) as uow:  # as a user without the restricted key
        facts = uow.reporting.case_facts(FEB.first, FEB.last)
        referral_facts = uow.reporting.referral_facts(FEB.first, FEB.last)
    by_category = {f.category: f for f in facts}
    assert set(by_category) == {"debt", "gbv", "land_boundary"}
    gbv = by_category["gbv"]
    assert (gbv.complainant_sex, gbv.complainant_age, gbv.disability) == (Sex.FEMALE, "12_17", True)
    assert (gbv.respondent_sex, gbv.respondent_age) == (Sex.MALE, "26_40")
    assert (gbv.displacement, gbv.received_in, gbv.closed_in) == (Displacement.IDP, FEB, None)
    assert gbv.consented and not by_category["land_boundary"].consented
    debt = by_category["debt"]  # received in January, closed in February
    assert (debt.received_in, debt.closed_in, debt.status) == (None, FEB, Status.CLOSED)
    assert (debt.outcome, debt.compliance) == ("resolved_by_agreement", Compliance.KEPT)
    assert debt.resolution is ResolutionBand.DAYS_8_30  # 20 January to 10 February
    assert debt.views == (
        ViewFact(Sex.FEMALE, fair_process=Answer.YES),
        ViewFact(Sex.MALE),
    )
    # the refused case's referral is not counted; the GBV case's is
    assert [(r.direction, r.actor_kind, r.status) for r in referral_facts] == [
        (Direction.OUT, "police", ReferralStatus.SENT)
    ]
    with SqlUnitOfWork(engine, Sealer(None)) as uow:
        january = uow.reporting.case_facts(date(2026, 1, 1), date(2026, 1, 31))
    assert [(f.category, f.received_in, f.closed_in) for f in january] == [
        ("debt", Period.month(2026, 1), None)
    ]


def test_the_built_tables_hold_none_of_the_workspaces_secrets(book: Book) -> None:
    ids = _fill(book)
    with book.opened.unit_of_work() as uow:
        numbers = [uow.disputes.get(i).number for i in ids.values()]  # type: ignore[union-attr]
    book.clock.current = datetime(2026, 4, 2, 9, 0)
    quarter = Period.quarter(2026, 1)
    uow = book.opened.unit_of_work()
    export = exports.build_export_tables(
        uow, book.officer, book.clock, book.opened.taxonomy, quarter, cadence=Cadence.QUARTERLY
    )
    text = " ".join(export.strings()).casefold()
    words = [w for secret in SECRETS for w in secret.split()] + numbers
    assert [w for w in words if w.casefold().lstrip("+") in text] == []
    # two cases counted in the quarter, too few: nothing about them is published
    assert export.table("received_by_category").withheld
    assert export.not_consented == 1
