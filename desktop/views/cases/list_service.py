"""The case list's door to the services. Every function here runs on the background worker
(desktop.tasks.run_in_background) and calls use cases only; who sees what is decided there."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model.case_list import CaseFilter, CaseRow, SavedFilter
from desktop.domain.model.users import Actor, Role
from desktop.domain.services import case_list, committee, users
from desktop.workspace import OpenWorkspace

SEARCH_LIMIT = 200  # rows shown for a search; more matches ask the user to type more


@dataclass(frozen=True)
class Choices:
    """What the filter controls offer: areas of visible cases, members, saved filters."""

    committee_area: str  # shown once, above the list, not on every row
    areas: list[str]
    members: list[tuple[int, str]]
    saved: list[SavedFilter]


def may_see_restricted(actor: Actor) -> bool:
    """Whether the restricted/not restricted filter means anything to ``actor``."""
    return actor.role is Role.ADMINISTRATOR or actor.restricted_access


def list_cases(workspace: OpenWorkspace, case_filter: CaseFilter) -> list[CaseRow]:
    """Every matching case; for a search, at most SEARCH_LIMIT + 1 (the newest)."""
    limit = SEARCH_LIMIT + 1 if case_filter.text.strip() else None
    return case_list.list_cases(
        workspace.unit_of_work(), workspace.actor, workspace.clock, case_filter, limit
    )


def load_choices(workspace: OpenWorkspace) -> Choices:
    actor = workspace.actor
    areas = case_list.list_areas(workspace.unit_of_work(), actor)
    people = users.list_users(workspace.unit_of_work(), actor, include_inactive=False)
    members = [(u.id, u.display_name) for u in people if u.id is not None]
    saved = case_list.list_filters(workspace.unit_of_work(), actor)
    committee_area = committee.get_committee(workspace.unit_of_work(), actor).area
    return Choices(committee_area, areas, members, saved)


def save_filter(workspace: OpenWorkspace, name: str, case_filter: CaseFilter) -> list[SavedFilter]:
    return case_list.save_filter(
        workspace.unit_of_work(), workspace.actor, workspace.clock, name, case_filter
    )


def delete_filter(workspace: OpenWorkspace, name: str) -> list[SavedFilter]:
    return case_list.delete_filter(workspace.unit_of_work(), workspace.actor, workspace.clock, name)
