"""Reading a list of justice actors (a starter list, or a directory kept in a spreadsheet) from
CSV.

The first line names the columns (any order, any case; "Contact person" is read as
``contact_person``); only ``name`` and ``kind`` are required. ``kind`` is a code or a label from
the actor-kind taxonomy. The file is UTF-8 (a BOM is fine) and its values are separated by
commas or by semicolons (as spreadsheets set to a comma-decimal locale save them). Every row is
checked with the same rules as the directory's form; problems are reported by line and column
and never repeat the value.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop import paths
from desktop.domain.errors import ValidationError
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.services.actors import (
    MAX_IMPORT_ROWS,
    ActorImportError,
    ImportProblem,
    ImportRow,
    check_actor,
)
from desktop.domain.taxonomy import Taxonomy

MAX_BYTES = 2 * 1024 * 1024
COLUMNS = ("name", "kind", "contact_person", "phone", "area", "services", "hours")
REQUIRED = ("name", "kind")
STARTER_LIST = paths.RESOURCES / "actors_starter.csv"


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ActorImportError([ImportProblem(0, "", "The file is larger than 2 MB.")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActorImportError(
            [ImportProblem(0, "", "The file is not UTF-8 text: save it as 'CSV UTF-8' and retry.")]
        ) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _column_name(title: str) -> str:
    return "_".join(title.strip().casefold().replace("-", " ").split())


def kind_code(taxonomy: Taxonomy, value: str) -> str:
    """The kind's code from its code or its label, ignoring case; ValidationError otherwise."""
    wanted = " ".join(value.split()).casefold()
    for kind in taxonomy.actor_kinds:
        if wanted in (kind.code.casefold(), kind.label.casefold()):
            return kind.code
    codes = ", ".join(k.code for k in taxonomy.actor_kinds)
    raise ValidationError("kind", f"Use a kind of actor from this list: {codes}.")


def _entry(values: dict[str, str], taxonomy: Taxonomy) -> JusticeActor:
    def text(column: str) -> str:
        return (values.get(column) or "").strip()

    for column in REQUIRED:
        if not text(column):
            raise ValidationError(column, "This column must not be empty.")
    entry = JusticeActor(
        kind=kind_code(taxonomy, text("kind")),
        name=text("name"),
        contact_person=text("contact_person"),
        phone=text("phone"),
        area=text("area"),
        services=text("services"),
        hours=text("hours"),
    )
    return check_actor(entry, taxonomy)


def parse_actors(data: bytes, taxonomy: Taxonomy) -> list[ImportRow]:
    """Every row as an actor to import, or ActorImportError listing every problem."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = [_column_name(h) for h in next(reader, [])]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if not header or unknown or missing or len(set(header)) != len(header):
        # Named by count only: a file without a header would echo its first row back.
        message = (
            "The first line must name the columns: "
            f"{', '.join(COLUMNS)} (name and kind are required; "
            f"missing: {', '.join(missing) or 'none'}; {len(unknown)} unknown column(s))."
        )
        raise ActorImportError([ImportProblem(1, "", message)])
    problems: list[ImportProblem] = []
    rows: list[ImportRow] = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(rows) + len(problems) >= MAX_IMPORT_ROWS:
            problems.append(
                ImportProblem(line, "", f"More than {MAX_IMPORT_ROWS} actors; split the file.")
            )
            break
        if len(values) != len(header):
            problems.append(
                ImportProblem(line, "", f"Expected {len(header)} values, found {len(values)}.")
            )
            continue
        try:
            entry = _entry(dict(zip(header, values, strict=True)), taxonomy)
        except ValidationError as error:
            problems.append(ImportProblem(line, error.field, error.message))
            continue
        rows.append(ImportRow(line, entry))
    if problems:
        raise ActorImportError(problems)
    if not rows:
        raise ActorImportError([ImportProblem(1, "", "The file has no actors after the header.")])
    return rows


def read_actors(path: Path, taxonomy: Taxonomy) -> list[ImportRow]:
    """parse_actors on a file, refusing one too big before reading it."""
    if path.stat().st_size > MAX_BYTES:
        raise ActorImportError([ImportProblem(0, "", "The file is larger than 2 MB.")])
    return parse_actors(path.read_bytes(), taxonomy)
