"""What an export is made of: a period, the case facts it counts, and the tables of counts.

Everything here is codes, bands, months and counts. A :class:`CaseFact` cannot hold a name, a
phone, a village, an exact date, free text or a case number: its fields are enums, booleans,
months and taxonomy codes, and a code is checked against :data:`CODE` (lower-case letters,
digits and underscores, at least one letter or underscore), so a name ("Amina Wanjiru"), a phone
("+254712345678", "0712345678") or a case number ("KBR-2026-0042") is refused at construction.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Final

from desktop.domain.model.dispute import Channel, Displacement, Sex, Status
from desktop.domain.model.proceedings import Answer

CODE = re.compile(r"^(?=[a-z0-9_]*[a-z_])[a-z0-9_]{1,40}$")
UNKNOWN = "unknown"
COMBINED = "combined"  # the bucket small values of a dimension are collapsed into


def check_code(value: str, what: str) -> str:
    if not isinstance(value, str) or not CODE.match(value):
        raise ValueError(f"{what} must be a taxonomy code.")
    return value


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


_PERIOD_TEXT = re.compile(r"^(\d{4})-(?:(\d{2})|Q([1-4]))$")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month or quarter: never an ad-hoc range."""

    year: int
    kind: PeriodKind
    number: int  # month 1-12, or quarter 1-4

    def __post_init__(self) -> None:
        if not 2000 <= self.year <= 9999:
            raise ValueError("The year of a period must be 2000 to 9999.")
        top = 12 if self.kind is PeriodKind.MONTH else 4
        if not 1 <= self.number <= top:
            raise ValueError(f"A {self.kind.value} number must be 1 to {top}.")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, PeriodKind.MONTH, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, PeriodKind.QUARTER, quarter)

    @classmethod
    def of_day(cls, day: date) -> Period:
        """The month holding ``day``."""
        return cls.month(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2026-03" (a month) or "2026-Q1" (a quarter)."""
        found = _PERIOD_TEXT.match(text.strip())
        if not found:
            raise ValueError("A period is written 2026-03 (a month) or 2026-Q1 (a quarter).")
        year = int(found.group(1))
        if found.group(2):
            return cls.month(year, int(found.group(2)))
        return cls.quarter(year, int(found.group(3)))

    @property
    def first(self) -> date:
        month = self.number if self.kind is PeriodKind.MONTH else 3 * self.number - 2
        return date(self.year, month, 1)

    @property
    def last(self) -> date:
        month = self.number if self.kind is PeriodKind.MONTH else 3 * self.number
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}-Q{self.number}"

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last

    def months(self) -> tuple[Period, ...]:
        """The months of the period (a month is its own only month)."""
        if self.kind is PeriodKind.MONTH:
            return (self,)
        return tuple(Period.month(self.year, 3 * self.number - 2 + i) for i in range(3))

    def __str__(self) -> str:
        return self.label


class Cadence(StrEnum):
    """How a committee exports, chosen once by the administrator (docs/exports.md): months
    only (a quarter is read as the sum of its published months), or quarters only. Never
    both, so no quarter can be set against its months."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class ResolutionBand(StrEnum):
    """Days from receiving a case to closing it."""

    DAYS_0_7 = "0_7"
    DAYS_8_30 = "8_30"
    DAYS_31_90 = "31_90"
    DAYS_91_PLUS = "91_plus"

    @classmethod
    def of(cls, days: int) -> ResolutionBand:
        if days <= 7:
            return cls.DAYS_0_7
        if days <= 30:
            return cls.DAYS_8_30
        if days <= 90:
            return cls.DAYS_31_90
        return cls.DAYS_91_PLUS


class FeedbackBand(StrEnum):
    """Days from sending a referral to receiving feedback; NONE: no feedback yet."""

    DAYS_0_7 = "0_7"
    DAYS_8_14 = "8_14"
    DAYS_15_30 = "15_30"
    DAYS_31_PLUS = "31_plus"
    NONE = "none"

    @classmethod
    def of(cls, days: int | None) -> FeedbackBand:
        if days is None:
            return cls.NONE
        if days <= 7:
            return cls.DAYS_0_7
        if days <= 14:
            return cls.DAYS_8_14
        if days <= 30:
            return cls.DAYS_15_30
        return cls.DAYS_31_PLUS


class Compliance(StrEnum):
    """Whether the agreement of a closed case was kept (its last recorded follow-up)."""

    KEPT = "kept"
    PARTLY = "partly"
    BREACHED = "breached"
    NOT_CHECKED = "not_checked"  # an agreement, no follow-up result recorded
    NO_AGREEMENT = "no_agreement"


@dataclass(frozen=True)
class ViewFact:
    """One party's view at closure: the party's sex and three answers, nothing else."""

    sex: Sex
    fair_process: Answer = Answer.NOT_ASKED
    fair_outcome: Answer = Answer.NOT_ASKED
    resolved: Answer = Answer.NOT_ASKED


@dataclass(frozen=True)
class CaseFact:
    """One case, reduced to what the export counts. ``received_in`` is the month the case was
    received, when that month is in the period asked for; ``closed_in`` the month it was closed
    (closed or withdrawn, with an outcome), when in the period. Ages are band codes from the
    taxonomy (or "unknown"); ``disability`` is true when any party has one; ``displacement``
    is the complainant's. The complainant and respondent are the first party of each role."""

    category: str
    channel: Channel
    status: Status
    sdg_group: str = UNKNOWN  # the category's SDG 16.3.3 group and sensitivity: set from the
    sensitive: bool = False  # workspace's taxonomy by the domain (exports.classified)
    complainant_sex: Sex = Sex.UNKNOWN
    complainant_age: str = UNKNOWN
    respondent_sex: Sex = Sex.UNKNOWN
    respondent_age: str = UNKNOWN
    disability: bool = False
    displacement: Displacement = Displacement.UNKNOWN
    received_in: Period | None = None
    closed_in: Period | None = None
    outcome: str | None = None
    resolution: ResolutionBand | None = None
    compliance: Compliance = Compliance.NO_AGREEMENT
    views: tuple[ViewFact, ...] = ()
    consented: bool = True  # every party consented to reporting; a case is counted only then

    def __post_init__(self) -> None:
        for name in ("category", "sdg_group", "complainant_age", "respondent_age"):
            check_code(getattr(self, name), name)
        if self.outcome is not None:
            check_code(self.outcome, "outcome")
        for name in ("received_in", "closed_in"):
            period = getattr(self, name)
            if period is not None and period.kind is not PeriodKind.MONTH:
                raise ValueError(f"{name} must be a month.")


class Population(StrEnum):
    """What a table counts."""

    RECEIVED = "received"  # cases received in the period
    CLOSED = "closed"  # cases closed (or withdrawn) in the period
    PARTY_VIEWS = "party_views"  # parties of the cases closed in the period who gave a view
    REFERRALS = "referrals"  # referrals sent (out) or received (in) in the period


class _Suppressed:
    """The one value of a suppressed cell (prints as "x", as statistics offices do)."""

    _instance: _Suppressed | None = None

    def __new__(cls) -> _Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __str__(self) -> str:
        return "x"

    def __reduce__(self) -> str:
        return "SUPPRESSED"


SUPPRESSED: Final = _Suppressed()
Cell = int | _Suppressed
Key = tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A one- or two-way table of counts as published: cells keyed by a tuple of codes (one
    per dimension), each a count or SUPPRESSED; every value of each dimension is listed, zeros
    included. Totals are published: ``row_totals`` (by the first dimension's value) and, for
    two-way tables, ``column_totals``; ``total`` is the population of the table. A withheld
    table (too few cases to publish anything) has every cell and total SUPPRESSED."""

    name: str
    population: Population
    dimensions: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]  # the codes of each dimension, in order
    cells: Mapping[Key, Cell]
    row_totals: Mapping[str, Cell]
    column_totals: Mapping[str, Cell] = field(default_factory=dict)
    total: Cell = 0
    threshold: int = 5
    combined: tuple[tuple[str, ...], ...] = ()  # per dimension: codes shown as "combined"

    def __post_init__(self) -> None:
        if len(self.dimensions) not in (1, 2) or len(self.values) != len(self.dimensions):
            raise ValueError("A table has one or two dimensions, each with its values.")
        for codes in self.values:
            for code in codes:
                check_code(code, "a dimension value")

    @property
    def two_way(self) -> bool:
        return len(self.dimensions) == 2

    def keys(self) -> list[Key]:
        if self.two_way:
            return [(r, c) for r in self.values[0] for c in self.values[1]]
        return [(r,) for r in self.values[0]]

    def cell(self, *codes: str) -> Cell:
        return self.cells[tuple(codes)]

    @property
    def withheld(self) -> bool:
        return self.total is SUPPRESSED

    def strings(self) -> list[str]:
        """Every string the table holds (for the scan that proves no name leaves)."""
        found = [self.name, self.population.value, *self.dimensions]
        found += [code for codes in self.values for code in codes]
        found += [code for codes in self.combined for code in codes]
        found += [" ".join(key) for key in self.cells]
        return found


@dataclass(frozen=True)
class ExportTables:
    """Every table of one export of ``period``, exactly as it will leave the laptop."""

    period: Period
    tables: tuple[Table, ...]
    # cases left out because a party did not consent: for the preview's plain-language line,
    # never written into the export file
    not_consented: int = 0

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def strings(self) -> list[str]:
        return [self.period.label, *(s for t in self.tables for s in t.strings())]


@dataclass(frozen=True)
class ExportRecord:
    """One export as the export log keeps it: which units it published, each with its
    sequence number. The first export of a unit is sequence 1; a corrected re-export gets the
    next number and replaces the earlier one (the hub keeps only the highest)."""

    export_id: str
    period: Period
    units: tuple[tuple[Period, int], ...]  # (unit, sequence)


def next_sequence(log: Iterable[ExportRecord], unit: Period) -> int:
    """The sequence number the next export of ``unit`` gets."""
    used = [seq for record in log for u, seq in record.units if u == unit]
    return max(used, default=0) + 1


def current_exports(log: Iterable[ExportRecord]) -> dict[Period, tuple[str, int]]:
    """unit -> (export id, sequence) of the export that holds it now: a re-export of a unit
    replaces every earlier one."""
    current: dict[Period, tuple[str, int]] = {}
    for record in log:
        for unit, seq in record.units:
            if unit not in current or seq > current[unit][1]:
                current[unit] = (record.export_id, seq)
    return current


@dataclass(frozen=True)
class CaseCounts:
    """A period's cases already counted, as the reporting query gives them (the fast form of
    its :class:`CaseFact` list, docs/exports.md): per table, how many cases (or party views)
    hold each tuple of codes, as read (before the taxonomy's fallback for codes it no longer
    has); and how many cases of the period were left out because a party did not consent."""

    tables: Mapping[str, Mapping[tuple[str, ...], int]]
    not_consented: int = 0
