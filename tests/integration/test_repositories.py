"""Every repository and the unit of work, on a real migrated SQLCipher file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, exc, text

from desktop.domain.errors import NotFound
from desktop.domain.model.audit import GENESIS, chain, verify_chain
from desktop.domain.model.committee import Committee
from desktop.domain.model.dispute import (
    Channel,
    Displacement,
    Dispute,
    Party,
    PartyRole,
    RiskFlag,
    Sex,
    Status,
)
from desktop.domain.model.proceedings import (
    Agreement,
    Answer,
    FollowUp,
    FollowUpResult,
    Hearing,
    Outcome,
    PartyView,
)
from desktop.domain.model.referrals import (
    Consent,
    ConsentMethod,
    Direction,
    JusticeActor,
    Referral,
    ReferralStatus,
    Urgency,
)
from desktop.domain.model.users import Role, User
from storage import schema
from storage.engine import open_engine
from storage.repositories import SqlDisputeRepository
from storage.sealing import MARKER, REDACTED, RestrictedKeyRequired, SealBroken, Sealer
from storage.unit_of_work import SqlUnitOfWork

RESTRICTED_KEY = os.urandom(32)
UowFactory = Callable[..., SqlUnitOfWork]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_engine(tmp_path / "cases.db", os.urandom(32), create=True)
    schema.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> UowFactory:
    """``uow()`` holds the restricted key; ``uow(keyless=True)`` does not."""

    def make(*, keyless: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, Sealer(None if keyless else RESTRICTED_KEY))

    return make


def raw(engine: Engine, sql: str, **params: object) -> list[tuple[Any, ...]]:
    """What a co-user holding only the database key sees."""
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql), params)]


def a_dispute(number: str = "KBR-2026-0001", **changes: object) -> Dispute:
    dispute = Dispute(
        number=number,
        received_on=date(2026, 3, 14),
        channel=Channel.REFERRAL_IN,
        category="family.inheritance",
        area="Kibera > Laini Saba",
        description="Brothers dispute the plot left by their father.",
        risk_flags=frozenset({RiskFlag.VIOLENCE, RiskFlag.ESCALATION}),
        parties=[
            Party(
                PartyRole.COMPLAINANT,
                "Wanjiru Kamau",
                sex=Sex.FEMALE,
                age=34,
                age_band="25-59",
                disability=True,
                displacement=Displacement.IDP,
                phone="+254700000001",
                village="Soweto East",
                consent_reporting=False,
            ),
            Party(PartyRole.RESPONDENT, "Otieno Odhiambo", sex=Sex.MALE, phone="+254700000002"),
        ],
        referred_by_reference="OB 12/3/2026",
    )
    for name, value in changes.items():
        setattr(dispute, name, value)
    return dispute


@pytest.fixture
def people(uow: UowFactory) -> tuple[int, int, int]:
    """Two members and a police station."""
    with uow() as work:
        first = work.users.add(User("amina", "Amina Yusuf", Role.MEMBER))
        second = work.users.add(User("baraka", "Baraka Mwangi", Role.PARALEGAL))
        police = work.actors.add(JusticeActor("police", "Kibera Police Station"))
        work.commit()
    return first, second, police


def search(work: SqlUnitOfWork, query: str) -> list[int]:
    """Full-text search is not in the DisputeRepository port (yet)."""
    assert isinstance(work.disputes, SqlDisputeRepository)
    return work.disputes.search(query)


def add(uow: UowFactory, dispute: Dispute) -> int:
    with uow() as work:
        dispute_id = work.disputes.add(dispute)
        work.commit()
    return dispute_id


# -- unit of work ------------------------------------------------------------------------------


def test_leaving_without_commit_rolls_back(uow: UowFactory) -> None:
    with uow() as work:
        work.disputes.add(a_dispute())
        assert work.disputes.count() == 1
    with pytest.raises(RuntimeError), uow() as work:
        work.disputes.add(a_dispute())
        raise RuntimeError("power cut")
    with uow() as work:
        assert work.disputes.count() == 0
        assert search(work, "wanjiru") == []


def test_commit_then_more_work_keeps_only_the_committed(uow: UowFactory) -> None:
    with uow() as work:
        work.disputes.add(a_dispute("KBR-2026-0001"))
        work.commit()
        work.disputes.add(a_dispute("KBR-2026-0002"))
        work.rollback()
        work.disputes.add(a_dispute("KBR-2026-0003"))
    with uow() as work:
        assert work.disputes.count() == 1
        assert work.disputes.next_sequence("KBR-2026-") == 2


def test_unit_of_work_is_not_reentrant_and_is_reusable(uow: UowFactory) -> None:
    work = uow()
    with work, pytest.raises(RuntimeError), work:
        pass
    with work:
        assert work.disputes.count() == 0
    with pytest.raises(RuntimeError):
        work.commit()


# -- committee, users, audit, actors -----------------------------------------------------------


def test_committee(uow: UowFactory) -> None:
    with uow() as work:
        with pytest.raises(NotFound):
            work.committee.get()
        committee = Committee(
            "Kibera Peace Committee",
            "KBR",
            "Nairobi > Kibera",
            language="sw",
            non_mediable=frozenset({"gbv", "child_abuse"}),
            auto_lock_minutes=10,
            approvals_required=True,
        )
        work.committee.save(committee)
        work.commit()
    with uow() as work:
        assert work.committee.get() == committee
        committee.name = "Kibera Dispute Committee"
        work.committee.save(committee)  # still one row
        work.commit()
    assert raw_count(uow, "committee") == 1
    with uow() as work:
        assert work.committee.get().name == "Kibera Dispute Committee"


def raw_count(uow: UowFactory, table: str) -> int:
    with uow() as work:
        return int(work.connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_users(uow: UowFactory) -> None:
    admin = User("Chair", "Mzee Juma", Role.ADMINISTRATOR, restricted_access=True)
    member = User("amina", "Amina Yusuf", Role.MEMBER, must_change_passphrase=True)
    with uow() as work:
        work.users.add(admin)
        work.users.add(member)
        work.commit()
    assert admin.id is not None and member.id is not None
    with uow() as work:
        assert work.users.get(admin.id) == admin
        assert work.users.by_username("chair") == admin  # case-insensitive
        assert work.users.by_username("nobody") is None
        assert work.users.all() == [member, admin]
        member.active = False
        member.role = Role.PARALEGAL
        work.users.update(member)
        work.commit()
    with uow() as work:
        assert work.users.get(member.id) == member
        with pytest.raises(exc.IntegrityError):
            work.users.add(User("AMINA", "Another Amina", Role.MEMBER))
    with uow() as work:
        work.users.remove(member.id)
        with pytest.raises(NotFound):
            work.users.remove(member.id)
        work.commit()
    with uow() as work:
        assert work.users.get(member.id) is None
        with pytest.raises(NotFound):
            work.users.update(member)


def test_removing_a_user_unassigns_them_and_keeps_their_cases(
    uow: UowFactory, people: tuple[int, int, int]
) -> None:
    first, second, _ = people
    dispute_id = add(uow, a_dispute(assigned=(first, second), created_by=first))
    with uow() as work:
        work.users.remove(first)
        work.commit()
    with uow() as work:
        dispute = work.disputes.get(dispute_id)
    assert dispute is not None
    assert dispute.assigned == (second,)
    assert dispute.created_by is None


def test_audit_chain(uow: UowFactory) -> None:
    with uow() as work:
        assert work.audit.last_hash() == GENESIS
        assert work.audit.all() == []
    at = datetime(2026, 3, 14, 9, 30, 5, 123456, tzinfo=timezone(timedelta(hours=3)))
    events = []
    with uow() as work:
        previous = work.audit.last_hash()
        for index, action in enumerate(["sign_in", "register_dispute", "sign_out"]):
            event = chain(previous, at + timedelta(minutes=index), "amina", action, "dispute:1")
            work.audit.add(event)
            events.append(event)
            previous = event.hash
        work.commit()
    with uow() as work:
        stored = work.audit.all()
        assert work.audit.last_hash() == events[-1].hash
    assert [event.seq for event in stored] == [1, 2, 3]
    assert [(e.at, e.username, e.action, e.hash) for e in stored] == [
        (e.at, e.username, e.action, e.hash) for e in events
    ]
    assert stored[0].at.utcoffset() == timedelta(hours=3)
    assert verify_chain(stored) is None


def test_audit_log_is_append_only(uow: UowFactory) -> None:
    with uow() as work:
        work.audit.add(chain(GENESIS, datetime.now(UTC), "amina", "sign_in"))
        work.commit()
    for statement in ("UPDATE audit SET action = 'x'", "DELETE FROM audit"):
        with pytest.raises(exc.IntegrityError, match="append-only"), uow() as work:
            work.connection.execute(text(statement))
    assert raw_count(uow, "audit") == 1


def test_actors(uow: UowFactory) -> None:
    court = JusticeActor(
        "court",
        "Kibera Law Courts",
        contact_person="Clerk",
        phone="020 123",
        area="Nairobi",
        services="small claims",
        hours="Mon-Fri 8-5",
    )
    aid = JusticeActor("legal_aid", "haki Legal Aid", active=False)
    with uow() as work:
        work.actors.add(court)
        work.actors.add(aid)
        work.commit()
    assert court.id is not None
    with uow() as work:
        assert work.actors.get(court.id) == court
        assert work.actors.get(9999) is None
        assert work.actors.all() == [aid, court]  # by name, ignoring case
        court.phone = "020 999"
        work.actors.update(court)
        work.commit()
    with uow() as work:
        assert work.actors.get(court.id) == court


# -- disputes ----------------------------------------------------------------------------------


def test_dispute_round_trip(uow: UowFactory, people: tuple[int, int, int]) -> None:
    first, second, police = people
    dispute = a_dispute(assigned=(second, first), created_by=first, referred_by_actor=police)
    dispute_id = add(uow, dispute)
    assert dispute.id == dispute_id
    assert all(party.id and party.dispute_id == dispute_id for party in dispute.parties)
    with uow() as work:
        stored = work.disputes.get(dispute_id)
        assert work.disputes.get(dispute_id + 100) is None
        assert work.disputes.count() == 1
    assert stored == dispute
    assert stored is not None
    assert isinstance(stored.channel, Channel) and isinstance(stored.status, Status)
    assert isinstance(stored.parties[0].sex, Sex)
    assert stored.assigned == (second, first)  # order kept


def test_dispute_update_rewrites_parties_and_assignees(
    uow: UowFactory, people: tuple[int, int, int]
) -> None:
    first, second, _ = people
    dispute = a_dispute(assigned=(first,))
    dispute_id = add(uow, dispute)
    kept, dropped = dispute.parties
    with uow() as work:
        kept.name = "Wanjiru Njeri"
        kept.age = 35
        dispute.parties = [kept, Party(PartyRole.WITNESS, "Chebet Kiprono")]
        dispute.assigned = (second,)
        dispute.move_to(Status.IN_MEDIATION)
        dispute.description = "Now also about the water point."
        dispute.risk_flags = frozenset()
        work.disputes.update(dispute)
        work.commit()
    with uow() as work:
        stored = work.disputes.get(dispute_id)
    assert stored == dispute
    assert raw_count(uow, "parties") == 2
    assert dropped.id not in {party.id for party in dispute.parties}


def test_a_party_of_another_dispute_cannot_be_updated_through_this_one(uow: UowFactory) -> None:
    one = a_dispute("KBR-2026-0001")
    other = a_dispute("KBR-2026-0002")
    add(uow, one)
    add(uow, other)
    one.parties.append(other.parties[0])
    with pytest.raises(NotFound), uow() as work:
        work.disputes.update(one)
    with uow() as work:
        assert work.disputes.get(other.id or 0) == other


def test_next_sequence(uow: UowFactory) -> None:
    with uow() as work:
        assert work.disputes.next_sequence("KBR-2026-") == 1
        for number in ["KBR-2026-0001", "KBR-2026-0042", "KBR-2025-0100", "KBRX-2026-0500"]:
            work.disputes.add(a_dispute(number))
        work.disputes.add(a_dispute("KBR-2026-IMPORTED"))
        assert work.disputes.next_sequence("KBR-2026-") == 43
        assert work.disputes.next_sequence("KBR-2025-") == 101
        assert work.disputes.next_sequence("ABC-2026-") == 1


def test_ids_with_party_names(uow: UowFactory) -> None:
    recent = add(uow, a_dispute("KBR-2026-0001"))
    add(uow, a_dispute("KBR-2025-0001", received_on=date(2025, 1, 2)))
    restricted = add(uow, a_dispute("KBR-2026-0002", restricted=True))
    since = date(2026, 1, 1)
    with uow(keyless=True) as work:
        assert work.disputes.ids_with_party_names(["  WANJIRU   kamau "], since) == [recent]
        assert work.disputes.ids_with_party_names(["Wanjiru"], since) == []  # equality only
        assert work.disputes.ids_with_party_names([], since) == []
    with uow() as work:  # holding the restricted key, sealed names are compared too
        found = work.disputes.ids_with_party_names(["otieno odhiambo"], since)
        assert found == [recent, restricted]


def test_full_text_search(uow: UowFactory, engine: Engine) -> None:
    visible = add(uow, a_dispute("KBR-2026-0001"))
    zoe = add(uow, a_dispute("KBR-2026-0002", parties=[Party(PartyRole.COMPLAINANT, "Zoë Müller")]))
    hidden = add(uow, a_dispute("KBR-2026-0003", restricted=True))
    with uow() as work:
        sql = "SELECT rowid FROM dispute_search WHERE dispute_search MATCH :q"
        found = work.connection.execute(text(sql), {"q": "names:wanj*"}).scalars().all()
        assert found == [visible]
        assert search(work, "wanj") == [visible]
        assert search(work, "zoe mull") == [zoe]  # diacritics folded, prefixes
        assert search(work, 'KBR-2026-000"3') == []
        assert search(work, '"(*') == []  # never an FTS5 syntax error
        assert sorted(search(work, "kbr 2026")) == [visible, zoe]
    assert hidden not in [row[0] for row in raw(engine, "SELECT rowid FROM dispute_search")]


def index_blocks(engine: Engine) -> bytes:
    return b"".join(bytes(row[0]) for row in raw(engine, "SELECT block FROM dispute_search_data"))


def test_search_follows_renames_and_restriction(uow: UowFactory, engine: Engine) -> None:
    dispute = a_dispute()
    add(uow, dispute)
    with uow() as work:
        dispute.parties[0].name = "Akinyi Atieno"
        work.disputes.update(dispute)
        work.commit()
    with uow() as work:
        assert search(work, "wanjiru") == []
        assert search(work, "akinyi") == [dispute.id]
        dispute.restricted = True
        work.disputes.update(dispute)
        work.commit()
    with uow() as work:
        assert search(work, "akinyi") == []
        assert search(work, "otieno") == []
    # secure-delete: the tokens are gone from the index itself, not merely marked deleted
    assert b"akinyi" not in index_blocks(engine)
    assert b"otieno" not in index_blocks(engine)


# -- restricted disputes -----------------------------------------------------------------------


def test_a_restricted_dispute_is_sealed_in_the_database(uow: UowFactory, engine: Engine) -> None:
    dispute = a_dispute(restricted=True)
    dispute_id = add(uow, dispute)
    with uow() as work:
        assert work.disputes.get(dispute_id) == dispute  # the key holder reads it all
    rows = raw(engine, "SELECT name, phone, village, name_key FROM parties")
    description = raw(engine, "SELECT description FROM disputes")[0][0]
    stored = [value for row in rows for value in row[:3]] + [description]
    assert all(isinstance(value, str) and value.startswith(MARKER) for value in stored)
    assert [row[3] for row in rows] == [None, None]
    for secret in ["Wanjiru", "Otieno", "+254700000001", "Soweto", "Brothers"]:
        assert not any(secret in str(value) for value in stored)
    assert raw(engine, "SELECT count(*) FROM dispute_search") == [(0,)]
    assert b"wanjiru" not in index_blocks(engine)


def test_without_the_key_a_restricted_dispute_reads_redacted(uow: UowFactory) -> None:
    dispute = a_dispute(restricted=True)
    dispute_id = add(uow, dispute)
    with uow(keyless=True) as work:
        stored = work.disputes.get(dispute_id)
    assert stored is not None
    assert [party.name for party in stored.parties] == [REDACTED, REDACTED]
    assert stored.parties[0].phone == REDACTED
    assert stored.description == REDACTED
    assert stored.number == dispute.number  # not sealed
    assert stored.parties[0].sex == Sex.FEMALE


def test_without_the_key_a_restricted_dispute_cannot_be_written(uow: UowFactory) -> None:
    dispute = a_dispute(restricted=True)
    with pytest.raises(RestrictedKeyRequired), uow(keyless=True) as work:
        work.disputes.add(dispute)
    dispute_id = add(uow, a_dispute(restricted=True))
    with uow(keyless=True) as work:
        stored = work.disputes.get(dispute_id)
        assert stored is not None
        stored.status = Status.IN_MEDIATION
        with pytest.raises(RestrictedKeyRequired):
            work.disputes.update(stored)
        with pytest.raises(RestrictedKeyRequired):
            work.hearings.add(Hearing(dispute_id, date(2026, 4, 1), notes="x"))
        plain = a_dispute("KBR-2026-0009")
        work.disputes.add(plain)  # unrestricted work needs no key
        plain.restricted = True
        with pytest.raises(RestrictedKeyRequired):
            work.disputes.update(plain)


def test_a_sealed_value_swapped_between_rows_is_refused(uow: UowFactory) -> None:
    dispute_id = add(uow, a_dispute(restricted=True))
    with uow() as work:
        work.connection.execute(
            text("UPDATE parties SET name = (SELECT name FROM parties p WHERE p.id != parties.id)")
        )
        with pytest.raises(SealBroken):
            work.disputes.get(dispute_id)


# -- proceedings and referrals -----------------------------------------------------------------


def proceedings(dispute: Dispute, police: int) -> tuple[Hearing, Agreement, FollowUp, Outcome]:
    assert dispute.id is not None
    party_ids = tuple(party.id or 0 for party in dispute.parties)
    hearing = Hearing(
        dispute.id,
        date(2026, 3, 20),
        mediators=(2, 1),
        parties_present=party_ids,
        notes="Wanjiru spoke of threats.",
        next_step="Visit the plot with the chief.",
        next_date=date(2026, 3, 27),
    )
    agreement = Agreement(
        dispute.id,
        "Otieno builds the fence; Wanjiru keeps the well.",
        date(2026, 3, 27),
        signatories=party_ids,
        compliance_due=date(2026, 4, 27),
    )
    follow_up = FollowUp(dispute.id, date(2026, 4, 27), note="Call Wanjiru.")
    outcome = Outcome(
        dispute.id,
        "resolved_agreement",
        date(2026, 5, 1),
        note="Wanjiru satisfied.",
        views=[PartyView(party_ids[0], voice=Answer.YES, fair_outcome=Answer.PARTLY)],
    )
    return hearing, agreement, follow_up, outcome


def a_referral(dispute: Dispute, police: int) -> Referral:
    assert dispute.id is not None
    party = dispute.parties[0].id or 0
    return Referral(
        dispute.id,
        police,
        Direction.OUT,
        "Wanjiru reports assault.",
        urgency=Urgency.URGENT,
        status=ReferralStatus.SENT,
        shared_fields=("name", "phone"),
        consents=(
            Consent(party, date(2026, 3, 20), ConsentMethod.VERBAL_WITH_WITNESS, "Mama Achieng"),
            Consent(party, date(2026, 3, 21), ConsentMethod.THUMBPRINT),
        ),
        code="KBR-REF-0001",
        sent_on=date(2026, 3, 21),
        due_on=date(2026, 4, 4),
    )


@pytest.mark.parametrize("restricted", [False, True], ids=["open", "restricted"])
def test_proceedings_and_referrals_round_trip(
    uow: UowFactory, engine: Engine, people: tuple[int, int, int], restricted: bool
) -> None:
    police = people[2]
    dispute = a_dispute(restricted=restricted)
    add(uow, dispute)
    assert dispute.id is not None
    hearing, agreement, follow_up, outcome = proceedings(dispute, police)
    referral = a_referral(dispute, police)
    blank = Referral(dispute.id, police, Direction.IN, "Sent by the chief.")
    with uow() as work:
        work.hearings.add(hearing)
        work.agreements.add(agreement)
        work.follow_ups.add(follow_up)
        work.outcomes.save(outcome)
        work.referrals.add(referral)
        work.referrals.add(blank)  # no code: codes are unique only when present
        work.commit()
    with uow() as work:
        assert work.hearings.for_dispute(dispute.id) == [hearing]
        assert work.agreements.for_dispute(dispute.id) == [agreement]
        assert work.follow_ups.for_dispute(dispute.id) == [follow_up]
        assert work.follow_ups.get(follow_up.id or 0) == follow_up
        assert work.outcomes.for_dispute(dispute.id) == outcome
        assert work.referrals.for_dispute(dispute.id) == [referral, blank]
        assert work.referrals.get(referral.id or 0) == referral
        assert work.hearings.for_dispute(9999) == []
        assert work.outcomes.for_dispute(9999) is None
        follow_up.done_on = date(2026, 4, 28)
        follow_up.result = FollowUpResult.PARTLY
        follow_up.note = "Fence half built."
        work.follow_ups.update(follow_up)
        referral.status = ReferralStatus.COMPLETED
        referral.feedback = "Charged; case file 44."
        referral.feedback_on = date(2026, 4, 2)
        work.referrals.update(referral)
        replacement = Outcome(dispute.id, "referred_formal", date(2026, 5, 2), note="Court.")
        assert work.outcomes.save(replacement) == outcome.id
        work.commit()
    with uow() as work:
        assert work.follow_ups.get(follow_up.id or 0) == follow_up
        assert work.referrals.get(referral.id or 0) == referral
        assert work.outcomes.for_dispute(dispute.id) == replacement
    assert raw_count(uow, "outcomes") == 1

    sealed_text = raw(
        engine,
        "SELECT notes || next_step FROM hearings UNION ALL SELECT terms FROM agreements "
        "UNION ALL SELECT note FROM follow_ups UNION ALL SELECT note FROM outcomes "
        "UNION ALL SELECT reason || feedback || consents FROM referrals",
    )
    joined = " ".join(str(row[0]) for row in sealed_text)
    assert ("Wanjiru" in joined) is not restricted
    assert ("Mama Achieng" in joined) is not restricted
    assert ("Charged" in joined) is not restricted


def test_without_the_key_proceedings_read_redacted(
    uow: UowFactory, people: tuple[int, int, int]
) -> None:
    dispute = a_dispute(restricted=True)
    add(uow, dispute)
    assert dispute.id is not None
    hearing, agreement, follow_up, outcome = proceedings(dispute, people[2])
    referral = a_referral(dispute, people[2])
    with uow() as work:
        for repo, record in [
            (work.hearings, hearing),
            (work.agreements, agreement),
            (work.follow_ups, follow_up),
            (work.referrals, referral),
        ]:
            repo.add(record)  # type: ignore[attr-defined]
        work.outcomes.save(outcome)
        work.commit()
    with uow(keyless=True) as work:
        [stored_hearing] = work.hearings.for_dispute(dispute.id)
        [stored_agreement] = work.agreements.for_dispute(dispute.id)
        [stored_referral] = work.referrals.for_dispute(dispute.id)
        stored_outcome = work.outcomes.for_dispute(dispute.id)
        stored_follow_up = work.follow_ups.get(follow_up.id or 0)
        assert stored_hearing.notes == stored_hearing.next_step == REDACTED
        assert stored_hearing.next_date == hearing.next_date
        assert stored_agreement.terms == REDACTED
        assert stored_referral.reason == stored_referral.feedback == REDACTED
        assert stored_referral.consents[0].witness == REDACTED
        assert stored_referral.consents[0].method == ConsentMethod.VERBAL_WITH_WITNESS
        assert stored_outcome is not None and stored_outcome.note == REDACTED
        assert stored_outcome.views == outcome.views
        assert stored_follow_up is not None and stored_follow_up.note == REDACTED
        with pytest.raises(RestrictedKeyRequired):
            work.follow_ups.update(follow_up)
        with pytest.raises(RestrictedKeyRequired):
            work.outcomes.save(outcome)


def test_restricting_a_dispute_later_seals_everything_it_has(
    uow: UowFactory, engine: Engine, people: tuple[int, int, int]
) -> None:
    dispute = a_dispute()
    add(uow, dispute)
    assert dispute.id is not None
    hearing, agreement, follow_up, outcome = proceedings(dispute, people[2])
    referral = a_referral(dispute, people[2])
    with uow() as work:
        work.hearings.add(hearing)
        work.agreements.add(agreement)
        work.follow_ups.add(follow_up)
        work.outcomes.save(outcome)
        work.referrals.add(referral)
        dispute.restricted = True
        work.disputes.update(dispute)
        work.commit()
        # the WAL frames that held the plaintext were checkpointed away
        assert Path(f"{engine.url.database}-wal").stat().st_size == 0
    for table, column in [
        ("parties", "name"),
        ("disputes", "description"),
        ("hearings", "notes"),
        ("agreements", "terms"),
        ("follow_ups", "note"),
        ("outcomes", "note"),
        ("referrals", "feedback"),
    ]:
        values = [row[0] for row in raw(engine, f"SELECT {column} FROM {table}")]
        assert values and all(str(value).startswith(MARKER) for value in values), table
    assert "Mama Achieng" not in str(raw(engine, "SELECT consents FROM referrals"))
    with uow() as work:  # and the key holder still reads everything
        assert work.disputes.get(dispute.id) == dispute
        assert work.hearings.for_dispute(dispute.id) == [hearing]
        assert work.referrals.for_dispute(dispute.id) == [referral]
        dispute.restricted = False  # lifting the restriction opens them again
        work.disputes.update(dispute)
        work.commit()
    assert "Mama Achieng" in str(raw(engine, "SELECT consents FROM referrals"))
    assert raw(engine, "SELECT terms FROM agreements") == [(agreement.terms,)]
    with uow(keyless=True) as work:
        assert work.outcomes.for_dispute(dispute.id) == outcome
        assert search(work, "wanjiru") == [dispute.id]


def test_children_of_a_missing_dispute_are_refused(uow: UowFactory) -> None:
    with uow() as work:
        with pytest.raises(NotFound):
            work.hearings.add(Hearing(404, date(2026, 1, 1)))
        with pytest.raises(NotFound):
            work.disputes.update(a_dispute(id=404))
