"""Measure the studio's cold start and how fast it opens each catalog model.

Run from the repository root::

    python -m bench.startup --json

Without a display it starts itself again under ``xvfb-run``. It works in a
new temporary data and cache folder and

1. prepares a warm start: creates the database, compiles the catalog's
   rules and renders the catalog thumbnails, by starting the studio once
   and running ``python -m app.thumbnails``. The file cache is warm after
   that first start too,
2. starts ``python main.py`` ``--runs`` times, each in a new process, and
   times each from just before the process starts until the studio's
   start-up probe (``ATELIER_STARTUP_PROBE``) writes its time. The probe
   runs once the window is exposed and its event loop runs, so the window
   responds to input from then on,
3. opens every catalog model ``--repeats`` times in a running studio window
   in this process, and times each from ``open_model`` until the preview
   shows the model. The first opening of a model also imports its
   generator in the geometry process, so it is reported apart.

With ``--json`` the only output on stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.display import ensure_display

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"start_s": 3.0, "open_model_ms": 500.0}
START_TIMEOUT_S = 120


def start_once(environment: dict[str, str], probe: Path) -> float:
    """Start the studio in a new process and return seconds until its probe.

    Raises
    ------
    RuntimeError
        If the process exits without writing the probe or fails to exit
        within ``START_TIMEOUT_S``.
    """
    probe.unlink(missing_ok=True)
    started = time.time()
    process = subprocess.Popen(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env={**environment, "ATELIER_STARTUP_PROBE": str(probe)},
        stdout=subprocess.DEVNULL,
    )
    try:
        code = process.wait(timeout=START_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise RuntimeError(
            f"the studio did not exit within {START_TIMEOUT_S} s of its start"
        ) from None
    if not probe.is_file():
        raise RuntimeError(f"the studio exited with code {code} before its probe")
    return float(probe.read_text(encoding="utf-8")) - started


def measure_start(environment: dict[str, str], folder: Path, runs: int) -> dict:
    """Warm the caches, then time ``runs`` starts of the studio."""
    probe = folder / "probe.txt"
    warm_up = start_once(environment, probe)
    thumbnails = Path(environment["ATELIER_CACHE_DIR"]) / "thumbnails"
    subprocess.run(
        [sys.executable, "-m", "app.thumbnails", "--out", str(thumbnails)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    seconds = [start_once(environment, probe) for _ in range(runs)]
    return {
        "first_start_s": round(warm_up, 2),
        "runs_s": [round(value, 2) for value in seconds],
        "median_s": round(statistics.median(seconds), 2),
        "max_s": round(max(seconds), 2),
    }


def measure_opening(environment: dict[str, str], folder: Path, repeats: int):
    """Open every catalog model ``repeats`` times in a studio window."""
    from PySide6.QtWidgets import QApplication

    os.environ.update(environment)
    from app.main_window import MainWindow
    from bench.preview import WindowProbe
    from designer.catalog import load_catalog
    from designer.studio_data import open_studio_database

    application = QApplication.instance() or QApplication(sys.argv[:1])
    catalog = load_catalog()
    database = open_studio_database(f"sqlite:///{folder / 'open.db'}", catalog)
    window = MainWindow(catalog, database)
    probe = WindowProbe(application, window)
    timings: dict[str, list[float]] = {model_id: [] for model_id in catalog.models}
    try:
        window.show()
        probe.wait_for(window.preview_updated)
        for _ in range(repeats):
            for model_id in sorted(catalog.models):
                opened = probe.change(lambda m=model_id: window.open_model(m))
                timings[model_id].append(opened)
    finally:
        window.close()
        database.dispose()
        application.processEvents()
    return {
        model_id: {
            "first_ms": round(values[0], 1),
            "median_ms": round(statistics.median(values[1:] or values), 1),
            "max_ms": round(max(values[1:] or values), 1),
        }
        for model_id, values in timings.items()
    }


def run(arguments: argparse.Namespace) -> dict:
    """Measure the start-up and the opening of every model and return the report."""
    from bench.preview import machine

    folder = Path(tempfile.mkdtemp(prefix="atelier-startup-"))
    environment = dict(
        os.environ,
        ATELIER_DATA_DIR=str(folder / "data"),
        ATELIER_CACHE_DIR=str(folder / "cache"),
    )
    load_before = [round(value, 2) for value in os.getloadavg()]
    try:
        start = measure_start(environment, folder, arguments.runs)
        models = measure_opening(environment, folder, arguments.repeats)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    later = [figures["median_ms"] for figures in models.values()]
    return {
        "start": start,
        "models": models,
        "open_median_max_ms": max(later),
        "targets": TARGETS,
        "machine": machine(),
        "load_before": load_before,
        "load_after": [round(value, 2) for value in os.getloadavg()],
        "command": "python -m bench.startup " + " ".join(arguments.raw),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="timed starts after the warm-up start"
    )
    parser.add_argument(
        "--repeats", type=int, default=4, help="times each catalog model is opened"
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    arguments = parser.parse_args()
    arguments.raw = sys.argv[1:]
    ensure_display("bench.startup")

    report = run(arguments)
    if arguments.json:
        print(json.dumps(report))
        return
    print("start", json.dumps(report["start"]))
    for model_id, figures in report["models"].items():
        print(model_id, json.dumps(figures))
    print("load", report["load_before"], "->", report["load_after"])


if __name__ == "__main__":
    main()
