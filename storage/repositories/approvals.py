"""Approval requests. Their free text (closure note, reason, comment) is sealed when the case is
restricted, as the case's other text is.

A request's sealed columns are sealed or revealed with the case's restriction only while this
repository writes the request; a case whose restriction changes while a request is pending keeps
that request's text in its old form until the request is decided (the decision rewrites it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select

from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest, ApprovalStatus
from storage import tables as t
from storage.repositories._common import Repo

SEALED = ("note", "reason", "comment")


def _values(request: ApprovalRequest) -> dict[str, Any]:
    return {
        "dispute_id": request.dispute_id,
        "kind": request.kind.value,
        "status": request.status.value,
        "requested_by": request.requested_by,
        "requested_at": request.requested_at,
        "payload": request.payload,
        "decided_by": request.decided_by,
        "decided_at": request.decided_at,
    }


def _plain(request: ApprovalRequest) -> dict[str, str]:
    return {name: getattr(request, name) for name in SEALED}


class SqlApprovalRepository(Repo):
    table = t.approvals

    def add(self, request: ApprovalRequest) -> int:
        restricted = self._dispute_restricted(request.dispute_id)
        request.id = self._insert(self.table, _values(request), _plain(request), restricted)
        return request.id

    def update(self, request: ApprovalRequest) -> None:
        if request.id is None:
            raise ValueError("Only a stored approval request can be updated.")
        restricted = self._dispute_restricted(request.dispute_id)
        self._update(self.table, request.id, _values(request), _plain(request), restricted)

    def get(self, request_id: int) -> ApprovalRequest | None:
        row = self._conn.execute(self._query().where(self.table.c.id == request_id)).first()
        return None if row is None else self._request(row)

    def for_dispute(self, dispute_id: int) -> list[ApprovalRequest]:
        query = self._query().where(self.table.c.dispute_id == dispute_id)
        return [self._request(row) for row in self._conn.execute(query)]

    def with_status(self, status: ApprovalStatus) -> list[ApprovalRequest]:
        query = self._query().where(self.table.c.status == status.value)
        return [self._request(row) for row in self._conn.execute(query)]

    def _query(self) -> Any:
        return (
            select(self.table, t.disputes.c.restricted)
            .join(t.disputes, t.disputes.c.id == self.table.c.dispute_id)
            .order_by(self.table.c.requested_at, self.table.c.id)
        )

    def _request(self, row: Row[Any]) -> ApprovalRequest:
        restricted = bool(row.restricted)
        text = {
            name: self._open(self.table, int(row.id), name, getattr(row, name), restricted)
            for name in SEALED
        }
        return ApprovalRequest(
            dispute_id=row.dispute_id,
            kind=ApprovalKind(row.kind),
            requested_by=row.requested_by,
            requested_at=row.requested_at,
            payload=row.payload,
            status=ApprovalStatus(row.status),
            decided_by=row.decided_by,
            decided_at=row.decided_at,
            id=row.id,
            **text,
        )
