"""The committee a workspace belongs to, and its settings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Committee:
    name: str
    code: str  # 2-5 capital letters, prefix of case numbers, e.g. "KBR"
    area: str  # the committee's own area, e.g. "Nairobi > Kibera"
    language: str = "en"
    non_mediable: frozenset[str] = field(default_factory=frozenset)  # category codes
    auto_lock_minutes: int = 5
    approvals_required: bool = False
