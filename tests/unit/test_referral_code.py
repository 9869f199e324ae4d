"""Referral codes: the check character catches one mistyped character anywhere and every swap
of two different adjacent characters; the usual slips of a code read aloud are forgiven."""

from __future__ import annotations

import random

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.referral_code import (
    ALPHABET,
    CODE_CHARS,
    check_character,
    new_code,
    parse_code,
)


def _raw(code: str) -> str:
    return code.replace("-", "")


def _codes(count: int = 40) -> list[str]:
    return [new_code() for _ in range(count)]


def test_a_new_code_reads_back_as_itself() -> None:
    for code in _codes():
        assert len(_raw(code)) == CODE_CHARS and code[4] == "-"
        assert parse_code(code) == code


@pytest.mark.parametrize("code", _codes(25))
def test_every_single_mistyped_character_is_caught(code: str) -> None:
    raw = _raw(code)
    for position in range(CODE_CHARS):
        for char in ALPHABET:
            if char == raw[position]:
                continue
            typo = raw[:position] + char + raw[position + 1 :]
            with pytest.raises(ValidationError, match="typo"):
                parse_code(typo)


@pytest.mark.parametrize("code", _codes(25))
def test_every_swap_of_two_adjacent_characters_is_caught(code: str) -> None:
    raw = _raw(code)
    for position in range(CODE_CHARS - 1):
        a, b = raw[position], raw[position + 1]
        if a == b:
            continue
        swapped = raw[:position] + b + a + raw[position + 2 :]
        with pytest.raises(ValidationError, match="typo"):
            parse_code(swapped)


def test_the_check_holds_for_every_data_character_in_every_position() -> None:
    # Exhaustive over one position at a time from a random base: the sum is linear, so a
    # substitution is caught for any base if it is caught for one.
    rng = random.Random(3)
    data = "".join(rng.choice(ALPHABET) for _ in range(CODE_CHARS - 1))
    checks = {
        check_character(data[:p] + c + data[p + 1 :])
        for p in range(len(data))
        for c in ALPHABET
        if c == data[p]
    }
    assert checks == {check_character(data)}
    for position in range(len(data)):
        seen = {check_character(data[:position] + c + data[position + 1 :]) for c in ALPHABET}
        assert len(seen) == len(ALPHABET)  # each character gives its own check character


def test_what_people_type_is_forgiven() -> None:
    code = new_code()
    raw = _raw(code)
    assert parse_code(raw.lower()) == code
    assert parse_code(f"  {raw[:2]} {raw[2:5]} {raw[5:]} ") == code
    assert parse_code(f"{raw[:3]}-{raw[3:]}") == code


def test_crockford_aliases_read_as_their_digits() -> None:
    data = "0110" + "ABC"
    code = data + check_character(data)
    assert parse_code("O1L0ABC" + code[-1]) == f"{code[:4]}-{code[4:]}"
    assert parse_code("oIi0abc" + code[-1].lower()) == f"{code[:4]}-{code[4:]}"


@pytest.mark.parametrize("text", ["", "1234", "1234-5678-9", "UUUU-UUUU", "12#4-5678"])
def test_text_that_is_not_a_code_says_what_one_looks_like(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_code(text)
    assert caught.value.field == "code"
    assert "8 letters and digits" in caught.value.message
