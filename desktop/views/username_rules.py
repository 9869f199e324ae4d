"""Usernames: the domain's rule, and a suggestion from a person's name."""

from __future__ import annotations

import re

from desktop.domain.errors import ValidationError


def username_problem(username: str) -> str:
    """The domain's sentence about what is wrong, or "" when the username is fine."""
    from desktop.domain.rules import validate_username

    try:
        validate_username(username)
    except ValidationError as error:
        return error.message
    return ""


def is_valid_username(username: str) -> bool:
    return not username_problem(username)


def suggest_username(display_name: str) -> str:
    """``"Amina Otieno"`` -> ``"amina"``."""
    words = re.findall(r"[a-z][a-z0-9]*", display_name.lower())
    return words[0] if words else ""
