"""Background jobs of the window: short ones are not held behind long ones."""

import sys
import threading
import types

from PySide6.QtCore import QObject

from app.workers import MIN_THREADS, import_in_background, run_in_background


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


def test_background_imports_run_one_at_a_time(tmp_path, monkeypatch):
    # A module whose import waits until the test lets it finish stands for
    # scikit-learn's import, which two jobs must not run at once.
    gate = types.ModuleType("atelier_import_gate")
    gate.started, gate.release = threading.Event(), threading.Event()
    monkeypatch.setitem(sys.modules, "atelier_import_gate", gate)
    (tmp_path / "atelier_slow.py").write_text(
        "import atelier_import_gate as gate\n"
        "gate.started.set()\n"
        "gate.release.wait(10)\n",
        encoding="utf-8",
    )
    (tmp_path / "atelier_quick.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("atelier_slow", "atelier_quick"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    first = threading.Thread(target=import_in_background, args=("atelier_slow",))
    second = threading.Thread(target=import_in_background, args=("atelier_quick",))
    try:
        first.start()
        assert gate.started.wait(10)
        second.start()
        second.join(0.3)
        waited = second.is_alive()
    finally:
        gate.release.set()
        first.join(10)
        second.join(10)
    assert waited, "the second import ran while the first was still loading"
    assert sys.modules["atelier_quick"].VALUE == 1
