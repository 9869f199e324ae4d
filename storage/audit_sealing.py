"""The one kind of free text an audit detail may hold, ``reason=...`` (why a rule was
overridden, why a case was reopened or referred), is sealed when the event is about a
restricted case: the audit table itself is not sealed, and a reason can tell a restricted
case's story.

The hash chain is computed by the domain over the plain detail, so the stored detail holds the
reason's exact text (its ``key=value`` form, quotes included) sealed in place, and reading puts
it back byte for byte: with the restricted-case key the chain verifies; without it the reason
reads as REDACTED (and only administrators, who hold the key, verify the chain).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storage.sealing import MARKER

SEALED_KEYS = ("reason",)
# key=value where value is JSON-quoted ("..." with escapes) or a run without spaces.
_PAIR = re.compile(r'(?:(?<=^)|(?<= ))(?P<key>[a-z_]+)=(?P<value>"(?:[^"\\]|\\.)*"|[^ ]+)')


def _aad_column(event_hash: str, key: str) -> str:
    return f"detail.{key}.{event_hash}"


def seal_reasons(detail: str, event_hash: str, seal: Callable[[str, str], str]) -> str:
    """``detail`` with each sealed key's value replaced by ``seal(column, value)``."""

    def replace(match: re.Match[str]) -> str:
        key, value = match["key"], match["value"]
        if key not in SEALED_KEYS:
            return match[0]
        return f"{key}={seal(_aad_column(event_hash, key), value)}"

    return _PAIR.sub(replace, detail)


def open_reasons(detail: str, event_hash: str, open_: Callable[[str, str], str]) -> str:
    """The detail as it was written, each sealed value opened (REDACTED without the key)."""
    if MARKER not in detail:
        return detail

    def replace(match: re.Match[str]) -> str:
        key, value = match["key"], match["value"]
        if key not in SEALED_KEYS or not value.startswith(MARKER):
            return match[0]
        return f"{key}={open_(_aad_column(event_hash, key), value)}"

    return _PAIR.sub(replace, detail)


def has_reason(detail: str) -> bool:
    return any(f"{key}=" in detail for key in SEALED_KEYS)
