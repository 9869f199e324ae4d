"""The home screen's referrals line: how many referrals wait for acknowledgement, for an outcome,
and how many of them are overdue, with a button that opens the referral board. The overdue count
is drawn in the warning colour when there are any, and always says "overdue" in words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.domain.model.referral_board import BoardCounts

WARNING_STYLE = "QLabel { color: #a3161a; font-weight: bold; }"


class ReferralCounts(QFrame):
    show_referrals = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralCounts")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.counts = BoardCounts()
        title = QLabel(self.tr("Referrals"), self)
        title.setObjectName("pageText")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.awaiting_acknowledgement = self._label("awaitingAcknowledgement")
        self.awaiting_outcome = self._label("awaitingOutcome")
        self.overdue = self._label("overdueReferrals")
        self.open_button = QPushButton(self.tr("Open the referral board"), self)
        self.open_button.setObjectName("openReferralBoard")
        self.open_button.clicked.connect(self.show_referrals)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(16)
        layout.addWidget(title)
        for label in (self.awaiting_acknowledgement, self.awaiting_outcome, self.overdue):
            layout.addWidget(label, 1)
        layout.addWidget(self.open_button)
        self.set_counts(self.counts)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def set_counts(self, counts: BoardCounts) -> None:
        self.counts = counts
        locale = self.locale()
        self.awaiting_acknowledgement.setText(
            self.tr("%1 awaiting acknowledgement").replace(
                "%1", locale.toString(counts.awaiting_acknowledgement)
            )
        )
        self.awaiting_outcome.setText(
            self.tr("%1 awaiting an outcome").replace(
                "%1", locale.toString(counts.awaiting_outcome)
            )
        )
        self.overdue.setText(self.tr("%1 overdue").replace("%1", locale.toString(counts.overdue)))
        self.overdue.setStyleSheet(WARNING_STYLE if counts.overdue else "")
        self.setAccessibleName(
            ", ".join(
                label.text()
                for label in (self.awaiting_acknowledgement, self.awaiting_outcome, self.overdue)
            )
        )
