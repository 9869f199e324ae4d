"""desktop.i18n: the layout direction follows the language, and the English catalogue gives the
numerus strings their singular and plural ("1 day", "2 days")."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.domain.model.agenda import AgendaItem
from desktop.domain.model.dispute import Status
from desktop.views.home.agenda_model import AgendaListModel, ItemKind

CATALOGUE = i18n.TRANSLATIONS / "suluhu_en.ts"


@pytest.fixture
def catalogues(tmp_path: Path) -> Path:
    """The committed English catalogue, compiled now (a fresh clone has no .qm yet)."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    command = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    assert command is not None, "pyside6-lrelease is not installed"
    subprocess.run(
        [command, "-silent", str(CATALOGUE), "-qm", str(tmp_path / "suluhu_en.qm")], check=True
    )
    return tmp_path


@pytest.fixture
def restore(qapp: QApplication) -> Iterator[QApplication]:
    """Leave the application as the other tests expect it: source texts, left to right."""
    yield qapp
    i18n.uninstall(qapp)
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_rtl_languages() -> None:
    assert i18n.is_rtl("ar")
    assert i18n.is_rtl("fa_IR")
    assert not i18n.is_rtl("sw_KE")
    assert not i18n.is_rtl("en")


def test_install_sets_the_direction(restore: QApplication) -> None:
    i18n.install(restore, "ar")
    assert restore.layoutDirection() == Qt.LayoutDirection.RightToLeft
    i18n.install(restore, "sw_KE")
    assert restore.layoutDirection() == Qt.LayoutDirection.LeftToRight


def _overdue(days: int) -> AgendaItem:
    return AgendaItem(dispute_id=days, number=f"KBR-2026-000{days}", on=date(2026, 3, 1), days=days)


def _lines(kind: ItemKind, *items: AgendaItem) -> list[str]:
    model = AgendaListModel(kind)
    model.set_items(list(items))
    return [model.index(row).data() for row in range(model.rowCount())]


def test_the_english_catalogue_says_1_day_and_2_days(
    restore: QApplication, catalogues: Path
) -> None:
    assert _lines(ItemKind.FOLLOW_UP, _overdue(1))[0].endswith("1 day(s) late, due 2026-03-01")
    i18n.install(restore, "en_KE", folder=catalogues)

    one, two = _lines(ItemKind.FOLLOW_UP, _overdue(1), _overdue(2))
    assert one == "KBR-2026-0001  \u00b7  1 day late, due 2026-03-01"
    assert two == "KBR-2026-0002  \u00b7  2 days late, due 2026-03-01"
    waiting = AgendaItem(7, "KBR-2026-0007", date(2026, 3, 1), 1, status=Status.REGISTERED)
    assert _lines(ItemKind.WAITING, waiting)[0].endswith("Registered for 1 day")


def test_a_language_without_its_own_catalogue_reads_english(
    restore: QApplication, catalogues: Path
) -> None:
    i18n.install(restore, "sw_KE", folder=catalogues)
    text = QCoreApplication.translate("ImportPage", "%n case(s) registered.", None, 2)
    assert text == "2 cases registered."
    assert QCoreApplication.translate("ImportPage", "%n case(s) registered.", None, 1) == (
        "1 case registered."
    )


def test_every_english_plural_has_both_forms() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert "<numerusform></numerusform>" not in text and "<numerusform />" not in text
