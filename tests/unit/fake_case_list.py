"""The in-memory CaseListRepository of FakeUnitOfWork (kept apart to keep fakes.py small).

It follows the SQL repository's rules: restricted cases outside the scope are never returned;
text matches word prefixes of the number and the party names of cases that are not restricted,
and of the number only (when the text has a digit) for restricted cases; restricted cases show
"•••" for their party names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from desktop.domain.model.case_list import CaseFilter, CaseRow, CaseScope
from desktop.domain.model.dispute import Dispute, PartyRole

if TYPE_CHECKING:
    from tests.unit.fakes import FakeUnitOfWork, State

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _tokens(text: str) -> list[str]:
    return [_fold(w) for w in _TOKEN.findall(text)]


def _admits(scope: CaseScope, dispute: Dispute) -> bool:
    if not dispute.restricted or scope.all_restricted:
        return True
    return scope.assigned_user is not None and scope.assigned_user in dispute.assigned


def _matches(f: CaseFilter, dispute: Dispute) -> bool:
    area = f.area
    return (
        (not f.statuses or dispute.status in f.statuses)
        and (not f.categories or dispute.category in f.categories)
        and (not area or dispute.area == area or dispute.area.startswith(area + " > "))
        and (f.assigned_to is None or f.assigned_to in dispute.assigned)
        and (f.received_from is None or dispute.received_on >= f.received_from)
        and (f.received_to is None or dispute.received_on <= f.received_to)
        and (f.restricted is None or dispute.restricted == f.restricted)
    )


def _found(text: str, dispute: Dispute) -> bool:
    words = _tokens(text)
    if not words:
        return True
    if dispute.restricted:
        if not any(c.isdigit() for c in text):
            return False
        haystack = _tokens(dispute.number)
    else:
        haystack = _tokens(dispute.number + " " + " ".join(p.name for p in dispute.parties))
    return all(any(token.startswith(word) for token in haystack) for word in words)


class FakeCaseListRepository:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> State:
        return self._uow.working()

    def _row(self, dispute: Dispute) -> CaseRow:
        assert dispute.id is not None

        def names(role: PartyRole) -> str:
            if dispute.restricted:
                return "•••"
            return ", ".join(p.name for p in dispute.parties if p.role is role)

        users = self._s.users
        assigned = ", ".join(users[i].display_name for i in dispute.assigned if i in users)
        return CaseRow(
            dispute.id,
            dispute.number,
            dispute.received_on.isoformat(),
            dispute.category,
            dispute.status.value,
            dispute.area,
            names(PartyRole.COMPLAINANT),
            names(PartyRole.RESPONDENT),
            assigned,
            int(dispute.restricted),
        )

    def rows(
        self, case_filter: CaseFilter, scope: CaseScope, limit: int | None = None
    ) -> list[CaseRow]:
        found = [
            self._row(d)
            for _, d in sorted(self._s.disputes.items(), reverse=True)
            if _admits(scope, d) and _matches(case_filter, d) and _found(case_filter.text, d)
        ]
        return found if limit is None else found[:limit]

    def areas(self, scope: CaseScope) -> list[str]:
        return sorted({d.area for d in self._s.disputes.values() if _admits(scope, d)})
