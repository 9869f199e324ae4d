"""Translated names for the referral board's groups and directions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.model.referral_board import BoardGroup
from desktop.domain.model.referrals import Direction

# The order the board shows its groups in: what needs a call first.
GROUP_ORDER: tuple[BoardGroup, ...] = (
    BoardGroup.OVERDUE,
    BoardGroup.AWAITING_ACKNOWLEDGEMENT,
    BoardGroup.AWAITING_OUTCOME,
    BoardGroup.OWED_BY_US,
)
GROUP_RANK = {group: rank for rank, group in enumerate(GROUP_ORDER)}

WARNING_COLOUR = "#a3161a"


def _t(text: str) -> str:
    return QCoreApplication.translate("ReferralBoard", text)


def group_label(group: BoardGroup) -> str:
    return {
        BoardGroup.OVERDUE: _t("Overdue"),
        BoardGroup.AWAITING_ACKNOWLEDGEMENT: _t("Not acknowledged"),
        BoardGroup.AWAITING_OUTCOME: _t("Awaiting outcome"),
        BoardGroup.OWED_BY_US: _t("We owe feedback"),
    }[group]


def direction_label(direction: Direction) -> str:
    return {
        Direction.OUT: _t("Referred out by us"),
        Direction.IN: _t("Referred to us"),
    }[direction]


def left_to_right(text: str) -> str:
    """``text`` isolated as left-to-right: a phone number or a code keeps its order ("+254...")
    inside a right-to-left line."""
    return f"\u2066{text}\u2069" if text else ""
