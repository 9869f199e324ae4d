"""A draft: a form a user has started and not yet saved, kept so a crash loses nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Draft:
    username: str  # whose draft: drafts are never shared between users
    kind: str  # which form, e.g. "register_dispute" or "edit_dispute:42"
    body: str  # the form's fields, as the view serialised them (JSON); case data
    updated_at: datetime
    restricted: bool = False  # sealed under the restricted-case key when stored
    id: int | None = None
