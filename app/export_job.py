"""A production package export that runs in a child process of a window.

The child, ``python -m app.export_process``, renders the spec sheet's views
and writes the package into a hidden staging folder beside the target.
This object starts it, turns its report lines into signals, and lets it
move the package into place only if the export was not cancelled first.
Cancelling kills the child and deletes the staging folder, so the target
folder and zip keep whatever they held before.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.export_protocol import EXIT_CANCELLED, job_message, order_job_message
from app.process_job import COMMITTING, ProcessJob
from designer.atomic import staging_folder
from designer.session import DesignSession
from designer.store import StoreSettings
from storage.messages import QT_TRANSLATE_NOOP, Message, message
from storage.output_paths import output_path_error

if TYPE_CHECKING:
    from designer.order_export import OrderForExport

logger = logging.getLogger(__name__)

__all__ = ["COMMITTING", "PackageExportJob"]


class PackageExportJob(ProcessJob):
    """Export one design's or one order's production package in a child process.

    The signals are those of :class:`app.process_job.ProcessJob`:
    ``progress(step, percent)`` reports each step of
    ``designer.package.progress.STEPS``, then :data:`COMMITTING` when the
    package is moved into place, then ``"done"`` at 100. ``finished(paths)``
    lists the package's files and last the zip.

    The process can be launched before the design and folder are known,
    so that its imports overlap the user's choice of folder.
    """

    MODULE = "app.export_process"
    RESULT_KEY = "files"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.out_dir: Path | None = None
        self._staging: Path | None = None

    def start(
        self,
        session: DesignSession,
        out_dir: Path,
        language: str,
        store: StoreSettings | None = None,
        filled: Sequence[str] = (),
    ) -> None:
        """Send the child process the job of exporting ``session``.

        Parameters
        ----------
        session
            The design to export, with its current values.
        out_dir
            Package folder to write; the zip goes beside it.
        language
            ``"en"`` or ``"zh_CN"``, for the documents.
        store
            The store's settings, for the tax on the spec sheet's price;
            the default settings when ``None``.
        filled
            Options the design's file had no value for, which the package's
            notes name as filled in.

        Raises
        ------
        OSError
            When the staging folder cannot be made beside ``out_dir``, for
            example in a read-only folder.
        ValueError
            When ``out_dir`` is an existing file.
        """
        self._start(
            out_dir,
            lambda staging: job_message(
                session, out_dir, staging, language, store, filled
            ),
        )
        logger.debug("export of %s to %s started", session.model.id, out_dir)

    def start_order(self, order: OrderForExport, out_dir: Path, language: str) -> None:
        """Send the child process the job of exporting ``order``'s frozen design.

        The package also contains ``order.json``; see
        :func:`designer.order_export.export_order_package`. Raises as
        :meth:`start` does.
        """
        self._start(
            out_dir,
            lambda staging: order_job_message(order, out_dir, staging, language),
        )
        logger.debug("export of order %s to %s started", order.order_id, out_dir)

    def _start(self, out_dir: Path, message: Callable[[Path], bytes]) -> None:
        out_dir = Path(out_dir)
        try:
            is_file = out_dir.exists() and not out_dir.is_dir()
        except OSError as error:
            # Such as a name longer than the file system allows.
            raise output_path_error(out_dir, error, folder=True) from error
        if is_file:
            raise ValueError(
                self.tr(
                    "{0} is an existing file; choose a folder for the package."
                ).format(out_dir)
            )
        self._staging = staging_folder(out_dir)
        self.out_dir = out_dir
        self.send_job(message(self._staging))

    def _result(self, value: list[str]) -> list[Path]:
        logger.info("exported package to %s", self.out_dir)
        return [Path(path) for path in value]

    def _clean_up(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)

    def _exit_message(self, exit_code: int) -> Message:
        # A message, not a text, so that a window words it again after a
        # language switch.
        if self.committing:
            return message(
                QT_TRANSLATE_NOOP(
                    "PackageExportJob",
                    "The export process stopped (exit code {code}) while moving "
                    "the package into {folder}; check that folder and export again.",
                ),
                code=exit_code,
                folder=self.out_dir,
            )
        if exit_code == EXIT_CANCELLED:
            return message(
                QT_TRANSLATE_NOOP(
                    "PackageExportJob",
                    "The export stopped before the package was moved into place; "
                    "nothing was written. Export again.",
                )
            )
        return message(
            QT_TRANSLATE_NOOP(
                "PackageExportJob",
                "The export process stopped unexpectedly (exit code {code}); "
                "nothing was written. Export again.",
            ),
            code=exit_code,
        )
