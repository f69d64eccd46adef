"""Start the studio window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

logger = logging.getLogger(__name__)

STARTUP_PROBE_ENV = "ATELIER_STARTUP_PROBE"
"""Environment variable naming a file for the start-up probe, for benchmarks.

When it is set, the studio writes the wall-clock time (seconds since the
epoch) at which its event loop first runs after the window is shown, then
closes the window and exits.
"""


def crash_text(error: BaseException) -> str:
    """Return the message of the dialog for an unexpected ``error``, in the
    interface language."""
    from PySide6.QtCore import QCoreApplication

    from app.domain_text import error_text

    return QCoreApplication.translate(
        "Studio",
        "Something went wrong: {error}\n\nYour design is unchanged; try the "
        "last step again.",
    ).format(error=error_text(error))


def skipped_text(error: BaseException) -> str:
    """Return the status bar message for a catalog file that did not load,
    in the interface language."""
    from PySide6.QtCore import QCoreApplication

    from app.domain_text import error_text

    return QCoreApplication.translate("Studio", "Catalog file skipped: {error}").format(
        error=error_text(error)
    )


def install_error_dialog() -> None:
    """Show unexpected errors as a plain message, never as a traceback.

    The full traceback goes to the log for support staff.
    """
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication, QMessageBox

    def handle(kind, error, trace) -> None:
        logger.error("unexpected error", exc_info=(kind, error, trace))
        application = QApplication.instance()
        # Widgets belong to the GUI thread; an error on a worker thread is
        # only logged, as building a message box there crashes Qt.
        if application is not None and QThread.currentThread() == application.thread():
            QMessageBox.critical(None, "Atelier", crash_text(error))

    sys.excepthook = handle


def run_gui(arguments) -> int:
    """Open the main window and run the Qt event loop until it closes."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app import i18n
    from app.autosave import Autosaver, data_folder
    from app.main_window import MainWindow
    from app.staff_gate import StaffGate
    from designer.catalog import load_catalog
    from designer.studio_data import open_studio_database
    from storage.crypto import KeyFileError

    if arguments.kiosk and QApplication.instance() is None:
        from app.virtual_keyboard import use_virtual_keyboard

        use_virtual_keyboard()
    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setApplicationName("Atelier")
    install_error_dialog()
    catalog = load_catalog()
    try:
        database = open_studio_database(arguments.database, catalog)
    except KeyFileError as error:
        # The message names the key file, the rule it breaks and the fix.
        logger.error("Studio not started: %s", error)
        QMessageBox.critical(None, "Atelier", str(error))
        return 2
    i18n.set_language(arguments.language)
    if arguments.kiosk:
        from app.kiosk import KioskWindow

        kiosk = KioskWindow(catalog, database)
        kiosk.showFullScreen()
        _probe_start_up(kiosk, kiosk.shutdown)
        return application.exec()
    window = MainWindow(catalog, database, language=arguments.language)
    for error in catalog.errors:
        window.statusBar().showMessage(skipped_text(error), 15000)
    autosaver = Autosaver(window, data_folder())
    application.aboutToQuit.connect(autosaver.clean_exit)
    gate = StaffGate(window, database)
    gate.locking.connect(autosaver.save_now)
    window.show()
    _probe_start_up(window, window.close)
    gate.start()
    return application.exec()


def _probe_start_up(window, close) -> None:
    """Write the time the window is on screen and answering, then call ``close``.

    Does nothing unless :data:`STARTUP_PROBE_ENV` names a file. The time is
    taken in a timer callback, which runs only once the event loop runs, and
    only after the window system has exposed the window, which Qt paints
    as it handles the expose event.
    """
    path = os.environ.get(STARTUP_PROBE_ENV)
    if not path:
        return
    from PySide6.QtCore import QTimer

    def mark() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(1, mark)
            return
        Path(path).write_text(f"{time.time():.6f}\n", encoding="utf-8")
        logger.info("start-up probe written to %s", path)
        close()

    QTimer.singleShot(0, mark)
