"""Autosave the open design and offer it back after a crash.

A few seconds after each change the design is written atomically to
``autosave.json`` in the data folder. A ``running`` marker file exists
while the studio runs and is removed on a clean exit, so finding both
files at start means the last session ended without closing, and the
studio offers to restore its design.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from designer.designs import write_design
from storage.db import APP_NAME, DATA_DIR_ENV

logger = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 3_000
AUTOSAVE_NAME = "autosave.json"
RUNNING_MARKER = "running"


def data_folder() -> Path:
    """Return the user's data folder: ``$ATELIER_DATA_DIR`` or the platform's."""
    folder = os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME)
    return Path(folder).expanduser()


class Autosaver(QObject):
    """Saves ``window``'s design after changes and offers it back after a crash.

    Parameters
    ----------
    window
        A main window with ``session``, ``design_changed`` and ``open_design``.
    folder
        Where the autosave file and the running marker live.
    delay_ms
        Time after the last change before the design is written.
    """

    saved = Signal(Path)

    def __init__(self, window, folder: Path, delay_ms: int = AUTOSAVE_DELAY_MS):
        super().__init__(window)
        self.window = window
        self.path = folder / AUTOSAVE_NAME
        self.marker = folder / RUNNING_MARKER
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        self.offer: QMessageBox | None = None
        crashed = self.marker.exists() and self.path.exists()
        folder.mkdir(parents=True, exist_ok=True)
        self.marker.write_text(str(os.getpid()), encoding="utf-8")
        window.design_changed.connect(self.timer.start)
        if crashed:
            self.offer_restore()

    def save_now(self) -> None:
        """Write the open design to the autosave file; log a failure."""
        self.timer.stop()
        if self.window.session is None:
            return
        try:
            write_design(self.window.session.design(), self.path)
        except OSError as error:
            logger.warning("autosave to %s failed: %s", self.path, error)
            return
        self.saved.emit(self.path)

    def offer_restore(self) -> QMessageBox:
        """Ask whether to restore the design open when the studio last stopped."""
        translate = QCoreApplication.translate
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("Autosaver", "Restore design"),
            translate(
                "Autosaver",
                "The studio did not close properly last time. Restore the "
                "design that was open?",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setObjectName("restore_offer")
        box.accepted.connect(self._restore)
        box.show()
        self.offer = box
        # Read the file now: the window's first change overwrites it.
        self._recovered = self.path.read_text(encoding="utf-8")
        return box

    def _restore(self) -> None:
        recovered = self.path.with_name("recovered.json")
        recovered.write_text(self._recovered, encoding="utf-8")
        if self.window.open_design(recovered):
            logger.info("restored the autosaved design")

    def clean_exit(self) -> None:
        """Remove the autosave file and the marker after a normal close."""
        self.timer.stop()
        self.path.unlink(missing_ok=True)
        self.marker.unlink(missing_ok=True)
