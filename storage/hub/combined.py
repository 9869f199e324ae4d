"""``export_tables.combined``: the codes a table combined, per dimension, as compact JSON
(``[["land","other"],[]]``); ``""`` is "unknown" (imported before migration hub0003)."""

from __future__ import annotations

import functools
import json

from desktop.domain.model.export_tables import Table

UNKNOWN = ""


def combined_json(table: Table) -> str:
    return json.dumps([list(codes) for codes in table.combined], separators=(",", ":"))


@functools.lru_cache(maxsize=4096)  # a hub holds the same few lists thousands of times
def parse_combined(text: str) -> tuple[frozenset[str], ...] | None:
    """The per-dimension combined codes stored, None when unknown (or unreadable: treated as
    unknown, which only makes the dashboard more cautious)."""
    if text == UNKNOWN:
        return None
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    if not isinstance(raw, list) or not all(
        isinstance(codes, list) and all(isinstance(c, str) for c in codes) for codes in raw
    ):
        return None
    return tuple(frozenset(codes) for codes in raw)
