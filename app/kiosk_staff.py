"""Staff side of kiosk designs: open one in the studio by its code."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QInputDialog

from app import staff_gate
from app.domain_text import error_text
from designer.catalog import Catalog
from designer.designs import DesignFileError, missing_parameters
from designer.kiosk_designs import KioskCodeError, load_kiosk_design
from designer.session import DesignSession, session_from_design
from storage.db import Database

logger = logging.getLogger(__name__)


def ask_kiosk_code(window) -> None:
    """Ask staff for a kiosk design code and open that design in ``window``."""
    if not staff_gate.permitted(window, "kiosk_code"):
        return
    code, accepted = QInputDialog.getText(
        window,
        QCoreApplication.translate("MainWindow", "Open kiosk design"),
        QCoreApplication.translate("MainWindow", "Code on the customer's receipt:"),
    )
    if accepted and code.strip():
        open_kiosk_design(window, code)


def open_kiosk_design(window, code: str) -> bool:
    """Open the kiosk design saved under ``code``; report a bad code.

    Returns whether the design was opened.
    """
    if not staff_gate.permitted(window, "kiosk_code"):
        return False
    if window.database is None:
        window.show_message(
            QCoreApplication.translate("MainWindow", "Cannot open kiosk design"),
            QCoreApplication.translate(
                "MainWindow", "The studio has no database open."
            ),
        )
        return False
    try:
        session, filled = load_kiosk_session(window.database, window.catalog, code)
    except (KioskCodeError, DesignFileError) as error:
        title = QT_TRANSLATE_NOOP("MainWindow", "Cannot open kiosk design")
        window.show_reworded_message(
            lambda: QCoreApplication.translate("MainWindow", title),
            lambda error=error: error_text(error),
        )
        return False
    window.open_session(session)
    window.open_model(session.model.id)
    window.note_filled_values(filled)
    logger.info("opened kiosk design %s", code)
    return True


def load_kiosk_session(
    database: Database, catalog: Catalog, code: str
) -> tuple[DesignSession, tuple[str, ...]]:
    """Return the kiosk design saved under ``code`` as a new design session,
    and the parameters it had no value for (see
    :func:`designer.designs.missing_parameters`).

    Raises
    ------
    KioskCodeError
        If the code is malformed or no design was saved under it.
    DesignFileError
        If the saved design names an unknown product or an invalid value.
    """
    design = load_kiosk_design(database, code)
    session = session_from_design(design, catalog, f"kiosk design {code}")
    return session, missing_parameters(design, session.model)
