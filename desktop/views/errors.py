"""One sentence for the user from an exception a workspace or service call raised."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication

from desktop.domain.errors import DomainError, ValidationError
from desktop.workspace import WorkspaceError

log = logging.getLogger(__name__)


def log_unexpected(what: str, error: BaseException) -> None:
    """Log where an unexpected error happened: its type and the stack, never its message (an
    exception's text can carry a value from a form, such as a name)."""
    stack = "".join(traceback.format_tb(error.__traceback__))
    log.error("%s: %s\n%s", what, type(error).__name__, stack)


def error_text(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return error.message
    if isinstance(error, DomainError | WorkspaceError) and str(error):
        return str(error)
    log_unexpected("unexpected error", error)
    return QCoreApplication.translate(
        "Errors", "Something went wrong (%1). Nothing was changed."
    ).replace("%1", type(error).__name__)
