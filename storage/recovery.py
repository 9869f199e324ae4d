"""The recovery key printed on paper at setup: 160 random bits a person can type back.

Format: 8 groups of 5 Crockford base32 characters joined by dashes, e.g.
``7K2QD-M0ZXH-...``. Each group is 4 data characters (20 bits) and 1 check character.

The check character ``c`` of group ``g`` (1..8) with data ``a1 a2 a3 a4`` is computed in GF(32)
(polynomial x^5 + x^2 + 1) so that ``2·a1 + 4·a2 + 8·a3 + 16·a4 + 1·c + g = 0``. The five
position weights (2, 4, 8, 16, 1) are distinct and non-zero, so

- a single substitution at position i changes the sum by ``w_i·e`` with ``e != 0``: never 0;
- swapping two different adjacent characters changes it by ``(w_i + w_j)·(a_i + a_j)``, a
  product of two non-zero field elements: never 0;
- the group number term makes a whole group typed in the wrong place fail as well.

Parsing accepts lower case, spaces, missing dashes and the Crockford aliases (O -> 0, I/L -> 1),
and checks every group before anything derives a key from it.
"""

from __future__ import annotations

import secrets

RECOVERY_KEY_BYTES = 20
GROUPS = 8
DATA_CHARS = 4
GROUP_CHARS = DATA_CHARS + 1

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_ALIASES = str.maketrans(
    {"O": "0", "I": "1", "L": "1"} | {dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2212"}
)
_WEIGHTS = (2, 4, 8, 16)  # x, x^2, x^3, x^4; the check character has weight 1
_POLY = 0b100101  # x^5 + x^2 + 1, primitive


class RecoveryKeyInvalid(ValueError):
    """The text is not a recovery key; ``str(error)`` is a message for the user."""


class RecoveryKeyTypo(RecoveryKeyInvalid):
    def __init__(self, group_number: int) -> None:
        super().__init__(
            f"Group {group_number} of the recovery key has a typo: "
            "check it against the recovery sheet."
        )
        self.group_number = group_number


def new_recovery_bytes() -> bytes:
    return secrets.token_bytes(RECOVERY_KEY_BYTES)


def format_recovery_key(raw: bytes) -> str:
    """``raw`` (20 bytes) as the text printed on the recovery sheet."""
    if len(raw) != RECOVERY_KEY_BYTES:
        raise ValueError(f"a recovery key is {RECOVERY_KEY_BYTES} bytes")
    number = int.from_bytes(raw, "big")
    chars = [ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(GROUPS * DATA_CHARS))]
    groups = []
    for g in range(GROUPS):
        data = chars[g * DATA_CHARS : (g + 1) * DATA_CHARS]
        check = _check_value([_VALUE[c] for c in data], g + 1)
        groups.append("".join(data) + ALPHABET[check])
    return "-".join(groups)


def parse_recovery_key(text: str) -> bytes:
    """The 20 bytes behind ``text``; raises RecoveryKeyTypo naming the first bad group."""
    groups = _split_groups(text)
    number = 0
    for g, group in enumerate(groups, start=1):
        values = [_VALUE.get(char) for char in group]
        if len(group) != GROUP_CHARS or any(v is None for v in values):
            raise RecoveryKeyTypo(g)
        digits = [v for v in values if v is not None]
        if _check_value(digits[:DATA_CHARS], g) != digits[DATA_CHARS]:
            raise RecoveryKeyTypo(g)
        for value in digits[:DATA_CHARS]:
            number = (number << 5) | value
    return number.to_bytes(RECOVERY_KEY_BYTES, "big")


def _split_groups(text: str) -> list[str]:
    cleaned = "".join(text.split()).upper().translate(_ALIASES)
    compact = cleaned.replace("-", "")
    if len(compact) == GROUPS * GROUP_CHARS:
        return [compact[i : i + GROUP_CHARS] for i in range(0, len(compact), GROUP_CHARS)]
    parts = cleaned.strip("-").split("-")
    if len(parts) == GROUPS:  # dashes kept: the group with a missing or extra character
        for g, part in enumerate(parts, start=1):
            if len(part) != GROUP_CHARS:
                raise RecoveryKeyTypo(g)
    raise RecoveryKeyInvalid(
        f"A recovery key has {GROUPS} groups of {GROUP_CHARS} characters "
        f"({GROUPS * GROUP_CHARS} in all); this one has {len(compact)}. "
        "Check it against the recovery sheet."
    )


def _gf_mul(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 32:
            a ^= _POLY
    return product


def _check_value(data: list[int], group_number: int) -> int:
    total = group_number & 31
    for weight, value in zip(_WEIGHTS, data, strict=True):
        total ^= _gf_mul(weight, value)
    return total  # c = -(sum + g) = sum + g in characteristic 2
