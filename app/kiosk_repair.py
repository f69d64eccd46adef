"""The kiosk's question about a tapped value that the rules withhold.

Like the kiosk's idle warning and staff PIN pad, it covers the window, so
nothing else can be tapped while it is open. It names the value tapped
and the change to the other choices that admits it, such as a larger shoe
size for a higher boot shaft, with the rules' reasons and two large buttons.
The studio's parameter panel asks the same question in a dialog.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import i18n
from app.parameter_panel import repair_proposal, repair_texts
from designer.session import DesignSession, RepairProposal
from designer.unit_spacing import keep_units

logger = logging.getLogger(__name__)

# Maximum width of the question's text, in button heights (``side``), so
# that its lines stay short enough to read at a glance.
CARD_WIDTH_SIDES = 12


def big_button(name: str, parent: QWidget, side: int) -> QPushButton:
    """Return a kiosk button at least two touch targets wide and one high.

    ``side`` is the height in pixels, twice the platform's touch target.
    """
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setMinimumSize(side * 2, side)
    button.setStyleSheet("font-size: 16pt; padding: 8px;")
    return button


def _label(name: str, parent: QWidget, font: str) -> QLabel:
    """Return a centred, word-wrapped label whose text has the ``font`` size
    and style, as "20pt" or "14pt; color: #8a3b00"."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(f"font-size: {font};")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class RepairOverlay(QWidget):
    """Asks whether to make the changes that a withheld value needs.

    Emits ``accepted(proposal)`` with the
    :class:`~designer.session.RepairProposal` when the customer taps the
    accept button. When no valid design has the value nor one near it, it
    shows why, with one button that closes it.
    """

    accepted = Signal(object)

    def __init__(self, side: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk_repair")
        # A subclass of QWidget paints a style sheet's background only with
        # this attribute.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#kiosk_repair { background: rgba(255, 255, 255, 240); }")
        card = QWidget(self)
        card.setMaximumWidth(side * CARD_WIDTH_SIDES)
        self.title = _label("kiosk_repair_title", card, "22pt; font-weight: bold")
        self.question = _label("kiosk_repair_question", card, "20pt")
        self.reasons = _label("kiosk_repair_reasons", card, "14pt; color: #8a3b00")
        self.accept_button = big_button("kiosk_repair_accept", card, side)
        self.accept_button.clicked.connect(self._accept)
        self.decline_button = big_button("kiosk_repair_decline", card, side)
        self.decline_button.clicked.connect(self.dismiss)

        # Word-wrapped labels get their full height only when the layout
        # gives them no alignment, so they centre their own text.
        column = QVBoxLayout(card)
        for label in (self.title, self.question, self.reasons):
            column.addWidget(label)
        column.addSpacing(side // 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

        self.hide()
        self._session: DesignSession | None = None
        self._name = ""
        self._value: Any = None
        self.proposal: RepairProposal | None = None

    def offer(self, session: DesignSession, name: str, value: Any) -> None:
        """Cover the window with the question about ``name = value``."""
        self._session, self._name, self._value = session, name, value
        self.proposal = repair_proposal(session, name, value)
        self.accept_button.setVisible(self.proposal is not None)
        self.retranslate()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def retranslate(self) -> None:
        """Word the open question again in the interface language."""
        if self._session is None:
            return
        question, reasons = repair_texts(
            self._session,
            self._name,
            self._value,
            self.proposal,
            i18n.current_language(),
        )
        self.title.setText(self.tr("Not available"))
        self.question.setText(keep_units(question))
        self.reasons.setText(keep_units(reasons))
        self.accept_button.setText(self.tr("Yes, change it"))
        if self.proposal is None:
            self.decline_button.setText(self.tr("OK"))
        else:
            self.decline_button.setText(self.tr("No, keep my design"))

    def dismiss(self) -> None:
        """Close the question without changing the design."""
        self.hide()
        self._session = None
        self.proposal = None

    def _accept(self) -> None:
        proposal = self.proposal
        self.dismiss()
        logger.debug("kiosk repair accepted for %s", proposal.name)
        self.accepted.emit(proposal)
