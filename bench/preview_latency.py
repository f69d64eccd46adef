"""Time a parameter change until the preview shows it, in the real window.

Run under a display (or ``xvfb-run -a``)::

    python -m bench.preview_latency --changes 50 --json

It opens the main window on a temporary database, moves one numeric
parameter of each catalog model back and forth, and waits after each change
for the preview to render the new geometry. It prints the median and 95th
percentile in milliseconds, per model.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

SLIDERS = {"ring-band": "width", "shoe-oxford": "size", "table-dining": "width"}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(changes: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from designer.catalog import load_catalog
    from designer.studio_data import open_studio_database

    application = QApplication.instance() or QApplication(sys.argv[:1])
    catalog = load_catalog()
    folder = Path(tempfile.mkdtemp(prefix="atelier-bench-"))
    database = open_studio_database(f"sqlite:///{folder / 'bench.db'}", catalog)
    window = MainWindow(catalog, database)
    window.show()

    def wait_for_preview(timeout_ms: int = 30_000) -> bool:
        loop = QEventLoop()
        received = []
        window.preview_updated.connect(lambda _id: (received.append(1), loop.quit()))
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        window.preview_updated.disconnect()
        return bool(received)

    wait_for_preview()
    results = {}
    for model_id, name in SLIDERS.items():
        window.open_model(model_id)
        wait_for_preview()
        parameter = catalog.get(model_id).parameter(name)
        values = list(parameter.domain())
        if parameter.group_by:
            group = window.session.values[parameter.group_by]
            values = [c.value for c in parameter.choices if c.group == group]
        timings = []
        for step in range(changes):
            value = values[(len(values) // 3) + (step % 2) * 2]
            start = time.perf_counter()
            window.set_value(name, value)
            if not wait_for_preview():
                raise RuntimeError(f"{model_id}: preview did not update")
            timings.append((time.perf_counter() - start) * 1000)
        results[model_id] = {
            "parameter": name,
            "changes": changes,
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
            "max_ms": round(max(timings), 2),
        }
    window.close()
    database.dispose()
    application.processEvents()
    return {"models": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    arguments = parser.parse_args()
    result = measure(arguments.changes)
    if arguments.json:
        print(json.dumps(result))
        return
    for model_id, figures in result["models"].items():
        print(
            f"{model_id}: median {figures['median_ms']} ms, "
            f"p95 {figures['p95_ms']} ms over {figures['changes']} changes"
        )


if __name__ == "__main__":
    main()
