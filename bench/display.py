"""Run a benchmark module under Xvfb when there is no display."""

from __future__ import annotations

import os
import shutil
import sys

XVFB_SCREEN = "-screen 0 1600x1000x24"


def ensure_display(module: str) -> None:
    """Start ``python -m module`` again under ``xvfb-run`` when Linux has no display.

    The new process replaces this one and gets the same arguments. On a
    display it only selects Qt's X11 platform, which hosts the preview.
    """
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        xvfb = shutil.which("xvfb-run")
        if xvfb is None:
            sys.exit(
                "no display and no xvfb-run: install Debian's xvfb package or "
                "run under a desktop session"
            )
        environment = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_API="pyside6")
        command = [xvfb, "-a", "-s", XVFB_SCREEN, sys.executable, "-m", module]
        os.execve(xvfb, command + sys.argv[1:], environment)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    os.environ.setdefault("QT_API", "pyside6")
