"""Measure the 3D preview: geometry build time and change to pixels.

Run from the repository root::

    python -m bench.preview --json

Without a display it starts itself again under ``xvfb-run``. For every
catalog model it

1. builds the default design's geometry once untimed, to import its
   modules, then ``--repeats`` times (median) with every geometry cache
   cleared first, as the first build of a new shape runs, and once more
   right after each of those, as a repeated design finds its parts in the
   caches,
2. opens the model in the studio's main window (1400 x 860) and drags its
   first slider for ``--changes`` steps. Each step is timed from the
   slider's new value until the preview shows it on screen. Then it times
   the full frame that follows the slider's release,
3. makes the same number of changes with the slider let go, as a tap on a
   slider or a choice does, which renders full frames,
4. drags the slider for ``--drag-seconds`` at 60 steps a second while a
   timer ticking every 5 ms records the longest gap in the event loop.

Each timed change also records the CPU time that the studio process (all
its threads, llvmpipe's included) and the geometry child process used from
the change until the frame was on screen. Other processes on a busy machine
stretch the wall-clock times but not these.

Models without a slider change their first choice parameter instead and skip
the drag. With ``--json`` the only output on stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.display import ensure_display

TICK_MS = 5
DRAG_STEP_MS = 16
WAIT_MS = 30_000
TARGETS = {
    "build_ms_per_20k_triangles": 10.0,
    "median_ms": 50.0,
    "p95_ms": 100.0,
    "stall_max_ms": 50.0,
}


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of ``values`` (``fraction`` in [0, 1])."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def machine() -> dict:
    """Describe the machine: cores, CPU model, memory, Python and VTK versions."""
    import vtk

    cpu = "unknown"
    memory_gib = None
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    if meminfo.is_file():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gib = round(int(line.split()[1]) / 2**20, 1)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": memory_gib,
        "python": platform.python_version(),
        "vtk": vtk.vtkVersion.GetVTKVersion(),
    }


def build_times(catalog, model_ids: list[str], repeats: int) -> dict:
    """Time the geometry build and the surface shading of each model's defaults.

    ``build_ms`` is the first build of the design's shape, with every
    geometry cache cleared; ``cached_build_ms`` the same design built again.
    After each model's untimed first build, the objects alive are frozen
    (``gc.freeze``), as the studio's geometry process freezes its own once
    a build has imported new modules (``app.geometry``).
    """
    from designer.session import DesignSession
    from models3d.caching import clear_caches
    from models3d.generators import build
    from rendering.surfaces import SurfaceShader

    results = {}
    for model_id in model_ids:
        model = catalog.get(model_id)
        dimensions = DesignSession(model).dimensions()
        shader = SurfaceShader()
        # One untimed build imports the generator's modules and loads its
        # fonts, as the studio's geometry process has done by the time a
        # customer moves a slider.
        build(model.generator, dimensions)
        gc.collect()
        gc.freeze()
        builds, cached, shades = [], [], []
        for _ in range(repeats):
            clear_caches()
            start = time.perf_counter()
            parts = build(model.generator, dimensions)
            built = time.perf_counter()
            build(model.generator, dimensions)
            rebuilt = time.perf_counter()
            shader.shade_parts(parts)
            builds.append((built - start) * 1000)
            cached.append((rebuilt - built) * 1000)
            shades.append((time.perf_counter() - rebuilt) * 1000)
        results[model_id] = {
            "triangles": sum(len(part.mesh.faces) for part in parts),
            "build_ms": round(statistics.median(builds), 2),
            "cached_build_ms": round(statistics.median(cached), 2),
            # The first shading splits creases; later ones reuse the split.
            "shade_ms": round(statistics.median(shades[1:] or shades), 2),
        }
        # Dropped before the next model's freeze, which would keep them.
        del parts
    return results


class WindowProbe:
    """Drive the studio window and time its preview."""

    def __init__(self, application, window) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        self._loop_class = QEventLoop
        self._timer_class = QTimer
        self.application = application
        self.window = window
        self.cpu_ms: list[float] = []

    def wait_for(self, signal, timeout_ms: int = WAIT_MS) -> float | None:
        """Run the event loop until ``signal``; return when it came, or None."""
        loop = self._loop_class()
        arrived: list[float] = []

        def done(*_args) -> None:
            arrived.append(time.perf_counter())
            loop.quit()

        signal.connect(done)
        # A timer of its own, stopped after the wait, where singleShot would
        # keep a pending timer and its loop alive for the whole timeout.
        timeout = self._timer_class()
        timeout.setSingleShot(True)
        timeout.timeout.connect(loop.quit)
        timeout.start(timeout_ms)
        loop.exec()
        timeout.stop()
        signal.disconnect(done)
        return arrived[0] if arrived else None

    def change(self, apply) -> float:
        """Apply one change and return milliseconds until the preview shows it.

        The CPU milliseconds of the studio and of its geometry process
        during the change are appended to ``cpu_ms``.
        """
        start = time.perf_counter()
        cpu_start = time.process_time() + self._child_cpu_s()
        apply()
        shown = self.wait_for(self.window.preview_updated)
        if shown is None:
            raise RuntimeError("the preview did not update within 30 s")
        cpu_end = time.process_time() + self._child_cpu_s()
        self.cpu_ms.append((cpu_end - cpu_start) * 1000)
        return (shown - start) * 1000

    def _child_cpu_s(self) -> float:
        """Return the user and system CPU seconds of the geometry processes."""
        total = 0.0
        for pid in self.window.geometry_process_ids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            # Fields after the command name, which may contain spaces.
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def drag_stalls(self, slider, values: list[int], seconds: float) -> dict:
        """Drag ``slider`` across ``values`` at 60 steps a second; time loop gaps."""
        from PySide6.QtCore import Qt

        ticks: list[float] = []
        ticker = self._timer_class()
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.setInterval(TICK_MS)
        ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
        mover = self._timer_class()
        mover.setTimerType(Qt.TimerType.PreciseTimer)
        mover.setInterval(DRAG_STEP_MS)
        steps = iter(range(10**9))
        sweep = values + values[-2:0:-1]
        mover.timeout.connect(lambda: slider.setValue(sweep[next(steps) % len(sweep)]))
        frames: list[int] = []
        self.window.preview_updated.connect(frames.append)

        slider.setSliderDown(True)
        ticker.start()
        mover.start()
        loop = self._loop_class()
        self._timer_class.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()
        mover.stop()
        ticker.stop()
        self.window.preview_updated.disconnect(frames.append)
        slider.setSliderDown(False)
        self.wait_for(self.window.preview.refined, 5_000)

        gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]
        return {
            "stall_ms": round(max(gaps), 1) if gaps else None,
            "stall_p99_ms": round(percentile(gaps, 0.99), 1) if gaps else None,
            "frames_per_s": round(len(frames) / seconds, 1),
        }


def measure_window(catalog, model_ids: list[str], changes: int, seconds: float):
    """Time changes to pixels in the real main window for each model."""
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from designer.studio_data import open_studio_database
    from storage.crypto import KEY_FILE_ENV

    application = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="atelier-bench-"))
    os.environ.setdefault("ATELIER_CACHE_DIR", str(folder / "cache"))
    os.environ.setdefault(KEY_FILE_ENV, str(folder / "key.bin"))
    database = open_studio_database(f"sqlite:///{folder / 'bench.db'}", catalog)
    window = MainWindow(catalog, database, thumbnails=False)
    probe = WindowProbe(application, window)
    try:
        window.show()
        probe.wait_for(window.preview_updated)
        results = {}
        for model_id in model_ids:
            if window.session.model.id != model_id:
                window.open_model(model_id)
                probe.wait_for(window.preview_updated)
            results[model_id] = _measure_model(probe, window, changes, seconds)
        preview = window.preview
        figures = {
            "window_px": [window.width(), window.height()],
            "preview_px": [preview.width(), preview.height()],
            "renderer": _renderer_name(preview),
        }
    finally:
        window.close()
        database.dispose()
        application.processEvents()
        shutil.rmtree(folder, ignore_errors=True)
    return results, figures


def _measure_model(probe: WindowProbe, window, changes: int, seconds: float) -> dict:
    from rules.model import CHOICE, DECIMAL, INTEGER

    session = window.session
    numeric = [
        parameter
        for parameter in session.model.rules.parameters
        if parameter.kind in (DECIMAL, INTEGER) and len(parameter.domain()) >= 3
    ]
    if not numeric:
        choices = [
            parameter
            for parameter in session.model.rules.parameters
            if parameter.kind == CHOICE
            and len(session.domains.offered.get(parameter.name, ())) >= 2
        ]
        parameter = choices[0]
        offered = list(session.domains.offered[parameter.name])
        current = session.values[parameter.name]
        other = next(value for value in offered if value != current)
        probe.cpu_ms.clear()
        timings = [
            probe.change(
                lambda v=(other if step % 2 == 0 else current): window.set_value(
                    parameter.name, v
                )
            )
            for step in range(changes)
        ]
        return {
            "parameter": parameter.name,
            "control": "choice",
            "changes": changes,
            "full_median_ms": round(statistics.median(timings), 1),
            "full_p95_ms": round(percentile(timings, 0.95), 1),
            "full_max_ms": round(max(timings), 1),
            "full_cpu_median_ms": round(statistics.median(probe.cpu_ms), 1),
        }

    parameter = numeric[0]
    slider = window.panel.editor(parameter.name).slider
    start = slider.value()
    neighbour = start + 1 if start + 1 <= slider.maximum() else start - 1
    positions = [neighbour if step % 2 == 0 else start for step in range(changes)]

    slider.setSliderDown(True)
    dragged = [probe.change(lambda p=p: slider.setValue(p)) for p in positions]
    released = time.perf_counter()
    slider.setSliderDown(False)
    refined = probe.wait_for(window.preview.refined, 5_000)
    settle = (refined - released) * 1000 if refined is not None else None

    # Each tap must move the slider, so the taps start from the value the
    # drag did not end on. An odd number of drag steps ends on the neighbour.
    current = slider.value()
    other = start if current == neighbour else neighbour
    taps = [other if step % 2 == 0 else current for step in range(changes)]
    probe.cpu_ms.clear()
    full = [probe.change(lambda p=p: slider.setValue(p)) for p in taps]
    full_cpu = list(probe.cpu_ms)

    low = max(slider.minimum(), start - 2)
    high = min(slider.maximum(), low + 4)
    stalls = probe.drag_stalls(slider, list(range(low, high + 1)), seconds)
    return {
        "parameter": parameter.name,
        "control": "slider",
        "changes": changes,
        "median_ms": round(statistics.median(dragged), 1),
        "p95_ms": round(percentile(dragged, 0.95), 1),
        "max_ms": round(max(dragged), 1),
        "settle_ms": round(settle, 1) if settle is not None else None,
        "full_median_ms": round(statistics.median(full), 1),
        "full_p95_ms": round(percentile(full, 0.95), 1),
        "full_max_ms": round(max(full), 1),
        "full_cpu_median_ms": round(statistics.median(full_cpu), 1),
        **stalls,
    }


def _renderer_name(preview) -> str:
    report = preview.plotter.render_window.ReportCapabilities()
    for line in report.splitlines():
        if "renderer string" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def run(arguments: argparse.Namespace) -> dict:
    """Measure every requested model and return the report."""
    from designer.catalog import load_catalog

    catalog = load_catalog()
    model_ids = arguments.models or sorted(catalog.models)
    load_before = [round(value, 2) for value in os.getloadavg()]
    models = build_times(catalog, model_ids, arguments.repeats)
    window_figures, setting = measure_window(
        catalog, model_ids, arguments.changes, arguments.drag_seconds
    )
    for model_id, figures in window_figures.items():
        models[model_id].update(figures)
    stalls = [m["stall_ms"] for m in models.values() if m.get("stall_ms") is not None]
    return {
        "models": models,
        "stall_max_ms": max(stalls) if stalls else None,
        "targets": TARGETS,
        **setting,
        "multi_samples": 0,
        "machine": machine(),
        "load_before": load_before,
        "load_after": [round(value, 2) for value in os.getloadavg()],
        "command": "python -m bench.preview " + " ".join(arguments.raw),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--changes", type=int, default=30, help="timed changes per model and mode"
    )
    parser.add_argument(
        "--repeats", type=int, default=7, help="geometry builds per model"
    )
    parser.add_argument(
        "--drag-seconds",
        type=float,
        default=2.0,
        help="length of the continuous drag per model, in seconds",
    )
    parser.add_argument(
        "--model",
        action="append",
        dest="models",
        help="model id to measure; repeat for several (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    arguments = parser.parse_args()
    arguments.raw = sys.argv[1:]
    ensure_display("bench.preview")

    report = run(arguments)
    if arguments.json:
        print(json.dumps(report))
        return
    for model_id, figures in report["models"].items():
        print(model_id, json.dumps(figures))
    print("stall_max_ms", report["stall_max_ms"], "load", report["load_after"])


if __name__ == "__main__":
    main()
