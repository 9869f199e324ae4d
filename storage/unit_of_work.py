"""The unit of work: one connection, one SQLite transaction, the repositories on it."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy import Connection, Engine

from desktop.domain.ports import (
    ActorRepository,
    AgendaQueries,
    AgreementRepository,
    ApprovalRepository,
    AuditRepository,
    CaseListRepository,
    CommitteeRepository,
    DisputeRepository,
    DraftRepository,
    ExportLogRepository,
    FollowUpRepository,
    HearingRepository,
    OutcomeRepository,
    ReferralRepository,
    ReportingQueries,
    SigningKeyStore,
    UserRepository,
)
from storage.repositories import (
    SqlActorRepository,
    SqlAgreementRepository,
    SqlAuditRepository,
    SqlCaseListRepository,
    SqlCommitteeRepository,
    SqlDisputeRepository,
    SqlDraftRepository,
    SqlFollowUpRepository,
    SqlHearingRepository,
    SqlOutcomeRepository,
    SqlReferralRepository,
    SqlUserRepository,
)
from storage.repositories.agenda import SqlAgendaQueries
from storage.repositories.approvals import SqlApprovalRepository
from storage.repositories.exports import SqlExportLogRepository, SqlSigningKeyStore
from storage.repositories.reporting import SqlReportingQueries
from storage.sealing import Sealer


class SqlUnitOfWork:
    """``with uow:`` takes a pooled connection and BEGINs; ``commit()`` commits (and the next
    statement begins a new transaction); leaving the block rolls back whatever is uncommitted
    and returns the connection. Not re-entrant; use one per thread at a time.

    ``sealer`` carries the restricted-case key of the signed-in user, or none.
    """

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
    approvals: ApprovalRepository
    agenda: AgendaQueries
    reporting: ReportingQueries
    case_list: CaseListRepository
    drafts: DraftRepository
    signing_key: SigningKeyStore
    export_log: ExportLogRepository

    def __init__(self, engine: Engine, sealer: Sealer) -> None:
        self._engine = engine
        self._sealer = sealer
        self._conn: Connection | None = None
        self._dispute_repo: SqlDisputeRepository | None = None

    @property
    def connection(self) -> Connection:
        """The open connection, for storage code that needs a query no repository offers."""
        if self._conn is None:
            raise RuntimeError("The unit of work is not open (use it in a with block).")
        return self._conn

    def __enter__(self) -> Self:
        if self._conn is not None:
            raise RuntimeError("This unit of work is already open.")
        conn = self._engine.connect()
        try:
            conn.begin()
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        sealer = self._sealer
        self._dispute_repo = SqlDisputeRepository(conn, sealer)
        self.disputes = self._dispute_repo
        self.hearings = SqlHearingRepository(conn, sealer)
        self.agreements = SqlAgreementRepository(conn, sealer)
        self.follow_ups = SqlFollowUpRepository(conn, sealer)
        self.outcomes = SqlOutcomeRepository(conn, sealer)
        self.actors = SqlActorRepository(conn, sealer)
        self.referrals = SqlReferralRepository(conn, sealer)
        self.users = SqlUserRepository(conn, sealer)
        self.audit = SqlAuditRepository(conn, sealer)
        self.committee = SqlCommitteeRepository(conn, sealer)
        self.approvals = SqlApprovalRepository(conn, sealer)
        self.agenda = SqlAgendaQueries(conn, sealer)
        self.reporting = SqlReportingQueries(conn, sealer)
        self.case_list = SqlCaseListRepository(conn, sealer)
        self.drafts = SqlDraftRepository(conn, sealer)
        self.signing_key = SqlSigningKeyStore(conn, sealer)
        self.export_log = SqlExportLogRepository(conn, sealer)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn, self._conn, self._dispute_repo = self._conn, None, None
        if conn is None:
            return
        try:
            if conn.in_transaction():
                conn.rollback()
        finally:
            conn.close()

    def commit(self) -> None:
        conn = self.connection
        conn.commit()
        repo = self._dispute_repo
        if repo is not None and repo.became_restricted:
            repo.became_restricted = False
            self._checkpoint(conn)

    def rollback(self) -> None:
        self.connection.rollback()
        if self._dispute_repo is not None:
            self._dispute_repo.became_restricted = False

    @staticmethod
    def _checkpoint(conn: Connection) -> None:
        """Copy the WAL into the file and truncate it, so pages holding the plaintext of a case
        that has just become restricted do not stay in the WAL (best effort: a reader on
        another connection can keep old frames alive until the next checkpoint)."""
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


if TYPE_CHECKING:
    from desktop.domain.ports import UnitOfWork

    def _implements_port(uow: SqlUnitOfWork) -> UnitOfWork:
        return uow
