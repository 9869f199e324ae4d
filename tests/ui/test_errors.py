"""Unexpected errors reach the log with their type and stack, never their message."""

from __future__ import annotations

import logging

import pytest

from desktop.views.errors import error_text


def test_an_unexpected_error_is_logged_without_its_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    typed = "Zawadi Testparty +254700000001"  # as a form field would hold it
    try:
        raise KeyError(typed)
    except KeyError as error:
        with caplog.at_level(logging.ERROR):
            shown = error_text(error)
    assert "KeyError" in shown and "Zawadi" not in shown
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "KeyError" in logged and "test_errors.py" in logged  # type and where
    assert "Zawadi" not in logged and "+254700000001" not in logged
    assert all(r.exc_info is None for r in caplog.records)
