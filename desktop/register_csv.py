"""Reading a committee's existing paper or spreadsheet register from the CSV template.

One row is one case with its complainant and respondent (README, "Importing a register").
Every row is checked with the same domain rules as the registration form; problems are reported
by line and column, and never repeat the value (it may be a name or a phone number).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.model.dispute import Channel, Party, PartyRole, Sex
from desktop.domain.services.disputes import RegisterDispute, check_registration
from desktop.domain.taxonomy import Taxonomy

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
PARTY_FIELDS = ("name", "sex", "age", "phone", "village")
REQUIRED = ("received_on", "category", "complainant_name")
COLUMNS = (
    "received_on",
    "channel",
    "category",
    "area",
    "description",
    "restricted",
    *(f"complainant_{f}" for f in PARTY_FIELDS),
    *(f"respondent_{f}" for f in PARTY_FIELDS),
)
TRUE = {"yes", "y", "true", "1"}
FALSE = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class RowProblem:
    line: int  # 1 is the header line
    column: str
    message: str

    def __str__(self) -> str:
        if self.line < 1:  # the whole file, not one line of it
            return self.message
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class RegisterFileError(DomainError):
    """The file cannot be imported; ``problems`` lists every row problem found."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the register file; nothing was imported.")
        self.problems = problems


def _column_of(field: str) -> str:
    """Map a domain field ("parties[1].phone") to its CSV column ("respondent_phone")."""
    if field.startswith("parties["):
        index, _, name = field[len("parties[") :].partition("].")
        role = "complainant" if index == "0" else "respondent"
        return f"{role}_{name}"
    return field


class _Row:
    def __init__(self, values: dict[str, str], line: int) -> None:
        self.values = values
        self.line = line

    def text(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def flag(self, column: str) -> bool:
        value = self.text(column).casefold()
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise ValidationError(column, "Write yes or no.")

    def day(self, column: str) -> date:
        try:
            return date.fromisoformat(self.text(column))
        except ValueError:
            raise ValidationError(
                column, "Write the date as YYYY-MM-DD, e.g. 2026-03-14."
            ) from None

    def age(self, column: str) -> int | None:
        value = self.text(column)
        if not value:
            return None
        if not value.isdigit():
            raise ValidationError(column, "Write the age in whole years, or leave it empty.")
        return int(value)

    def choice(self, column: str, kind: type[Sex] | type[Channel], default: str) -> str:
        value = self.text(column).casefold().replace(" ", "_").replace("-", "_") or default
        allowed = [m.value for m in kind]
        if value not in allowed:
            raise ValidationError(column, "Use one of: " + ", ".join(allowed) + ".")
        return value

    def party(self, role: PartyRole) -> Party | None:
        prefix = f"{role.value}_"
        if not any(self.text(prefix + f) for f in PARTY_FIELDS):
            return None
        return Party(
            role=role,
            name=self.text(prefix + "name"),
            sex=Sex(self.choice(prefix + "sex", Sex, Sex.UNKNOWN.value)),
            age=self.age(prefix + "age"),
            phone=self.text(prefix + "phone"),
            village=self.text(prefix + "village"),
        )


def _category_code(taxonomy: Taxonomy, value: str) -> str:
    wanted = value.strip().casefold()
    for category in taxonomy.categories:
        if wanted in (category.code.casefold(), category.label.casefold()):
            return category.code
    raise ValidationError("category", "Use a category code or name from the README's list.")


def _command(row: _Row, taxonomy: Taxonomy) -> RegisterDispute:
    for column in REQUIRED:
        if not row.text(column):
            raise ValidationError(column, "This column must not be empty.")
    complainant = row.party(PartyRole.COMPLAINANT)
    respondent = row.party(PartyRole.RESPONDENT)
    parties = tuple(p for p in (complainant, respondent) if p is not None)
    restricted_text = row.text("restricted")
    return RegisterDispute(
        received_on=row.day("received_on"),
        channel=Channel(row.choice("channel", Channel, Channel.WALK_IN.value)),
        category=_category_code(taxonomy, row.text("category")),
        area=row.text("area"),
        description=row.text("description"),
        restricted=row.flag("restricted") if restricted_text else None,
        parties=parties,
    )


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise RegisterFileError([RowProblem(0, "", "The file is larger than 20 MB.")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegisterFileError(
            [RowProblem(0, "", "The file is not UTF-8 text: save it as 'CSV UTF-8' and retry.")]
        ) from None


def parse_register(data: bytes, taxonomy: Taxonomy, today: date) -> list[RegisterDispute]:
    """Every row as a registration command, or RegisterFileError listing every problem."""
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    header = [h.strip().casefold() for h in next(reader, [])]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if not header or unknown or missing:
        # The header is checked by name only: a file without a header row would otherwise
        # echo its first case's names and phones back as "unknown columns".
        message = (
            f"The first line must be the template's header row (missing: {', '.join(missing)}; "
            f"{len(unknown)} unknown column(s)). See the README for the template."
        )
        raise RegisterFileError([RowProblem(1, "", message)])
    problems: list[RowProblem] = []
    commands: list[RegisterDispute] = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(commands) + len(problems) >= MAX_ROWS:
            problems.append(RowProblem(line, "", f"More than {MAX_ROWS} rows; split the file."))
            break
        if len(values) != len(header):
            problems.append(
                RowProblem(line, "", f"Expected {len(header)} values, found {len(values)}.")
            )
            continue
        row = _Row(dict(zip(header, values, strict=True)), line)
        try:
            command = _command(row, taxonomy)
            check_registration(command, taxonomy, today)
        except ValidationError as error:
            problems.append(RowProblem(line, _column_of(error.field), error.message))
            continue
        commands.append(command)
    if problems:
        raise RegisterFileError(problems)
    if not commands:
        raise RegisterFileError([RowProblem(1, "", "The file has no cases after the header.")])
    return commands
