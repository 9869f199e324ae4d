"""Translations: Qt's own (buttons of standard dialogs) and Suluhu's, plus the layout direction.

Nothing happens at import; the bootstrap calls :func:`install` once after creating the
QApplication. Suluhu's compiled catalogues are ``resources/translations/suluhu_<lang>.qm``,
built from the committed ``.ts`` files.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "dv", "yi"})

_installed: list[QTranslator] = []


def is_rtl(language: str) -> bool:
    return language.split("_")[0].split("-")[0].lower() in RTL_LANGUAGES


def install(app: QApplication, language: str | None = None) -> QLocale:
    """Load the translators for ``language`` (default: the system's) and set the direction.

    Replaces translators installed by an earlier call, so the language can change at run time
    (for instance after sign-in, to the committee's language)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(language) if language else QLocale.system()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_dir), ("suluhu", str(TRANSLATIONS))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.debug("no %s translation for %s", name, locale.name())
    rtl = is_rtl(locale.name())
    if rtl or app.isRightToLeft():
        # Qt's enum namespace costs ~25 ms to import: only on the way to or from RTL.
        from PySide6.QtCore import Qt

        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        app.setLayoutDirection(direction)
    return locale


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """For code that is not a QObject: ``translate("Role", "Administrator")``."""
    return QCoreApplication.translate(context, text, disambiguation, n)
