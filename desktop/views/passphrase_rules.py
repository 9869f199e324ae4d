"""The passphrase rules the forms show: desktop.domain.rules, the same ones the workspace
enforces. Imported inside the functions so the sign-in window's first paint stays light."""

from __future__ import annotations

MAX_STRENGTH = 4


def problems(passphrase: str, username: str = "") -> list[str]:
    """What is wrong with a new passphrase, as sentences for the user; empty when it is fine."""
    from desktop.domain.rules import passphrase_problems

    return passphrase_problems(passphrase, username)


def strength(passphrase: str, username: str = "") -> int:
    """0 (none) to 4 (strong)."""
    from desktop.domain.rules import passphrase_strength

    return max(0, min(MAX_STRENGTH, passphrase_strength(passphrase, username)))
