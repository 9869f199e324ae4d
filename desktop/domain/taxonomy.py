"""The taxonomies as data: dispute categories, GBV types, age bands, actor kinds, outcomes.

The JSON files live in resources/taxonomies/ so that programme staff can map them to national
statistics without touching code. Each file is ``{"version": 1, "source": "...", "<list>": [...]}``
and every entry must have exactly the fields listed in ``_FILES`` below; anything else (unknown or
missing keys, duplicate codes, a category pointing at an unknown SDG group, age bands with gaps)
stops loading with a :class:`TaxonomyError` that names the file and the entry.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from desktop.domain.errors import DomainError

FORMAT_VERSION = 1


class TaxonomyError(DomainError):
    """A taxonomy file is missing or malformed; the message names the file and the entry."""


class UnknownCode(DomainError, LookupError):
    """A code is not in the taxonomy."""


class Mechanism(StrEnum):
    """SDG 16.3.3 splits dispute resolution mechanisms into formal and informal."""

    FORMAL = "formal"
    INFORMAL = "informal"


@dataclass(frozen=True)
class SdgGroup:
    code: str
    label: str


@dataclass(frozen=True)
class DisputeCategory:
    code: str
    label: str
    sdg_group: str  # code of an SdgGroup
    sensitive: bool  # registered as restricted by default (GBV, child abuse)
    non_mediable_default: bool  # must not be mediated, whatever the committee's settings


@dataclass(frozen=True)
class GbvType:
    code: str
    label: str
    core: bool  # one of the six GBVIMS core types (False for non-GBV)


@dataclass(frozen=True)
class AgeBand:
    code: str
    label: str
    min: int
    max: int | None  # None: no upper bound

    def contains(self, age: int) -> bool:
        return age >= self.min and (self.max is None or age <= self.max)

    @property
    def minor(self) -> bool:
        return self.max is not None and self.max < 18


@dataclass(frozen=True)
class ActorKind:
    code: str
    label: str
    mechanism: Mechanism
    sdg_mechanism: str  # the SDG 16.3.3 mechanism type, as a label
    feedback_days: int  # default wait for referral feedback before it is overdue


@dataclass(frozen=True)
class OutcomeKind:
    code: str
    label: str
    resolved: bool  # counts as resolved in reports
    requires_agreement: bool  # only for a case with a recorded agreement


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_T = TypeVar("_T", bound=_Coded)


def _find(items: Iterable[_T], code: str, what: str) -> _T:
    for item in items:
        if item.code == code:
            return item
    raise UnknownCode(f"Unknown {what} code {code!r}.")


@dataclass(frozen=True)
class Taxonomy:
    sdg_groups: tuple[SdgGroup, ...]
    categories: tuple[DisputeCategory, ...]
    gbv_types: tuple[GbvType, ...]
    age_bands: tuple[AgeBand, ...]
    actor_kinds: tuple[ActorKind, ...]
    outcomes: tuple[OutcomeKind, ...]

    # Lookups raise UnknownCode; the has_* forms answer yes or no.
    def category(self, code: str) -> DisputeCategory:
        return _find(self.categories, code, "dispute category")

    def has_category(self, code: str) -> bool:
        return any(c.code == code for c in self.categories)

    def is_sensitive(self, code: str) -> bool:
        return self.category(code).sensitive

    def non_mediable_defaults(self) -> frozenset[str]:
        return frozenset(c.code for c in self.categories if c.non_mediable_default)

    def sdg_group(self, code: str) -> SdgGroup:
        return _find(self.sdg_groups, code, "SDG group")

    def sdg_group_of(self, category_code: str) -> SdgGroup:
        return self.sdg_group(self.category(category_code).sdg_group)

    def gbv_type(self, code: str) -> GbvType:
        return _find(self.gbv_types, code, "GBV type")

    def age_band(self, code: str) -> AgeBand:
        return _find(self.age_bands, code, "age band")

    def has_age_band(self, code: str) -> bool:
        return any(b.code == code for b in self.age_bands)

    def age_band_for(self, age: int) -> str:
        """The code of the band holding ``age`` (e.g. 30 -> "26_40")."""
        for band in self.age_bands:
            if band.contains(age):
                return band.code
        raise UnknownCode(f"No age band holds the age {age}.")

    def actor_kind(self, code: str) -> ActorKind:
        return _find(self.actor_kinds, code, "actor kind")

    def has_actor_kind(self, code: str) -> bool:
        return any(k.code == code for k in self.actor_kinds)

    def actor_kinds_of(self, mechanism: Mechanism) -> tuple[ActorKind, ...]:
        return tuple(k for k in self.actor_kinds if k.mechanism == mechanism)

    def outcome(self, code: str) -> OutcomeKind:
        return _find(self.outcomes, code, "outcome")

    def has_outcome(self, code: str) -> bool:
        return any(o.code == code for o in self.outcomes)


# --- loading ---------------------------------------------------------------------------------

_CODE = re.compile(r"^[a-z0-9][a-z0-9_]*$")

# field kinds: "code", "text", "bool", "int", "int?" (int or null), "mechanism"
_FILES: dict[str, tuple[str, dict[str, str]]] = {
    "sdg_groups": ("dispute_categories.json", {"code": "code", "label": "text"}),
    "categories": (
        "dispute_categories.json",
        {
            "code": "code",
            "label": "text",
            "sdg_group": "code",
            "sensitive": "bool",
            "non_mediable_default": "bool",
        },
    ),
    "gbv_types": ("gbv_types.json", {"code": "code", "label": "text", "core": "bool"}),
    "age_bands": (
        "age_bands.json",
        {"code": "code", "label": "text", "min": "int", "max": "int?"},
    ),
    "actor_kinds": (
        "actor_kinds.json",
        {
            "code": "code",
            "label": "text",
            "mechanism": "mechanism",
            "sdg_mechanism": "text",
            "feedback_days": "int",
        },
    ),
    "outcomes": (
        "outcomes.json",
        {"code": "code", "label": "text", "resolved": "bool", "requires_agreement": "bool"},
    ),
}


def _value_ok(kind: str, value: object) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if kind in ("int", "int?"):
        if value is None:
            return kind == "int?"
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if not isinstance(value, str):
        return False
    if kind == "code":
        return bool(_CODE.match(value))
    if kind == "mechanism":
        return value in {m.value for m in Mechanism}
    return bool(value.strip())


def _read_file(folder: Path, filename: str) -> dict[str, Any]:
    path = folder / filename
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"{filename}: the taxonomy file is missing from {folder}.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TaxonomyError(f"{filename}: cannot be read as JSON ({error}).") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{filename}: the top level must be an object.")
    lists = {key for key, (name, _) in _FILES.items() if name == filename}
    unknown = sorted(set(data) - lists - {"version", "source"})
    if unknown:
        raise TaxonomyError(f"{filename}: unknown top-level keys {unknown}.")
    if data.get("version") != FORMAT_VERSION:
        raise TaxonomyError(f"{filename}: version must be {FORMAT_VERSION}.")
    return data


def _entries(data: Mapping[str, Any], list_key: str) -> list[dict[str, Any]]:
    filename, fields = _FILES[list_key]
    items = data.get(list_key)
    if not isinstance(items, list) or not items:
        raise TaxonomyError(f"{filename}: {list_key!r} must be a non-empty list.")
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{filename}: {list_key}[{index}]"
        if not isinstance(item, dict):
            raise TaxonomyError(f"{where} must be an object.")
        unknown = sorted(set(item) - set(fields))
        missing = sorted(set(fields) - set(item))
        if unknown:
            raise TaxonomyError(f"{where}: unknown keys {unknown}.")
        if missing:
            raise TaxonomyError(f"{where}: missing keys {missing}.")
        for name, kind in fields.items():
            if not _value_ok(kind, item[name]):
                raise TaxonomyError(f"{where}: {name!r} is not a valid {kind} ({item[name]!r}).")
        if item["code"] in seen:
            raise TaxonomyError(f"{where}: duplicate code {item['code']!r}.")
        seen.add(item["code"])
    return items


def _check_age_bands(bands: tuple[AgeBand, ...]) -> None:
    expected = 0
    for index, band in enumerate(bands):
        where = f"age_bands.json: age_bands[{index}]"
        if band.min != expected:
            raise TaxonomyError(f"{where}: bands must be contiguous; expected min {expected}.")
        if band.max is None:
            if index != len(bands) - 1:
                raise TaxonomyError(f"{where}: only the last band may have no maximum.")
            return
        if band.max < band.min:
            raise TaxonomyError(f"{where}: max is below min.")
        expected = band.max + 1
    raise TaxonomyError("age_bands.json: the last band must have no maximum (max null).")


def load_taxonomy(folder: Path) -> Taxonomy:
    """Read and check every taxonomy file in ``folder``."""
    files = {name for name, _ in _FILES.values()}
    data = {name: _read_file(folder, name) for name in sorted(files)}

    def entries(list_key: str) -> list[dict[str, Any]]:
        return _entries(data[_FILES[list_key][0]], list_key)

    groups = tuple(SdgGroup(e["code"], e["label"]) for e in entries("sdg_groups"))
    group_codes = {g.code for g in groups}
    categories = tuple(
        DisputeCategory(
            e["code"], e["label"], e["sdg_group"], e["sensitive"], e["non_mediable_default"]
        )
        for e in entries("categories")
    )
    for index, category in enumerate(categories):
        if category.sdg_group not in group_codes:
            raise TaxonomyError(
                f"dispute_categories.json: categories[{index}]: unknown sdg_group "
                f"{category.sdg_group!r}."
            )
    bands = tuple(AgeBand(e["code"], e["label"], e["min"], e["max"]) for e in entries("age_bands"))
    _check_age_bands(bands)
    kinds = tuple(
        ActorKind(
            e["code"], e["label"], Mechanism(e["mechanism"]), e["sdg_mechanism"], e["feedback_days"]
        )
        for e in entries("actor_kinds")
    )
    for index, kind in enumerate(kinds):
        if not 1 <= kind.feedback_days <= 365:
            raise TaxonomyError(
                f"actor_kinds.json: actor_kinds[{index}]: feedback_days must be 1 to 365."
            )
    return Taxonomy(
        sdg_groups=groups,
        categories=categories,
        gbv_types=tuple(GbvType(e["code"], e["label"], e["core"]) for e in entries("gbv_types")),
        age_bands=bands,
        actor_kinds=kinds,
        outcomes=tuple(
            OutcomeKind(e["code"], e["label"], e["resolved"], e["requires_agreement"])
            for e in entries("outcomes")
        ),
    )


def default_taxonomy_folder() -> Path:
    """The taxonomies shipped with the app: <repo>/resources/taxonomies."""
    return Path(__file__).resolve().parents[2] / "resources" / "taxonomies"


@functools.cache
def default_taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded on first use (never at import time) and kept."""
    return load_taxonomy(default_taxonomy_folder())
