"""A refit of customer segments that runs in a child process of a window.

The child, ``python -m app.segment_process``, reads the features, fits the
segments and stores them only after the window commits. Cancelling before
then kills it, so the stored segments stay as they were.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.export_protocol import EXIT_CANCELLED
from app.process_job import ProcessJob

if TYPE_CHECKING:
    from storage.db import Database

logger = logging.getLogger(__name__)


class SegmentFitJob(ProcessJob):
    """Refit the segments of one database in a child process.

    The signals are those of :class:`app.process_job.ProcessJob`:
    ``progress(step, percent)`` reports ``"load"`` and each ``"fit"`` of
    :func:`recommender.segments.refit_segments`, then ``"commit"`` while
    the fit is stored. ``finished(summary)`` carries a dict with the
    number of segments, ``k``, the silhouette and any fallback reason.
    """

    MODULE = "app.segment_process"
    RESULT_KEY = "fit"

    def start(self, database: Database, k_values: Sequence[int] | None = None) -> None:
        """Send the child process the job of refitting ``database``'s segments.

        ``k_values`` are the numbers of segments to try, by default those
        of :data:`recommender.segments.DEFAULT_K_VALUES`.

        Raises
        ------
        ValueError
            When ``database`` is an in-memory SQLite database, which a
            child process cannot open.
        """
        url = database.engine.url
        if url.get_backend_name() == "sqlite" and url.database in (
            None,
            "",
            ":memory:",
        ):
            raise ValueError(
                f"database {database.url} is in memory, so a child process "
                "cannot refit its segments; open a database file instead"
            )
        job = {"database": url.render_as_string(hide_password=False)}
        if k_values is not None:
            job["k_values"] = list(k_values)
        self.send_job((json.dumps(job) + "\n").encode("utf-8"))
        logger.debug("segment refit of %s started", database.url)

    def _exit_message(self, exit_code: int) -> str:
        if self.committing:
            return self.tr(
                "Segment fitting stopped (exit code {0}) while storing the "
                "segments; reopen the segments list to see which are stored."
            ).format(exit_code)
        if exit_code == EXIT_CANCELLED:
            return self.tr(
                "Segment fitting stopped before storing; the stored segments "
                "are unchanged. Refit again."
            )
        return self.tr(
            "Segment fitting stopped unexpectedly (exit code {0}); the stored "
            "segments are unchanged. Refit again."
        ).format(exit_code)
