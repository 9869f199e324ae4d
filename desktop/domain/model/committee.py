"""The committee a workspace belongs to, and its settings."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

CADENCES = ("monthly", "quarterly")
MIN_EXPORT_THRESHOLD = 5
MIN_SENSITIVE_THRESHOLD = 10


def new_pseudonym() -> str:
    """A committee's name in anonymised exports: random, so it says nothing of the committee."""
    return "C-" + secrets.token_hex(5).upper()


@dataclass
class Committee:
    name: str
    code: str  # 2-5 capital letters, prefix of case numbers, e.g. "KBR"
    area: str  # the committee's own area, e.g. "Nairobi > Kibera"
    language: str = "en"
    non_mediable: frozenset[str] = field(default_factory=frozenset)  # category codes
    auto_lock_minutes: int = 5
    approvals_required: bool = False
    contact: str = ""  # phone or address printed on letters
    pseudonym: str = ""  # the committee's name in anonymised exports (random, made at setup)
    export_cadence: str = "monthly"  # "monthly" or "quarterly": never both (docs/exports.md)
    export_threshold: int = 5  # disclosure thresholds: may be raised, never lowered
    export_sensitive_threshold: int = 10
