"""A note over the 3D view while a geometry build takes noticeably long.

Most changes rebuild the product in well under a tenth of a second and no
note appears. A first build of a new shape, or a large imported mesh, can
take longer. The note then shows that the view is catching up, so a customer
does not think the change was lost. Only the newest change is ever built,
so changing a value again replaces the build under way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QWidget

# Builds shorter than this show no note, so quick changes do not flicker.
DELAY_MS = 400
MARGIN = 12


class BuildingNote(QLabel):
    """A label at the bottom left of ``view``, shown while a build runs long."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.setObjectName("building_note")
        self.setStyleSheet(
            "background: rgba(255, 255, 255, 210); color: #333;"
            " border-radius: 6px; padding: 4px 10px;"
        )
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._appear)
        self._set_text()

    @property
    def waiting(self) -> bool:
        """Whether a build is under way, shown or not yet."""
        return self._timer.isActive() or self.isVisible()

    def build_started(self) -> None:
        """Note that a build was requested; the note appears if it runs long."""
        if not self.isVisible() and not self._timer.isActive():
            self._timer.start()

    def build_ended(self) -> None:
        """Hide the note: the newest build finished or failed."""
        self._timer.stop()
        self.hide()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._set_text()
        super().changeEvent(event)

    def _set_text(self) -> None:
        self.setText(self.tr("Building the 3D model…"))
        self.adjustSize()
        self._place()

    def _appear(self) -> None:
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        view = self.parentWidget()
        self.move(MARGIN, max(0, view.height() - self.height() - MARGIN))
