"""What the hub's dashboard reads (the port ``build_dashboard`` needs), implemented by
storage/hub/queries.py in SQL: the sums are done by the database, so a refresh over 1,000
exports never loads their cells into Python."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from desktop.domain.services.hub_totals import Total

GroupBy = Literal["committee", "period"]


@dataclass(frozen=True)
class SourceCommittee:
    pseudonym: str
    display_name: str
    region: str
    active: bool


@dataclass(frozen=True)
class SourceExport:
    """A current export: its committee's pseudonym and its period label."""

    committee: str
    period: str


@dataclass(frozen=True)
class SummedCell:
    """One cell (or total, ``*``) of one table summed over the chosen exports of one
    committee (``group`` = its pseudonym) or one period (``group`` = the export's period)."""

    group: str
    table: str
    code1: str
    code2: str
    total: Total


@dataclass(frozen=True)
class CombinedCodes:
    """What one committee's exports of one table put into its "combined" row or column: the
    codes per dimension (each export says exactly which), or None when unknown (an export
    imported before the hub kept them: any code of the dimension may be combined)."""

    committee: str
    table: str
    codes: tuple[frozenset[str], ...] | None
    period: str = ""  # the export's period label


class DashboardSource(Protocol):
    def committees(self) -> Sequence[SourceCommittee]:
        """Every committee the hub knows."""

    def exports(self) -> Sequence[SourceExport]:
        """Every current export."""

    def thresholds(self, tables: Collection[str]) -> dict[str, int]:
        """Per table, the highest disclosure threshold of the current exports holding it."""

    def codes(self, tables: Collection[str]) -> Sequence[tuple[str, str, str]]:
        """Every (table, code1, code2) present in the current exports of ``tables``."""

    def sums(
        self,
        tables: Collection[str],
        committees: Collection[str] | None,
        periods: Collection[str] | None,
        by: GroupBy,
        floors: Mapping[str, int],
    ) -> Sequence[SummedCell]:
        """The cells of ``tables`` summed over the current exports of ``committees`` (their
        pseudonyms; None: all) and of ``periods`` (export period labels; None: all), one sum
        per ``by`` group, table, code1 and code2; a sum with a suppressed part is "at least".
        A committee's count below its table's floor (``floors``: the hub's threshold of each
        table, the same in every view) counts as suppressed, so that no difference of two
        views can be a count below the hub's threshold."""

    def combined(
        self,
        tables: Collection[str],
        committees: Collection[str] | None,
        periods: Collection[str] | None,
    ) -> Sequence[CombinedCodes]:
        """What the current exports of ``committees`` (None: all) and ``periods`` (None: all)
        combined in ``tables``: at least one entry per committee, table and distinct list of
        combined codes (the caller takes the union)."""
