"""Time production package exports of the catalog's example designs.

Run from the repository root, with or without a display::

    python -m bench.package_export --repeat 5 --json

For each example design it times three steps, in one process after a
warm-up export. The steps are building the parts, rendering the three views
for the spec sheet (``rendering.offscreen.render_png``, 600 x 450 pixels
each, as the command line's export does), and
``designer.production.export_package`` writing the package and its zip into
a temporary folder. It prints the median wall-clock
time of each step in seconds and the median CPU time of the export step,
which other processes on a busy machine do not inflate. The budgets of the
export step are 2 s for a ring and 5 s for a dining table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGETS_S = {"ring-band": 2.0, "ring-solitaire": 2.0, "table-dining": 5.0}
VIEW_SIZE = (600, 450)


def measure(repeat: int) -> dict[str, dict[str, float]]:
    from designer.catalog import load_catalog
    from designer.designs import read_design, resolve
    from designer.production import build_parts, export_package
    from designer.session import DesignSession
    from rendering.offscreen import render_png
    from resources import EXAMPLES_DIR

    catalog = load_catalog()
    folder = Path(tempfile.mkdtemp(prefix="atelier-bench-"))
    results = {}
    for path in sorted(EXAMPLES_DIR.glob("*.json")):
        design = read_design(path)
        model, values = resolve(design, catalog, path)
        timings: dict[str, list[float]] = {
            "build": [],
            "render": [],
            "export": [],
            "export_cpu": [],
        }
        for run in range(repeat + 1):
            session = DesignSession(model, values, design.chosen)
            start = time.perf_counter()
            parts = build_parts(session)
            built = time.perf_counter()
            images = {
                view: render_png(parts, None, size=VIEW_SIZE, view=view)
                for view in ("front", "side", "iso")
            }
            rendered = time.perf_counter()
            cpu = time.process_time()
            export_package(
                session, folder / f"{model.id}-{run}", None, parts=parts, images=images
            )
            exported = time.perf_counter()
            cpu = time.process_time() - cpu
            if run == 0:
                continue  # warm-up: fonts, EGL context, caches
            timings["build"].append(built - start)
            timings["render"].append(rendered - built)
            timings["export"].append(exported - rendered)
            timings["export_cpu"].append(cpu)
        medians = {step: statistics.median(values) for step, values in timings.items()}
        medians["total"] = medians["build"] + medians["render"] + medians["export"]
        results[model.id] = medians
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed exports per design (default 5)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    arguments = parser.parse_args(argv)
    results = measure(arguments.repeat)
    if arguments.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{'design':16} {'build':>7} {'render':>7} {'export':>7} {'cpu':>7} "
        f"{'total':>7} budget"
    )
    for product, medians in results.items():
        budget = BUDGETS_S.get(product)
        verdict = ""
        if budget is not None:
            verdict = f"{budget:g} s {'ok' if medians['export'] <= budget else 'OVER'}"
        print(
            f"{product:16} {medians['build']:7.2f} {medians['render']:7.2f} "
            f"{medians['export']:7.2f} {medians['export_cpu']:7.2f} "
            f"{medians['total']:7.2f} {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
