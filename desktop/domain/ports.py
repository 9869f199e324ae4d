"""The protocols the services need. storage/ implements them; tests use in-memory fakes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from desktop.domain.model.agenda import Appointment, DueFollowUp, MonthCounts, StatusAge
from desktop.domain.model.approvals import ApprovalRequest, ApprovalStatus
from desktop.domain.model.audit import AuditEvent
from desktop.domain.model.case_list import CaseFilter, CaseRow, CaseScope
from desktop.domain.model.committee import Committee
from desktop.domain.model.dispute import Dispute, Status
from desktop.domain.model.drafts import Draft
from desktop.domain.model.export_log import ExportLogEntry, ExportManifest
from desktop.domain.model.export_tables import CaseCounts, CaseFact, ExportTables, Population
from desktop.domain.model.proceedings import Agreement, FollowUp, Hearing, Outcome
from desktop.domain.model.records import CaseRecord
from desktop.domain.model.referral_board import (
    BoardCounts,
    BoardFilter,
    BoardLine,
    BoardRow,
    ReferralFact,
)
from desktop.domain.model.referrals import JusticeActor, Referral
from desktop.domain.model.users import User


class Clock(Protocol):
    def today(self) -> date: ...
    def now(self) -> datetime: ...


class DisputeRepository(Protocol):
    def add(self, dispute: Dispute) -> int:
        """Insert the dispute and its parties; set their ids; return the dispute id."""

    def get(self, dispute_id: int) -> Dispute | None:
        """The dispute with its parties, or None."""

    def update(self, dispute: Dispute) -> None:
        """Write the dispute's fields; insert parties without id, update those with one,
        delete stored parties no longer in the list."""

    def next_sequence(self, prefix: str) -> int:
        """1 + the highest sequence used in case numbers starting with ``prefix``."""

    def ids_with_party_names(self, names: Sequence[str], since: date) -> list[int]:
        """Ids of disputes received on or after ``since`` with a party whose name equals
        (case-insensitively) one of ``names``."""

    def count(self) -> int: ...


class HearingRepository(Protocol):
    def add(self, hearing: Hearing) -> int: ...
    def for_dispute(self, dispute_id: int) -> list[Hearing]: ...


class AgreementRepository(Protocol):
    def add(self, agreement: Agreement) -> int: ...
    def for_dispute(self, dispute_id: int) -> list[Agreement]: ...


class FollowUpRepository(Protocol):
    def add(self, follow_up: FollowUp) -> int: ...
    def update(self, follow_up: FollowUp) -> None: ...
    def get(self, follow_up_id: int) -> FollowUp | None: ...
    def for_dispute(self, dispute_id: int) -> list[FollowUp]: ...


class OutcomeRepository(Protocol):
    def save(self, outcome: Outcome) -> int:
        """Insert, or replace the outcome of the same dispute."""

    def for_dispute(self, dispute_id: int) -> Outcome | None: ...


class ActorRepository(Protocol):
    def add(self, actor: JusticeActor) -> int: ...
    def update(self, actor: JusticeActor) -> None: ...
    def get(self, actor_id: int) -> JusticeActor | None: ...
    def all(self) -> list[JusticeActor]: ...


class ReferralRepository(Protocol):
    def add(self, referral: Referral) -> int: ...
    def update(self, referral: Referral) -> None: ...
    def get(self, referral_id: int) -> Referral | None: ...
    def for_dispute(self, dispute_id: int) -> list[Referral]: ...

    def by_code(self, code: str) -> Referral | None:
        """The referral with this (formatted) code, or None."""

    def board(self, board_filter: BoardFilter, scope: CaseScope) -> list[BoardRow]:
        """Open referrals (sent, acknowledged, accepted) matching the filter, of cases
        ``scope`` allows, oldest sent first; restricted cases outside it are never read."""

    def board_lines(
        self, board_filter: BoardFilter, scope: CaseScope, today: date
    ) -> list[BoardLine]:
        """What :meth:`board` reads, as plain tuples grouped as of ``today``: in the order of
        BOARD_GROUP_ORDER, then oldest sent first."""

    def board_counts(self, today: date, scope: CaseScope) -> BoardCounts:
        """The board's group sizes (overdue: open and due before ``today``)."""

    def facts(self, first: date, last: date) -> list[ReferralFact]:
        """Every referral sent (outgoing) or received (incoming) from first to last, of every
        case, reduced to what reports count."""


class UserRepository(Protocol):
    def add(self, user: User) -> int: ...
    def update(self, user: User) -> None: ...
    def get(self, user_id: int) -> User | None: ...
    def by_username(self, username: str) -> User | None: ...
    def all(self) -> list[User]: ...
    def remove(self, user_id: int) -> None: ...


class AuditRepository(Protocol):
    def last_hash(self) -> str:
        """The hash of the newest event, or GENESIS when the log is empty."""

    def add(self, event: AuditEvent) -> None: ...
    def all(self) -> list[AuditEvent]:
        """Every event in order, with seq set."""

    def for_subject(self, subject: str) -> list[AuditEvent]:
        """The events about ``subject`` (e.g. "dispute:42") in order, with seq set."""


class ApprovalRepository(Protocol):
    def add(self, request: ApprovalRequest) -> int: ...
    def update(self, request: ApprovalRequest) -> None: ...
    def get(self, request_id: int) -> ApprovalRequest | None: ...
    def for_dispute(self, dispute_id: int) -> list[ApprovalRequest]: ...
    def with_status(self, status: ApprovalStatus) -> list[ApprovalRequest]:
        """Requests with ``status``, oldest first."""


class CommitteeRepository(Protocol):
    def get(self) -> Committee: ...
    def save(self, committee: Committee) -> None: ...


class DraftRepository(Protocol):
    def get(self, username: str, kind: str) -> Draft | None:
        """The user's draft of ``kind``, or None (also when it is sealed and this unit of work
        has no restricted-case key)."""

    def save(self, draft: Draft) -> None:
        """Insert, or replace the draft with the same username and kind; sealed when
        ``draft.restricted``."""

    def delete(self, username: str, kind: str) -> None: ...


class CaseListRepository(Protocol):
    def rows(
        self, case_filter: CaseFilter, scope: CaseScope, limit: int | None = None
    ) -> list[CaseRow]:
        """Cases matching ``case_filter`` that ``scope`` allows, newest first, at most
        ``limit``; restricted cases outside the scope are never read."""

    def areas(self, scope: CaseScope) -> list[str]:
        """The distinct areas of the cases ``scope`` allows, sorted."""


class AgendaQueries(Protocol):
    """What the home screen needs, read in a few aggregate queries. Every method returns only
    cases that ``scope`` allows; restricted cases outside it are never read."""

    def appointments(
        self, statuses: frozenset[Status], until: date, scope: CaseScope
    ) -> list[Appointment]:
        """For each case in ``statuses`` with hearings: its latest planned hearing date, when
        that is on or before ``until``, and its latest hearing held with parties present."""

    def follow_ups_due(
        self, statuses: frozenset[Status], until: date, scope: CaseScope
    ) -> list[DueFollowUp]:
        """Follow-ups not yet recorded, due on or before ``until``, of cases in ``statuses``."""

    def status_ages(self, received_by: Mapping[Status, date], scope: CaseScope) -> list[StatusAge]:
        """Cases in a status of ``received_by`` received on or before its date, with the date
        of the latest audited change into their current status."""

    def month_counts(self, first: date, last: date, scope: CaseScope) -> MonthCounts:
        """Cases received, closed (not withdrawn) and agreements reached from first to last."""


class ReportingQueries(Protocol):
    """What the anonymised export counts: codes, bands and months of every case (restricted
    ones too), never a name, phone, village, free text, case number or exact date, and never
    a sealed column (so no restricted-case key is needed)."""

    def case_facts(self, first: date, last: date) -> list[CaseFact]:
        """Every case received from first to last, and every case closed or withdrawn (with an
        outcome) from first to last, each once: ``received_in`` / ``closed_in`` is the month
        of that date when it falls from first to last, else None."""

    def referral_facts(self, first: date, last: date) -> list[ReferralFact]:
        """The referrals sent (out) or received (in) from first to last, of cases every party
        of which consented to reporting."""

    def case_counts(
        self, first: date, last: date, tables: Mapping[str, tuple[Population, tuple[str, ...]]]
    ) -> CaseCounts:
        """What :meth:`case_facts` gives for first to last, counted for ``tables`` (name ->
        population and dimensions: received, closed or party_views, and the dimension names
        of desktop/domain/services/exports.py): only consented cases, each dimension's code
        as the facts hold it (a band, a code, "yes"/"no"), and the cases not consented."""


class SigningKeyStore(Protocol):
    """The workspace's Ed25519 export-signing key, kept inside the encrypted database: the
    private key is read only to sign and never handed out."""

    def public_key(self) -> bytes:
        """The raw 32-byte public key (made now if the workspace has none yet)."""

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``data``."""


class ExportLogRepository(Protocol):
    def add(self, entry: ExportLogEntry) -> int: ...
    def all(self) -> list[ExportLogEntry]:
        """Every export, oldest first."""


class ExportFileWriter(Protocol):
    """Writes one signed export file in two steps, so that the file and its log entry exist
    together or not at all (storage/export_file.py)."""

    def stage(
        self,
        manifest: ExportManifest,
        tables: ExportTables,
        public_key: bytes,
        sign: Callable[[bytes], bytes],
    ) -> str:
        """Encode and sign the file into a temporary file beside the target, fsynced; return
        the file's SHA-256 (hex). Nothing is at the target yet."""

    def publish(self) -> None:
        """Move the staged file into place (atomic rename)."""

    def discard(self) -> None:
        """Remove the staged file, or the published one (when the log entry failed)."""


class UnitOfWork(Protocol):
    """One transaction. ``with uow:`` begins; ``commit()`` makes it durable; leaving the block
    without commit rolls back."""

    disputes: DisputeRepository
    hearings: HearingRepository
    agreements: AgreementRepository
    follow_ups: FollowUpRepository
    outcomes: OutcomeRepository
    actors: ActorRepository
    referrals: ReferralRepository
    users: UserRepository
    audit: AuditRepository
    committee: CommitteeRepository
    case_list: CaseListRepository
    approvals: ApprovalRepository
    drafts: DraftRepository
    agenda: AgendaQueries
    reporting: ReportingQueries
    signing_key: SigningKeyStore
    export_log: ExportLogRepository

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class CaseLoader(Protocol):
    """Writes whole cases in bulk (demo data, a committee's existing register), bypassing the
    per-case use cases; see :mod:`desktop.domain.model.records` for the record's local ids."""

    def load(
        self,
        records: Iterable[CaseRecord],
        *,
        batch: int = 2000,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Write ``records`` in batches of ``batch``, one transaction each (a crash loses at
        most the batch being written), setting the records' ids; ``progress`` gets the number
        written so far after each batch; stop before the next batch once ``cancelled()`` is
        true. Return the number of cases written. Writes no audit event."""
        ...
