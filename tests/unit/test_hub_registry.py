"""The hub's committee registry rules (desktop/domain/services/hub_registry.py)."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.services.hub_registry import (
    NAME_LIMIT,
    CommitteeDetails,
    committee_details,
    known_regions,
)


def test_details_are_tidied_to_one_line_with_single_spaces() -> None:
    assert committee_details("C-1", "  Lakeside \t Elders\n", " Western  ", False) == (
        CommitteeDetails("C-1", "Lakeside Elders", "Western", False)
    )


def test_empty_name_and_region_are_allowed() -> None:
    assert committee_details("C-1", " ", "", True) == CommitteeDetails("C-1", "", "", True)


@pytest.mark.parametrize("field", ["display_name", "region"])
def test_too_long_is_refused_for_its_field(field: str) -> None:
    texts = {"display_name": "a", "region": "b", field: "x" * (NAME_LIMIT + 1)}
    with pytest.raises(ValidationError) as raised:
        committee_details("C-1", texts["display_name"], texts["region"], True)
    assert raised.value.field == field
    committee_details("C-1", "x" * NAME_LIMIT, "y" * NAME_LIMIT, True)  # the limit itself


def test_another_committee_s_name_is_refused_whatever_its_case_and_spacing() -> None:
    with pytest.raises(ValidationError) as raised:
        committee_details("C-1", "hillside  PANEL", "", True, ["Hillside Panel"])
    assert raised.value.field == "display_name"
    assert committee_details("C-1", "Hillside", "", True, ["Hillside Panel"]).display_name


def test_known_regions_once_each_sorted() -> None:
    assert known_regions(["Western", "", "coast", " western ", "Coast"]) == ["coast", "Western"]
