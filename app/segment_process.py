"""Refit customer segments in a child process of the segments screen.

``python -m app.segment_process`` reads one job, a JSON object on one line
of standard input: ``{"database": URL}``, with an optional ``"k_values"``
list. It reports as :mod:`app.process_job` describes: each step of
:func:`recommender.segments.refit_segments` as it starts, ``{"ready":
true}`` once the fit is done, and after the ``commit`` line the stored
fit's summary as ``{"fit": {...}}``. Any other line, or the end of input,
leaves the stored segments as they were.

A child process, not a worker thread, because reading the features and
fitting k-means each run for seconds without a point to stop at: on the
Online Retail data (4,324 customers) reading took 4.6 s and fitting 3.0 s
(docs/BENCHMARKS.md). Killing the process stops either at once. Until the
commit nothing is written, and the write is one transaction, so a killed
process never leaves part of a fit stored. This module imports no Qt.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from functools import partial
from typing import Any, TextIO

from sqlalchemy.exc import SQLAlchemyError

from app.export_protocol import (
    EXIT_CANCELLED,
    EXIT_FAILED,
    EXIT_WRITTEN,
    confirm_commit,
    send,
)
from recommender.segments import (
    DEFAULT_K_VALUES,
    SegmentFitCancelled,
    refit_segments,
)
from storage.crypto import KeyFileError
from storage.db import open_database
from storage.migrate import MigrationError

logger = logging.getLogger(__name__)


def run_job(job: Mapping[str, Any], stdin: TextIO, stdout: TextIO) -> int:
    """Refit the segments of ``job``'s database, reporting on ``stdout``."""
    database = open_database(job["database"])
    try:
        fit = refit_segments(
            database,
            k_values=job.get("k_values") or DEFAULT_K_VALUES,
            progress=lambda step, percent: send(
                stdout, {"step": step, "percent": percent}
            ),
            confirm_store=partial(confirm_commit, stdin, stdout),
        )
    except SegmentFitCancelled:
        return EXIT_CANCELLED
    finally:
        database.dispose()
    summary = {
        "k": fit.k,
        "segments": len(fit.segments),
        "silhouette": fit.silhouette,
        "fallback": fit.fallback,
    }
    send(stdout, {"fit": summary})
    return EXIT_WRITTEN


def main() -> int:
    """Read the job from standard input and refit the segments."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    line = sys.stdin.readline()
    try:
        job = json.loads(line)
        job["database"]
    except (ValueError, KeyError, TypeError):
        # The line is not echoed, because its URL may carry a password.
        message = "invalid segment job: expected a JSON object with a database URL"
        send(sys.stdout, {"error": message})
        return EXIT_FAILED
    try:
        return run_job(job, sys.stdin, sys.stdout)
    except (
        ValueError,
        LookupError,
        OSError,
        SQLAlchemyError,
        KeyFileError,
        MigrationError,
    ) as error:
        logger.warning("refitting segments failed: %s", error)
        send(sys.stdout, {"error": str(error)})
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
