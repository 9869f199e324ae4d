"""The parts of an export file's payload: the manifest and each table as JSON and CSV, in both
directions (docs/export-format.md). Pure and strict: decoding refuses anything the encoder
would not have written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop.domain.model.export_log import FORMAT_VERSION, ExportManifest
from desktop.domain.model.export_tables import (
    SUPPRESSED,
    Cadence,
    Cell,
    ExportTables,
    Period,
    Population,
    Table,
)

FORMAT = "suluhu-export"
MARKER = "x"  # a suppressed cell or total, in JSON (a string) and in CSV
ALL = "*"  # CSV: the total over a dimension (never a code: codes are [a-z0-9_])
PART_NAME = re.compile(r"^tables/[a-z0-9_]{1,64}\.(json|csv)$")


class ExportFormatError(ValueError):
    """The payload is not what a Suluhu export holds (``str`` says what, without data)."""


MAX_DEPTH = 8  # the deepest nesting an export writes is 3 (manifest parts, table cells)
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(rb"[\[\]{}]")


def _loads(data: bytes, what: str) -> Any:
    """JSON of ASCII ``data``, refused past MAX_DEPTH levels of nesting before json.loads
    sees it (a file of 100,000 "[" would raise RecursionError there)."""
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub(b"", data)):
        depth += 1 if bracket in b"[{" else -1
        if depth > MAX_DEPTH:
            raise ExportFormatError(f"{what} is nested too deeply.")
    try:
        return json.loads(data.decode("ascii"))
    except RecursionError:
        raise ExportFormatError(f"{what} is nested too deeply.") from None


def canonical_json(value: object) -> bytes:
    return (json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)).encode()


def _cell_out(cell: Cell) -> int | str:
    return MARKER if cell is SUPPRESSED else int(cell)  # type: ignore[arg-type]


def _cell_in(value: object, where: str) -> Cell:
    if value == MARKER:
        return SUPPRESSED
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ExportFormatError(f"{where}: a count is a whole number of at least 0, or 'x'.")
    return value


# -- tables ----------------------------------------------------------------------------------


def _keys(table: Table) -> list[tuple[str, ...]]:
    """Every cell's key, in the table's order (rows, then columns within a row)."""
    return table.keys()


def table_json(table: Table) -> bytes:
    return canonical_json(
        {
            "name": table.name,
            "population": table.population.value,
            "dimensions": list(table.dimensions),
            "values": [list(v) for v in table.values],
            "combined": [list(c) for c in table.combined],
            "threshold": table.threshold,
            "cells": [[*key, _cell_out(table.cells[key])] for key in _keys(table)],
            "row_totals": [[k, _cell_out(v)] for k, v in table.row_totals.items()],
            "column_totals": [[k, _cell_out(v)] for k, v in table.column_totals.items()],
            "total": _cell_out(table.total),
        }
    )


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*table.dimensions, "count"])
    for key in _keys(table):
        writer.writerow([*key, _cell_out(table.cells[key])])
    pad = [ALL] * (len(table.dimensions) - 1)
    for code, cell in table.row_totals.items():
        writer.writerow([code, *pad, _cell_out(cell)])
    for code, cell in table.column_totals.items():
        writer.writerow([ALL, code, _cell_out(cell)])
    writer.writerow([ALL] * len(table.dimensions) + [_cell_out(table.total)])
    return out.getvalue().encode("ascii")


def _pairs(value: object, where: str) -> dict[str, Cell]:
    if not isinstance(value, list):
        raise ExportFormatError(f"{where} must be a list.")
    found: dict[str, Cell] = {}
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise ExportFormatError(f"{where} holds [code, count] pairs.")
        found[item[0]] = _cell_in(item[1], where)
    return found


def _codes(value: object, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value
    ):
        raise ExportFormatError(f"{where} must be lists of codes.")
    return tuple(tuple(v) for v in value)


def parse_table(data: bytes) -> Table:
    """A table from its JSON part; refuses missing or malformed fields and cells that do not
    match the table's values exactly."""
    try:
        raw = _loads(data, "A table part")
        name = raw.get("name") if isinstance(raw, dict) else None
        if not isinstance(name, str) or not PART_NAME.match(f"tables/{name}.json"):
            raise ExportFormatError("A table part has no valid name.")
        where = f"table {name}"
        dims = _codes([raw["dimensions"]], where)[0]
        values = _codes(raw["values"], where)
        cells: dict[tuple[str, ...], Cell] = {}
        for row in raw["cells"]:
            if not isinstance(row, list) or len(row) != len(dims) + 1:
                raise ExportFormatError(f"{where}: a cell is its codes and a count.")
            if not all(isinstance(c, str) for c in row[:-1]):
                raise ExportFormatError(f"{where}: a cell's key is codes.")
            cells[tuple(row[:-1])] = _cell_in(row[-1], where)
        threshold = raw["threshold"]
        if isinstance(threshold, bool) or not isinstance(threshold, int):
            raise ExportFormatError(f"{where}: the threshold is a whole number.")
        table = Table(
            name=name,
            population=Population(raw["population"]),
            dimensions=dims,
            values=values,
            cells=cells,
            row_totals=_pairs(raw["row_totals"], where),
            column_totals=_pairs(raw["column_totals"], where),
            total=_cell_in(raw["total"], where),
            threshold=threshold,
            combined=_codes(raw["combined"], where),
        )
    except ExportFormatError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise ExportFormatError(f"A table part is malformed ({type(error).__name__}).") from None
    if set(table.cells) != set(table.keys()) or set(table.row_totals) != set(values[0]):
        raise ExportFormatError(f"{where}: its cells do not match its values.")
    if table.two_way and set(table.column_totals) != set(values[1]):
        raise ExportFormatError(f"{where}: its column totals do not match its values.")
    return table


# -- the manifest ----------------------------------------------------------------------------


def _counts(tables: ExportTables) -> dict[str, object]:
    counts: dict[str, object] = {
        "tables": len(tables.tables),
        "withheld_tables": sum(1 for t in tables.tables if t.withheld),
    }
    for population in Population:
        first = next((t for t in tables.tables if t.population is population), None)
        if first is not None:
            counts[population.value] = _cell_out(first.total)
    return counts


def manifest_json(
    manifest: ExportManifest, tables: ExportTables, parts: Mapping[str, bytes]
) -> bytes:
    import hashlib

    return canonical_json(
        {
            "format": FORMAT,
            "format_version": manifest.format_version,
            "export_id": manifest.export_id,
            "committee": manifest.committee,
            "period": manifest.period.label,
            "sequence": manifest.sequence,
            "cadence": manifest.cadence.value,
            "thresholds": {
                "default": manifest.threshold,
                "sensitive": manifest.sensitive_threshold,
            },
            "app_version": manifest.app_version,
            "created_on": manifest.created_on.isoformat(),
            "suppressed": MARKER,
            "counts": _counts(tables),
            "parts": [
                {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                for name, data in parts.items()
            ],
        }
    )


def parse_manifest(data: bytes) -> tuple[ExportManifest, dict[str, Any], list[dict[str, Any]]]:
    """The manifest, the raw JSON object (for fields such as ``counts``), and its parts."""
    try:
        raw = _loads(data, "The manifest")
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ExportFormatError("The manifest is not a Suluhu export manifest.")
        if raw.get("format_version") != FORMAT_VERSION:
            raise ExportFormatError(
                f"The export is format {raw.get('format_version')!r}; this Suluhu reads "
                f"format {FORMAT_VERSION}. Update Suluhu."
            )
        manifest = ExportManifest(
            export_id=raw["export_id"],
            committee=raw["committee"],
            period=Period.parse(raw["period"]),
            sequence=int(raw["sequence"]),
            cadence=Cadence(raw["cadence"]),
            threshold=int(raw["thresholds"]["default"]),
            sensitive_threshold=int(raw["thresholds"]["sensitive"]),
            app_version=raw["app_version"],
            created_on=date.fromisoformat(raw["created_on"]),
        )
        parts = raw["parts"]
        if not isinstance(parts, list) or not all(
            isinstance(p, dict)
            and isinstance(p.get("name"), str)
            and PART_NAME.match(p["name"])
            and isinstance(p.get("sha256"), str)
            and isinstance(p.get("bytes"), int)
            for p in parts
        ):
            raise ExportFormatError("The manifest's list of parts is malformed.")
    except ExportFormatError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise ExportFormatError(f"The manifest is malformed ({type(error).__name__}).") from None
    return manifest, raw, parts
