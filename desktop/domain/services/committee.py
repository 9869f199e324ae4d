"""The committee this workspace belongs to, and its settings."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain import rules
from desktop.domain.errors import ValidationError
from desktop.domain.model.committee import (
    CADENCES,
    MIN_EXPORT_THRESHOLD,
    MIN_SENSITIVE_THRESHOLD,
    Committee,
)
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy

AUTO_LOCK_MIN = 1
AUTO_LOCK_MAX = 15


@dataclass(frozen=True)
class UpdateSettings:
    """Fields left as None keep their stored value."""

    non_mediable: frozenset[str] | None = None  # category codes the committee will not mediate
    auto_lock_minutes: int | None = None
    approvals_required: bool | None = None
    contact: str | None = None  # printed on letters
    export_cadence: str | None = None  # "monthly" or "quarterly"
    export_threshold: int | None = None  # at least 5
    export_sensitive_threshold: int | None = None  # at least 10, and at least the threshold


def _check_thresholds(committee: Committee) -> None:
    threshold, sensitive = committee.export_threshold, committee.export_sensitive_threshold
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise ValidationError("export_threshold", "Give a whole number.")
    if threshold < MIN_EXPORT_THRESHOLD:
        raise ValidationError(
            "export_threshold", f"The threshold cannot be below {MIN_EXPORT_THRESHOLD}."
        )
    if isinstance(sensitive, bool) or not isinstance(sensitive, int):
        raise ValidationError("export_sensitive_threshold", "Give a whole number.")
    if sensitive < max(MIN_SENSITIVE_THRESHOLD, threshold):
        raise ValidationError(
            "export_sensitive_threshold",
            f"The threshold for sensitive categories cannot be below "
            f"{max(MIN_SENSITIVE_THRESHOLD, threshold)}.",
        )


@use_case("get_committee")
def get_committee(uow: UnitOfWork, actor: Actor) -> Committee:
    with uow:
        return uow.committee.get()


# What an export's suppression pattern depends on: once anything is exported these stay, or
# two exports of one period (a correction) under other rules could be set against each other.
_LOCKED = {
    "export_cadence": "This committee has already exported, so it keeps its cadence: months "
    "and quarters exported side by side could be subtracted from each other.",
    "export_threshold": "This committee has already exported, so it keeps its thresholds: two "
    "exports of one period under different thresholds could be set against each other.",
    "export_sensitive_threshold": "This committee has already exported, so it keeps its "
    "thresholds: two exports of one period under different thresholds could be set against "
    "each other.",
}


def _check_export_rules_kept(uow: UnitOfWork, committee: Committee, cmd: UpdateSettings) -> None:
    changing = [
        name
        for name in _LOCKED
        if getattr(cmd, name) is not None and getattr(cmd, name) != getattr(committee, name)
    ]
    if changing and uow.export_log.all():
        raise ValidationError(changing[0], _LOCKED[changing[0]])


@use_case("update_settings")
def update_settings(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, cmd: UpdateSettings
) -> Committee:
    """Change the committee's settings. The taxonomy's non-mediable defaults (GBV, child abuse,
    serious crime) are always kept in ``non_mediable``: a committee may add categories, never
    remove those."""
    non_mediable = None
    if cmd.non_mediable is not None:
        unknown = sorted(c for c in cmd.non_mediable if not taxonomy.has_category(c))
        if unknown:
            raise ValidationError("non_mediable", f"Unknown categories: {', '.join(unknown)}.")
        non_mediable = frozenset(cmd.non_mediable) | taxonomy.non_mediable_defaults()
    minutes = cmd.auto_lock_minutes
    if minutes is not None and (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not AUTO_LOCK_MIN <= minutes <= AUTO_LOCK_MAX
    ):
        raise ValidationError(
            "auto_lock_minutes", f"Choose {AUTO_LOCK_MIN} to {AUTO_LOCK_MAX} minutes."
        )
    contact = None if cmd.contact is None else rules.optional_text(cmd.contact, "contact", 200)
    if cmd.export_cadence is not None and cmd.export_cadence not in CADENCES:
        raise ValidationError("export_cadence", "Choose monthly or quarterly exports.")
    with uow:
        committee = uow.committee.get()
        _check_export_rules_kept(uow, committee, cmd)
        changed: list[str] = []
        for name, value in (
            ("contact", contact),
            ("export_cadence", cmd.export_cadence),
            ("export_threshold", cmd.export_threshold),
            ("export_sensitive_threshold", cmd.export_sensitive_threshold),
        ):
            if value is not None and value != getattr(committee, name):
                setattr(committee, name, value)
                changed.append(name)
        _check_thresholds(committee)
        if non_mediable is not None and non_mediable != committee.non_mediable:
            committee.non_mediable = non_mediable
            changed.append("non_mediable")
        if minutes is not None and minutes != committee.auto_lock_minutes:
            committee.auto_lock_minutes = minutes
            changed.append("auto_lock_minutes")
        if cmd.approvals_required is not None and (
            cmd.approvals_required != committee.approvals_required
        ):
            committee.approvals_required = cmd.approvals_required
            changed.append("approvals_required")
        if changed:
            uow.committee.save(committee)
            record(
                uow,
                clock,
                actor,
                "update_settings",
                "committee",
                detail_of(
                    fields=",".join(changed),
                    non_mediable=",".join(sorted(committee.non_mediable)),
                    auto_lock_minutes=committee.auto_lock_minutes,
                    approvals_required=committee.approvals_required,
                ),
            )
            uow.commit()
    return committee
