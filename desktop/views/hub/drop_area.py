"""Where export files arrive: dropped (files or folders) or chosen with a file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout


class HubDropArea(QFrame):
    """Emits ``paths_chosen`` with the local files and folders dropped or chosen."""

    paths_chosen = Signal(list)

    def __init__(self, parent: QFrame | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubDropArea")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#hubDropArea { border: 2px dashed palette(mid); border-radius: 8px; }"
            '#hubDropArea[hovering="true"] { border-color: palette(highlight); }'
        )
        self.prompt = QLabel(self.tr("Drop export files or a folder here"))
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.prompt.setFont(font)
        self.hint = QLabel(self.tr("Signed .suluhu-export files from the committees"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.choose_files = QPushButton(self.tr("Choose files…"))
        self.choose_folder = QPushButton(self.tr("Choose a folder…"))
        self.choose_files.clicked.connect(self._pick_files)
        self.choose_folder.clicked.connect(self._pick_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.choose_files)
        buttons.addWidget(self.choose_folder)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.prompt)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

    def set_busy(self, busy: bool) -> None:
        self.setAcceptDrops(not busy)
        self.choose_files.setEnabled(not busy)
        self.choose_folder.setEnabled(not busy)

    def _set_hovering(self, hovering: bool) -> None:
        self.setProperty("hovering", hovering)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            self._set_hovering(True)

    def dragLeaveEvent(self, event: object) -> None:
        self._set_hovering(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hovering(False)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.paths_chosen.emit(paths)

    def _pick_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose export files"), "", self.tr("Suluhu exports (*.suluhu-export)")
        )
        if names:
            self.paths_chosen.emit([Path(n) for n in names])

    def _pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of exports"))
        if name:
            self.paths_chosen.emit([Path(name)])
