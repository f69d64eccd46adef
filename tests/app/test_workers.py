"""Background jobs of the window: short ones are not held behind long ones."""

import threading

from PySide6.QtCore import QObject

from app.workers import MIN_THREADS, run_in_background


def test_short_job_runs_beside_long_ones(qtbot):
    owner = QObject()
    release = threading.Event()
    results = []
    try:
        # More long jobs than this machine's two cores, as thumbnails,
        # suggestions and a model fit can be at once.
        for _ in range(MIN_THREADS - 1):
            run_in_background(release.wait, lambda _r: None, lambda _m: None, owner)
        run_in_background(lambda: "rows", results.append, lambda _m: None, owner)
        qtbot.waitUntil(lambda: results == ["rows"], timeout=5_000)
    finally:
        release.set()
    assert results == ["rows"]
