"""desktop.i18n: the layout direction follows the language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import i18n


def test_rtl_languages() -> None:
    assert i18n.is_rtl("ar")
    assert i18n.is_rtl("fa_IR")
    assert not i18n.is_rtl("sw_KE")
    assert not i18n.is_rtl("en")


def test_install_sets_the_direction(qapp: QApplication) -> None:
    try:
        i18n.install(qapp, "ar")
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        i18n.install(qapp, "sw_KE")
        assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        i18n.install(qapp, "en")
