"""Translations: Qt's own (buttons of standard dialogs) and Suluhu's, plus the layout direction.

Nothing happens at import; the bootstrap calls :func:`install` once after creating the
QApplication. Suluhu's compiled catalogues are ``resources/translations/suluhu_<lang>.qm``,
built from the committed ``.ts`` files by ``make translations`` (``make run`` and ``make test``
do it first). The source strings are English with numerus placeholders ("%n day(s)"); the
English catalogue gives them their singular and plural forms ("1 day", "2 days"), and it is
installed for English and for any language that has no catalogue of its own yet (whose users
then read the English texts).
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


def install(app: QApplication, language: str | None = None, folder: Path = TRANSLATIONS) -> QLocale:
    """Load the translators for ``language`` (default: the system's) and set the direction;
    Suluhu's catalogues come from ``folder``.

    Replaces translators installed by an earlier call, so the language can change at run time
    (for instance after sign-in, to the committee's language)."""
    uninstall(app)
    locale = QLocale(language) if language else QLocale.system()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _load(app, locale, "qtbase", qt_dir)
    if not _load(app, locale, "suluhu", str(folder)):
        _load(app, QLocale("en"), "suluhu", str(folder))
    rtl = is_rtl(locale.name())
    if rtl or app.isRightToLeft():
        # Qt's enum namespace costs ~25 ms to import: only on the way to or from RTL.
        from PySide6.QtCore import Qt

        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        app.setLayoutDirection(direction)
    return locale


def uninstall(app: QApplication) -> None:
    """Remove the translators :func:`install` loaded (the source texts show again)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


def _load(app: QApplication, locale: QLocale, name: str, folder: str) -> bool:
    translator = QTranslator(app)
    if not translator.load(locale, name, "_", folder):
        log.debug("no %s translation for %s", name, locale.name())
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """For code that is not a QObject: ``translate("Role", "Administrator")``."""
    return QCoreApplication.translate(context, text, disambiguation, n)
