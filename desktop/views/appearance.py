"""A plain, calm look: the system font (not smaller than a comfortable size), a little colour
on the navigation, and bigger headings. Sizes are relative to the application font, so a bigger
text scale carries through."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

MIN_POINT_SIZE = 10.5
ACCENT = "#2f5d62"

STYLE_SHEET = f"""
QListWidget#navigation {{
    border: none;
    border-right: 1px solid #d9d6cf;
    background: #f4f2ed;
    padding-top: 10px;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding-left: 14px;
    padding-right: 14px;
    margin: 2px 8px;
    border-radius: 5px;
    color: #202020;
}}
QListWidget#navigation::item:hover {{ background: #e6e2d8; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QFrame#signInCard {{
    background: palette(base);
    border: 1px solid #d0ccc2;
    border-radius: 8px;
}}
QLabel#pageText {{ color: #3a3a3a; }}
QCheckBox::indicator {{ width: 1em; height: 1em; }}
"""


def apply(app: QApplication, text_scale: float = 1.0) -> None:
    """Set the application font and style sheet once, before the first window is built."""
    font = app.font()
    size = font.pointSizeF() if font.pointSizeF() > 0 else MIN_POINT_SIZE
    font.setPointSizeF(max(size, MIN_POINT_SIZE) * text_scale)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def enlarge(widget: QWidget, factor: float, bold: bool = True) -> None:
    """Make a heading: the widget's font scaled from the current application font."""
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)
