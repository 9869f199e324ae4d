"""`suluhu cases import`: a committee's register from the CSV template, all rows or none, with
every problem reported by line and column and no value (a name, a phone) echoed back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.model.dispute import Channel, PartyRole
from desktop.register_csv import COLUMNS, RegisterFileError, parse_register
from tests.integration.conftest import Cli, CliResult
from tests.support import ADMIN, ADMIN_PASSPHRASE, case_numbers, make_workspace

# The template's header row, exactly as the README documents it.
HEADER = (
    "received_on,channel,category,area,description,restricted,"
    "complainant_name,complainant_sex,complainant_age,complainant_phone,complainant_village,"
    "respondent_name,respondent_sex,respondent_age,respondent_phone,respondent_village"
)
ROWS = [
    "2026-01-05,walk_in,land_boundary,,Boundary stones moved after the rains,no,"
    "Test Complainant One,female,34,+254 700 000 001,Test Village,"
    "Test Respondent One,male,41,,Test Village",
    "2026-01-09,referral_in,Debt or unpaid loan,Testland > Other Ward,,,"
    "Test Complainant Two,Male,,0700-000-002,,,,,,",
    '2026-02-01,outreach,gbv,,"A restricted test narrative, with a comma",yes,'
    "Test Complainant Three,female,27,,,,,,,",
]
TEMPLATE = HEADER + "\n" + "\n".join(ROWS) + "\n"

PASSPHRASE = "blue-heron-quiet-harbour"


def _write(tmp_path: Path, text: str | bytes, name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _import(
    cli: Cli, path: Path, user: str = ADMIN, passphrase: str = ADMIN_PASSPHRASE
) -> CliResult:
    return cli("cases", "import", str(path), user=user, passphrase=passphrase)


def _cases(cli: Cli) -> set[str]:
    opened = make_workspace(cli.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        return case_numbers(opened)
    finally:
        opened.close()


@pytest.fixture
def ready(cli: Cli) -> Cli:
    """A workspace made with `suluhu init` (committee code TPC, area "Testland > Test Ward")."""
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


def test_the_header_is_the_documented_template() -> None:
    assert ",".join(COLUMNS) == HEADER


def test_a_valid_register_imports_every_row(ready: Cli, tmp_path: Path) -> None:
    result = _import(ready, _write(tmp_path, TEMPLATE))
    assert result.code == 0, result.err
    assert "Imported 3 cases (TPC-2026-0001 .. TPC-2026-0003)" in result.out
    opened = make_workspace(ready.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        with opened.unit_of_work() as uow:
            disputes = [uow.disputes.get(i) for i in (1, 2, 3)]
            actions = [event.action for event in uow.audit.all()]
    finally:
        opened.close()
    first, second, third = disputes
    assert first is not None and second is not None and third is not None
    assert (first.received_on, first.channel, first.category) == (
        date(2026, 1, 5),
        Channel.WALK_IN,
        "land_boundary",
    )
    assert first.area == "Testland > Test Ward"  # empty: the committee's own area
    assert [(p.role, p.name, p.age, p.phone) for p in first.parties] == [
        (PartyRole.COMPLAINANT, "Test Complainant One", 34, "+254700000001"),
        (PartyRole.RESPONDENT, "Test Respondent One", 41, ""),
    ]
    assert (second.channel, second.category, second.area) == (
        Channel.REFERRAL_IN,
        "debt",
        "Testland > Other Ward",
    )
    assert second.parties[0].phone == "0700000002" and second.parties[0].sex.value == "male"
    assert third.restricted and third.description == "A restricted test narrative, with a comma"
    assert actions.count("import_register") == 1


def test_excel_csv_utf8_with_bom_and_crlf_imports(ready: Cli, tmp_path: Path) -> None:
    data = "\ufeff" + TEMPLATE.replace("\n", "\r\n").replace("Test Village", "Test Villäge")
    result = _import(ready, _write(tmp_path, data))
    assert result.code == 0, result.err
    assert len(_cases(ready)) == 3


def test_bad_rows_are_all_reported_and_nothing_is_imported(ready: Cli, tmp_path: Path) -> None:
    bad = [
        ROWS[0],  # line 2: fine
        "2026-13-45,walk_in,debt,,,,Test Person A,,,,,,,,,",  # 3: bad date
        "2026-01-05,walk_in,witchcraft,,,,Test Person B,,,,,,,,,",  # 4: unknown category
        "2026-01-05,walk_in,debt,,,,Test Person C,,,12ab-Zq99,,,,,,",  # 5: bad phone
        "2026-01-05,walk_in,debt,,,,Test Person D,,forty,,,,,,,",  # 6: bad age
        "2026-01-05,walk_in,debt,,,,Test Person E,,,,,Test Person F,,130,,",  # 7: age too high
        "2026-01-05,walk_in,debt",  # 8: wrong number of values
        "2099-01-05,walk_in,debt,,,,Test Person G,,,,,,,,,",  # 9: in the future
        "2026-01-05,by_pigeon,debt,,,,Test Person H,,,,,,,,,",  # 10: unknown channel
        "2026-01-05,walk_in,debt,,,maybe,Test Person I,,,,,,,,,",  # 11: not yes or no
        "2026-01-05,walk_in,debt,,,,,,,,,Test Person J,,,,",  # 12: no complainant name
        "2026-01-05,walk_in,debt,,,,Test Person K,robot,,,,,,,,",  # 13: unknown sex
        ",,,,,,,,,,,,,,,",  # 14: an empty row is skipped
        ROWS[1],  # 15: fine
    ]
    result = _import(ready, _write(tmp_path, HEADER + "\n" + "\n".join(bad) + "\n"))
    assert "11 problem(s) in the register file; nothing was imported" in result.failed_with(1)
    reported = result.out.splitlines()
    located = []
    for report in reported:
        name, where, message = report.split(": ", 2)
        assert name == "register.csv"
        located.append((where, message))
    assert [where for where, _ in located] == [
        "line 3, column received_on",
        "line 4, column category",
        "line 5, column complainant_phone",
        "line 6, column complainant_age",
        "line 7, column respondent_age",
        "line 8",
        "line 9, column received_on",
        "line 10, column channel",
        "line 11, column restricted",
        "line 12, column complainant_name",
        "line 13, column complainant_sex",
    ]
    hints = [
        "YYYY-MM-DD",
        "category",
        "digits",
        "whole years",
        "120",
        "16 values, found 3",
        "future",
        "walk_in",
        "yes or no",
        "must not be empty",
        "female",
    ]
    for (where, message), hint in zip(located, hints, strict=True):
        assert hint.casefold() in message.casefold(), (where, message)
    everything = result.out + result.err
    for value in ("Test Person", "12ab-Zq99", "witchcraft", "forty", "by_pigeon", "robot", "2099"):
        assert value not in everything
    assert _cases(ready) == set()


def test_a_file_without_the_header_echoes_nothing(ready: Cli, tmp_path: Path) -> None:
    result = _import(ready, _write(tmp_path, "\n".join(ROWS) + "\n"))
    line = result.failed_with(1)
    everything = result.out + result.err
    assert "header row" in result.out
    assert "line 1" in result.out
    for value in (
        "Test Complainant One",
        "Test Respondent One",
        "+254",
        "Boundary",
        "Test Village",
    ):
        assert value not in everything
    assert "nothing was imported" in line
    assert _cases(ready) == set()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEMPLATE.replace("Test Village", "Test Villäge").encode("cp1252"), "not UTF-8"),
        (TEMPLATE.encode("utf-16"), "not UTF-8"),
        (b"", "header row"),
        (HEADER.encode() + b"\n", "no cases"),
        (b"\x00\x01\x02binary\xff\xfe", "not UTF-8"),
    ],
    ids=["latin-1 / cp1252", "utf-16", "empty", "header only", "binary"],
)
def test_files_that_cannot_be_read(ready: Cli, tmp_path: Path, data: bytes, expected: str) -> None:
    result = _import(ready, _write(tmp_path, data))
    result.failed_with(1)
    assert expected in result.out
    assert "line 0" not in result.out
    assert "Test Complainant" not in result.out + result.err
    assert _cases(ready) == set()


def test_a_missing_file(ready: Cli, tmp_path: Path) -> None:
    assert "no file" in _import(ready, tmp_path / "nothing.csv").failed_with(1)


def test_who_may_import(ready: Cli, tmp_path: Path) -> None:
    for username, role in (("para.one", "paralegal"), ("officer.one", "programme_officer")):
        added = ready("users", "add", username, "--role", role, new_passphrase=PASSPHRASE)
        assert added.code == 0, added.err
    plain = _write(tmp_path, HEADER + "\n" + ROWS[0] + "\n" + ROWS[1] + "\n", "plain.csv")
    line = _import(ready, plain, "officer.one", PASSPHRASE).failed_with(1)
    assert "may not" in line
    assert _cases(ready) == set()
    # a paralegal may import, but not restricted cases without access to them: all or nothing
    line = _import(ready, _write(tmp_path, TEMPLATE), "para.one", PASSPHRASE).failed_with(1)
    assert "Restricted cases can only be changed by a user holding the restricted key" in line
    assert "Test" not in line
    assert _cases(ready) == set()
    assert _import(ready, plain, "para.one", PASSPHRASE).code == 0
    assert len(_cases(ready)) == 2


def test_a_sensitive_category_cannot_be_imported_unrestricted_by_a_member(
    ready: Cli, tmp_path: Path
) -> None:
    added = ready(
        "users", "add", "member.one", "--role", "member", "--restricted", new_passphrase=PASSPHRASE
    )
    assert added.code == 0, added.err
    row = "2026-02-01,walk_in,gbv,,,no,Test Complainant Four,,,,,,,,,"
    result = _import(
        ready,
        _write(tmp_path, HEADER + "\n" + ROWS[0] + "\n" + row + "\n"),
        "member.one",
        PASSPHRASE,
    )
    line = result.failed_with(1)
    assert "restricted" in line and "Test Complainant" not in line
    assert _cases(ready) == set()


# -- the parser on its own ----------------------------------------------------------------------


def test_the_parser_names_line_and_column(tmp_path: Path) -> None:
    from desktop.domain.taxonomy import default_taxonomy_folder, load_taxonomy

    taxonomy = load_taxonomy(default_taxonomy_folder())
    commands = parse_register(TEMPLATE.encode(), taxonomy, date(2026, 6, 1))
    assert len(commands) == 3 and commands[2].restricted is True and commands[1].restricted is None
    reordered = "category,received_on,complainant_name\ndebt,2026-01-05,Test Person\n"
    assert parse_register(reordered.encode(), taxonomy, date(2026, 6, 1))[0].category == "debt"
    bad = HEADER + "\n" + ROWS[0].replace("2026-01-05", "05/01/2026") + "\n"
    with pytest.raises(RegisterFileError) as caught:
        parse_register(bad.encode(), taxonomy, date(2026, 6, 1))
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, "received_on")
    unknown = HEADER.replace("channel", "Test Person Name") + "\n" + ROWS[0] + "\n"
    with pytest.raises(RegisterFileError) as caught:
        parse_register(unknown.encode(), taxonomy, date(2026, 6, 1))
    assert "Test Person" not in str(caught.value.problems[0])
    assert "1 unknown column" in str(caught.value.problems[0])
