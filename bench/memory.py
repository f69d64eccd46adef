"""Measure the studio's memory over many rounds of every catalog model.

    python -m bench.memory --rounds 20 --json

Without a display the command starts itself again under ``xvfb-run``. It
opens the studio's main window (1400 x 860) on a new temporary database and
cache. In every round it opens each catalog model and moves its first
slider to its minimum, its maximum and its middle. Each time it waits for
the preview to show the change. A kiosk or a sales laptop runs the studio
all day, so its memory must not grow with use.

After each round the report gives the resident memory (VmRSS) of the
studio's process and of each geometry process, in MB, and the number of
Python objects the collector tracks. With ``--json`` the only output on
stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.display import ensure_display
from bench.preview import WindowProbe, machine


def resident_mb(pid: int) -> float | None:
    """Return a process's resident memory in MB, or ``None`` once it ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024.0, 1)
    return None


def _slide(probe: WindowProbe, window) -> None:
    """Move the model's first visible slider to the lowest and the highest
    value the other choices allow, and back to the middle of them.

    A value they withhold would ask a question instead of changing the
    preview, so the slider's own ends are not used.
    """
    from PySide6.QtWidgets import QSlider

    sliders = [s for s in window.panel.findChildren(QSlider) if s.isVisible()]
    if not sliders:
        return
    slider = sliders[0]
    name = slider.objectName().removeprefix("slider_")
    offered = window.session.domains.offered.get(name, ())
    if not offered:
        return
    values = window.panel.editor(name).values
    for value in (offered[0], offered[-1], offered[len(offered) // 2]):
        position = values.index(value)
        if position != slider.value():
            probe.change(lambda position=position: slider.setValue(position))


def measure(rounds: int, model_ids: list[str] | None = None) -> list[dict]:
    """Run the rounds in a studio window and return one row per round.

    ``model_ids`` limits each round to those models; by default it takes
    every catalog model.
    """
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from designer.catalog import load_catalog
    from designer.studio_data import open_studio_database
    from storage.crypto import KEY_FILE_ENV

    catalog = load_catalog()
    application = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="atelier-memory-"))
    os.environ.setdefault("ATELIER_CACHE_DIR", str(folder / "cache"))
    os.environ.setdefault(KEY_FILE_ENV, str(folder / "key.bin"))
    database = open_studio_database(f"sqlite:///{folder / 'bench.db'}", catalog)
    window = MainWindow(catalog, database, thumbnails=False)
    probe = WindowProbe(application, window)
    rows = []
    try:
        window.show()
        probe.wait_for(window.preview_updated)
        for index in range(rounds):
            for model_id in model_ids or sorted(catalog.models):
                if window.session.model.id != model_id:
                    probe.change(lambda model_id=model_id: window.open_model(model_id))
                _slide(probe, window)
            application.processEvents()
            rows.append(
                {
                    "round": index + 1,
                    "studio_mb": resident_mb(os.getpid()),
                    "geometry_mb": [
                        resident_mb(pid) for pid in window.geometry_process_ids
                    ],
                    "python_objects": len(gc.get_objects()),
                }
            )
            print(f"round {index + 1}: {rows[-1]}", file=sys.stderr, flush=True)
    finally:
        window.close()
        database.dispose()
        application.processEvents()
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="rounds of all models")
    parser.add_argument(
        "--model",
        action="append",
        dest="models",
        help="model id to open in each round; repeat for several (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    arguments = parser.parse_args()
    ensure_display("bench.memory")
    rows = measure(arguments.rounds, arguments.models)
    report = {
        "rounds": rows,
        "machine": machine(),
        "command": "python -m bench.memory " + " ".join(sys.argv[1:]),
    }
    if arguments.json:
        print(json.dumps(report))
        return
    for row in rows:
        geometry = ", ".join(f"{mb} MB" for mb in row["geometry_mb"])
        print(
            f"round {row['round']:3d}: studio {row['studio_mb']} MB, "
            f"geometry {geometry}, {row['python_objects']} Python objects"
        )


if __name__ == "__main__":
    main()
