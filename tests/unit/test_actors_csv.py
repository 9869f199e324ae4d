"""Reading a list of actors from CSV: header names, kinds by code or label, BOM, ; or , and one
clear problem per bad row that never repeats the value."""

from __future__ import annotations

import pytest

from desktop import paths
from desktop.actor_csv import COLUMNS, parse_actors
from desktop.domain.services.actors import ActorImportError
from desktop.domain.taxonomy import Taxonomy, default_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


def _problems(data: bytes, taxonomy: Taxonomy) -> list[str]:
    with pytest.raises(ActorImportError) as raised:
        parse_actors(data, taxonomy)
    return [str(p) for p in raised.value.problems]


def test_the_starter_list_parses(taxonomy: Taxonomy) -> None:
    rows = parse_actors((paths.RESOURCES / "actors_starter.csv").read_bytes(), taxonomy)
    assert len(rows) >= 6
    assert [r.line for r in rows] == list(range(2, len(rows) + 2))
    kinds = {r.justice_actor.kind for r in rows}
    assert {"police", "court", "legal_aid", "chief_elder"} <= kinds
    # obviously fake numbers only
    assert all(r.justice_actor.phone.startswith("+25470000000") for r in rows)


def test_header_names_any_order_and_case_kind_by_label_bom_and_semicolons(
    taxonomy: Taxonomy,
) -> None:
    text = (
        "\ufeffKind;Name;Contact person;PHONE\n"
        "Legal aid provider;County legal aid office;Duty advocate;0700 000 003\n"
        "\n"
        "chief_elder;Council of elders;;\n"
    )
    rows = parse_actors(text.encode("utf-8"), taxonomy)
    assert [(r.line, r.justice_actor.kind, r.justice_actor.name) for r in rows] == [
        (2, "legal_aid", "County legal aid office"),
        (4, "chief_elder", "Council of elders"),
    ]
    assert rows[0].justice_actor.contact_person == "Duty advocate"
    assert rows[0].justice_actor.phone == "0700000003"


def test_commas_with_quoted_values(taxonomy: Taxonomy) -> None:
    text = 'name,kind,services\nTest desk,police,"Assault, threats; theft"\n'
    (row,) = parse_actors(text.encode(), taxonomy)
    assert row.justice_actor.services == "Assault, threats; theft"


def test_every_bad_row_is_reported_by_line_and_column_without_its_value(
    taxonomy: Taxonomy,
) -> None:
    text = (
        "name,kind,phone\n"
        "Test desk,police,+254 700 000 001\n"
        "Test sheriff,sheriff,\n"
        "Test court,court,call Test Clerk\n"
        ",legal_aid,\n"
        "Too,many,values,here\n"
    )
    problems = _problems(text.encode(), taxonomy)
    assert problems[0].startswith("line 3, column kind: Use a kind of actor from this list: police")
    assert problems[1].startswith("line 4, column phone: Use 7 to 15 digits")
    assert problems[2] == "line 5, column name: This column must not be empty."
    assert problems[3] == "line 6: Expected 3 values, found 4."
    joined = " ".join(problems)
    assert "sheriff" not in joined and "Test Clerk" not in joined and "Test court" not in joined


@pytest.mark.parametrize(
    "text",
    [
        "",
        "name,phone\nTest desk,0700000001\n",  # no kind column
        "Test desk,police\n",  # no header: the first row must not be echoed back
        "name,kind,name\nA,police,B\n",  # a column twice
    ],
)
def test_a_bad_header_is_one_problem_on_line_1(text: str, taxonomy: Taxonomy) -> None:
    problems = _problems(text.encode(), taxonomy)
    assert len(problems) == 1 and problems[0].startswith("line 1: The first line must name")
    assert "Test desk" not in problems[0]


def test_not_utf8_and_no_rows(taxonomy: Taxonomy) -> None:
    assert _problems("name,kind\nCaf\u00e9 desk,police\n".encode("latin-1"), taxonomy) == [
        "The file is not UTF-8 text: save it as 'CSV UTF-8' and retry."
    ]
    assert _problems(b"name,kind\n\n", taxonomy) == [
        "line 1: The file has no actors after the header."
    ]


def test_the_columns_are_the_documented_ones() -> None:
    assert COLUMNS == ("name", "kind", "contact_person", "phone", "area", "services", "hours")
