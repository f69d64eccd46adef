"""Export a production package in a child process of the studio window.

``python -m app.export_process`` reads one job, a JSON object on one line of
standard input, and writes JSON lines to standard output:

- ``{"step": STEP, "percent": P}`` as each step of
  ``designer.package.progress.STEPS`` starts;
- ``{"ready": true}`` once the whole package is written in the staging
  folder. It then reads one more line: ``commit`` moves the package into
  place, anything else or the end of input deletes it;
- ``{"step": "done", "percent": 100}`` and ``{"files": [PATH, ...]}`` when the
  package is in place, or ``{"error": MESSAGE}`` when the export failed.

The exit code is 0 when the package was written, 1 when the export failed
and 2 when it was cancelled. Whatever the outcome, the staging folder is
gone when the process ends normally; the window deletes it after killing
the process. The job's keys are those :func:`job_message` writes.

The spec sheet's front, side and three-quarter views are rendered here as
the command line's ``export`` renders them, so VTK's offscreen rendering
and the CPU-bound export stay out of the window's process. This module
imports no Qt.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from designer.catalog import load_catalog
from designer.designs import DesignFileError, design_from_json, design_of, resolve
from designer.package.progress import ExportProgress
from designer.package.sheet import VIEWS
from designer.production import ExportCancelled, build_parts, export_package
from designer.session import DesignSession
from models3d.parts import Part

logger = logging.getLogger(__name__)

SHEET_VIEW_SIZE = (600, 450)
"""Pixels of each view on the spec sheet: about 270 dpi at its 56 mm width."""

EXIT_WRITTEN = 0
EXIT_FAILED = 1
EXIT_CANCELLED = 2

COMMIT = "commit"


def render_sheet_views(parts: Sequence[Part]) -> dict[str, bytes]:
    """Render the spec sheet's front, side and three-quarter views as PNG."""
    from rendering.offscreen import render_view_pngs

    return render_view_pngs(parts, VIEWS, size=SHEET_VIEW_SIZE)


def job_message(
    session: DesignSession, out_dir: Path, staging: Path, language: str
) -> bytes:
    """Return the job line that exports ``session`` into ``out_dir``.

    ``staging`` is an empty folder made with
    ``designer.atomic.staging_folder(out_dir)``.
    """
    model = session.model
    job = {
        "design": design_of(model, session.values, session.chosen).to_json(),
        "catalog": str(model.path.parent),
        "catalog_sha256": model.sha256,
        "currency": session.currency,
        "language": language,
        "out": str(out_dir),
        "staging": str(staging),
    }
    return (json.dumps(job) + "\n").encode("utf-8")


def run_job(job: Mapping[str, Any], stdin: TextIO, stdout: TextIO) -> int:
    """Export the package that ``job`` describes, reporting on ``stdout``."""

    def send(message: dict[str, Any]) -> None:
        stdout.write(json.dumps(message) + "\n")
        stdout.flush()

    def confirm_commit() -> bool:
        send({"ready": True})
        return stdin.readline().strip() == COMMIT

    progress = ExportProgress(
        lambda step, percent: send({"step": step, "percent": percent})
    )
    try:
        progress.step("views")
        session = _session(job)
        parts = build_parts(session)
        images = render_sheet_views(parts)
        written = export_package(
            session,
            Path(job["out"]),
            None,
            job["language"],
            parts=parts,
            images=images,
            progress=progress,
            staging=Path(job["staging"]),
            confirm_commit=confirm_commit,
        )
    except ExportCancelled:
        return EXIT_CANCELLED
    except (ValueError, OSError) as error:
        logger.warning("export to %s failed: %s", job["out"], error)
        send({"error": str(error)})
        return EXIT_FAILED
    send({"files": [str(path) for path in written]})
    return EXIT_WRITTEN


def _session(job: Mapping[str, Any]) -> DesignSession:
    """Return the job's design session, from the catalog file the window used."""
    catalog = load_catalog(Path(job["catalog"]))
    design = design_from_json(job["design"])
    model, values = resolve(design, catalog)
    if model.sha256 != job["catalog_sha256"]:
        raise DesignFileError(
            model.path,
            "",
            "changed after the design was opened; open the design again and "
            "export it once more",
        )
    return DesignSession(model, values, design.chosen, job["currency"])


def main() -> int:
    """Read the job from standard input and export it."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    line = sys.stdin.readline()
    try:
        job = json.loads(line)
        staging = Path(job["staging"])
    except (ValueError, KeyError, TypeError):
        print(json.dumps({"error": f"invalid export job {line[:80]!r}"}), flush=True)
        return EXIT_FAILED
    try:
        return run_job(job, sys.stdin, sys.stdout)
    finally:
        # export_package deletes the staging folder once it has written into
        # it. This covers a job that failed earlier, such as on an unknown
        # product.
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
