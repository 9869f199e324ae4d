"""A restricted case's reasons in the audit log are sealed where they are stored, read back
exactly with the restricted-case key (the hash chain still verifies), and redacted without it;
an open case's reasons stay readable."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from desktop.domain.services import audit, case_status
from desktop.domain.services.timeline import parse_detail
from storage.audit_sealing import open_reasons, seal_reasons
from storage.sealing import MARKER, REDACTED, Sealer
from storage.unit_of_work import SqlUnitOfWork
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, register_case

REASON = "Her brother threatened the mediator at the last hearing."


def _raw_details(opened: object, subject: str) -> list[str]:
    engine = opened._engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT detail FROM audit WHERE subject = :s ORDER BY seq"), {"s": subject}
        )
        return [row.detail for row in rows]


def test_a_restricted_cases_reason_is_sealed_in_the_audit_table(tmp_path: Path) -> None:
    workspace = create_workspace(tmp_path / "ws")[0]
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        restricted = register_case(opened, category="gbv", restricted=True)
        open_case = register_case(opened)
        for dispute in (restricted, open_case):
            assert dispute.id is not None
            case_status.refer_out(
                opened.unit_of_work(), opened.actor, opened.clock, dispute.id, REASON
            )
        sealed_raw = _raw_details(opened, f"dispute:{restricted.id}")
        assert not any("threatened" in d for d in sealed_raw)
        assert any(f"reason={MARKER}" in d for d in sealed_raw)
        assert any("threatened" in d for d in _raw_details(opened, f"dispute:{open_case.id}"))

        uow = opened.unit_of_work()
        with uow:
            events = uow.audit.for_subject(f"dispute:{restricted.id}")
        assert parse_detail(events[-1].detail)["reason"] == REASON
        assert audit.verify_audit(opened.unit_of_work(), opened.actor) is None

        engine = opened._engine  # type: ignore[attr-defined]
        with SqlUnitOfWork(engine, Sealer(None)) as keyless:
            redacted = keyless.audit.for_subject(f"dispute:{restricted.id}")
        assert parse_detail(redacted[-1].detail)["reason"] == REDACTED
    finally:
        opened.close()


def test_sealing_puts_back_the_exact_text() -> None:
    detail = 'from=registered to=referred_out reason="a \\"quoted\\" = tricky reason" n=2'
    store: dict[str, str] = {}

    def seal(column: str, value: str) -> str:
        store[column] = value
        return f"{MARKER}{len(store)}"

    sealed = seal_reasons(detail, "h1", seal)
    assert "tricky" not in sealed and sealed.endswith(" n=2")
    assert open_reasons(sealed, "h1", lambda column, value: store[column]) == detail
    assert seal_reasons("from=a to=b", "h2", seal) == "from=a to=b"
