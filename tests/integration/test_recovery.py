"""The recovery key text: round trip, forgiving input, and typo detection per group."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.recovery import (
    ALPHABET,
    RecoveryKeyInvalid,
    RecoveryKeyTypo,
    format_recovery_key,
    new_recovery_bytes,
    parse_recovery_key,
)

raw_keys = st.binary(min_size=20, max_size=20)
SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){7}$")


@given(raw_keys)
def test_round_trip_and_shape(raw: bytes) -> None:
    text = format_recovery_key(raw)
    assert SHAPE.match(text)
    assert parse_recovery_key(text) == raw


@given(raw_keys, st.sampled_from(["lower", "spaces", "nodash", "aliases", "padded"]))
def test_forgiving_input(raw: bytes, style: str) -> None:
    text = format_recovery_key(raw)
    typed = {
        "lower": text.lower(),
        "spaces": text.replace("-", " "),
        "nodash": text.replace("-", ""),
        "aliases": text.replace("0", "O").replace("1", "l"),
        "padded": "  " + text.replace("-", " - ").lower() + "\n",
    }[style]
    assert parse_recovery_key(typed) == raw


@given(raw_keys, st.integers(0, 39), st.sampled_from(ALPHABET + "U*#"))
def test_any_single_substitution_is_caught_in_its_group(
    raw: bytes, position: int, replacement: str
) -> None:
    chars = list(format_recovery_key(raw).replace("-", ""))
    if chars[position] == replacement:
        replacement = ALPHABET[(ALPHABET.index(replacement) + 1) % 32]
    chars[position] = replacement
    with pytest.raises(RecoveryKeyTypo) as caught:
        parse_recovery_key("".join(chars))
    assert caught.value.group_number == position // 5 + 1


@given(raw_keys, st.integers(0, 7), st.integers(0, 3))
def test_any_adjacent_transposition_is_caught(raw: bytes, group: int, offset: int) -> None:
    chars = list(format_recovery_key(raw).replace("-", ""))
    i = group * 5 + offset
    if chars[i] == chars[i + 1]:
        return  # swapping equal characters changes nothing
    chars[i], chars[i + 1] = chars[i + 1], chars[i]
    with pytest.raises(RecoveryKeyTypo) as caught:
        parse_recovery_key("".join(chars))
    assert caught.value.group_number == group + 1


@given(raw_keys, st.integers(0, 7), st.integers(0, 7))
def test_groups_in_the_wrong_order_are_caught(raw: bytes, a: int, b: int) -> None:
    groups = format_recovery_key(raw).split("-")
    if a == b or groups[a] == groups[b]:
        return
    groups[a], groups[b] = groups[b], groups[a]
    with pytest.raises(RecoveryKeyTypo) as caught:
        parse_recovery_key("-".join(groups))
    assert caught.value.group_number == min(a, b) + 1


def test_the_typo_message_names_the_group() -> None:
    groups = format_recovery_key(new_recovery_bytes()).split("-")
    groups[2] = groups[2][:4] + ("0" if groups[2][4] != "0" else "1")
    with pytest.raises(RecoveryKeyTypo) as caught:
        parse_recovery_key("-".join(groups))
    assert str(caught.value) == (
        "Group 3 of the recovery key has a typo: check it against the recovery sheet."
    )
    assert isinstance(caught.value, ValueError)


def test_a_missing_character_with_dashes_points_at_its_group() -> None:
    groups = format_recovery_key(new_recovery_bytes()).split("-")
    groups[5] = groups[5][1:]
    with pytest.raises(RecoveryKeyTypo) as caught:
        parse_recovery_key("-".join(groups))
    assert caught.value.group_number == 6


@pytest.mark.parametrize("text", ["", "ABCDE", "-" * 10, "A" * 41])
def test_wrong_length_says_how_long_a_key_is(text: str) -> None:
    with pytest.raises(RecoveryKeyInvalid, match="8 groups of 5 characters"):
        parse_recovery_key(text)


def test_format_needs_twenty_bytes() -> None:
    with pytest.raises(ValueError):
        format_recovery_key(b"short")
