"""Rules of the domain kept in one place: do-no-harm, case numbers, codes, names, phones, ages,
usernames and passphrases. Each validator returns the cleaned value or raises ValidationError
naming the field; the GUI, the CLI and the services all call these, never their own copies.
"""

from __future__ import annotations

import re

from desktop.domain.errors import DoNoHarm, ValidationError
from desktop.domain.model.committee import Committee
from desktop.domain.taxonomy import DisputeCategory, Taxonomy, UnknownCode

# --- do no harm ------------------------------------------------------------------------------


def is_mediable(category: DisputeCategory, committee: Committee) -> bool:
    """A category is non-mediable when the taxonomy says so by default (GBV, child abuse, serious
    crime: a floor no setting lowers) or when the committee has added it to its own list."""
    return not (category.non_mediable_default or category.code in committee.non_mediable)


def check_mediable(category: DisputeCategory, committee: Committee) -> None:
    """Raise DoNoHarm, with a message that explains why and what to do instead."""
    if is_mediable(category, committee):
        return
    raise DoNoHarm(
        f"Cases of the category \u201c{category.label}\u201d must not be mediated by the "
        "committee: mediation can put the person harmed at risk and pressure them to settle "
        "with the person who harmed them. Refer the case to a formal actor (police, a health or "
        "GBV centre, social welfare or legal aid) with the party's consent."
    )


# --- case numbers and committee codes --------------------------------------------------------

_COMMITTEE_CODE = re.compile(r"^[A-Z]{2,5}$")
_CASE_NUMBER = re.compile(r"^([A-Z]{2,5})-(\d{4})-(\d{4,})$")


def validate_committee_code(code: str, field: str = "code") -> str:
    """Two to five capital letters, e.g. "KBR"."""
    code = code.strip()
    if not _COMMITTEE_CODE.match(code):
        raise ValidationError(field, "Use 2 to 5 capital letters (A-Z), for example KBR.")
    return code


def case_number_prefix(committee_code: str, year: int) -> str:
    return f"{committee_code}-{year:04d}-"


def case_number(committee_code: str, year: int, seq: int) -> str:
    """``{code}-{year}-{seq:04d}``, e.g. KBR-2026-0042."""
    return f"{case_number_prefix(committee_code, year)}{seq:04d}"


def parse_case_number(number: str) -> tuple[str, int, int]:
    """(committee code, year, sequence); ValueError when ``number`` is not a case number."""
    match = _CASE_NUMBER.match(number)
    if not match:
        raise ValueError(f"{number!r} is not a case number")
    return match.group(1), int(match.group(2)), int(match.group(3))


# --- people ----------------------------------------------------------------------------------

NAME_MAX = 120
AGE_MAX = 120
_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")
_PHONE = re.compile(r"^\+?\d{7,15}$")
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


def validate_name(name: str, field: str = "name") -> str:
    """1 to 120 characters, not blank; inner runs of spaces collapse to one."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(field, "Enter a name.")
    if len(cleaned) > NAME_MAX:
        raise ValidationError(field, f"Use at most {NAME_MAX} characters.")
    return cleaned


def same_name(a: str, b: str) -> bool:
    """Names match ignoring case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def normalise_phone(phone: str, field: str = "phone") -> str:
    """Empty, or an optional leading + and 7 to 15 digits. Spaces, dashes, dots, slashes and
    brackets are dropped: "+254 712-345 678" -> "+254712345678"."""
    cleaned = _PHONE_SEPARATORS.sub("", phone)
    if not cleaned:
        return ""
    if not _PHONE.match(cleaned):
        raise ValidationError(
            field, "Use 7 to 15 digits, optionally starting with +, for example +254712345678."
        )
    return cleaned


def validate_age(age: int | None, field: str = "age") -> int | None:
    if age is None:
        return None
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= AGE_MAX:
        raise ValidationError(field, f"Enter an age from 0 to {AGE_MAX}, or leave it empty.")
    return age


def age_band_of(
    age: int | None, band: str | None, taxonomy: Taxonomy, field: str = "age_band"
) -> str | None:
    """The band to store: derived from ``age`` when given (a band that disagrees is an error),
    else ``band`` itself when it is a known band code, else None."""
    age = validate_age(age)
    if age is not None:
        derived = taxonomy.age_band_for(age)
        if band and band != derived:
            raise ValidationError(field, "The age band does not match the age.")
        return derived
    if not band:
        return None
    try:
        return taxonomy.age_band(band).code
    except UnknownCode:
        raise ValidationError(field, "Choose an age band from the list.") from None


def validate_username(username: str, field: str = "username") -> str:
    """2 to 32 characters: a lower-case letter, then letters, digits, dot, dash or underscore."""
    cleaned = username.strip()
    if not _USERNAME.match(cleaned):
        raise ValidationError(
            field,
            "Use 2 to 32 lower-case letters, digits, dots, dashes or underscores, "
            "starting with a letter.",
        )
    return cleaned


def required_text(text: str, field: str, max_length: int = 2000) -> str:
    """Non-blank free text, stripped, at most ``max_length`` characters."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(field, "This cannot be empty.")
    if len(cleaned) > max_length:
        raise ValidationError(field, f"Use at most {max_length} characters.")
    return cleaned


def optional_text(text: str, field: str, max_length: int = 20000) -> str:
    cleaned = text.strip()
    if len(cleaned) > max_length:
        raise ValidationError(field, f"Use at most {max_length} characters.")
    return cleaned


# --- passphrases -----------------------------------------------------------------------------
#
# A passphrase is accepted when it is not the username and EITHER
#   (a) it has at least 10 characters drawn from at least two classes (lower case, upper case,
#       digits, symbols; spaces count for none), OR
#   (b) it is a passphrase of at least 4 different words and 16 characters in all.
# The meter (0..4): 0 empty, very short (< 6) or the username; 1 refused; 2 accepted;
# 3 accepted and (14+ characters in 3+ classes, or 5+ words and 20+ characters);
# 4 accepted and (20+ characters in 3+ classes, or 6+ words and 28+ characters).
# The Argon2id cost of unlocking is the real defence; this keeps out the obvious guesses.

PASSPHRASE_MIN = 10
WORDS_MIN = 4
WORDS_LENGTH_MIN = 16


def _classes(passphrase: str) -> int:
    return sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() and not c.isspace() for c in passphrase),
        )
    )


def _words(passphrase: str) -> int:
    return len({w.casefold() for w in re.split(r"[\s\-_.,]+", passphrase) if len(w) >= 2})


def _is_word_passphrase(passphrase: str) -> bool:
    return _words(passphrase) >= WORDS_MIN and len(passphrase) >= WORDS_LENGTH_MIN


def _is_username(passphrase: str, username: str) -> bool:
    return bool(username.strip()) and passphrase.strip().casefold() == username.strip().casefold()


def passphrase_problems(passphrase: str, username: str = "") -> list[str]:
    """What is wrong with ``passphrase``, as sentences for the user; empty when it is accepted."""
    if not passphrase:
        return ["Enter a passphrase."]
    problems: list[str] = []
    if _is_username(passphrase, username):
        problems.append("Do not use your username as your passphrase.")
    if not _is_word_passphrase(passphrase):
        if len(passphrase) < PASSPHRASE_MIN:
            problems.append(
                f"Use at least {PASSPHRASE_MIN} characters, or {WORDS_MIN} or more words "
                f"({WORDS_LENGTH_MIN} characters in all)."
            )
        if _classes(passphrase) < 2:
            problems.append(
                "Mix letters with digits or symbols, or upper and lower case, "
                "or use four or more words."
            )
    return problems


def passphrase_strength(passphrase: str, username: str = "") -> int:
    """0 (none) to 4 (strong), for a meter beside the passphrase field."""
    if len(passphrase) < 6 or _is_username(passphrase, username):
        return 0
    if passphrase_problems(passphrase, username):
        return 1
    classes, length, words = _classes(passphrase), len(passphrase), _words(passphrase)
    if (length >= 20 and classes >= 3) or (words >= 6 and length >= 28):
        return 4
    if (length >= 14 and classes >= 3) or (words >= 5 and length >= 20):
        return 3
    return 2
