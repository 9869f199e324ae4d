"""Give the English catalogue's new numerus messages their two forms, written the way the
sources write plurals: "%n day(s)" -> "%n day" / "%n days", "%n party(ies)" -> "%n party" /
"%n parties". Forms already written (by hand, in Qt Linguist) are kept.

``python resources/translations/english_plurals.py resources/translations/suluhu_en.ts``
(``make translations-update`` runs it after lupdate)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def forms(source: str) -> tuple[str, str]:
    """("%n party(ies)" or "%n part(ies)") -> ("%n party", "%n parties")."""
    one = source.replace("y(ies)", "y").replace("(ies)", "y").replace("(s)", "")
    many = source.replace("y(ies)", "ies").replace("(ies)", "ies").replace("(s)", "s")
    return one, many


def fill(path: str) -> int:
    """Fill the unfinished numerus messages of ``path``; how many were filled."""
    tree = ET.parse(path)  # noqa: S314 (our own catalogue, not outside input)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if message.get("numerus") != "yes" or translation is None or source is None:
            continue
        numerus = translation.findall("numerusform")
        if len(numerus) != 2 or all(form.text for form in numerus):
            continue
        numerus[0].text, numerus[1].text = forms(source)
        translation.attrib.pop("type", None)
        filled += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")
    return filled


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {fill(name)} plural message(s) filled")
