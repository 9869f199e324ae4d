"""Translated names for domain values shown in several views."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.model.users import Role


def role_label(role: Role) -> str:
    labels = {
        Role.ADMINISTRATOR: QCoreApplication.translate("Role", "Administrator"),
        Role.MEMBER: QCoreApplication.translate("Role", "Committee member"),
        Role.PARALEGAL: QCoreApplication.translate("Role", "Paralegal"),
        Role.PROGRAMME_OFFICER: QCoreApplication.translate("Role", "Programme officer"),
    }
    return labels[role]
