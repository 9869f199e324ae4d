"""Every use case, called as every role, is allowed or refused exactly as PERMISSIONS says; and
every use-case function in desktop.domain.services has a row in the table."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
from collections.abc import Callable, Iterable
from datetime import timedelta

import pytest

import desktop.domain.services as services_package
from desktop.domain.errors import PermissionDenied
from desktop.domain.model.dispute import Channel, Party, PartyRole, Status
from desktop.domain.model.proceedings import FollowUpResult
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Actor, Role
from desktop.domain.services import (
    actors,
    agreements,
    audit,
    case_status,
    committee,
    disputes,
    drafts,
    hearings,
    outcomes,
    parties,
    users,
)
from desktop.domain.services.permissions import (
    CAPABILITIES,
    PERMISSIONS,
    USE_CASES,
    WORKSPACE_CAPABILITIES,
)
from tests.unit.export_factories import EXPORT_EXPECTED, EXPORT_FACTORIES
from tests.unit.export_log_factories import EXPORT_LOG_EXPECTED, EXPORT_LOG_FACTORIES
from tests.unit.referral_factories import REFERRAL_EXPECTED, REFERRAL_FACTORIES
from tests.unit.world import World, make_world

Call = Callable[[Actor], object]


def _in_mediation(w: World, category: str = "land_boundary", **changes: object) -> int:
    dispute = w.register(category, **changes)
    assert dispute.id is not None
    case_status.start_mediation(w.uow, w.admin, w.clock, w.taxonomy, dispute.id)
    return dispute.id


def _with_agreement(w: World) -> int:
    dispute_id = _in_mediation(w)
    agreements.record_agreement(
        w.uow, w.admin, w.clock, agreements.RecordAgreement(dispute_id, "Fence moved back.")
    )
    return dispute_id


def _case(w: World) -> int:
    dispute = w.register()
    assert dispute.id is not None
    return dispute.id


def _party_id(w: World, dispute_id: int) -> int:
    party_id = w.stored(dispute_id).parties[0].id
    assert party_id is not None
    return party_id


def _register(w: World) -> Call:
    return lambda a: w.register(as_actor=a)


def _import_register(w: World) -> Call:
    cmd = disputes.RegisterDispute(
        received_on=w.clock.today(),
        channel=Channel.WALK_IN,
        category="land_boundary",
        parties=(Party(PartyRole.COMPLAINANT, "Amina Wanjiru"),),
    )
    return lambda a: disputes.import_register(w.uow, a, w.clock, w.taxonomy, [cmd, cmd])


def _get(w: World) -> Call:
    i = _case(w)
    return lambda a: disputes.get_dispute(w.uow, a, w.clock, i)


def _update(w: World) -> Call:
    i = _case(w)
    cmd = disputes.UpdateDispute(i, description="Fence moved again.")
    return lambda a: disputes.update_dispute(w.uow, a, w.clock, w.taxonomy, cmd)


def _duplicates(w: World) -> Call:
    _case(w)
    return lambda a: disputes.possible_duplicates(w.uow, a, w.clock, ["Amina Wanjiru"])


def _conflicts(w: World) -> Call:
    i = _case(w)
    return lambda a: disputes.conflicts_of_interest(w.uow, a, i)


def _check_conflicts(w: World) -> Call:
    assigned = (w.user_id("member"),)
    named = (Party(PartyRole.RESPONDENT, w.users["member"].display_name),)
    return lambda a: disputes.check_conflicts(w.uow, a, assigned, named)


def _refer_out(w: World) -> Call:
    i = _case(w)
    return lambda a: case_status.refer_out(w.uow, a, w.clock, i, "Assault: police GBV desk.")


def _change_status(w: World) -> Call:
    i = _case(w)
    case_status.refer_out(w.uow, w.admin, w.clock, i, "Assault: police GBV desk.")
    return lambda a: case_status.change_status(w.uow, a, w.clock, i, Status.AWAITING_FEEDBACK)


def _start_mediation(w: World) -> Call:
    i = _case(w)
    return lambda a: case_status.start_mediation(w.uow, a, w.clock, w.taxonomy, i)


def _override_do_no_harm(w: World) -> Call:
    i = w.register("gbv", restricted=False).id  # unrestricted, so every role could see it
    assert i is not None
    reason = "Survivor insists; formal actors unreachable during floods."
    return lambda a: case_status.start_mediation(w.uow, a, w.clock, w.taxonomy, i, reason)


def _withdraw(w: World) -> Call:
    i = _case(w)
    return lambda a: case_status.withdraw(w.uow, a, w.clock, i)


def _reopen(w: World) -> Call:
    i = _case(w)
    case_status.withdraw(w.uow, w.admin, w.clock, i)
    return lambda a: case_status.reopen(w.uow, a, w.clock, i, "Complainant came back.")


def _add_party(w: World) -> Call:
    i = _case(w)
    party = Party(PartyRole.WITNESS, "Zawadi Achieng")
    return lambda a: parties.add_party(w.uow, a, w.clock, w.taxonomy, i, party)


def _update_party(w: World) -> Call:
    i = _case(w)
    party = w.stored(i).parties[0]
    return lambda a: parties.update_party(w.uow, a, w.clock, w.taxonomy, i, party)


def _remove_party(w: World) -> Call:
    i = _case(w)
    party_id = _party_id(w, i)
    return lambda a: parties.remove_party(w.uow, a, w.clock, i, party_id)


def _schedule_hearing(w: World) -> Call:
    i = _in_mediation(w)
    on = w.clock.today() + timedelta(days=7)
    return lambda a: hearings.schedule_hearing(w.uow, a, w.clock, i, on, (a.user_id,))


def _record_hearing(w: World) -> Call:
    i = _in_mediation(w)

    def call(a: Actor) -> object:
        cmd = hearings.RecordHearing(i, w.clock.today(), (a.user_id,), (_party_id(w, i),))
        return hearings.record_hearing(w.uow, a, w.clock, cmd)

    return call


def _get_proceedings(w: World) -> Call:
    i = _with_agreement(w)
    return lambda a: hearings.get_proceedings(w.uow, a, w.clock, i)


def _record_agreement(w: World) -> Call:
    i = _in_mediation(w)
    cmd = agreements.RecordAgreement(i, "Boundary marked with stones.")
    return lambda a: agreements.record_agreement(w.uow, a, w.clock, cmd)


def _record_follow_up(w: World) -> Call:
    _with_agreement(w)
    follow_up_id = min(w.committed_state().follow_ups)
    result = FollowUpResult.COMPLIED
    return lambda a: agreements.record_follow_up(w.uow, a, w.clock, follow_up_id, result)


def _close_case(w: World) -> Call:
    i = _case(w)
    cmd = outcomes.CloseCase(i, "unresolved")
    return lambda a: outcomes.close_case(w.uow, a, w.clock, w.taxonomy, cmd)


def _override_closure(w: World) -> Call:
    i = _with_agreement(w)
    cmd = outcomes.CloseCase(i, "resolved_by_agreement", override_reason="Parties moved away.")
    return lambda a: outcomes.close_case(w.uow, a, w.clock, w.taxonomy, cmd)


def _pending_approval(w: World) -> int:
    committee = w.uow.committed.committee
    assert committee is not None
    committee.approvals_required = True
    cmd = outcomes.CloseCase(_case(w), "unresolved")
    request = outcomes.close_case(w.uow, w.member, w.clock, w.taxonomy, cmd)
    assert request.id is not None
    return request.id


def _list_approvals(w: World) -> Call:
    from desktop.domain.services import approvals

    _pending_approval(w)
    return lambda a: approvals.list_approvals(w.uow, a)


def _decide_approval(w: World) -> Call:
    from desktop.domain.services import approvals

    cmd = approvals.DecideApproval(_pending_approval(w), approve=True)
    return lambda a: approvals.decide_approval(w.uow, a, w.clock, w.taxonomy, cmd)


def _pending_approvals(w: World) -> Call:
    from desktop.domain.services import approval_queue

    _pending_approval(w)
    return lambda a: approval_queue.pending_approvals(w.uow, a)


def _case_timeline(w: World) -> Call:
    from desktop.domain.services import timeline

    i = _with_agreement(w)
    return lambda a: timeline.case_timeline(w.uow, a, w.clock, i)


def _add_actor(w: World) -> Call:
    return lambda a: actors.add_actor(
        w.uow, a, w.clock, w.taxonomy, JusticeActor("legal_aid", "Kituo cha Sheria")
    )


def _update_actor(w: World) -> Call:
    actor_id = w.add_justice_actor()
    entry = JusticeActor("police", "Kibera Police Station", phone="0712 345 678", id=actor_id)
    return lambda a: actors.update_actor(w.uow, a, w.clock, w.taxonomy, entry)


def _deactivate_actor(w: World) -> Call:
    actor_id = w.add_justice_actor()
    return lambda a: actors.deactivate_actor(w.uow, a, w.clock, actor_id)


def _reactivate_actor(w: World) -> Call:
    actor_id = w.add_justice_actor()
    w.uow.committed.actors[actor_id].active = False
    return lambda a: actors.reactivate_actor(w.uow, a, w.clock, actor_id)


def _import_actors(w: World) -> Call:
    rows = [actors.ImportRow(2, JusticeActor("legal_aid", "Kituo cha Sheria"))]
    return lambda a: actors.import_actors(w.uow, a, w.clock, w.taxonomy, rows)


def _list_actors(w: World) -> Call:
    w.add_justice_actor()
    return lambda a: actors.list_actors(w.uow, a)


def _add_user(w: World) -> Call:
    cmd = users.AddUser("zawadi", "Zawadi Member", Role.MEMBER)
    return lambda a: users.add_user(w.uow, a, w.clock, cmd)


def _update_user(w: World) -> Call:
    cmd = users.UpdateUser(w.user_id("member2"), display_name="Neema Chair")
    return lambda a: users.update_user(w.uow, a, w.clock, cmd)


def _deactivate_user(w: World) -> Call:
    return lambda a: users.deactivate_user(w.uow, a, w.clock, w.user_id("member2"))


def _list_users(w: World) -> Call:
    return lambda a: users.list_users(w.uow, a)


def _get_user(w: World) -> Call:
    return lambda a: users.get_user(w.uow, a, w.user_id("member2"))


def _get_committee(w: World) -> Call:
    return lambda a: committee.get_committee(w.uow, a)


def _update_settings(w: World) -> Call:
    cmd = committee.UpdateSettings(auto_lock_minutes=10)
    return lambda a: committee.update_settings(w.uow, a, w.clock, w.taxonomy, cmd)


def _verify_audit(w: World) -> Call:
    _case(w)
    return lambda a: audit.verify_audit(w.uow, a)


def _save_draft(w: World) -> Call:
    return lambda a: drafts.save_draft(w.uow, a, w.clock, drafts.NEW_DISPUTE, "{}")


def _get_draft(w: World) -> Call:
    return lambda a: drafts.get_draft(w.uow, a, drafts.NEW_DISPUTE)


def _discard_draft(w: World) -> Call:
    return lambda a: drafts.discard_draft(w.uow, a, drafts.NEW_DISPUTE)


def _get_agenda(w: World) -> Call:
    from desktop.domain.services import agenda

    _case(w)
    return lambda a: agenda.get_agenda(w.uow, a, w.clock)


def _read_audit_log(w: World) -> Call:
    from desktop.domain.services import audit_view

    _case(w)
    return lambda a: audit_view.read_audit_log(w.uow, a)


def _case_list_calls(w: World) -> dict[str, Call]:
    from desktop.domain.model.case_list import CaseFilter
    from desktop.domain.services import case_list

    _case(w)
    return {
        "list_cases": lambda a: case_list.list_cases(w.uow, a, w.clock, CaseFilter()),
        "list_areas": lambda a: case_list.list_areas(w.uow, a),
        "save_filter": lambda a: case_list.save_filter(w.uow, a, w.clock, "Open", CaseFilter()),
        "list_filters": lambda a: case_list.list_filters(w.uow, a),
        "delete_filter": lambda a: case_list.delete_filter(w.uow, a, w.clock, "Open"),
    }


def _case_list(name: str) -> Callable[[World], Call]:
    return lambda w: _case_list_calls(w)[name]


FACTORIES: dict[str, Callable[[World], Call]] = {
    **{
        name: _case_list(name)
        for name in ("list_cases", "list_areas", "save_filter", "list_filters", "delete_filter")
    },
    "register_dispute": _register,
    "import_register": _import_register,
    "get_dispute": _get,
    "update_dispute": _update,
    "possible_duplicates": _duplicates,
    "conflicts_of_interest": _conflicts,
    "check_conflicts": _check_conflicts,
    "refer_out": _refer_out,
    "change_status": _change_status,
    "start_mediation": _start_mediation,
    "override_do_no_harm": _override_do_no_harm,
    "withdraw": _withdraw,
    "reopen": _reopen,
    "add_party": _add_party,
    "update_party": _update_party,
    "remove_party": _remove_party,
    "schedule_hearing": _schedule_hearing,
    "record_hearing": _record_hearing,
    "get_proceedings": _get_proceedings,
    "record_agreement": _record_agreement,
    "record_follow_up": _record_follow_up,
    "close_case": _close_case,
    "override_closure": _override_closure,
    "list_approvals": _list_approvals,
    "decide_approval": _decide_approval,
    "pending_approvals": _pending_approvals,
    "case_timeline": _case_timeline,
    "add_actor": _add_actor,
    "update_actor": _update_actor,
    "deactivate_actor": _deactivate_actor,
    "reactivate_actor": _reactivate_actor,
    "import_actors": _import_actors,
    "list_actors": _list_actors,
    "add_user": _add_user,
    "update_user": _update_user,
    "deactivate_user": _deactivate_user,
    "list_users": _list_users,
    "get_user": _get_user,
    "get_committee": _get_committee,
    "update_settings": _update_settings,
    "verify_audit": _verify_audit,
    "save_draft": _save_draft,
    "get_draft": _get_draft,
    "discard_draft": _discard_draft,
    "get_agenda": _get_agenda,
    "read_audit_log": _read_audit_log,
    **REFERRAL_FACTORIES,
    **EXPORT_FACTORIES,
    **EXPORT_LOG_FACTORIES,
}

ROLE_USERS = {
    Role.ADMINISTRATOR: "administrator",
    Role.MEMBER: "member",
    Role.PARALEGAL: "paralegal",
    Role.PROGRAMME_OFFICER: "programme_officer",
}


def _service_modules() -> list[types.ModuleType]:
    return [
        importlib.import_module(f"{services_package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(services_package.__path__)
        if not info.name.startswith("_") and info.name != "permissions"
    ]


def undeclared_use_cases(modules: Iterable[types.ModuleType]) -> list[str]:
    """Public functions defined in ``modules`` that take an ``actor`` (so are use cases) but are
    not registered with @use_case under their own name, or have no row in PERMISSIONS."""
    problems = []
    for module in modules:
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module.__name__:
                continue
            if "actor" not in inspect.signature(obj).parameters:
                continue
            if getattr(obj, "__use_case__", None) != name or name not in PERMISSIONS:
                problems.append(f"{module.__name__}.{name}")
    return problems


def test_every_use_case_function_has_a_row() -> None:
    assert undeclared_use_cases(_service_modules()) == []


def test_every_row_is_a_use_case_or_a_capability() -> None:
    _service_modules()  # importing registers every use case
    assert set(PERMISSIONS) == set(USE_CASES) | CAPABILITIES
    assert not set(USE_CASES) & CAPABILITIES


def test_the_discovery_catches_a_use_case_without_a_row() -> None:
    def close_everything(uow: object, actor: Actor) -> None:
        """A use case somebody forgot to register."""

    def helper(uow: object, dispute_id: int) -> None:
        """Not a use case: takes no actor."""

    module = types.ModuleType("desktop.domain.services.rogue")
    for function in (close_everything, helper):
        function.__module__ = module.__name__
        setattr(module, function.__name__, function)
    assert undeclared_use_cases([module]) == ["desktop.domain.services.rogue.close_everything"]


# The table as reviewed (see the docstring of permissions.py): changing who may do what must be
# a deliberate change here too, not a slip in one file.
_ADMIN = "A"
_COMMITTEE = "AM"
_CASEWORK = "AMP"
_EVERYONE = "AMPO"
EXPECTED = {
    **dict.fromkeys(
        [
            "register_dispute",
            "import_register",
            "get_dispute",
            "update_dispute",
            "possible_duplicates",
            "conflicts_of_interest",
            "check_conflicts",
            "change_status",
            "refer_out",
            "withdraw",
            "add_party",
            "update_party",
            "remove_party",
            "get_proceedings",
            "record_follow_up",
            "case_timeline",
            "add_actor",
            "update_actor",
            "deactivate_actor",
            "reactivate_actor",
            "import_actors",
            "list_users",
            "save_draft",
            "get_draft",
            "discard_draft",
            "get_user",
        ],
        _CASEWORK,
    ),
    **dict.fromkeys(
        [
            "start_mediation",
            "reopen",
            "schedule_hearing",
            "record_hearing",
            "record_agreement",
            "close_case",
            "list_approvals",
            "backup",
        ],
        _COMMITTEE,
    ),
    **dict.fromkeys(
        [
            "override_do_no_harm",
            "override_closure",
            "decide_approval",
            "pending_approvals",
            "add_user",
            "update_user",
            "deactivate_user",
            "update_settings",
            "verify_audit",
            "remove_user",
            "reset_passphrase",
            "new_recovery_key",
            "restore",
            "check_workspace",
        ],
        _ADMIN,
    ),
    **dict.fromkeys(["list_actors", "get_committee"], _EVERYONE),
    **dict.fromkeys(
        ["list_cases", "list_areas", "save_filter", "list_filters", "delete_filter"], _CASEWORK
    ),
    **{"get_agenda": _CASEWORK, "read_audit_log": _ADMIN},
    **REFERRAL_EXPECTED,
    **EXPORT_EXPECTED,
    **EXPORT_LOG_EXPECTED,
}
_LETTERS = {
    Role.ADMINISTRATOR: "A",
    Role.MEMBER: "M",
    Role.PARALEGAL: "P",
    Role.PROGRAMME_OFFICER: "O",
}


def test_the_table_is_the_reviewed_one() -> None:
    actual = {
        name: "".join(_LETTERS[r] for r in Role if r in roles)
        for name, roles in PERMISSIONS.items()
    }
    assert actual == EXPECTED


def test_every_row_has_a_factory() -> None:
    # The workspace capabilities are exercised on real workspaces in
    # tests/integration/test_workspace_permissions.py.
    assert set(FACTORIES) == set(PERMISSIONS) - WORKSPACE_CAPABILITIES


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("name", sorted(set(PERMISSIONS) - WORKSPACE_CAPABILITIES))
def test_role_is_allowed_exactly_as_the_table_says(name: str, role: Role) -> None:
    world = make_world()
    call = FACTORIES[name](world)
    actor = world.actor(ROLE_USERS[role])
    commits, events = world.uow.commits, len(world.uow.committed.audit)
    if role in PERMISSIONS[name]:
        call(actor)
    else:
        with pytest.raises(PermissionDenied):
            call(actor)
        assert world.uow.commits == commits
        assert len(world.uow.committed.audit) == events
