"""A production package export that runs in a child process of the window.

The child, ``python -m app.export_process``, renders the spec sheet's views
and writes the package into a hidden staging folder beside the target.
This object starts it, turns its report lines into signals, and lets it
move the package into place only if the export was not cancelled first.
Cancelling kills the child and deletes the staging folder, so the target
folder and zip keep whatever they held before.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from app.export_protocol import COMMIT, EXIT_CANCELLED, job_message
from designer.atomic import staging_folder
from designer.session import DesignSession
from designer.store import StoreSettings

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KILL_WAIT_MS = 5000

COMMITTING = "commit"
"""The step reported once the package is written and is being moved into place."""


class PackageExportJob(QObject):
    """Export one design's production package in a child process.

    Signals, all on the GUI thread:

    - ``progress(step, percent)``: a step of
      ``designer.package.progress.STEPS`` starts, then :data:`COMMITTING`
      when the package is moved into place, then ``"done"`` at 100;
    - ``finished(paths)``: the package is in place; ``paths`` lists its files
      and last the zip;
    - ``failed(message)``: the export failed; ``message`` says why;
    - ``cancelled()``: :meth:`cancel` stopped the export before its package
      was moved into place.

    Exactly one of the last three is emitted per started job.

    The process can be launched before the design and folder are known,
    so that its imports overlap the user's choice of folder.
    """

    progress = Signal(str, int)
    finished = Signal(list)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.out_dir: Path | None = None
        self._staging: Path | None = None
        self._buffer = b""
        self._files: list[Path] | None = None
        self._error: str | None = None
        self._committing = False
        self._ended = False
        self._process = QProcess(self)
        self._process.setWorkingDirectory(str(PROJECT_ROOT))
        self._process.setProcessChannelMode(
            QProcess.ProcessChannelMode.ForwardedErrorChannel
        )
        self._process.readyReadStandardOutput.connect(self._read_output)
        self._process.finished.connect(self._process_finished)
        self._process.errorOccurred.connect(self._process_error)

    @property
    def process_id(self) -> int:
        """The child process's id, 0 while none runs."""
        return self._process.processId()

    @property
    def cancellable(self) -> bool:
        """Whether :meth:`cancel` can still stop the export."""
        return not self._committing and not self._ended

    def launch(self) -> None:
        """Start the child process, which waits for :meth:`start`'s job."""
        if self._process.state() == QProcess.ProcessState.NotRunning:
            self._process.start(sys.executable, ["-m", "app.export_process"])
            logger.debug("export process launched")

    def start(
        self,
        session: DesignSession,
        out_dir: Path,
        language: str,
        store: StoreSettings | None = None,
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

        Raises
        ------
        OSError
            When the staging folder cannot be made beside ``out_dir``, for
            example in a read-only folder.
        ValueError
            When ``out_dir`` is an existing file.
        """
        out_dir = Path(out_dir)
        if out_dir.exists() and not out_dir.is_dir():
            raise ValueError(
                self.tr(
                    "{0} is an existing file; choose a folder for the package."
                ).format(out_dir)
            )
        self._staging = staging_folder(out_dir)
        self.out_dir = out_dir
        self.launch()
        self._process.write(
            job_message(session, out_dir, self._staging, language, store)
        )
        logger.debug("export of %s to %s started", session.model.id, out_dir)

    def discard(self) -> None:
        """Stop a process that was launched but given no job, quietly."""
        if self._staging is None:
            self._ended = True
            self._stop_process()

    def cancel(self) -> bool:
        """Stop the export and delete what it wrote; return whether it stopped.

        Once the package is being moved into place the export runs to its
        end, which takes a few file renames, and this returns ``False``.
        """
        if not self.cancellable:
            return False
        self._ended = True
        self._stop_process()
        self._remove_staging()
        logger.info("export to %s cancelled", self.out_dir)
        self.cancelled.emit()
        return True

    def _stop_process(self) -> None:
        self._process.finished.disconnect(self._process_finished)
        self._process.errorOccurred.disconnect(self._process_error)
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()
            self._process.waitForFinished(KILL_WAIT_MS)

    def _read_output(self) -> None:
        self._buffer += bytes(self._process.readAllStandardOutput())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if not line.strip() or self._ended:
                continue
            try:
                message = json.loads(line)
            except ValueError:
                logger.warning("ignored export process output %r", line[:200])
                continue
            self._handle(message)

    def _handle(self, message: dict) -> None:
        if "step" in message:
            self.progress.emit(message["step"], int(message["percent"]))
        elif message.get("ready"):
            self._committing = True
            self.progress.emit(COMMITTING, 99)
            self._process.write(f"{COMMIT}\n".encode())
        elif "files" in message:
            self._files = [Path(path) for path in message["files"]]
        elif "error" in message:
            self._error = str(message["error"])

    def _process_finished(self, exit_code: int, _status) -> None:
        self._read_output()
        self._ended = True
        self._remove_staging()
        if self._files is not None and exit_code == 0:
            logger.info("exported package to %s", self.out_dir)
            self.finished.emit(self._files)
            return
        if self._error is None:
            logger.warning("export process ended with exit code %s", exit_code)
            self._error = self._exit_message(exit_code)
        self.failed.emit(self._error)

    def _exit_message(self, exit_code: int) -> str:
        if self._committing:
            return self.tr(
                "The export process stopped (exit code {0}) while moving the "
                "package into {1}; check that folder and export again."
            ).format(exit_code, self.out_dir)
        if exit_code == EXIT_CANCELLED:
            return self.tr(
                "The export stopped before the package was moved into place; "
                "nothing was written. Export again."
            )
        return self.tr(
            "The export process stopped unexpectedly (exit code {0}); nothing "
            "was written. Export again."
        ).format(exit_code)

    def _process_error(self, error: QProcess.ProcessError) -> None:
        # A process that never started sends no finished signal.
        if error != QProcess.ProcessError.FailedToStart or self._ended:
            return
        self._ended = True
        self._remove_staging()
        logger.warning(
            "export process failed to start: %s", self._process.errorString()
        )
        self.failed.emit(
            self.tr(
                "The export process could not start ({0}); check that {1} runs."
            ).format(self._process.errorString(), sys.executable)
        )

    def _remove_staging(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
