"""`suluhu actors import`: a list of justice actors from CSV, all rows or none, duplicates
skipped; problems by line and column without the values."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.actor_csv import STARTER_LIST
from desktop.domain.services import actors
from tests.integration.conftest import Cli
from tests.support import ADMIN, ADMIN_PASSPHRASE, make_workspace


@pytest.fixture
def ready(cli: Cli) -> Cli:
    result = cli(
        "init",
        "--committee",
        "Test Peace Committee",
        "--area",
        "Testland > Test Ward",
        "--admin",
        ADMIN,
        user=None,
    )
    assert result.code == 0, result.err
    return cli


def _directory(cli: Cli) -> list[tuple[str, str, str]]:
    opened = make_workspace(cli.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        entries = actors.list_actors(opened.unit_of_work(), opened.actor, include_inactive=True)
    finally:
        opened.close()
    return [(a.kind, a.name, a.phone) for a in entries]


def test_import_the_starter_list_then_again(ready: Cli) -> None:
    rows = len(STARTER_LIST.read_text(encoding="utf-8").strip().splitlines()) - 1
    result = ready("actors", "import", str(STARTER_LIST))
    assert result.code == 0, result.err
    assert result.out.strip() == (
        f"Imported {rows} actors; 0 already in the directory were skipped."
    )
    directory = _directory(ready)
    assert len(directory) == rows
    assert ("police", "Police station gender desk", "+254700000001") in directory
    again = ready("actors", "import", str(STARTER_LIST), "--json")
    assert again.code == 0, again.err
    assert again.out.strip() == f'{{"imported": 0, "skipped": {rows}}}'
    assert len(_directory(ready)) == rows


def test_a_bad_file_imports_nothing_and_names_lines_not_values(ready: Cli, tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "name;kind;phone\nTest desk;police;\nTest sheriff;sheriff;\nTest court;court;ring Test\n",
        encoding="utf-8",
    )
    result = ready("actors", "import", str(path))
    line = result.failed_with(1)
    assert line == "suluhu: 2 problem(s) in the list; nothing was imported."
    assert result.out.splitlines()[0].startswith("actors.csv: line 3, column kind: ")
    assert result.out.splitlines()[1].startswith("actors.csv: line 4, column phone: ")
    assert "sheriff" not in result.out and "ring Test" not in result.out
    assert _directory(ready) == []


def test_a_programme_officer_may_not_import(ready: Cli) -> None:
    added = ready(
        "users", "add", "neema", "--role", "programme_officer", new_passphrase="green-kite-hill-9"
    )
    assert added.code == 0, added.err
    result = ready(
        "actors", "import", str(STARTER_LIST), user="neema", passphrase="green-kite-hill-9"
    )
    assert "may not" in result.failed_with(1)
    assert _directory(ready) == []


def test_a_missing_file(ready: Cli, tmp_path: Path) -> None:
    result = ready("actors", "import", str(tmp_path / "nothing.csv"))
    assert "There is no file" in result.failed_with(1)
