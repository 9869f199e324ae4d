"""Counts read as English in the English catalogue ("1 mediator", "2 parties present"); the
catalogue holds every numerus text of the sources; no "(s)" is left outside a numerus text."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tokenize
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.domain.taxonomy import default_taxonomy
from desktop.views.cases.list_filter_bar import ListFilterBar
from desktop.views.cases.proceedings_labels import event_detail

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = i18n.TRANSLATIONS / "suluhu_en.ts"


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    command = str(beside) if beside.exists() else shutil.which(name)
    assert command is not None, f"{name} is not installed"
    return command


@pytest.fixture
def english(qapp: QApplication, tmp_path: Path) -> Iterator[QApplication]:
    """The committed English catalogue, compiled now and installed; removed afterwards."""
    subprocess.run(
        [
            _tool("pyside6-lrelease"),
            "-silent",
            str(CATALOGUE),
            "-qm",
            str(tmp_path / "suluhu_en.qm"),
        ],
        check=True,
    )
    i18n.install(qapp, "en_KE", folder=tmp_path)
    yield qapp
    i18n.uninstall(qapp)
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _sources(path: Path) -> set[str]:
    root = ET.parse(path).getroot()  # noqa: S314 (our own catalogue)
    return {m.findtext("source") or "" for m in root.iter("message") if m.get("numerus") == "yes"}


def test_the_catalogue_holds_every_numerus_text(tmp_path: Path) -> None:
    """`make translations-update` was run after the last numerus text was added."""
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    command = [_tool("pyside6-lupdate"), "-silent", "-pluralonly", "-target-language", "en"]
    subprocess.run([*command, *files, "-ts", str(fresh)], check=True, cwd=ROOT)
    wanted = _sources(fresh)
    assert {"%n mediator(s)", "%n party(ies) present", "%n statuses"} <= wanted
    assert wanted - _sources(CATALOGUE) == set()


def test_no_plural_in_brackets_outside_a_numerus_text() -> None:
    """A "(s)" in a text without %n would show as "2 mediator(s)" in every language."""
    found = []
    for path in sorted((ROOT / "desktop" / "views").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            text = token.string
            bracketed = "(s)" in text or "(ies)" in text
            docstring = text.startswith(('"""', "'''"))
            if token.type == tokenize.STRING and bracketed and "%n" not in text and not docstring:
                found.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert found == []


def test_attendance_reads_as_english(english: QApplication) -> None:
    assert event_detail("record_hearing", {"mediators": "1", "present": "2"}) == (
        "1 mediator, 2 parties present"
    )
    assert event_detail("record_hearing", {"mediators": "3", "present": "1"}) == (
        "3 mediators, 1 party present"
    )


def test_attendance_without_a_catalogue_keeps_the_source_text(qapp: QApplication) -> None:
    i18n.uninstall(qapp)
    assert event_detail("record_hearing", {"mediators": "2"}) == (
        "2 mediator(s), 0 party(ies) present"
    )


def test_the_filter_bar_counts_its_choices(english: QApplication, qtbot: object) -> None:
    bar = ListFilterBar(default_taxonomy(), show_restricted=True)
    bar.category.set_chosen({"debt", "family", "gbv"})
    assert bar.category.text() == "3 categories"
    bar.status.set_chosen({"registered", "closed"})
    assert bar.status.text() == "2 statuses"
    bar.deleteLater()
