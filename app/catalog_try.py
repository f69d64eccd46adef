"""Try an edited catalog model: its parameter panel beside a live preview.

Nothing here is saved: the window works on the model that the catalog editor
loaded from its unpublished text.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.build_failure import build_failure_text
from app.domain_text import error_text
from app.parameter_panel import ParameterPanel
from app.preview_geometry import GeometryBuilder
from app.source_editor import TEXT_COLOURS
from app.workers import LatestOnlyWorker
from designer.catalog import CatalogModel
from designer.session import DesignSession, RepairProposal, StaleRepairError
from designer.unit_spacing import keep_units
from rendering.preview import PreviewWidget

logger = logging.getLogger(__name__)


class TryWindow(QWidget):
    """A trial design of an unpublished model, with its preview.

    ``preview_updated`` is emitted once the preview shows the geometry of
    the latest change.
    """

    preview_updated = Signal()

    def __init__(
        self,
        model: CatalogModel,
        language: str = "en",
        parent: QWidget | None = None,
        multi_samples: int = 0,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("try_window")
        self.language = language
        self.session = DesignSession(model)
        self.resize(1100, 700)
        self._request = 0

        self._geometry = GeometryBuilder()
        self.worker = LatestOnlyWorker(self._geometry, self)
        self.worker.finished.connect(self._geometry_ready)
        self.worker.failed.connect(self._geometry_failed)
        self.preview = PreviewWidget(self, multi_samples=multi_samples)
        self.preview.setObjectName("try_preview")
        self.preview.rendered.connect(self._rendered)

        self.panel = ParameterPanel(language, self)
        self.panel.value_changed.connect(self.set_value)
        self.panel.repair_accepted.connect(self.apply_repair)
        self.notice = QLabel(self)
        self.notice.setObjectName("try_notice")
        self.notice.setWordWrap(True)
        self.violations = QListWidget(self)
        self.violations.setObjectName("try_violations")
        self.violations.setWordWrap(True)
        self.violations.setMaximumHeight(160)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(scroll, 1)
        side_layout.addWidget(self.notice)
        side_layout.addWidget(self.violations)
        splitter = QSplitter(self)
        splitter.addWidget(self.preview)
        splitter.addWidget(side)
        splitter.setSizes([700, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.panel.set_session(self.session)
        self.retranslate()
        self._design_changed()

    def retranslate(self) -> None:
        name = self.session.model.name(self.language)
        self.setWindowTitle(self.tr("Try {name} (not published)").format(name=name))
        self.violations.setAccessibleName(self.tr("Rule messages"))
        self.preview.setAccessibleName(self.tr("Preview"))
        self._show_violations()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_value(self, name: str, value: Any) -> None:
        """Apply one change from the panel; a rejected value is reported."""
        try:
            self.session.set_value(name, value)
        except (KeyError, ValueError) as error:
            self.notice.setText(error_text(error))
            self.panel.refresh()
            return
        self.notice.clear()
        self._design_changed()

    def apply_repair(self, proposal: RepairProposal) -> None:
        try:
            self.session.apply_repair(proposal)
        except StaleRepairError as error:
            self.notice.setText(error_text(error))
            self.panel.refresh()
            return
        self._design_changed()

    def _design_changed(self) -> None:
        self.panel.refresh()
        self._show_violations()
        self._request += 1
        # The try-out shows no price, so its parts are not measured.
        payload = (self.session.model.generator, self.session.dimensions(), False)
        self.worker.request(self._request, payload)

    def _show_violations(self) -> None:
        self.violations.clear()
        for violation in self.session.violations:
            item = QListWidgetItem(keep_units(violation.message(self.language)))
            item.setForeground(QBrush(QColor(TEXT_COLOURS[violation.severity])))
            self.violations.addItem(item)
        if not self.session.violations:
            self.violations.addItem(self.tr("No rule is broken."))

    def _geometry_ready(self, request_id: int, parts) -> None:
        if request_id != self._request or self.preview.is_closed:
            return
        self._pending_render = True
        self.preview.show_parts(parts, reset_camera=request_id == 1)

    def _rendered(self) -> None:
        if getattr(self, "_pending_render", False):
            self._pending_render = False
            self.preview_updated.emit()

    def _geometry_failed(self, request_id: int, error: Exception) -> None:
        if request_id == self._request:
            self.notice.setText(build_failure_text(error))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.preview.is_closed:
            self.worker.finished.disconnect(self._geometry_ready)
            self.worker.close()
            self._geometry.close()
            self.preview.close()
        super().closeEvent(event)
