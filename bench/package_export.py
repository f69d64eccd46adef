"""Time production package exports of the catalog's example designs.

Run from the repository root, with or without a display::

    python -m bench.package_export --repeat 5
    python -m bench.package_export --repeat 5 --design ring-band --design bookshelf
    python -m bench.package_export --repeat 3 --process

By default each design is exported ``repeat`` times in this process after
a warm-up export, and three steps are timed: building the parts, rendering
the spec sheet's three views (``app.export_process.render_sheet_views``,
600 x 450 pixels each in one offscreen window, as the window and the
command line render them), and ``designer.production.export_package``
writing the package and its zip into a temporary folder. The export step
is also split into its progress steps (spec, pdf, meshes, dxf, files,
zip), and its CPU time is taken, which other processes on a busy machine
do not inflate. The figures are medians, in seconds.

``--process`` times instead what the studio window waits for: a new
``python -m app.export_process`` child exporting the design, from its start
to its last report. Its first report comes once it has imported its
libraries, loaded the catalog and opened its renderer.

The budgets apply to the export step: 2 s for a ring, 5 s for a bookshelf
or a dining table.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGETS_S = {
    "ring-band": 2.0,
    "ring-solitaire": 2.0,
    "bookshelf": 5.0,
    "table-dining": 5.0,
}
EXPORT_STEPS = ("spec", "pdf", "meshes", "dxf", "files", "zip")
ROOT = Path(__file__).resolve().parents[1]


def example_sessions(designs: list[str] | None):
    """Yield a factory of new sessions for each example design, or those named."""
    from designer.catalog import load_catalog
    from designer.designs import read_design, resolve
    from designer.session import DesignSession
    from resources import EXAMPLES_DIR

    catalog = load_catalog()
    paths = sorted(EXAMPLES_DIR.glob("*.json"))
    if designs:
        paths = [EXAMPLES_DIR / f"{name}.json" for name in designs]
    for path in paths:
        design = read_design(path)
        model, values = resolve(design, catalog, path)
        yield functools.partial(DesignSession, model, values, design.chosen)


def time_in_process(session, folder: Path) -> dict[str, float]:
    """Export one design in this process; return each step's seconds."""
    from app.export_process import render_sheet_views
    from designer.package.progress import ExportProgress
    from designer.production import build_parts, export_package

    marks: list[tuple[str, float]] = []
    progress = ExportProgress(lambda step, _: marks.append((step, time.perf_counter())))
    start = time.perf_counter()
    parts = build_parts(session)
    built = time.perf_counter()
    images = render_sheet_views(parts)
    rendered = time.perf_counter()
    cpu = time.process_time()
    export_package(session, folder, None, parts=parts, images=images, progress=progress)
    cpu = time.process_time() - cpu
    times = {
        "build": built - start,
        "render": rendered - built,
        "export": marks[-1][1] - rendered,
        "export_cpu": cpu,
    }
    for (step, begun), (_, ended) in zip(marks, marks[1:], strict=False):
        times[step] = ended - begun
    return times


def time_child_process(session, folder: Path) -> dict[str, float]:
    """Export one design in a new ``app.export_process``; return seconds."""
    from app.export_protocol import job_message
    from designer.atomic import staging_folder

    job = job_message(session, folder, staging_folder(folder), "en")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "app.export_process"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    process.stdin.write(job)
    process.stdin.flush()
    marks = {}
    for line in process.stdout:
        message = json.loads(line)
        marks.setdefault(message.get("step", next(iter(message))), time.perf_counter())
        if message.get("ready"):
            process.stdin.write(b"commit\n")
            process.stdin.flush()
    process.wait()
    if "files" not in marks:
        raise RuntimeError(f"export process failed with exit code {process.returncode}")
    return {
        "start": marks["views"] - start,
        "views": marks["spec"] - marks["views"],
        "export": marks["files"] - marks["spec"],
        "total": marks["files"] - start,
    }


def measure(
    repeat: int, designs: list[str] | None, child_process: bool
) -> dict[str, dict[str, float]]:
    """Return the median seconds of each step, by product id."""
    timer = time_child_process if child_process else time_in_process
    folder = Path(tempfile.mkdtemp(prefix="atelier-bench-"))
    results = {}
    for make_session in example_sessions(designs):
        runs = []
        for run in range(repeat + 1):
            session = make_session()
            times = timer(session, folder / f"{session.model.id}-{run}")
            if run > 0:  # the first run warms up fonts, EGL and caches
                runs.append(times)
        results[session.model.id] = {
            step: statistics.median(times[step] for times in runs) for step in runs[0]
        }
    return results


def print_table(results: dict[str, dict[str, float]], child_process: bool) -> None:
    if child_process:
        columns = ["start", "views", "export", "total"]
    else:
        columns = ["build", "render", "export", "export_cpu", *EXPORT_STEPS]
    print(f"{'design':16}" + "".join(f"{column:>11}" for column in columns) + " budget")
    for product, medians in results.items():
        budget = BUDGETS_S.get(product)
        verdict = ""
        if budget is not None and not child_process:
            verdict = f"{budget:g} s {'ok' if medians['export'] <= budget else 'OVER'}"
        cells = "".join(f"{medians.get(column, 0.0):11.3f}" for column in columns)
        print(f"{product:16}{cells} {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed exports per design (default 5)"
    )
    parser.add_argument(
        "--design",
        action="append",
        dest="designs",
        help="example design to time, such as bookshelf; repeat for several "
        "(default: every file in resources/examples)",
    )
    parser.add_argument(
        "--process",
        action="store_true",
        help="time a new export child process per export, as the window runs it",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    arguments = parser.parse_args(argv)
    if arguments.repeat < 1:
        parser.error(f"--repeat {arguments.repeat} is invalid; time at least 1 export")
    results = measure(arguments.repeat, arguments.designs, arguments.process)
    if arguments.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results, arguments.process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
