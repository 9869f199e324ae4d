"""The rules kept in one place: case numbers, codes, names, phones, ages, passphrases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import rules
from desktop.domain.errors import ValidationError
from desktop.domain.taxonomy import default_taxonomy


def test_case_numbers() -> None:
    assert rules.case_number("KBR", 2026, 42) == "KBR-2026-0042"
    assert rules.parse_case_number("KBR-2026-0042") == ("KBR", 2026, 42)
    assert rules.parse_case_number("AB-2026-12345") == ("AB", 2026, 12345)
    with pytest.raises(ValueError):
        rules.parse_case_number("kbr-2026-1")


@given(st.from_regex(r"[A-Z]{2,5}", fullmatch=True), st.integers(2000, 2099), st.integers(1, 99999))
def test_case_numbers_round_trip(code: str, year: int, seq: int) -> None:
    assert rules.parse_case_number(rules.case_number(code, year, seq)) == (code, year, seq)


@pytest.mark.parametrize("code", ["KB", "KBR", "ABCDE", " KBR "])
def test_committee_code_accepted(code: str) -> None:
    assert rules.validate_committee_code(code) == code.strip()


@pytest.mark.parametrize("code", ["K", "ABCDEF", "kbr", "KB1", "K-B", ""])
def test_committee_code_refused(code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        rules.validate_committee_code(code)
    assert caught.value.field == "code"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("", ""),
        ("  ", ""),
        ("+254 712 345 678", "+254712345678"),
        ("0712-345.678", "0712345678"),
        ("(020) 387/4191", "0203874191"),
        ("1234567", "1234567"),
        ("+123456789012345", "+123456789012345"),
    ],
)
def test_phones_normalised(raw: str, clean: str) -> None:
    assert rules.normalise_phone(raw) == clean


@pytest.mark.parametrize(
    "raw", ["123456", "1234567890123456", "07l2345678", "++254712345678", "254+712"]
)
def test_phones_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        rules.normalise_phone(raw, "contact_phone")
    assert caught.value.field == "contact_phone"


def test_names() -> None:
    assert rules.validate_name("  Amina \t Wanjiru ") == "Amina Wanjiru"
    assert rules.validate_name("x" * 120) == "x" * 120
    for bad in ("", "   ", "x" * 121):
        with pytest.raises(ValidationError):
            rules.validate_name(bad)
    assert rules.same_name("Amina  WANJIRU", "amina wanjiru")


def test_ages_and_bands() -> None:
    taxonomy = default_taxonomy()
    assert rules.validate_age(None) is None and rules.validate_age(120) == 120
    for bad in (-1, 121, True):
        with pytest.raises(ValidationError):
            rules.validate_age(bad)
    assert rules.age_band_of(17, None, taxonomy) == "12_17"
    assert rules.age_band_of(None, "61_plus", taxonomy) == "61_plus"
    assert rules.age_band_of(None, None, taxonomy) is None


@pytest.mark.parametrize(
    "passphrase",
    ["Kibera2026", "amani-ya-leo", "correct horse battery staple", "mvua inanyesha leo sana"],
)
def test_passphrases_accepted(passphrase: str) -> None:
    assert rules.passphrase_problems(passphrase, "halima") == []
    assert rules.passphrase_strength(passphrase, "halima") >= 2


@pytest.mark.parametrize(
    ("passphrase", "username", "count"),
    [
        ("", "", 1),
        ("short1", "", 1),
        ("abcdefghij", "", 1),
        ("1234567890", "", 1),
        ("abc", "", 2),
        ("Halima2026", "halima2026", 1),
        ("one one one one one", "", 1),
    ],
)
def test_passphrases_refused(passphrase: str, username: str, count: int) -> None:
    problems = rules.passphrase_problems(passphrase, username)
    assert len(problems) == count
    assert rules.passphrase_strength(passphrase, username) <= 1


def test_passphrase_strength_scale() -> None:
    assert rules.passphrase_strength("") == 0
    assert rules.passphrase_strength("halima-2026", "halima-2026") == 0
    assert rules.passphrase_strength("abcdefgh") == 1
    assert rules.passphrase_strength("Kibera2026") == 2
    assert rules.passphrase_strength("Kibera-2026-Amani") == 3
    assert rules.passphrase_strength("Kibera-2026-Amani-Leo!") == 4
    assert rules.passphrase_strength("mvua inanyesha leo sana kesho tena tutaona") == 4


@given(st.text(max_size=40), st.text(max_size=10))
def test_strength_agrees_with_problems(passphrase: str, username: str) -> None:
    strength = rules.passphrase_strength(passphrase, username)
    assert 0 <= strength <= 4
    assert (strength >= 2) == (rules.passphrase_problems(passphrase, username) == [])
