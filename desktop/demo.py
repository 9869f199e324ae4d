"""Synthetic demo data: a committee's users, its directory of justice actors, and years of cases.

Pure Python on the domain model (no Qt, no database), deterministic for a seed. Each case is
*lived* from the day it was received: mediation with hearings, an agreement with follow-ups at
30 and 90 days, breaches and reopenings, referrals out (with the party's consent) and their
feedback, closure with an outcome and the parties' views. The story stops at ``today``, so old
cases are mostly closed and recent ones still open. Every status change goes through
:meth:`Dispute.move_to`, so every case has followed the status machine. Categories that must not
be mediated (GBV, child abuse, serious crime, and the committee's own list) never are: they are
referred to a formal actor; sensitive ones are restricted. All people are invented.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import TypeVar

from desktop import demo_people as people
from desktop.demo_people import Dice, PartyMaker, demo_actors, demo_users
from desktop.demo_referrals import Paperwork
from desktop.domain import rules
from desktop.domain.model.committee import Committee
from desktop.domain.model.dispute import Channel, Dispute, RiskFlag, Status
from desktop.domain.model.proceedings import (
    Agreement,
    Answer,
    FollowUp,
    FollowUpResult,
    Hearing,
    Outcome,
    PartyView,
)
from desktop.domain.model.records import UNSET_DISPUTE, CaseRecord
from desktop.domain.model.referrals import (
    Consent,
    ConsentMethod,
    Direction,
    Referral,
    ReferralStatus,
    Urgency,
)
from desktop.domain.taxonomy import Mechanism, OutcomeKind, Taxonomy

YEARS_BACK = 3
DEFAULT_SEED = 2026
_T = TypeVar("_T")


def generate_cases(
    count: int,
    seed: int,
    taxonomy: Taxonomy,
    committee: Committee,
    member_ids: Sequence[int],
    actor_ids: Sequence[int],
    today: date,
    *,
    restricted_member_ids: Sequence[int] = (),
) -> Iterator[CaseRecord]:
    """``count`` cases received over the last ``YEARS_BACK`` years up to ``today``, yielded in
    received order and numbered ``{code}-{year}-{seq:04d}`` from 0001 each year (meant for a
    workspace without cases). Ids are unset; see :mod:`desktop.domain.model.records`.

    ``member_ids``: case workers (assigned, mediating, registering); ``actor_ids[i]``: the
    stored id of ``demo_actors(seed, taxonomy)[i]``; ``restricted_member_ids``: who may be
    assigned restricted cases (empty: nobody, only administrators see them).
    """
    actors = demo_actors(seed, taxonomy)
    if len(actor_ids) != len(actors):
        raise ValueError(f"Expected {len(actors)} actor ids, one per demo actor.")
    kinds = tuple((i, actor.kind) for i, actor in zip(actor_ids, actors, strict=True))
    members, focal = tuple(member_ids), tuple(restricted_member_ids)
    setting = Setting(taxonomy, committee, members, focal, kinds, today)
    rng = Dice(seed)
    codes = [c.code for c in taxonomy.categories]
    cumulative = list(accumulate(people.CATEGORY_WEIGHTS.get(code, 1.0) for code in codes))
    story = CaseStory(rng, setting, Dice(f"referrals:{seed}"))
    sequences: dict[int, int] = {}
    for received in _received_dates(rng, count, today):
        year = received.year
        sequences[year] = seq = sequences.get(year, 0) + 1
        code = rng.weighted(codes, cumulative)
        yield story.tell(rules.case_number(committee.code, year, seq), received, code)


def _received_dates(rng: Dice, count: int, today: date) -> list[date]:
    """Sorted dates over the last YEARS_BACK years: half spread evenly, half rising towards
    today (the committee became known), fewer on Sundays."""
    span = 365 * YEARS_BACK
    last = today.toordinal()
    first = last - span + 1
    days = []
    for _ in range(count):
        u = rng.random()
        fraction = u * 2 if u < 0.5 else rng.random() ** 0.5
        day = first + min(int(span * fraction), span - 1)
        if day % 7 == 0 and day < last and rng.random() < 0.7:  # ordinal % 7 == 0: Sunday
            day += 1
        days.append(day)
    days.sort()
    return [date.fromordinal(day) for day in days]


# --- one case's story ------------------------------------------------------------------------


_METHODS = (ConsentMethod.SIGNED, ConsentMethod.THUMBPRINT, ConsentMethod.VERBAL_WITH_WITNESS)
_METHODS_CUM = (45, 80, 100)
_ANSWERS = (Answer.YES, Answer.PARTLY, Answer.NO)
_FIELDS = ("name", "phone", "village", "description")
_STOPPED = frozenset({Status.CLOSED, Status.WITHDRAWN})


def _lookup(table: dict[str, tuple[_T, ...]], code: str, group: str) -> tuple[_T, ...]:
    return table.get(code) or table.get(group) or table["other"]


def _outcome(taxonomy: Taxonomy, code: str, fallback: Callable[[OutcomeKind], bool]) -> str:
    if taxonomy.has_outcome(code):
        return code
    return next(o.code for o in taxonomy.outcomes if fallback(o))


@dataclass(frozen=True)
class Setting:
    taxonomy: Taxonomy
    committee: Committee
    members: tuple[int, ...]
    restricted_members: tuple[int, ...]
    actors: tuple[tuple[int, str], ...]  # (id, kind code)
    today: date


@dataclass(frozen=True)
class _Category:
    code: str
    restricted: bool
    mediable: bool
    child: bool  # the complainant is a child, represented by a guardian
    texts: tuple[str, ...]
    terms: tuple[str, ...]
    flags: tuple[tuple[RiskFlag, float], ...]
    refer_to: tuple[tuple[int, str], ...]


class _Case:
    __slots__ = ("record", "dispute", "cat", "rounds", "consenter", "mediators")

    def __init__(self, record: CaseRecord, cat: _Category, consenter: int) -> None:
        self.record, self.dispute, self.cat = record, record.dispute, cat
        self.rounds, self.consenter = 0, consenter
        self.mediators = record.dispute.assigned


class CaseStory:
    """Tells one case at a time from a shared random stream (dates are day ordinals).

    ``paper`` is a second stream for a referral's paperwork (its code, who made it, how the
    feedback came and from whom, what the actor did), so those details leave the cases'
    stories as they were."""

    def __init__(self, rng: Dice, setting: Setting, paper: Dice) -> None:
        self.rng, self.s, self.today = rng, setting, setting.today.toordinal()
        self.paper = Paperwork(paper, setting.members, setting.taxonomy)
        tax = setting.taxonomy
        self.people = PartyMaker(rng, [tax.age_band_for(age) for age in range(rules.AGE_MAX + 1)])
        self.formal = {k.code for k in tax.actor_kinds if k.mechanism is Mechanism.FORMAL}
        self.feedback_days = {k.code: k.feedback_days for k in tax.actor_kinds}
        self.outcomes = {
            "agreement": _outcome(tax, "resolved_by_agreement", lambda o: o.requires_agreement),
            "decided": _outcome(tax, "decided", lambda o: o.resolved and not o.requires_agreement),
            "formal": _outcome(tax, "referred_formal", lambda o: not o.resolved),
            "informal": _outcome(tax, "referred_informal", lambda o: not o.resolved),
            "withdrawn": _outcome(tax, "withdrawn", lambda o: not o.resolved),
            "unresolved": _outcome(tax, "unresolved", lambda o: not o.resolved),
        }
        self.refer_in = [a for a in setting.actors if a[1] in people.REFER_IN_FROM]
        self.categories: dict[str, _Category] = {}

    def _category(self, code: str) -> _Category:
        cat = self.categories.get(code)
        if cat is None:
            tax, group = self.s.taxonomy, self.s.taxonomy.category(code).sdg_group
            mediable = rules.is_mediable(tax.category(code), self.s.committee)
            kinds = _lookup(people.REFER_TO, code, group)
            refer_to = [a for a in self.s.actors if a[1] in kinds]
            if not mediable:  # only to a formal actor
                refer_to = [a for a in refer_to if a[1] in self.formal] or [
                    a for a in self.s.actors if a[1] in self.formal
                ]
            cat = _Category(
                code, tax.is_sensitive(code), mediable, code == "child_abuse",
                _lookup(people.CASE_TEXTS, code, group),
                _lookup(people.AGREEMENT_TERMS, code, group),
                tuple((RiskFlag(f), p) for f, p in _lookup(people.RISK_FLAGS, code, group)),
                tuple(refer_to or self.s.actors),
            )  # fmt: skip
            self.categories[code] = cat
        return cat

    def tell(self, number: str, received: date, code: str) -> CaseRecord:
        rng, cat, s = self.rng, self._category(code), self.s
        parties = self.people.parties(cat.restricted, cat.child)
        pool = s.restricted_members if cat.restricted else s.members
        assigned = (rng.pick(pool),) if pool else ()
        if pool and not cat.restricted and rng.random() < 0.35:
            assigned = tuple(dict.fromkeys((*assigned, rng.pick(pool))))
        channel, by_actor, reference = Channel.WALK_IN, None, ""
        u = rng.random()
        if cat.mediable and self.refer_in and u < 0.07:
            channel, (by_actor, kind) = Channel.REFERRAL_IN, rng.pick(self.refer_in)
            n = rng.between(1, 400)
            reference = (
                f"OB {n}/{received:%d/%m/%Y}" if kind == "police" else f"Ref. {n}/{received:%y}"
            )
        elif u < 0.15:
            channel = Channel.OUTREACH
        dispute = Dispute(
            number, received, channel, code, f"{s.committee.area} > {parties[0].village}",
            rng.pick(cat.texts), frozenset(f for f, p in cat.flags if rng.random() < p),
            assigned, cat.restricted, parties=parties,
            created_by=rng.pick(s.members) if s.members else None,
            referred_by_actor=by_actor, referred_by_reference=reference,
        )  # fmt: skip
        case = _Case(CaseRecord(dispute), cat, 2 if cat.child else 0)
        if by_actor is not None:
            sent = date.fromordinal(received.toordinal() - rng.between(0, 6))
            case.record.referrals.append(Referral(
                UNSET_DISPUTE, by_actor, Direction.IN, "Referred to the committee for mediation.",
                status=ReferralStatus.ACCEPTED, shared_fields=("name", "phone", "description"),
                code=self.paper.code(), sent_on=sent, created_by=dispute.created_by,
                created_on=received, acknowledged_on=received, decided_on=received,
                their_reference=reference,
            ))  # fmt: skip
        day = received.toordinal()
        u = rng.random()
        if not cat.mediable:
            self._refer(case, day + rng.between(0, 4))
        elif u < 0.05:
            self._withdraw(case, day + rng.between(2, 30))
        elif u < 0.12:
            self._refer(case, day + rng.between(1, 10))
        else:
            self._mediate(case, day + rng.between(1, 14))
        outcome = case.record.outcome
        closed = dispute.status is Status.CLOSED and cat.mediable
        if outcome is not None and closed and rng.random() < 0.015:  # a party came back
            self._reopen(case, outcome.closed_on.toordinal() + rng.between(10, 60))
        if by_actor is not None and dispute.status in _STOPPED and case.record.outcome:
            referral_in = case.record.referrals[0]
            referral_in.status = ReferralStatus.COMPLETED
            referral_in.feedback = "The referring office was told how the case ended."
            referral_in.feedback_on = case.record.outcome.closed_on
            referral_in.completed_on = case.record.outcome.closed_on
            referral_in.outcome = self.paper.reported(case.record.outcome.kind)
        return case.record

    # -- what happens ---------------------------------------------------------------------

    def _mediate(self, case: _Case, day: int) -> None:
        if day > self.today:
            return
        rng, hearings = self.rng, case.record.hearings
        case.dispute.move_to(Status.IN_MEDIATION)
        count = rng.weighted((1, 2, 3, 4), (35, 70, 90, 100))
        everyone = tuple(range(len(case.dispute.parties)))
        held = day
        for index in range(count):
            if day > self.today:  # scheduled, not yet held
                hearings.append(Hearing(UNSET_DISPUTE, date.fromordinal(day), case.mediators))
                return
            last = index == count - 1
            following = day + rng.between(7, 22)
            present = everyone if rng.random() < 0.85 else everyone[:1] + everyone[2:]
            hearings.append(Hearing(
                UNSET_DISPUTE, date.fromordinal(day), case.mediators, present,
                rng.pick(people.HEARING_NOTES), "" if last else rng.pick(people.NEXT_STEPS),
                None if last else date.fromordinal(following),
            ))  # fmt: skip
            held, day = day, following
        end = held + rng.between(0, 8)
        if end > self.today or rng.random() < 0.03:  # still talking, or stalled in the backlog
            return
        u = rng.random()
        if u < 0.62:
            self._agree(case, end)
        elif u < 0.74:
            self._close(case, end, "decided")
        elif u < 0.83:
            self._refer(case, end)
        elif u < 0.88:
            self._withdraw(case, end)
        else:
            self._close(case, end, "unresolved")

    def _agree(self, case: _Case, day: int) -> None:
        rng, record = self.rng, case.record
        case.dispute.move_to(Status.AGREEMENT)
        signatories = (0, 1, 2) if case.consenter == 2 else (0, 1)
        due = date.fromordinal(day + rng.pick((30, 60, 90)))
        agreed = date.fromordinal(day)
        record.agreements.append(
            Agreement(UNSET_DISPUTE, rng.pick(case.cat.terms), agreed, signatories, due)
        )
        last_done = day
        for offset in (30, 90):  # the service's default follow-ups
            follow_up = FollowUp(UNSET_DISPUTE, date.fromordinal(day + offset))
            record.follow_ups.append(follow_up)
        for follow_up in record.follow_ups[-2:]:
            due_day = follow_up.due_on.toordinal()
            done = due_day + rng.between(0, 11)
            if done > self.today or (self.today - due_day < 60 and rng.random() < 0.12):
                return  # not yet due, or due and not yet recorded
            u = rng.random()
            result = (
                FollowUpResult.COMPLIED if u < 0.75
                else FollowUpResult.PARTLY if u < 0.9 else FollowUpResult.BREACHED
            )  # fmt: skip
            follow_up.done_on, follow_up.result = date.fromordinal(done), result
            follow_up.note = rng.pick(people.FOLLOW_UP_NOTES[result.value])
            if result is FollowUpResult.BREACHED:
                case.dispute.move_to(Status.REOPENED)
                self._next_round(case, done)
                return
            if case.dispute.status is Status.AGREEMENT:
                case.dispute.move_to(Status.FOLLOW_UP)
            last_done = done
        self._close(case, last_done + rng.between(0, 8), "agreement")

    def _reopen(self, case: _Case, day: int) -> None:
        if day <= self.today:
            case.dispute.move_to(Status.REOPENED)
            self._next_round(case, day)

    def _next_round(self, case: _Case, day: int) -> None:
        """A reopened case: mediate again, refer it, or close it unresolved."""
        day += self.rng.between(3, 15)
        if day > self.today:
            return
        case.rounds += 1
        u = self.rng.random()
        if u < 0.5 and case.rounds < 3:
            self._mediate(case, day)
        elif u < 0.8:
            self._refer(case, day)
        else:
            self._close(case, day, "unresolved")

    def _refer(self, case: _Case, day: int, attempt: int = 0) -> None:
        if day > self.today:
            return
        rng, dispute, record = self.rng, case.dispute, case.record
        actor_id, kind = rng.pick(case.cat.refer_to)
        formal = kind in self.formal
        method = rng.weighted(_METHODS, _METHODS_CUM)
        witness = ""
        if method is ConsentMethod.VERBAL_WITH_WITNESS:
            witness = f"{rng.pick(people.FEMALE)} {rng.pick(people.FAMILY)}"
        fields = ("name", "phone", "description") if case.cat.restricted else _FIELDS
        urgent = case.cat.restricted or not case.cat.mediable
        u = rng.random()
        referral = Referral(
            UNSET_DISPUTE, actor_id, Direction.OUT,
            rng.pick(people.REFERRAL_REASONS["formal" if formal else "informal"]),
            (Urgency.EMERGENCY if u < 0.3 else Urgency.URGENT) if urgent
            else (Urgency.URGENT if u < 0.1 else Urgency.ROUTINE),
            ReferralStatus.DRAFT, fields[: rng.between(2, len(fields) + 1)],
            (Consent(case.consenter, date.fromordinal(day), method, witness),),
            code=self.paper.code(), created_by=self.paper.maker(dispute.assigned),
            created_on=date.fromordinal(day),
        )  # fmt: skip
        record.referrals.append(referral)
        if self.today - day < 5 and rng.random() < 0.15:
            return  # a draft, not yet sent
        dispute.move_to(Status.REFERRED_OUT)
        wait = self.feedback_days.get(kind, 14)
        referral.status, referral.sent_on = ReferralStatus.SENT, date.fromordinal(day)
        referral.due_on = date.fromordinal(day + wait)
        acknowledged = day + rng.between(1, 8)
        if acknowledged > self.today:
            return
        outcome = "formal" if formal else "informal"
        if self.paper.unanswered():  # never acknowledged; closed long after it fell due
            self._close(case, day + wait + rng.between(60, 121), outcome)
            return
        accepted = rng.random() < 0.7
        referral.status = ReferralStatus.ACCEPTED if accepted else ReferralStatus.ACKNOWLEDGED
        self.paper.answered(referral, date.fromordinal(acknowledged), decided=accepted)
        dispute.move_to(Status.AWAITING_FEEDBACK)
        u = rng.random()
        if u < 0.06 and attempt == 0:  # declined: reopen and refer elsewhere
            referral.status = ReferralStatus.DECLINED
            referral.decided_on = date.fromordinal(acknowledged)
            referral.status_reason = self.paper.decline_reason()
            referral.feedback = "Declined: the matter is outside our mandate."
            dispute.move_to(Status.REOPENED)
            self._refer(case, acknowledged + rng.between(1, 6), attempt=1)
        elif u < 0.09 and not urgent:  # the party withdrew
            referral.status = ReferralStatus.WITHDRAWN
            withdrawn = acknowledged + rng.between(1, 20)
            referral.withdrawn_on = date.fromordinal(min(withdrawn, self.today))
            referral.status_reason = "The party withdrew the case."
            self._withdraw(case, withdrawn)
        elif u < 0.8:
            answered = day + int(wait * (0.3 + 1.3 * rng.random()))
            if answered <= self.today:
                referral.status = ReferralStatus.COMPLETED
                referral.feedback = rng.pick(people.FEEDBACK)
                self.paper.answered(referral, date.fromordinal(answered), decided=True)
                referral.completed_on = date.fromordinal(answered)
                referral.outcome = self.paper.outcome()
                self._close(case, answered + rng.between(0, 6), outcome)
        else:  # no feedback ever: closed long after it fell due (the loop never closed)
            self._close(case, day + wait + rng.between(60, 121), outcome)

    def _close(self, case: _Case, day: int, outcome: str) -> None:
        if day > self.today:
            return
        rng = self.rng
        case.dispute.move_to(Status.CLOSED)
        views = []
        if case.record.hearings and rng.random() < 0.8:
            good = 0.85 if outcome in ("agreement", "decided") else 0.45
            for party in (0, 1):
                answers = [
                    _ANSWERS[0] if rng.random() < good else rng.pick(_ANSWERS) for _ in range(5)
                ]
                views.append(PartyView(party, *answers))
        note = rng.pick(people.OUTCOME_NOTES)
        closed = date.fromordinal(day)
        case.record.outcome = Outcome(UNSET_DISPUTE, self.outcomes[outcome], closed, note, views)

    def _withdraw(self, case: _Case, day: int) -> None:
        if day > self.today:
            return
        case.dispute.move_to(Status.WITHDRAWN)
        closed = date.fromordinal(day)
        note = "The complainant withdrew the case."
        case.record.outcome = Outcome(UNSET_DISPUTE, self.outcomes["withdrawn"], closed, note)


__all__ = ["CaseStory", "Dice", "Setting", "demo_actors", "demo_users", "generate_cases"]
