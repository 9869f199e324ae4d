"""SQLAlchemy Core implementations of the repositories declared in desktop.domain.ports."""

from storage.repositories.case_list import SqlCaseListRepository
from storage.repositories.disputes import SqlDisputeRepository
from storage.repositories.drafts import SqlDraftRepository
from storage.repositories.proceedings import (
    SqlAgreementRepository,
    SqlFollowUpRepository,
    SqlHearingRepository,
    SqlOutcomeRepository,
)
from storage.repositories.referrals import SqlActorRepository, SqlReferralRepository
from storage.repositories.users import (
    SqlAuditRepository,
    SqlCommitteeRepository,
    SqlUserRepository,
)

__all__ = [
    "SqlCaseListRepository",
    "SqlActorRepository",
    "SqlAgreementRepository",
    "SqlAuditRepository",
    "SqlCommitteeRepository",
    "SqlDisputeRepository",
    "SqlDraftRepository",
    "SqlFollowUpRepository",
    "SqlHearingRepository",
    "SqlOutcomeRepository",
    "SqlReferralRepository",
    "SqlUserRepository",
]
