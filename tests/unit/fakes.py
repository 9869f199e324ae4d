"""In-memory implementations of every port in desktop.domain.ports, for unit tests.

FakeUnitOfWork behaves like a transaction: ``with uow:`` deep-copies the committed state into a
working copy; repositories read and write the working copy; ``commit()`` makes it the committed
state; leaving the block (or ``rollback()``) throws uncommitted changes away. Repositories refuse
to work outside ``with uow:``, and hand out copies, so a service that forgets ``update()`` loses
its change here as it would with a real database.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Self

from desktop.domain import ports
from desktop.domain.model.approvals import ApprovalRequest, ApprovalStatus
from desktop.domain.model.audit import GENESIS, AuditEvent
from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.committee import Committee
from desktop.domain.model.dispute import Dispute
from desktop.domain.model.drafts import Draft
from desktop.domain.model.export_log import ExportLogEntry
from desktop.domain.model.proceedings import Agreement, FollowUp, Hearing, Outcome
from desktop.domain.model.referral_board import (
    BoardCounts,
    BoardFilter,
    BoardLine,
    BoardRow,
    ReferralFact,
)
from desktop.domain.model.referrals import JusticeActor, Referral
from desktop.domain.model.users import User


class FixedClock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime = datetime(2026, 3, 10, 9, 30)) -> None:
        self.current = now

    def today(self) -> date:
        return self.current.date()

    def now(self) -> datetime:
        return self.current

    def advance(self, days: int = 0, seconds: int = 0) -> None:
        self.current += timedelta(days=days, seconds=seconds)


@dataclass
class State:
    """Everything a workspace database holds."""

    committee: Committee | None = None
    disputes: dict[int, Dispute] = field(default_factory=dict)
    hearings: dict[int, Hearing] = field(default_factory=dict)
    agreements: dict[int, Agreement] = field(default_factory=dict)
    follow_ups: dict[int, FollowUp] = field(default_factory=dict)
    outcomes: dict[int, Outcome] = field(default_factory=dict)  # by dispute id
    actors: dict[int, JusticeActor] = field(default_factory=dict)
    referrals: dict[int, Referral] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    audit: list[AuditEvent] = field(default_factory=list)
    approvals: dict[int, ApprovalRequest] = field(default_factory=dict)
    drafts: dict[tuple[str, str], Draft] = field(default_factory=dict)  # by (username, kind)
    export_log: list[ExportLogEntry] = field(default_factory=list)
    signing_key: bytes | None = None  # raw Ed25519 private key, made on first use
    last_id: int = 0

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id


class _Repository:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> State:
        return self._uow.working()


class FakeDisputeRepository(_Repository):
    def _store(self, dispute: Dispute) -> None:
        assert dispute.id is not None
        for party in dispute.parties:
            if party.id is None:
                party.id = self._s.new_id()
            party.dispute_id = dispute.id
        self._s.disputes[dispute.id] = copy.deepcopy(dispute)

    def add(self, dispute: Dispute) -> int:
        if any(d.number == dispute.number for d in self._s.disputes.values()):
            raise ValueError(f"duplicate case number {dispute.number}")  # a UNIQUE constraint
        dispute.id = self._s.new_id()
        self._store(dispute)
        return dispute.id

    def get(self, dispute_id: int) -> Dispute | None:
        return copy.deepcopy(self._s.disputes.get(dispute_id))

    def update(self, dispute: Dispute) -> None:
        if dispute.id not in self._s.disputes:
            raise KeyError(dispute.id)
        self._store(dispute)

    def next_sequence(self, prefix: str) -> int:
        used = [
            int(d.number[len(prefix) :])
            for d in self._s.disputes.values()
            if d.number.startswith(prefix) and d.number[len(prefix) :].isdigit()
        ]
        return max(used, default=0) + 1

    def ids_with_party_names(self, names: Sequence[str], since: date) -> list[int]:
        wanted = {n.casefold() for n in names}
        return sorted(
            d.id
            for d in self._s.disputes.values()
            if d.id is not None
            and d.received_on >= since
            and any(p.name.casefold() in wanted for p in d.parties)
        )

    def count(self) -> int:
        return len(self._s.disputes)


class _ByDispute(_Repository):
    """Shared code for records that belong to a dispute and are kept in one dict."""

    table: str

    def _rows(self) -> dict[int, object]:
        rows: dict[int, object] = getattr(self._s, self.table)
        return rows

    def _add(self, record: Hearing | Agreement | FollowUp) -> int:
        record.id = self._s.new_id()
        self._rows()[record.id] = copy.deepcopy(record)
        return record.id

    def _for_dispute(self, dispute_id: int) -> list[object]:
        return [copy.deepcopy(r) for r in self._rows().values() if r.dispute_id == dispute_id]  # type: ignore[attr-defined]


class FakeHearingRepository(_ByDispute):
    table = "hearings"

    def add(self, hearing: Hearing) -> int:
        return self._add(hearing)

    def for_dispute(self, dispute_id: int) -> list[Hearing]:
        return self._for_dispute(dispute_id)  # type: ignore[return-value]


class FakeAgreementRepository(_ByDispute):
    table = "agreements"

    def add(self, agreement: Agreement) -> int:
        return self._add(agreement)

    def for_dispute(self, dispute_id: int) -> list[Agreement]:
        return self._for_dispute(dispute_id)  # type: ignore[return-value]


class FakeFollowUpRepository(_ByDispute):
    table = "follow_ups"

    def add(self, follow_up: FollowUp) -> int:
        return self._add(follow_up)

    def update(self, follow_up: FollowUp) -> None:
        if follow_up.id not in self._s.follow_ups:
            raise KeyError(follow_up.id)
        self._s.follow_ups[follow_up.id] = copy.deepcopy(follow_up)

    def get(self, follow_up_id: int) -> FollowUp | None:
        return copy.deepcopy(self._s.follow_ups.get(follow_up_id))

    def for_dispute(self, dispute_id: int) -> list[FollowUp]:
        return self._for_dispute(dispute_id)  # type: ignore[return-value]


class FakeOutcomeRepository(_Repository):
    def save(self, outcome: Outcome) -> int:
        old = self._s.outcomes.get(outcome.dispute_id)
        outcome.id = old.id if old is not None and old.id is not None else self._s.new_id()
        self._s.outcomes[outcome.dispute_id] = copy.deepcopy(outcome)
        return outcome.id

    def for_dispute(self, dispute_id: int) -> Outcome | None:
        return copy.deepcopy(self._s.outcomes.get(dispute_id))


class FakeActorRepository(_Repository):
    def add(self, actor: JusticeActor) -> int:
        actor.id = self._s.new_id()
        self._s.actors[actor.id] = copy.deepcopy(actor)
        return actor.id

    def update(self, actor: JusticeActor) -> None:
        if actor.id not in self._s.actors:
            raise KeyError(actor.id)
        self._s.actors[actor.id] = copy.deepcopy(actor)

    def get(self, actor_id: int) -> JusticeActor | None:
        return copy.deepcopy(self._s.actors.get(actor_id))

    def all(self) -> list[JusticeActor]:
        return [copy.deepcopy(a) for a in self._s.actors.values()]


class FakeReferralRepository(_Repository):
    def add(self, referral: Referral) -> int:
        referral.id = self._s.new_id()
        self._s.referrals[referral.id] = copy.deepcopy(referral)
        return referral.id

    def update(self, referral: Referral) -> None:
        if referral.id not in self._s.referrals:
            raise KeyError(referral.id)
        self._s.referrals[referral.id] = copy.deepcopy(referral)

    def get(self, referral_id: int) -> Referral | None:
        return copy.deepcopy(self._s.referrals.get(referral_id))

    def for_dispute(self, dispute_id: int) -> list[Referral]:
        return [copy.deepcopy(r) for r in self._s.referrals.values() if r.dispute_id == dispute_id]

    def by_code(self, code: str) -> Referral | None:
        from tests.unit import fake_referrals

        return fake_referrals.by_code(self._s, code)

    def board(self, board_filter: BoardFilter, scope: CaseScope) -> list[BoardRow]:
        from tests.unit import fake_referrals

        return fake_referrals.board(self._s, board_filter, scope)

    def board_lines(
        self, board_filter: BoardFilter, scope: CaseScope, today: date
    ) -> list[BoardLine]:
        from tests.unit import fake_referrals

        return fake_referrals.board_lines(self._s, board_filter, scope, today)

    def board_counts(self, today: date, scope: CaseScope) -> BoardCounts:
        from tests.unit import fake_referrals

        return fake_referrals.board_counts(self._s, today, scope)

    def facts(self, first: date, last: date) -> list[ReferralFact]:
        from tests.unit import fake_referrals

        return fake_referrals.facts(self._s, first, last)


class FakeUserRepository(_Repository):
    def add(self, user: User) -> int:
        if self.by_username(user.username) is not None:
            raise ValueError(f"duplicate username {user.username}")  # a UNIQUE constraint
        user.id = self._s.new_id()
        self._s.users[user.id] = copy.deepcopy(user)
        return user.id

    def update(self, user: User) -> None:
        if user.id not in self._s.users:
            raise KeyError(user.id)
        self._s.users[user.id] = copy.deepcopy(user)

    def get(self, user_id: int) -> User | None:
        return copy.deepcopy(self._s.users.get(user_id))

    def by_username(self, username: str) -> User | None:
        found = [u for u in self._s.users.values() if u.username == username]
        return copy.deepcopy(found[0]) if found else None

    def all(self) -> list[User]:
        return [copy.deepcopy(u) for u in self._s.users.values()]

    def remove(self, user_id: int) -> None:
        del self._s.users[user_id]


class FakeAuditRepository(_Repository):
    def last_hash(self) -> str:
        return self._s.audit[-1].hash if self._s.audit else GENESIS

    def add(self, event: AuditEvent) -> None:
        self._s.audit.append(dataclasses.replace(event, seq=len(self._s.audit) + 1))

    def all(self) -> list[AuditEvent]:
        return list(self._s.audit)

    def for_subject(self, subject: str) -> list[AuditEvent]:
        return [e for e in self._s.audit if e.subject == subject]


class FakeApprovalRepository(_Repository):
    def add(self, request: ApprovalRequest) -> int:
        request.id = self._s.new_id()
        self._s.approvals[request.id] = copy.deepcopy(request)
        return request.id

    def update(self, request: ApprovalRequest) -> None:
        if request.id not in self._s.approvals:
            raise KeyError(request.id)
        self._s.approvals[request.id] = copy.deepcopy(request)

    def get(self, request_id: int) -> ApprovalRequest | None:
        return copy.deepcopy(self._s.approvals.get(request_id))

    def for_dispute(self, dispute_id: int) -> list[ApprovalRequest]:
        return [copy.deepcopy(r) for r in self._s.approvals.values() if r.dispute_id == dispute_id]

    def with_status(self, status: ApprovalStatus) -> list[ApprovalRequest]:
        return [copy.deepcopy(r) for r in self._s.approvals.values() if r.status is status]


class FakeCommitteeRepository(_Repository):
    def get(self) -> Committee:
        if self._s.committee is None:
            raise LookupError("the workspace has no committee")
        return copy.deepcopy(self._s.committee)

    def save(self, committee: Committee) -> None:
        self._s.committee = copy.deepcopy(committee)


class FakeDraftRepository(_Repository):
    def get(self, username: str, kind: str) -> Draft | None:
        return copy.deepcopy(self._s.drafts.get((username, kind)))

    def save(self, draft: Draft) -> None:
        old = self._s.drafts.get((draft.username, draft.kind))
        draft.id = old.id if old is not None else self._s.new_id()
        self._s.drafts[(draft.username, draft.kind)] = copy.deepcopy(draft)

    def delete(self, username: str, kind: str) -> None:
        self._s.drafts.pop((username, kind), None)


def _fake_case_list(uow: FakeUnitOfWork) -> ports.CaseListRepository:
    from tests.unit.fake_case_list import FakeCaseListRepository  # its own module, like agenda

    return FakeCaseListRepository(uow)


def _fake_reporting(uow: FakeUnitOfWork) -> ports.ReportingQueries:
    from tests.unit.fake_reporting import FakeReportingQueries  # its own module, like agenda

    return FakeReportingQueries(uow)


def _fake_exports(
    uow: FakeUnitOfWork,
) -> tuple[ports.SigningKeyStore, ports.ExportLogRepository]:
    from tests.unit.fake_exports import FakeExportLogRepository, FakeSigningKeyStore

    return FakeSigningKeyStore(uow), FakeExportLogRepository(uow)


def _fake_agenda(uow: FakeUnitOfWork) -> ports.AgendaQueries:
    from tests.unit.fake_agenda import FakeAgendaQueries  # its own module, to keep this one small

    return FakeAgendaQueries(uow)


class FakeUnitOfWork:
    def __init__(self, state: State | None = None) -> None:
        self.committed = state if state is not None else State()
        self._working: State | None = None
        self.commits = 0
        self.rollbacks = 0
        self.disputes: ports.DisputeRepository = FakeDisputeRepository(self)
        self.hearings: ports.HearingRepository = FakeHearingRepository(self)
        self.agreements: ports.AgreementRepository = FakeAgreementRepository(self)
        self.follow_ups: ports.FollowUpRepository = FakeFollowUpRepository(self)
        self.outcomes: ports.OutcomeRepository = FakeOutcomeRepository(self)
        self.actors: ports.ActorRepository = FakeActorRepository(self)
        self.referrals: ports.ReferralRepository = FakeReferralRepository(self)
        self.users: ports.UserRepository = FakeUserRepository(self)
        self.audit: ports.AuditRepository = FakeAuditRepository(self)
        self.committee: ports.CommitteeRepository = FakeCommitteeRepository(self)
        self.agenda: ports.AgendaQueries = _fake_agenda(self)
        self.reporting: ports.ReportingQueries = _fake_reporting(self)
        self.case_list: ports.CaseListRepository = _fake_case_list(self)
        self.drafts: ports.DraftRepository = FakeDraftRepository(self)
        self.approvals: ports.ApprovalRepository = FakeApprovalRepository(self)
        self.signing_key: ports.SigningKeyStore = _fake_exports(self)[0]
        self.export_log: ports.ExportLogRepository = _fake_exports(self)[1]

    def working(self) -> State:
        if self._working is None:
            raise RuntimeError("repository used outside 'with uow:'")
        return self._working

    def __enter__(self) -> Self:
        if self._working is not None:
            raise RuntimeError("nested 'with uow:'")
        self._working = copy.deepcopy(self.committed)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._working = None

    def commit(self) -> None:
        self.committed = copy.deepcopy(self.working())
        self.commits += 1

    def rollback(self) -> None:
        self.working()
        self._working = copy.deepcopy(self.committed)
        self.rollbacks += 1


if TYPE_CHECKING:  # mypy checks that the fakes implement the ports

    def _conforms(uow: FakeUnitOfWork, clock: FixedClock) -> tuple[ports.UnitOfWork, ports.Clock]:
        return uow, clock
