"""Drafts of unsaved forms, one per user and kind, in the ``drafts`` table.

The body is case data: a restricted draft is sealed (storage.sealing) under the restricted-case
key, bound to ``drafts:<row id>:body``, so no plaintext of it is ever written; an unrestricted
draft is stored as UTF-8 inside the encrypted database file.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from desktop.domain.model.drafts import Draft
from storage import tables as t
from storage.repositories._common import Repo
from storage.sealing import is_sealed

_TABLE = t.drafts.name
_COLUMN = "body"


class SqlDraftRepository(Repo):
    def get(self, username: str, kind: str) -> Draft | None:
        row = self._conn.execute(
            select(t.drafts).where(t.drafts.c.username == username, t.drafts.c.kind == kind)
        ).first()
        if row is None:
            return None
        stored = bytes(row.body).decode("utf-8")
        restricted = is_sealed(stored)
        if restricted:
            if not self._sealer.has_key:
                return None
            body = self._sealer.open(_TABLE, row.id, _COLUMN, stored)
        else:
            body = stored
        return Draft(row.username, row.kind, body, row.updated_at, restricted, row.id)

    def save(self, draft: Draft) -> None:
        if draft.restricted:
            self._sealer.require_key()  # before anything is written
        row_id = self._conn.scalar(
            select(t.drafts.c.id).where(
                t.drafts.c.username == draft.username, t.drafts.c.kind == draft.kind
            )
        )
        if row_id is None:
            placeholder = b"" if draft.restricted else draft.body.encode("utf-8")
            result = self._conn.execute(
                insert(t.drafts).values(
                    username=draft.username,
                    kind=draft.kind,
                    body=placeholder,
                    updated_at=draft.updated_at,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            row_id = int(key[0])
            if not draft.restricted:
                draft.id = row_id
                return
        body = draft.body
        if draft.restricted:
            body = self._sealer.seal(_TABLE, row_id, _COLUMN, draft.body)
        self._conn.execute(
            update(t.drafts)
            .where(t.drafts.c.id == row_id)
            .values(body=body.encode("utf-8"), updated_at=draft.updated_at)
        )
        draft.id = row_id

    def delete(self, username: str, kind: str) -> None:
        self._conn.execute(
            delete(t.drafts).where(t.drafts.c.username == username, t.drafts.c.kind == kind)
        )
