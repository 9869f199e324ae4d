"""The demo generator: deterministic, realistic, and never against the domain's rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from desktop import demo
from desktop.domain import rules
from desktop.domain.model.committee import Committee
from desktop.domain.model.dispute import TRANSITIONS, Dispute, Status
from desktop.domain.model.proceedings import Agreement, FollowUp, Hearing
from desktop.domain.model.records import UNSET_DISPUTE, CaseRecord
from desktop.domain.model.referrals import Direction, Referral
from desktop.domain.taxonomy import Mechanism, default_taxonomy

TODAY = date(2026, 3, 10)
COMMITTEE = Committee("Kibera Peace Committee", "KBR", "Nairobi > Kibera")
MEMBERS = (11, 12, 13, 14, 15, 16)
FOCAL = (11, 15)  # members with restricted access
COUNT = 3000


def cases(count: int = COUNT, seed: int = 7) -> Iterator[CaseRecord]:
    taxonomy = default_taxonomy()
    actor_ids = [100 + i for i in range(len(demo.demo_actors(seed, taxonomy)))]
    return demo.generate_cases(
        count, seed, taxonomy, COMMITTEE, MEMBERS, actor_ids, TODAY, restricted_member_ids=FOCAL
    )


@pytest.fixture(scope="module")
def paths() -> dict[str, list[Status]]:
    """Every status each case went through, recorded by wrapping Dispute.move_to."""
    seen: dict[str, list[Status]] = {}
    original = Dispute.move_to

    def move_to(self: Dispute, target: Status) -> None:
        seen.setdefault(self.number, [Status.REGISTERED])
        original(self, target)
        seen[self.number].append(target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Dispute, "move_to", move_to)
        assert len(list(cases())) == COUNT
    return seen


@pytest.fixture(scope="module")
def records() -> list[CaseRecord]:
    return list(cases())


def test_the_same_seed_gives_the_same_cases() -> None:
    assert list(cases(200, seed=3)) == list(cases(200, seed=3))
    assert list(cases(200, seed=3)) != list(cases(200, seed=4))


def test_every_case_followed_the_status_machine(
    records: list[CaseRecord], paths: dict[str, list[Status]]
) -> None:
    for record in records:
        path = paths.get(record.dispute.number, [Status.REGISTERED])
        for before, after in zip(path, path[1:], strict=False):
            assert after in TRANSITIONS[before], (record.dispute.number, path)
        assert path[-1] is record.dispute.status


def test_the_status_matches_what_happened(records: list[CaseRecord]) -> None:
    for record in records:
        status, outcome = record.dispute.status, record.outcome
        sent_out = [r for r in record.referrals if r.direction is Direction.OUT and r.sent_on]
        if status in (Status.CLOSED, Status.WITHDRAWN):
            assert outcome is not None
        if status is Status.WITHDRAWN:
            assert outcome is not None and outcome.kind == "withdrawn"
        if status is Status.REGISTERED:
            assert not (record.hearings or record.agreements or sent_out or outcome)
        if status in (Status.AGREEMENT, Status.FOLLOW_UP):
            assert record.agreements
        if status is Status.FOLLOW_UP:
            assert any(f.result is not None for f in record.follow_ups)
        if status in (Status.REFERRED_OUT, Status.AWAITING_FEEDBACK):
            assert sent_out  # (its feedback may have come in days before closure)
        if outcome is not None and outcome.kind == "resolved_by_agreement":
            assert record.agreements


def test_dates_stay_between_receipt_and_today(records: list[CaseRecord]) -> None:
    for record in records:
        received = record.dispute.received_on
        assert TODAY - timedelta(days=365 * demo.YEARS_BACK) < received <= TODAY
        for hearing in record.hearings:
            assert hearing.held_on >= received
            if hearing.held_on > TODAY:  # planned, not held
                assert hearing.parties_present == () and hearing.notes == ""
        for item in record.agreements:
            assert received <= item.agreed_on <= TODAY
        for follow_up in record.follow_ups:
            assert (follow_up.result is None) == (follow_up.done_on is None)
            if follow_up.done_on is not None:
                assert follow_up.due_on <= follow_up.done_on <= TODAY
        if record.outcome is not None:
            assert received <= record.outcome.closed_on <= TODAY


def test_only_sensitive_categories_are_restricted(records: list[CaseRecord]) -> None:
    taxonomy = default_taxonomy()
    for record in records:
        dispute = record.dispute
        assert dispute.restricted == taxonomy.is_sensitive(dispute.category)
        if dispute.restricted:
            assert set(dispute.assigned) <= set(FOCAL)
    restricted = sum(r.dispute.restricted for r in records)
    assert 0.02 * COUNT < restricted < 0.1 * COUNT


def test_non_mediable_cases_are_never_mediated_but_referred_to_formal_actors(
    records: list[CaseRecord], paths: dict[str, list[Status]]
) -> None:
    taxonomy = default_taxonomy()
    kinds = [a.kind for a in demo.demo_actors(7, taxonomy)]
    formal = {k.code for k in taxonomy.actor_kinds_of(Mechanism.FORMAL)}
    checked = 0
    for record in records:
        category = taxonomy.category(record.dispute.category)
        if rules.is_mediable(category, COMMITTEE):
            continue
        checked += 1
        assert Status.IN_MEDIATION not in paths.get(record.dispute.number, [])
        assert not record.hearings and not record.agreements
        for referral in record.referrals:
            assert referral.direction is Direction.OUT
            assert kinds[referral.actor_id - 100] in formal
        if record.dispute.status is not Status.REGISTERED:
            assert record.referrals
    assert checked > 50


def test_numbers_are_unique_and_sequential_per_year_in_received_order(
    records: list[CaseRecord],
) -> None:
    numbers = [r.dispute.number for r in records]
    assert len(set(numbers)) == len(numbers)
    received = [r.dispute.received_on for r in records]
    assert received == sorted(received)
    last: dict[int, int] = {}
    for record in records:
        code, year, seq = rules.parse_case_number(record.dispute.number)
        assert code == "KBR" and year == record.dispute.received_on.year
        assert seq == last.get(year, 0) + 1
        last[year] = seq


def test_sequences_beyond_9999_keep_growing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "YEARS_BACK", 1)
    taxonomy = default_taxonomy()
    actor_ids = list(range(len(demo.demo_actors(1, taxonomy))))
    end_of_year = date(2025, 12, 31)
    generated = demo.generate_cases(10_001, 1, taxonomy, COMMITTEE, MEMBERS, actor_ids, end_of_year)
    numbers = [record.dispute.number for record in generated]
    assert numbers[0] == "KBR-2025-0001" and numbers[-1] == "KBR-2025-10001"
    assert rules.parse_case_number(numbers[-1]) == ("KBR", 2025, 10_001)


def test_parties_pass_the_domain_rules_and_references_are_local(
    records: list[CaseRecord],
) -> None:
    taxonomy = default_taxonomy()
    for record in records:
        parties = record.dispute.parties
        assert 2 <= len(parties) <= 4
        for party in parties:
            assert party.id is None
            assert rules.validate_name(party.name) == party.name
            assert rules.normalise_phone(party.phone) == party.phone
            assert rules.age_band_of(party.age, party.age_band, taxonomy) == party.age_band
        everyone = range(len(parties))
        children: list[Hearing | Agreement | FollowUp | Referral] = [
            *record.hearings,
            *record.agreements,
            *record.follow_ups,
            *record.referrals,
        ]
        assert all(child.dispute_id == UNSET_DISPUTE for child in children)
        assert all(set(h.parties_present) <= set(everyone) for h in record.hearings)
        assert all(set(a.signatories) <= set(everyone) for a in record.agreements)
        for referral in record.referrals:
            if referral.direction is Direction.OUT and referral.shared_fields:
                assert referral.consents  # nothing shared without consent
            assert all(c.party_id in everyone for c in referral.consents)
        if record.outcome is not None:
            assert all(v.party_id in everyone for v in record.outcome.views)


def test_the_mix_looks_like_a_committee(records: list[CaseRecord]) -> None:
    statuses = Counter(r.dispute.status for r in records)
    assert set(statuses) >= {Status.CLOSED, Status.IN_MEDIATION, Status.REGISTERED}
    old = [r for r in records if (TODAY - r.dispute.received_on).days > 365]
    stopped = sum(r.dispute.status in (Status.CLOSED, Status.WITHDRAWN) for r in old)
    assert stopped > 0.9 * len(old)
    recent = [r for r in records if (TODAY - r.dispute.received_on).days < 14]
    assert sum(r.dispute.status not in (Status.CLOSED, Status.WITHDRAWN) for r in recent) > (
        0.8 * len(recent)
    )
    assert any(r.dispute.referred_by_actor for r in records)
    assert any(f.result and f.result.value == "breached" for r in records for f in r.follow_ups)
    assert any(Status.REOPENED is r.dispute.status for r in records) or any(
        r.dispute.status is Status.CLOSED and len(r.agreements) > 1 for r in records
    )
    categories = Counter(r.dispute.category for r in records)
    assert categories["land_boundary"] > categories["gbv"] > 0


def test_demo_users_and_actors() -> None:
    taxonomy = default_taxonomy()
    users = demo.demo_users()
    assert len({u.username for u in users}) == len(users)
    assert all(rules.validate_username(u.username) == u.username for u in users)
    assert any(u.restricted_access for u in users)
    actors = demo.demo_actors(7, taxonomy)
    assert 10 <= len(actors) <= 15
    assert all(taxonomy.has_actor_kind(a.kind) for a in actors)
    assert demo.demo_actors(7, taxonomy) == actors != demo.demo_actors(8, taxonomy)


def test_actor_ids_must_match_the_demo_actors() -> None:
    with pytest.raises(ValueError):
        next(demo.generate_cases(1, 7, default_taxonomy(), COMMITTEE, MEMBERS, [1, 2], TODAY))


def test_bind_gives_ids_and_turns_indices_into_party_ids() -> None:
    record = next(r for r in cases(300) if r.hearings and r.outcome and r.outcome.views)
    count = len(record.dispute.parties)
    party_ids = [500 + i for i in range(count)]
    present = record.hearings[0].parties_present
    record.bind(42, party_ids)
    assert record.dispute.id == 42
    assert [p.id for p in record.dispute.parties] == party_ids
    assert record.hearings[0].parties_present == tuple(party_ids[i] for i in present)
    assert record.outcome is not None and record.outcome.dispute_id == 42
    assert {v.party_id for v in record.outcome.views} <= set(party_ids)
    with pytest.raises(ValueError):
        record.bind(43, party_ids)
