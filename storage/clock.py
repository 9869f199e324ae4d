"""The real clock: local dates for the committee's calendar, UTC times for the audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime


class SystemClock:
    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC)
