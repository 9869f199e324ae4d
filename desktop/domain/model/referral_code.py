"""Referral codes: short, easy to read aloud over the phone and to type back.

A code is 7 random Crockford base32 characters and 1 check character, printed as two groups of
four (``7K2Q-DM0X``). The check character ``c`` of data ``a1 .. a7`` is computed in GF(32)
(polynomial x^5 + x^2 + 1) so that ``x·a1 + x^2·a2 + ... + x^7·a7 + c = 0``. The eight weights
(x .. x^7 and 1) are distinct and non-zero, so

- one mistyped character changes the sum by ``w·e`` with ``e != 0``: never 0;
- swapping two different adjacent characters changes it by ``(w_i + w_j)·(a_i + a_j)``, a
  product of two non-zero field elements: never 0.

Reading accepts lower case, spaces, a missing or misplaced dash and the Crockford aliases
(O -> 0, I/L -> 1), which are the usual slips of a code read over the phone.
"""

from __future__ import annotations

import secrets

from desktop.domain.errors import ValidationError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_CHARS = 7
CODE_CHARS = DATA_CHARS + 1
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_POLY = 0b100101  # x^5 + x^2 + 1, primitive


def _times_x(value: int) -> int:
    value <<= 1
    return value ^ _POLY if value & 0b100000 else value


def _weights() -> tuple[int, ...]:
    weights, w = [], 1
    for _ in range(DATA_CHARS):
        w = _times_x(w)
        weights.append(w)
    return tuple(weights)


_WEIGHTS = _weights()


def _multiply(a: int, b: int) -> int:
    result = 0
    while b:
        if b & 1:
            result ^= a
        a = _times_x(a)
        b >>= 1
    return result


def check_character(data: str) -> str:
    """The check character of 7 data characters (already in the alphabet)."""
    total = 0
    for weight, char in zip(_WEIGHTS, data, strict=True):
        total ^= _multiply(weight, _VALUE[char])
    return ALPHABET[total]  # in GF(2^n), -total == total


def new_code() -> str:
    """A fresh random code, formatted."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_CHARS))
    return format_code(data + check_character(data))


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:]}"


def parse_code(text: str, field: str = "code") -> str:
    """The formatted code behind what a user typed; ValidationError (with a message that says
    what to do) when it is not a code or a character is wrong."""
    raw = "".join(text.upper().split()).replace("-", "").translate(_ALIASES)
    if len(raw) != CODE_CHARS or any(char not in _VALUE for char in raw):
        raise ValidationError(
            field,
            "A referral code has 8 letters and digits, like 7K2Q-DM0X: check it against "
            "the letter or the slip.",
        )
    if check_character(raw[:DATA_CHARS]) != raw[DATA_CHARS]:
        raise ValidationError(
            field, "This code has a typo: check each character against the letter or the slip."
        )
    return format_code(raw)
