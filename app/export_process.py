"""Export a production package in a child process of a window.

``python -m app.export_process`` reads one job, a JSON object on one line of
standard input, and writes JSON lines to standard output:

- ``{"step": STEP, "percent": P}`` as each step of
  ``designer.package.progress.STEPS`` starts;
- ``{"ready": true}`` once the whole package is written in the staging
  folder. It then reads one more line: ``commit`` moves the package into
  place, anything else or the end of input deletes it;
- ``{"step": "done", "percent": 100}`` and ``{"files": [PATH, ...]}`` when the
  package is in place, or ``{"error": TEXT, "message": DATA}`` when the
  export failed. ``TEXT`` is English, and ``DATA``, present when the error
  has a domain message, is that message for the window to word in its
  language (see :mod:`app.message_data`).

The exit code is 0 when the package was written, 1 when the export failed
and 2 when it was cancelled. Whatever the outcome, the staging folder is
gone when the process ends normally; the window deletes it after killing
the process. The job's keys are those that
:func:`app.export_protocol.job_message` writes for a design, or
:func:`app.export_protocol.order_job_message` for an order's frozen design.

The spec sheet's front, side and three-quarter views are rendered here as
the command line's ``export`` renders them, so VTK's offscreen rendering
and the CPU-bound export stay out of the window's process. Before reading
its job, the process loads the default catalog and opens its renderer.
This module imports no Qt.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from app.export_protocol import (
    EXIT_CANCELLED,
    EXIT_FAILED,
    EXIT_WRITTEN,
    confirm_commit,
    job_store_settings,
    send,
)
from app.message_data import error_report
from designer.catalog import Catalog, load_catalog
from designer.designs import DesignFileError, design_from_json, resolve
from designer.order_export import OrderForExport, export_order_package
from designer.package.progress import ExportProgress
from designer.package.sheet import VIEWS
from designer.production import ExportCancelled, build_parts, export_package
from designer.session import DesignSession
from models3d.parts import Part
from rendering.offscreen import OffscreenRenderer, render_view_pngs
from resources import CATALOG_DIR
from storage.messages import QT_TRANSLATE_NOOP, message
from storage.output_paths import OutputPathError, output_path_error

logger = logging.getLogger(__name__)

SHEET_VIEW_SIZE = (600, 450)
"""Pixels of each view on the spec sheet: about 270 dpi at its 56 mm width."""


@dataclass
class Preloaded:
    """The catalog and a renderer, loaded while the process waits for its job.

    The window starts the process while the user picks a folder, so this
    work is done by the time the job arrives. It took 1.8 s on a loaded
    2-core machine with software OpenGL (docs/BENCHMARKS.md).
    """

    catalog_dir: Path
    catalog: Catalog
    renderer: OffscreenRenderer

    @classmethod
    def load(cls) -> Preloaded:
        """Load the default catalog and open a renderer of the sheet's views."""
        return cls(CATALOG_DIR, load_catalog(), OffscreenRenderer(SHEET_VIEW_SIZE))


def render_sheet_views(
    parts: Sequence[Part], renderer: OffscreenRenderer | None = None
) -> dict[str, bytes]:
    """Render the spec sheet's front, side and three-quarter views as PNG.

    ``renderer`` must render images of :data:`SHEET_VIEW_SIZE`; a new one
    is opened and closed by default.
    """
    if renderer is None:
        return render_view_pngs(parts, VIEWS, size=SHEET_VIEW_SIZE)
    return renderer.render_pngs(parts, VIEWS)


def run_job(
    job: Mapping[str, Any],
    stdin: TextIO,
    stdout: TextIO,
    preloaded: Preloaded | None = None,
) -> int:
    """Export the package that ``job`` describes, reporting on ``stdout``."""

    progress = ExportProgress(
        lambda step, percent: send(stdout, {"step": step, "percent": percent})
    )
    try:
        progress.step("views")
        if "order" in job:
            order = OrderForExport.from_json(job["order"])
            session = order.frozen.session()
            export = partial(export_order_package, order)
        else:
            session = _session(job, preloaded)
            # A draft is priced as its quote would be, with the store's tax;
            # an order keeps the price it was frozen with.
            export = partial(
                export_package,
                session,
                store=job_store_settings(job),
                filled=tuple(job.get("filled", ())),
            )
        parts = build_parts(session)
        images = render_sheet_views(parts, preloaded and preloaded.renderer)
        written = export(
            Path(job["out"]),
            None,
            job["language"],
            parts=parts,
            images=images,
            progress=progress,
            staging=Path(job["staging"]),
            confirm_commit=partial(confirm_commit, stdin, stdout),
        )
    except ExportCancelled:
        return EXIT_CANCELLED
    except (ValueError, OSError) as error:
        logger.warning("export to %s failed: %s", job["out"], error)
        if isinstance(error, OSError) and not isinstance(error, OutputPathError):
            # The system's text names a file in the hidden staging folder.
            error = output_path_error(job["out"], error, folder=True)
        send(stdout, error_report(error))
        return EXIT_FAILED
    send(stdout, {"files": [str(path) for path in written]})
    return EXIT_WRITTEN


def _session(
    job: Mapping[str, Any], preloaded: Preloaded | None = None
) -> DesignSession:
    """Return the job's design session, from the catalog file the window used."""
    folder = Path(job["catalog"])
    design = design_from_json(job["design"])
    model = None
    if preloaded is not None and preloaded.catalog_dir == folder:
        model = preloaded.catalog.models.get(design.product)
    if model is None or model.sha256 != job["catalog_sha256"]:
        # The catalog file may have changed since the process started.
        model = load_catalog(folder).models.get(design.product, model)
    if model is None:
        reason = message(
            QT_TRANSLATE_NOOP("DesignFiles", "{product} is not in the catalog"),
            product=repr(design.product),
        )
        raise DesignFileError(folder, "product", reason)
    if model.sha256 != job["catalog_sha256"]:
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles",
                "changed after the design was opened; open the design again "
                "and export it once more",
            )
        )
        raise DesignFileError(model.path, "", reason)
    model, values = resolve(design, Catalog({model.id: model}, []))
    return DesignSession(model, values, design.chosen, job["currency"])


def main() -> int:
    """Read the job from standard input and export it."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    preloaded = Preloaded.load()
    try:
        return _run(sys.stdin.readline(), preloaded)
    finally:
        preloaded.renderer.close()


def _run(line: str, preloaded: Preloaded) -> int:
    try:
        job = json.loads(line)
        staging = Path(job["staging"])
    except (ValueError, KeyError, TypeError):
        print(json.dumps({"error": f"invalid export job {line[:80]!r}"}), flush=True)
        return EXIT_FAILED
    try:
        return run_job(job, sys.stdin, sys.stdout, preloaded)
    finally:
        # export_package deletes the staging folder once it has written into
        # it. This covers a job that failed earlier, such as on an unknown
        # product.
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
