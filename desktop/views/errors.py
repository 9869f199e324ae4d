"""One sentence for the user from an exception a workspace or service call raised."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from desktop.domain.errors import DomainError, ValidationError
from desktop.workspace import WorkspaceError

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return error.message
    if isinstance(error, DomainError | WorkspaceError) and str(error):
        return str(error)
    log.error("unexpected error", exc_info=error)
    return QCoreApplication.translate(
        "Errors", "Something went wrong (%1). Nothing was changed."
    ).replace("%1", type(error).__name__)
