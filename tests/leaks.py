"""Checks that a test closed every window and render window it opened."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def open_plotters() -> list:
    """Return the pyvista plotters, Qt or offscreen, that are not closed yet."""
    plotting = sys.modules.get("pyvista.plotting.plotter")
    if plotting is None:
        return []
    plotters = plotting._ALL_PLOTTERS.values()
    return [plotter for plotter in plotters if not plotter._closed]


def visible_windows() -> list:
    """Return the top-level Qt windows still shown."""
    application = QApplication.instance()
    if application is None:
        return []
    application.processEvents()
    return [widget for widget in application.topLevelWidgets() if widget.isVisible()]


def check_no_leaks() -> None:
    """Fail when plotters or windows outlive the test; close them either way.

    Closing them first keeps one leak from failing the tests after it.
    """
    plotters = open_plotters()
    windows = visible_windows()
    for plotter in plotters:
        plotter.close()
    for window in windows:
        window.close()
    assert not plotters, f"render windows left open: {plotters}"
    assert not windows, f"windows left open: {[w.objectName() or w for w in windows]}"
