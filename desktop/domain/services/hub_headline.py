"""The dashboard's headline counts of a scope (cases received, cases closed), from the table
that has them exactly, and how they stand in for the indicator of the cases received."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.domain.services.hub_totals import ALL, HubCell, HubTable, Total
from desktop.domain.services.indicators import ALL as EVERYONE
from desktop.domain.services.indicators import SUPPRESSED_REASON, Indicator

# The headline counts: the grand total of the first of these tables that has it exactly (a
# committee withholds a two-way table of a small month far more often than a one-way one, and
# the hub's total is then only "at least").
RECEIVED = (("received_by_category", (ALL, "")), ("received_by_category_and_sex", (ALL, ALL)))
CLOSED = (("closed_by_agreement_kept", (ALL, "")), ("closed_by_outcome_and_sex", (ALL, ALL)))


def headline(
    tables: Mapping[str, HubTable], candidates: tuple[tuple[str, tuple[str, str]], ...]
) -> HubCell:
    """The grand total of the first candidate table that has it exactly, else the largest
    "at least" among them, else hidden."""
    found = [tables[name].cell(*key) for name, key in candidates if name in tables]
    shown = [c for c in found if not c.hidden and c.total.known > 0]
    exact = [c for c in shown if not c.total.includes_suppressed]
    if exact:
        return exact[0]
    if shown:
        return max(shown, key=lambda c: c.total.known)
    hidden = [c for c in found if c.hidden]
    return hidden[0] if hidden else HubCell(Total())


def counted(indicator: Indicator, received: HubCell) -> Indicator:
    """The cases received by everyone: the headline count when it is exact (the indicator
    reads the category x sex table, which a committee withholds in a small month)."""
    if (indicator.name, indicator.by) != ("cases_received", EVERYONE):
        return indicator
    if received.status != "exact" or indicator.value is not None:
        return indicator
    return Indicator(indicator.name, indicator.by, received.value)


# the indicators that hold, or add up to, a scope's cases received or closed
OF_RECEIVED = frozenset({"cases_received", "disputes_brought_to_committee"})
OF_CLOSED = frozenset({"cases_resolved", "share_resolved_by_agreement"})


def hidden_count(
    found: tuple[Indicator, ...], received: bool, closed: bool
) -> tuple[Indicator, ...]:
    """A scope whose cases received (or closed) are hidden shows no indicator that holds them
    or adds up to them (the by-sex counts, a share's denominator)."""
    names = (OF_RECEIVED if received else frozenset()) | (OF_CLOSED if closed else frozenset())
    return tuple(
        Indicator(i.name, i.by, None, reason=SUPPRESSED_REASON) if i.name in names else i
        for i in found
    )
