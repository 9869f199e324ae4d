"""Suggest a committee's case-number code (2-5 capital letters) from its name."""

from __future__ import annotations

import re
import unicodedata

CODE_PATTERN = r"[A-Z]{2,5}"

# Words that say what kind of body it is rather than where it is.
_GENERIC = frozenset(
    " ".join(
        (
            "the of and for a an in at de la le du des y e wa ya na",
            "committee committees council community communities peace dispute disputes",
            "resolution justice elders elder court village ward centre center local",
            "kamati amani baraza wazee jamii mahakama comite paix conseil sages",
        )
    ).split()
)


def _ascii_words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return [word for word in re.findall(r"[A-Za-z]+", plain)]


def suggest_code(name: str) -> str:
    """``"Kibera Peace Committee"`` -> ``"KBR"``; ``"Mathare North Elders"`` -> ``"MN"``.

    One place word: its first letter and the next consonants, three letters. Several: their
    initials, up to four. Returns "" when the name has too few Latin letters to suggest one."""
    words = _ascii_words(name)
    places = [word for word in words if word.lower() not in _GENERIC]
    if len(places) >= 2:
        return "".join(word[0] for word in places[:4]).upper()
    if len(places) == 1:
        word = places[0].upper()
        consonants = [c for c in word[1:] if c not in "AEIOU"]
        code = word[0] + "".join(consonants[:2])
        if len(code) < 3:
            code = word[:3]
        return code if len(code) >= 2 else ""
    initials = "".join(word[0] for word in words[:4]).upper()
    return initials if len(initials) >= 2 else ""
