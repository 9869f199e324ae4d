"""Who may do what: ONE table, checked below the UI by every use case.

Each use case is a function decorated with ``@use_case("name")``; the decorator refuses a name
without a row here, and checks ``PERMISSIONS[name]`` against the acting user's role before the
body runs (so a forbidden call learns nothing, not even whether its input was valid). Rows that
are not functions ("override_...") are capabilities checked inside a use case with ``require``.
The GUI asks ``can(actor, name)`` to hide what is forbidden.

| use case / capability                       | admin | member | paralegal | programme officer |
|---------------------------------------------|:-----:|:------:|:---------:|:-----------------:|
| register/get/update_dispute, parties        |   x   |   x    |     x     |                   |
| possible_duplicates, conflicts_of_interest  |   x   |   x    |     x     |                   |
| check_conflicts (before saving)             |   x   |   x    |     x     |                   |
| change_status, withdraw, get_proceedings    |   x   |   x    |     x     |                   |
| refer_out (with a reason)                   |   x   |   x    |     x     |                   |
| record_follow_up                            |   x   |   x    |     x     |                   |
| start_mediation, reopen, hearings           |   x   |   x    |           |                   |
| record_agreement, close_case                |   x   |   x    |           |                   |
| override_do_no_harm, override_closure       |   x   |        |           |                   |
| list_approvals (cases they may see)         |   x   |   x    |           |                   |
| decide_approval                             |   x   |        |           |                   |
| pending_approvals (the chair's queue)       |   x   |        |           |                   |
| case_timeline                               |   x   |   x    |     x     |                   |
| add/update/deactivate_actor                 |   x   |   x    |     x     |                   |
| reactivate_actor, import_actors (a list)    |   x   |   x    |     x     |                   |
| list_actors, get_committee                  |   x   |   x    |     x     |         x         |
| refer_case, send/withdraw_referral          |   x   |   x    |     x     |                   |
| update_draft_referral                       |   x   |   x    |     x     |                   |
| record_referral_feedback, find_referral     |   x   |   x    |     x     |                   |
| referral_board/counts, case_referrals       |   x   |   x    |     x     |                   |
| referral_board_lines                        |   x   |   x    |     x     |                   |
| referral_letter, report_back                |   x   |   x    |     x     |                   |
| override_referral_consent                   |   x   |   x    |           |                   |
| referral_figures (all cases, unprotected)   |   x   |        |           |                   |
| list_users, get_user (names for assigning)  |   x   |   x    |     x     |                   |
| add/update/deactivate_user                  |   x   |        |           |                   |
| update_settings, verify_audit               |   x   |        |           |                   |
| get_agenda (home: cases they may see)       |   x   |   x    |     x     |                   |
| list_cases, list_areas, saved filters       |   x   |   x    |     x     |                   |
| read_audit_log                              |   x   |        |           |                   |
| remove_user, reset_passphrase, restore      |   x   |        |           |                   |
| new_recovery_key, check_workspace           |   x   |        |           |                   |
| backup                                      |   x   |   x    |           |                   |
| import_register                             |   x   |   x    |     x     |                   |
| build_export_tables (suppressed counts)     |   x   |   x    |           |         x         |
| export_period (signed file, logged)         |   x   |   x    |           |         x         |
| list_exports (the export log)               |   x   |        |           |                   |
| export_key (public key, fingerprint)        |   x   |   x    |     x     |         x         |

Paralegals register cases, record parties, follow-ups and the actor directory, and link cases
to formal actors; mediating, agreeing and closing is the committee's (members') work. Programme
officers see no case details at all: they read the actor directory and the committee, and work
with anonymised exports.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from desktop.domain.errors import PermissionDenied
from desktop.domain.model.users import Actor, Role

A = Role.ADMINISTRATOR
M = Role.MEMBER
P = Role.PARALEGAL
O = Role.PROGRAMME_OFFICER  # noqa: E741

_CASEWORK = frozenset({A, M, P})
_COMMITTEE = frozenset({A, M})
_ADMIN = frozenset({A})
_EVERYONE = frozenset({A, M, P, O})

PERMISSIONS: dict[str, frozenset[Role]] = {
    # disputes.py
    "register_dispute": _CASEWORK,
    "import_register": _CASEWORK,
    "get_dispute": _CASEWORK,
    "update_dispute": _CASEWORK,
    "possible_duplicates": _CASEWORK,
    "conflicts_of_interest": _CASEWORK,
    "check_conflicts": _CASEWORK,  # the form's members and parties, before saving
    "change_status": _CASEWORK,
    "refer_out": _CASEWORK,  # to a formal actor, with a reason (audited)
    "start_mediation": _COMMITTEE,
    "withdraw": _CASEWORK,
    "reopen": _COMMITTEE,
    "override_do_no_harm": _ADMIN,  # capability: mediate a non-mediable category, with reason
    # parties.py
    "add_party": _CASEWORK,
    "update_party": _CASEWORK,
    "remove_party": _CASEWORK,
    # hearings.py
    "schedule_hearing": _COMMITTEE,
    "record_hearing": _COMMITTEE,
    "get_proceedings": _CASEWORK,
    # agreements.py
    "record_agreement": _COMMITTEE,
    "record_follow_up": _CASEWORK,
    # outcomes.py
    "close_case": _COMMITTEE,
    "override_closure": _ADMIN,  # capability: close before the monitoring period ends
    # approvals.py, timeline.py
    "list_approvals": _COMMITTEE,
    "decide_approval": _ADMIN,
    "pending_approvals": _ADMIN,  # approval_queue.py: the home screen of those who decide
    "case_timeline": _CASEWORK,
    # actors.py
    "add_actor": _CASEWORK,
    "update_actor": _CASEWORK,
    "deactivate_actor": _CASEWORK,
    "reactivate_actor": _CASEWORK,
    "import_actors": _CASEWORK,  # a list from CSV: all rows or none
    "list_actors": _EVERYONE,
    # referrals.py, referral_board.py, referral_letters.py
    "refer_case": _CASEWORK,
    "send_referral": _CASEWORK,
    "update_draft_referral": _CASEWORK,  # referral_drafts.py: same consent checks as refer_case
    "record_referral_feedback": _CASEWORK,
    "withdraw_referral": _CASEWORK,
    "find_referral": _CASEWORK,
    "override_referral_consent": _COMMITTEE,  # capability: share without consent, with reason
    "referral_board": _CASEWORK,
    "referral_counts": _CASEWORK,
    "referral_board_lines": _CASEWORK,  # the board as plain tuples, for the board page
    "case_referrals": _CASEWORK,
    "referral_letter": _CASEWORK,
    "report_back": _CASEWORK,
    # counts over every case, restricted ones included, without disclosure control: only for
    # those who see every case (programme reporting goes through the export's tables)
    "referral_figures": _ADMIN,
    # users.py
    "add_user": _ADMIN,
    "update_user": _ADMIN,
    "deactivate_user": _ADMIN,
    "list_users": _CASEWORK,
    "get_user": _CASEWORK,
    # committee.py
    "get_committee": _EVERYONE,
    "update_settings": _ADMIN,
    # audit.py
    "verify_audit": _ADMIN,
    # agenda.py, audit_view.py (home screen, audit viewer)
    "get_agenda": _CASEWORK,
    "read_audit_log": _ADMIN,
    # drafts.py (a user's own unsaved forms)
    "save_draft": _CASEWORK,
    "get_draft": _CASEWORK,
    "discard_draft": _CASEWORK,
    # case_list.py (the case list; saved filters are the user's own)
    "list_cases": _CASEWORK,
    "list_areas": _CASEWORK,
    "save_filter": _CASEWORK,
    "list_filters": _CASEWORK,
    "delete_filter": _CASEWORK,
    # exports.py: the tables of an export, after disclosure control (counts only, no case
    # detail: a visiting programme officer may build them with the chair)
    "build_export_tables": frozenset({A, M, O}),
    # export_log.py: saving the signed export file (logged), the export log, the signing key's
    # public half and fingerprint (public by design: read out by phone to confirm it)
    "export_period": frozenset({A, M, O}),
    "list_exports": _ADMIN,
    "export_key": _EVERYONE,
    # workspace capabilities, checked by the workspace (storage/open_workspace.py)
    "remove_user": _ADMIN,  # removes the key slot and re-keys the database
    "reset_passphrase": _ADMIN,
    "new_recovery_key": _ADMIN,
    "backup": _COMMITTEE,
    "restore": _ADMIN,
    "check_workspace": _ADMIN,
}

WORKSPACE_CAPABILITIES = frozenset(
    {"remove_user", "reset_passphrase", "new_recovery_key", "backup", "restore", "check_workspace"}
)
CAPABILITIES = (
    frozenset({"override_do_no_harm", "override_closure", "override_referral_consent"})
    | WORKSPACE_CAPABILITIES
)

# name -> the undecorated function, filled by @use_case as modules are imported
USE_CASES: dict[str, Callable[..., object]] = {}

P_ = ParamSpec("P_")
R = TypeVar("R")


def can(actor: Actor, name: str) -> bool:
    """May ``actor`` do ``name``? Unknown names are a programming error (KeyError)."""
    return actor.role in PERMISSIONS[name]


def require(actor: Actor, name: str) -> None:
    if not can(actor, name):
        raise PermissionDenied(f"A user with the role {actor.role.value} may not do this.")


def use_case(name: str) -> Callable[[Callable[P_, R]], Callable[P_, R]]:
    """Register a use case and check the actor's permission before it runs. The function must
    be called ``name`` and take a parameter called ``actor``."""
    if name not in PERMISSIONS or name in CAPABILITIES:
        raise LookupError(f"use case {name!r} has no row in PERMISSIONS")

    def decorate(function: Callable[P_, R]) -> Callable[P_, R]:
        if function.__name__ != name:
            raise ValueError(f"use case {name!r} is decorating {function.__name__!r}")
        parameters = list(inspect.signature(function).parameters)
        if "actor" not in parameters:
            raise TypeError(f"use case {name!r} takes no 'actor' parameter")
        position = parameters.index("actor")

        @functools.wraps(function)
        def checked(*args: P_.args, **kwargs: P_.kwargs) -> R:
            actor = kwargs["actor"] if "actor" in kwargs else args[position]
            if not isinstance(actor, Actor):
                raise TypeError(f"{name}: 'actor' must be an Actor")
            require(actor, name)
            return function(*args, **kwargs)

        checked.__use_case__ = name  # type: ignore[attr-defined]
        USE_CASES[name] = function
        return checked

    return decorate
