"""The taxonomy files load, answer lookups, and refuse malformed data with a clear error."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.taxonomy import (
    Mechanism,
    TaxonomyError,
    UnknownCode,
    default_taxonomy_folder,
    load_taxonomy,
)


def test_shipped_taxonomy_loads_and_answers() -> None:
    taxonomy = load_taxonomy(default_taxonomy_folder())
    assert taxonomy.category("gbv").sensitive and taxonomy.is_sensitive("child_abuse")
    assert not taxonomy.is_sensitive("serious_crime")
    assert taxonomy.non_mediable_defaults() == {"gbv", "child_abuse", "serious_crime"}
    assert taxonomy.sdg_group_of("land_boundary").code == "land_property"
    assert {g.code for g in taxonomy.sdg_groups} >= {
        "land_property",
        "family",
        "employment",
        "goods_services",
        "money_debt",
        "housing",
        "public_services",
        "neighbours",
        "personal_injury",
        "environment",
    }
    assert len([t for t in taxonomy.gbv_types if t.core]) == 6
    assert taxonomy.actor_kind("police").mechanism is Mechanism.FORMAL
    assert {k.code for k in taxonomy.actor_kinds_of(Mechanism.INFORMAL)} == {
        "chief_elder",
        "religious_leader",
        "traditional_court",
        "womens_group",
        "other_committee",
    }
    assert taxonomy.outcome("resolved_by_agreement").requires_agreement
    assert [o.code for o in taxonomy.outcomes] == [
        "resolved_by_agreement",
        "decided",
        "referred_formal",
        "referred_informal",
        "withdrawn",
        "unresolved",
    ]
    with pytest.raises(UnknownCode):
        taxonomy.category("nope")


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0_11"),
        (11, "0_11"),
        (12, "12_17"),
        (17, "12_17"),
        (18, "18_25"),
        (25, "18_25"),
        (26, "26_40"),
        (40, "26_40"),
        (41, "41_60"),
        (60, "41_60"),
        (61, "61_plus"),
        (120, "61_plus"),
    ],
)
def test_age_bands(age: int, band: str) -> None:
    taxonomy = load_taxonomy(default_taxonomy_folder())
    assert taxonomy.age_band_for(age) == band
    assert taxonomy.age_band(band).minor == (age < 18)


Edit = Callable[[dict[str, Any]], None]


def _broken(tmp_path: Path, filename: str, edit: Edit) -> Path:
    folder = tmp_path / "taxonomies"
    shutil.copytree(default_taxonomy_folder(), folder)
    data = json.loads((folder / filename).read_text(encoding="utf-8"))
    edit(data)
    (folder / filename).write_text(json.dumps(data), encoding="utf-8")
    return folder


def _set(path: tuple[Any, ...], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _duplicate_first(key: str) -> Edit:
    return lambda data: data[key].append(dict(data[key][0]))


BROKEN: dict[str, tuple[str, Edit, str]] = {
    "unknown key": (
        "dispute_categories.json",
        _set(("categories", 0, "colour"), "red"),
        "unknown keys",
    ),
    "missing key": ("outcomes.json", lambda d: d["outcomes"][0].pop("resolved"), "missing keys"),
    "duplicate code": ("actor_kinds.json", _duplicate_first("actor_kinds"), "duplicate code"),
    "unknown top level": ("gbv_types.json", _set(("extra",), []), "unknown top-level"),
    "wrong version": ("gbv_types.json", _set(("version",), 2), "version"),
    "bad sdg group": (
        "dispute_categories.json",
        _set(("categories", 0, "sdg_group"), "crime"),
        "sdg_group",
    ),
    "bool as string": (
        "dispute_categories.json",
        _set(("categories", 0, "sensitive"), "yes"),
        "sensitive",
    ),
    "bad mechanism": (
        "actor_kinds.json",
        _set(("actor_kinds", 0, "mechanism"), "magic"),
        "mechanism",
    ),
    "band gap": ("age_bands.json", _set(("age_bands", 1, "min"), 13), "contiguous"),
    "bounded last band": ("age_bands.json", _set(("age_bands", 5, "max"), 99), "no maximum"),
    "empty list": ("outcomes.json", _set(("outcomes",), []), "non-empty"),
    "bad code": ("outcomes.json", _set(("outcomes", 0, "code"), "Has Space"), "code"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_malformed_files_are_refused_with_the_file_named(tmp_path: Path, case: str) -> None:
    filename, edit, words = BROKEN[case]
    folder = _broken(tmp_path, filename, edit)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(folder)
    assert filename in str(caught.value) and words in str(caught.value)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    folder = tmp_path / "taxonomies"
    shutil.copytree(default_taxonomy_folder(), folder)
    (folder / "outcomes.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="outcomes.json"):
        load_taxonomy(folder)
    (folder / "outcomes.json").unlink()
    with pytest.raises(TaxonomyError, match="missing"):
        load_taxonomy(folder)
