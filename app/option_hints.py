"""The "Customers like this one chose" box under the parameter panel.

For each choice parameter the user has not set yet, the box shows the value
that customers like the current one ordered most, with its share, as a
button that applies the value. The values are ranked on a worker thread
(:func:`designer.option_history.option_advice`), one request at a time: a
change made while a request runs waits, and only the newest state is
computed and shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app import i18n
from app.values import display_value, label_in
from app.workers import import_in_background, run_in_background
from designer.option_history import (
    Audience,
    Basis,
    Fallback,
    OptionHint,
    open_choice_hints,
    option_advice,
)
from designer.session import DesignSession

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Request:
    generation: int
    session: DesignSession
    customer_id: str | None
    language: str


@dataclass(frozen=True)
class _Result:
    audience: Audience
    design_count: int
    hints: list[OptionHint]


class OptionHintsBox(QGroupBox):
    """Values that customers like the current one chose, each one click away.

    Emits ``value_chosen(name, value)`` when the user clicks a hint, and
    ``hints_shown()`` once the box shows the outcome of the newest request:
    hints, a note that there are none, or a short failure line.
    """

    value_chosen = Signal(str, object)
    hints_shown = Signal()

    def __init__(self, database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("option_hints")
        self.database = database
        self.buttons: dict[str, QPushButton] = {}
        self._generation = 0
        self._running = False
        self._pending: _Request | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        self.reason = QLabel(self)
        self.reason.setObjectName("option_hints_reason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #555;")
        layout.addWidget(self.reason)
        self.status = QLabel(self)
        self.status.setObjectName("option_hints_status")
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        layout.addWidget(self.status)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(0)
        layout.addLayout(self._rows)
        self.setVisible(database is not None)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Customers like this one chose"))
        self.reason.setAccessibleName(self.tr("Why these values"))
        self.status.setAccessibleName(self.tr("Option suggestions status"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(
        self, session: DesignSession | None, customer_id: str | None, language: str
    ) -> None:
        """Rank values for ``session`` and ``customer_id`` in the background."""
        if self.database is None or session is None:
            return
        self._generation += 1
        # The worker gets its own copy, because the GUI changes the session.
        copy = DesignSession(
            session.model, session.values, session.chosen, session.currency
        )
        self._pending = _Request(self._generation, copy, customer_id, language)
        if not self._running:
            self._start_pending()

    @property
    def idle(self) -> bool:
        """Whether no request is running or waiting."""
        return not self._running and self._pending is None

    def _start_pending(self) -> None:
        request, self._pending = self._pending, None
        self._running = True
        database = self.database

        def work() -> _Result:
            # Segment labels need recommender.segments, whose scikit-learn
            # import takes about a second: load it here, off the GUI thread
            # and after the first frame, not at the window's start.
            import_in_background("app.segment_labels")

            advice = option_advice(database, request.session.model, request.customer_id)
            hints = open_choice_hints(advice.advisor, request.session)
            return _Result(advice.audience, advice.design_count, hints)

        run_in_background(
            work,
            lambda result: self._finished(request, result),
            lambda message: self._finished(request, None, message),
            self,
        )

    def _finished(
        self, request: _Request, result: _Result | None, message: str = ""
    ) -> None:
        self._running = False
        if self._pending is not None:
            # The design or customer changed meanwhile, so this is stale.
            logger.debug(
                "dropped option hints %s for a newer request", request.generation
            )
            self._start_pending()
            return
        if result is None:
            self._show_failure(message)
        else:
            self._show(request, result)
        self.hints_shown.emit()

    # Display ------------------------------------------------------------------

    def _show(self, request: _Request, result: _Result) -> None:
        self._clear_rows()
        self.reason.setText(self._reason_text(result))
        if result.design_count == 0:
            self.status.setText(self.tr("No orders of this model to learn from yet."))
        elif not result.hints:
            self.status.setText(self.tr("Every option has been chosen."))
        else:
            self.status.clear()
        self.status.setVisible(bool(self.status.text()))
        for hint in result.hints:
            self._add_row(request, hint)

    def _show_failure(self, message: str) -> None:
        self._clear_rows()
        self.reason.clear()
        self.status.setText(self.tr("Option suggestions are unavailable right now."))
        self.status.setToolTip(message)
        self.status.setVisible(True)

    def _add_row(self, request: _Request, hint: OptionHint) -> None:
        parameter = request.session.model.parameter(hint.name)
        label = label_in(parameter.labels, request.language, hint.name)
        value = display_value(parameter, hint.value, request.language)
        share = i18n.format_number(100 * hint.score, 0)
        text = self.tr("{label}: {value} — {share} %").format(
            label=label, value=value, share=share
        )
        if request.session.values[hint.name] == hint.value:
            text += " " + self.tr("(current)")
        button = QPushButton(text, self)
        button.setObjectName(f"option_hint_{hint.name}")
        button.setFlat(True)
        button.setStyleSheet("text-align: left; padding: 2px 4px;")
        button.setAccessibleName(
            self.tr("Apply {label}: {value}").format(label=label, value=value)
        )
        button.setToolTip(self.tr("Apply this value. Undo takes it back."))
        button.clicked.connect(
            lambda _checked=False, name=hint.name, chosen=hint.value: (
                self.value_chosen.emit(name, chosen)
            )
        )
        self._rows.addWidget(button)
        self.buttons[hint.name] = button

    def _clear_rows(self) -> None:
        for button in self.buttons.values():
            self._rows.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self.status.setToolTip("")

    def _reason_text(self, result: _Result) -> str:
        audience = result.audience
        segment = ""
        if audience.segment is not None:
            from app.segment_labels import segment_text

            segment = segment_text(audience.segment.label, audience.segment.description)
        if audience.basis is Basis.SEGMENT:
            text = self.tr("In the segment “{segment}”")
        elif audience.fallback is Fallback.NO_SEGMENT:
            text = self.tr(
                "Popular with all customers, as this customer has no segment yet"
            )
        elif audience.fallback is Fallback.FEW_SEGMENT_DESIGNS:
            text = self.tr(
                "Popular with all customers, as the segment “{segment}” has too "
                "few orders of this model"
            )
        else:
            text = self.tr("Popular with all customers")
        if result.design_count == 1:
            count = self.tr("1 order")
        else:
            count = self.tr("{count} orders").format(count=result.design_count)
        return self.tr("{reason} ({orders})").format(
            reason=text.format(segment=segment), orders=count
        )
