"""Pooling: an indicator of the programme or of a region that its summed tables cannot give is
computed from its committees' own indicators (docs/hub.md, "Indicators").

Summing tables loses indicators: one committee-month that withheld a table or put the needed
code into "combined" makes the scope's cell "at least" or its "combined" row ambiguous, so the
indicator is None for the whole programme. Each committee's own indicator (over the same
periods) is often still there. So, for a scope with an indicator None from its tables:

- a **count** (cases received, resolved, referrals out by mechanism, disputes brought) is the
  sum over the committees that have it; when some committee of the scope lacks it, it is a
  lower bound (``at_least``: shown "≥ N");
- a **share** is the sum of the numerators over the sum of the denominators of the committees
  that have both, with its coverage (``covered`` of ``of`` committees): a share of the covered
  committees, said so, never extrapolated to the others;
- a **banded median** (days to feedback) cannot be pooled from medians: it stays None.

**Disclosure.** A committee's indicator is computed only from cells the hub holds exactly (a
cell or total with a suppressed part, a hidden cell, a withheld table, an ambiguous "combined"
row make it None; hub_indicators.py), so each is a number that committee published, and it is
already shown in the dashboard's committee rows. A pooled value is a sum of such numbers only,
never of a suppressed part: it adds no information beyond the exports themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.domain.model.hub_dashboard import ScopeIndicators
from desktop.domain.services.indicators import NOTHING_REASON, Indicator

COUNTS = frozenset(
    {
        "cases_received",
        "cases_resolved",
        "referrals_out_by_mechanism",
        "disputes_brought_to_committee",
    }
)
SHARES = frozenset(
    {
        "share_resolved_by_agreement",
        "share_agreements_kept",
        "referral_completion_rate",
        "share_found_process_fair",
    }
)


def pooled(scope: ScopeIndicators, members: Sequence[ScopeIndicators]) -> ScopeIndicators:
    """``scope`` with each indicator it lacks pooled from ``members`` (its committees)."""
    found = [{(i.name, i.by): i for i in m.indicators} for m in members]
    result = tuple(_pool(i, [f.get((i.name, i.by)) for f in found]) for i in scope.indicators)
    return replace(scope, indicators=result)


def _pool(indicator: Indicator, parts: list[Indicator | None]) -> Indicator:
    if indicator.value is not None or indicator.reason == NOTHING_REASON or not parts:
        return indicator
    of = len(parts)
    if indicator.name in COUNTS:
        counts = [p.value for p in parts if p is not None and isinstance(p.value, int)]
        if not counts or (len(counts) < of and sum(counts) == 0):  # "≥ 0" says nothing
            return indicator
        total = sum(counts)
        covered = len(counts)
        return replace(
            indicator, value=total, reason=None, covered=covered, of=of, at_least=covered < of
        )
    if indicator.name in SHARES:
        known = [
            (p.numerator, p.denominator)
            for p in parts
            if p is not None and p.numerator is not None and p.denominator is not None
        ]
        top = sum(n for n, _ in known)
        bottom = sum(d for _, d in known)
        if not known or bottom == 0:
            return indicator
        return replace(
            indicator,
            value=top / bottom,
            numerator=top,
            denominator=bottom,
            reason=None,
            covered=len(known),
            of=of,
        )
    return indicator
