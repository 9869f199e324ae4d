"""Users, the audit log and the committee record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from desktop.domain.errors import NotFound
from desktop.domain.model.audit import GENESIS, AuditEvent
from desktop.domain.model.committee import Committee
from desktop.domain.model.users import Role, User
from storage import tables as t
from storage.audit_sealing import has_reason, open_reasons, seal_reasons
from storage.repositories._common import Repo, loads
from storage.rows import dumps
from storage.sealing import MARKER


class SqlUserRepository(Repo):
    """Usernames are unique and looked up case-insensitively (column collation NOCASE)."""

    @staticmethod
    def _values(user: User) -> dict[str, Any]:
        return {
            "username": user.username,
            "display_name": user.display_name,
            "role": user.role.value,
            "active": user.active,
            "restricted_access": user.restricted_access,
            "must_change_passphrase": user.must_change_passphrase,
        }

    def add(self, user: User) -> int:
        user.id = self._insert(t.users, self._values(user), {}, restricted=False)
        return user.id

    def update(self, user: User) -> None:
        if user.id is None:
            raise ValueError("Only a stored user can be updated.")
        self._update(t.users, user.id, self._values(user), {}, restricted=False)

    def get(self, user_id: int) -> User | None:
        row = self._conn.execute(select(t.users).where(t.users.c.id == user_id)).first()
        return None if row is None else _user(row)

    def by_username(self, username: str) -> User | None:
        row = self._conn.execute(select(t.users).where(t.users.c.username == username)).first()
        return None if row is None else _user(row)

    def all(self) -> list[User]:
        query = select(t.users).order_by(t.users.c.username, t.users.c.id)
        return [_user(row) for row in self._conn.execute(query)]

    def remove(self, user_id: int) -> None:
        """Delete the user: their assignments go, disputes they created keep a NULL creator."""
        result = self._conn.execute(delete(t.users).where(t.users.c.id == user_id))
        if result.rowcount != 1:
            raise NotFound(f"User {user_id} does not exist.")


def _user(row: Row[Any]) -> User:
    return User(
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        id=row.id,
        active=bool(row.active),
        restricted_access=bool(row.restricted_access),
        must_change_passphrase=bool(row.must_change_passphrase),
    )


class SqlAuditRepository(Repo):
    """Append-only (triggers refuse UPDATE and DELETE on the table)."""

    def last_hash(self) -> str:
        query = select(t.audit.c.hash).order_by(t.audit.c.seq.desc()).limit(1)
        last = self._conn.scalar(query)
        return GENESIS if last is None else str(last)

    def add(self, event: AuditEvent) -> None:
        self._conn.execute(
            t.audit.insert().values(
                at=event.at,
                username=event.username,
                action=event.action,
                subject=event.subject,
                detail=self._stored_detail(event),
                prev_hash=event.prev_hash,
                hash=event.hash,
            )
        )

    def _restricted_subject(self, subject: str) -> int | None:
        """The id of the restricted case ``subject`` names ("dispute:42"), else None."""
        kind, _, number = subject.partition(":")
        if kind != "dispute" or not number.isdigit():
            return None
        restricted = self._conn.scalar(
            select(t.disputes.c.restricted).where(t.disputes.c.id == int(number))
        )
        return int(number) if restricted else None

    def _stored_detail(self, event: AuditEvent) -> str:
        if not has_reason(event.detail):
            return event.detail
        dispute_id = self._restricted_subject(event.subject)
        if dispute_id is None:
            return event.detail
        return seal_reasons(
            event.detail,
            event.hash,
            lambda column, value: self._sealer.seal("audit", dispute_id, column, value),
        )

    def _read_detail(self, subject: str, detail: str, event_hash: str) -> str:
        if MARKER not in detail:
            return detail
        kind, _, number = subject.partition(":")
        dispute_id = int(number) if kind == "dispute" and number.isdigit() else 0
        return open_reasons(
            detail,
            event_hash,
            lambda column, value: self._sealer.open("audit", dispute_id, column, value),
        )

    def all(self) -> list[AuditEvent]:
        rows = self._conn.execute(select(t.audit).order_by(t.audit.c.seq))
        return [
            AuditEvent(
                at=row.at,
                username=row.username,
                action=row.action,
                subject=row.subject,
                detail=self._read_detail(row.subject, row.detail, row.hash),
                prev_hash=row.prev_hash,
                hash=row.hash,
                seq=row.seq,
            )
            for row in rows
        ]

    def for_subject(self, subject: str) -> list[AuditEvent]:
        """The events about ``subject`` in order (indexed by ix_audit_subject)."""
        query = select(t.audit).where(t.audit.c.subject == subject).order_by(t.audit.c.seq)
        return [
            AuditEvent(
                at=row.at,
                username=row.username,
                action=row.action,
                subject=row.subject,
                detail=self._read_detail(row.subject, row.detail, row.hash),
                prev_hash=row.prev_hash,
                hash=row.hash,
                seq=row.seq,
            )
            for row in self._conn.execute(query)
        ]


class SqlCommitteeRepository(Repo):
    def get(self) -> Committee:
        row = self._conn.execute(select(t.committee).where(t.committee.c.id == 1)).first()
        if row is None:
            raise NotFound("The workspace has no committee yet.")
        return Committee(
            name=row.name,
            code=row.code,
            area=row.area,
            language=row.language,
            non_mediable=frozenset(loads(row.non_mediable)),
            auto_lock_minutes=row.auto_lock_minutes,
            approvals_required=bool(row.approvals_required),
            contact=row.contact,
            pseudonym=row.pseudonym,
            export_cadence=row.export_cadence,
            export_threshold=row.export_threshold,
            export_sensitive_threshold=row.export_sensitive_threshold,
        )

    def save(self, committee: Committee) -> None:
        values = {
            "name": committee.name,
            "code": committee.code,
            "area": committee.area,
            "language": committee.language,
            "non_mediable": dumps(sorted(committee.non_mediable)),
            "auto_lock_minutes": committee.auto_lock_minutes,
            "approvals_required": committee.approvals_required,
            "contact": committee.contact,
            "pseudonym": committee.pseudonym,
            "export_cadence": committee.export_cadence,
            "export_threshold": committee.export_threshold,
            "export_sensitive_threshold": committee.export_sensitive_threshold,
        }
        statement = sqlite_insert(t.committee).values(id=1, **values)
        self._conn.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))
