"""What the committee's letters share: the atomic write, the letterhead, dates in words, the
referral code as large text beside its QR code, and a footer with the code on every page.

reportlab is imported inside the functions only, so importing this module stays cheap. Nothing
here knows about cases or parties: the letters pass in plain, already translated text.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE_PATTERN = "{day} {month} {year}"
MARGIN_MM = 18
CODE_FONT = "Courier-Bold"


@dataclass(frozen=True)
class Letterhead:
    """The sender of a letter: the committee's name, area and how to reach it."""

    committee: str
    area: str = ""
    contact: str = ""


def format_date(day: date, months: tuple[str, ...] = MONTHS, pattern: str = DATE_PATTERN) -> str:
    """E.g. ``"3 March 2026"``; the view passes translated month names and pattern."""
    return pattern.format(day=day.day, month=months[day.month - 1], year=day.year)


def write_atomically(
    path: str | os.PathLike[str], prefix: str, render: Callable[[BinaryIO], None]
) -> Path:
    """Call ``render`` on an owner-only temporary file beside ``path``, fsync it, then
    ``os.replace`` it onto ``path``; nothing is left behind on failure."""
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            render(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return target


def styles() -> dict[str, Any]:
    """The paragraph styles of every letter, by name."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14.5)
    return {
        "body": body,
        "block": ParagraphStyle("block", parent=body, spaceAfter=4),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        "label": ParagraphStyle(
            "label", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")
        ),
        "bold": ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold"),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "sender": ParagraphStyle(
            "sender", parent=body, fontName="Helvetica-Bold", fontSize=15, leading=19
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=17,
            spaceBefore=4,
            spaceAfter=2,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=10.5,
            spaceBefore=7,
            spaceAfter=2,
        ),
    }


def para(text: str, style: Any) -> Any:
    """A paragraph of plain text: markup characters are escaped, line breaks kept."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def letterhead(sender: Letterhead, date_text: str, width: float, st: dict[str, Any]) -> list[Any]:
    """The committee's name, then its area and contact on one line, on the left; the date on
    the right; then a rule."""
    from reportlab.platypus import HRFlowable, Table, TableStyle

    left = [para(sender.committee, st["sender"])]
    where = ", ".join(line.strip() for line in (sender.area, sender.contact) if line.strip())
    if where:
        left.append(para(where, st["body"]))
    head = Table([[left, para(date_text, st["right"])]], colWidths=[width * 0.68, width * 0.32])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ]
        )
    )
    return [head, HRFlowable(width="100%", thickness=1.2, spaceBefore=3, spaceAfter=6)]


def qr_drawing(code: str, size: float) -> Any:
    """A ``size`` x ``size`` point drawing of a QR code encoding exactly ``code`` (with its
    quiet zone, so a phone or scanner reads it off paper)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(code, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def code_panel(
    label: str, code: str, st: dict[str, Any], *, font_size: float = 24, qr_size: float = 80
) -> Any:
    """A boxed panel: the label, the code in large monospace, and its QR code beside them."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    big = ParagraphStyle("code", fontName=CODE_FONT, fontSize=font_size, leading=font_size * 1.2)
    text_width = max(font_size * 0.6 * len(code) + 16, 100.0)
    panel = Table(
        [[[para(label, st["label"]), para(code, big)], qr_drawing(code, qr_size)]],
        colWidths=[text_width, qr_size + 4],
    )
    panel.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, -1), 8),
                ("LEFTPADDING", (1, 0), (1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    panel.hAlign = "LEFT"
    return panel


def facts_table(rows: list[tuple[str, str]], width: float, st: dict[str, Any]) -> Any:
    """Label and value rows, labels in the narrow left column, light rules between rows."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(
        [[para(label, st["label"]), para(value, st["body"])] for label, value in rows],
        colWidths=[width * 0.3, width * 0.7],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def facts_grid(rows: list[tuple[str, str]], width: float, st: dict[str, Any]) -> Any:
    """Label and value pairs two to a line (left to right, then down), for long lists that
    would otherwise take half a page; labels sit in narrow columns, light rules between lines."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    label_style = ParagraphStyle("grid_label", parent=st["label"], leading=10)
    value_style = ParagraphStyle("grid_value", parent=st["body"], fontSize=10, leading=13)
    cells = [[para(label, label_style), para(value, value_style)] for label, value in rows]
    if len(cells) % 2:
        cells.append(["", ""])
    lines = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    unit = width / 100
    table = Table(lines, colWidths=[unit * 19, unit * 31, unit * 20, unit * 30])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LEFTPADDING", (2, 0), (2, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def signature_block(
    label: str,
    name: str,
    signature: str,
    date_label: str,
    width: float,
    st: dict[str, Any],
    *,
    line_height: float = 28,
) -> Any:
    """The signer's label and name, then a line to sign on and a line for the date."""
    from reportlab.platypus import Table, TableStyle

    label_style = st["label"]
    table = Table(
        [
            [
                para(label, label_style),
                para(signature, label_style),
                "",
                para(date_label, label_style),
            ],
            [para(name, st["bold"]), "", "", ""],
        ],
        colWidths=[width * 0.4, width * 0.34, width * 0.04, width * 0.22],
        rowHeights=[None, line_height],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (1, 1), (1, 1), 0.6, "black"),
                ("LINEBELOW", (3, 1), (3, 1), 0.6, "black"),
            ]
        )
    )
    return table


def footer(code_label: str, code: str, page: str) -> Callable[[Any, Any], None]:
    """A page callback writing ``code_label: code`` on the left and the page on the right."""

    def draw(canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(doc.leftMargin, 10 * mm, f"{code_label}: {code}")
        canvas.drawRightString(
            doc.pagesize[0] - doc.rightMargin, 10 * mm, page.format(page=canvas.getPageNumber())
        )
        canvas.restoreState()

    return draw


def document(stream: BinaryIO, title: str, compress: bool, on_page: Any) -> Any:
    """An A4 document with the letters' margins (room at the bottom for the footer) and one
    unpadded frame, so that tables as wide as ``doc.width`` line up with the text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    margin = MARGIN_MM * mm
    doc = BaseDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin - 4 * mm,
        bottomMargin=18 * mm,
        title=title,
        creator="Suluhu",
        pageCompression=1 if compress else 0,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame], onPage=on_page)])
    return doc


def cut_line(text: str) -> Any:
    """A dashed line across the frame with scissors and ``text`` in the middle."""
    from reportlab.platypus import Flowable

    class CutLine(Flowable):  # type: ignore[misc]
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width = avail_width
            return avail_width, 16

        def draw(self) -> None:
            canvas = self.canv
            label_width = canvas.stringWidth(text, "Helvetica-Oblique", 8.5)
            middle = self.width / 2
            canvas.saveState()
            canvas.setDash(4, 3)
            canvas.setLineWidth(0.7)
            canvas.line(0, 8, middle - label_width / 2 - 22, 8)
            canvas.line(middle + label_width / 2 + 8, 8, self.width, 8)
            _scissors(canvas, middle - label_width / 2 - 18, 8)
            canvas.setFont("Helvetica-Oblique", 8.5)
            canvas.drawCentredString(middle, 5, text)
            canvas.restoreState()

    return CutLine()


def at_bottom(flowables: list[Any]) -> Any:
    """The flowables kept together and pushed to the bottom of the page they land on: on the
    current page when they fit below what came before, else at the foot of the next one."""
    from reportlab.platypus import Flowable

    class AtBottom(Flowable):  # type: ignore[misc]
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.sizes = [f.wrapOn(self.canv, avail_width, avail_height) for f in flowables]
            needed = sum(height for _, height in self.sizes)
            self.width, self.height = avail_width, max(avail_height - 0.5, needed)
            return self.width, self.height

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            return []  # never split: the whole block moves to the next page

        def draw(self) -> None:
            y = sum(height for _, height in self.sizes)
            for flowable, (_, height) in zip(flowables, self.sizes, strict=True):
                y -= height
                flowable.drawOn(self.canv, 0, y)

    return AtBottom()


def _scissors(canvas: Any, x: float, y: float) -> None:
    """A small pair of open scissors drawn with lines, blades pointing right, centred at y."""
    canvas.setDash()
    canvas.setLineWidth(0.9)
    canvas.circle(x + 2, y + 3, 2)
    canvas.circle(x + 2, y - 3, 2)
    canvas.line(x + 3.6, y + 1.8, x + 13, y - 2.5)
    canvas.line(x + 3.6, y - 1.8, x + 13, y + 2.5)
