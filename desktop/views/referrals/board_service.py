"""The referral board's door to the services. Every function here runs on the background worker
(desktop.tasks.run_in_background) and calls use cases only; who sees what is decided there."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model.referral_board import BoardFilter, BoardLine
from desktop.domain.services import actors, referral_board, users
from desktop.workspace import OpenWorkspace


@dataclass(frozen=True)
class BoardChoices:
    """What the filters offer: the actors of the directory and the users who make referrals."""

    actors: list[tuple[int, str]]
    users: list[tuple[int, str]]  # everyone, inactive too: they may have made open referrals


def board_lines(workspace: OpenWorkspace, board_filter: BoardFilter) -> list[BoardLine]:
    w = workspace
    return referral_board.referral_board_lines(w.unit_of_work(), w.actor, w.clock, board_filter)


def load_choices(workspace: OpenWorkspace) -> BoardChoices:
    actor = workspace.actor
    directory = actors.list_actors(workspace.unit_of_work(), actor, include_inactive=True)
    people = users.list_users(workspace.unit_of_work(), actor, include_inactive=True)
    return BoardChoices(
        [(a.id, a.name) for a in directory if a.id is not None],
        [(u.id, u.display_name) for u in people if u.id is not None],
    )
