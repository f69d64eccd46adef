"""Long work in a child process of a window, reported line by line, cancellable.

The child, ``python -m MODULE``, reads its job as one JSON line on standard
input and writes JSON lines to standard output:

- ``{"step": STEP, "percent": P}`` as each step starts;
- ``{"ready": true}`` once the work is done but not yet kept. It then reads
  one more line: ``commit`` keeps the result, such as moving a package into
  place or storing segments, and anything else or the end of input drops it;
- ``{RESULT_KEY: VALUE}`` when the result is kept, or ``{"error": TEXT}``
  when the work failed. The failure may also carry ``"message"``, its
  domain message as :mod:`app.message_data` writes it.

Its exit codes are those of :mod:`app.export_protocol`. Cancelling before
the commit kills the child, so nothing it did is kept; from the commit on,
the work runs to its end.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Signal

from app.domain_text import value_text
from app.export_protocol import COMMIT
from app.message_data import DomainMessage, message_from_data

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KILL_WAIT_MS = 5000

COMMITTING = "commit"
"""The step reported once the work is done and its result is being kept."""


class ProcessJob(QObject):
    """Run one job in a child process and report it through signals.

    Signals, all on the GUI thread:

    - ``progress(step, percent)``: a step starts, then :data:`COMMITTING`
      at 99 when the result is being kept;
    - ``finished(result)``: the result is kept; what ``result`` is depends
      on the subclass;
    - ``failed(message)``: the work failed; ``message`` says why, in the
      interface language at that moment, and :attr:`failure` keeps it as
      data for a window that words it again after a language switch;
    - ``cancelled()``: :meth:`cancel` stopped the work before its commit.

    Exactly one of the last three is emitted per started job. Subclasses
    set :attr:`MODULE` and :attr:`RESULT_KEY`, and may convert the result
    in :meth:`_result` and word the exit messages in :meth:`_exit_message`.
    """

    MODULE = ""
    """The child's module, run as ``python -m MODULE``."""
    RESULT_KEY = ""
    """The key of the child's result message."""

    progress = Signal(str, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = b""
        self._result_value: Any = None
        self._has_result = False
        self._failure: DomainMessage | str | None = None
        self._committing = False
        self._ended = False
        self._job_sent = False
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
    def failure(self) -> DomainMessage | str | None:
        """Why the job failed, ``None`` until ``failed`` is emitted.

        A domain message, which :func:`app.domain_text.value_text` words in
        the interface language on each call, or a text worded already.
        """
        return self._failure

    @property
    def cancellable(self) -> bool:
        """Whether :meth:`cancel` can still stop the work."""
        return not self._committing and not self._ended

    @property
    def committing(self) -> bool:
        """Whether the result is being kept, so that the job can no longer stop."""
        return self._committing

    def launch(self) -> None:
        """Start the child process, which waits for its job line."""
        if self._process.state() == QProcess.ProcessState.NotRunning:
            self._process.start(sys.executable, ["-m", self.MODULE])
            logger.debug("%s launched", self.MODULE)

    def send_job(self, line: bytes) -> None:
        """Launch the child if needed and send it ``line``, its job."""
        self.launch()
        self._job_sent = True
        self._process.write(line)

    def discard(self) -> None:
        """Stop a process that was launched but given no job, quietly."""
        if not self._job_sent:
            self._ended = True
            self._stop_process()

    def cancel(self) -> bool:
        """Stop the work and drop what it did; return whether it stopped.

        From the commit on the work runs to its end, and this returns
        ``False``.
        """
        if not self.cancellable:
            return False
        self._ended = True
        self._stop_process()
        self._clean_up()
        logger.info("%s cancelled", self.MODULE)
        self.cancelled.emit()
        return True

    def wait_for_end(self, timeout_ms: int = KILL_WAIT_MS) -> bool:
        """Block until the child ends, up to ``timeout_ms``; return whether it did.

        For a window that closes while the result is being kept; the job's
        signals are emitted before this returns.
        """
        return self._process.waitForFinished(timeout_ms)

    def _result(self, value: Any) -> Any:
        """Convert the child's result message to what ``finished`` carries."""
        return value

    def _clean_up(self) -> None:
        """Delete what the child may have left behind; called once it has ended."""

    def _exit_message(self, exit_code: int) -> DomainMessage | str:
        """Return the message for a child that exited without reporting an error."""
        return QCoreApplication.translate(
            "ProcessJob",
            "The background process stopped unexpectedly (exit code {0}); "
            "nothing was kept. Try again.",
        ).format(exit_code)

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
                logger.warning("ignored %s output %r", self.MODULE, line[:200])
                continue
            self._handle(message)

    def _handle(self, message: dict) -> None:
        if "step" in message:
            self.progress.emit(message["step"], int(message["percent"]))
        elif message.get("ready"):
            self._committing = True
            self.progress.emit(COMMITTING, 99)
            self._process.write(f"{COMMIT}\n".encode())
        elif self.RESULT_KEY in message:
            self._result_value = self._result(message[self.RESULT_KEY])
            self._has_result = True
        elif "error" in message:
            self._failure = self._reported_failure(message)

    def _reported_failure(self, report: dict) -> DomainMessage | str:
        """Return the child's failure: its domain message, else its text."""
        data = report.get("message")
        if data is not None:
            try:
                return message_from_data(data)
            except ValueError as error:
                logger.warning("%s sent an unreadable message: %s", self.MODULE, error)
        return str(report["error"])

    def _process_finished(self, exit_code: int, _status) -> None:
        self._read_output()
        self._ended = True
        self._clean_up()
        if self._has_result and exit_code == 0:
            logger.info("%s finished", self.MODULE)
            self.finished.emit(self._result_value)
            return
        if self._failure is None:
            logger.warning("%s ended with exit code %s", self.MODULE, exit_code)
            self._failure = self._exit_message(exit_code)
        self.failed.emit(str(value_text(self._failure)))

    def _process_error(self, error: QProcess.ProcessError) -> None:
        # A process that never started sends no finished signal.
        if error != QProcess.ProcessError.FailedToStart or self._ended:
            return
        self._ended = True
        self._clean_up()
        logger.warning(
            "%s failed to start: %s", self.MODULE, self._process.errorString()
        )
        self._failure = QCoreApplication.translate(
            "ProcessJob",
            "The background process could not start ({0}); check that {1} runs.",
        ).format(self._process.errorString(), sys.executable)
        self.failed.emit(self._failure)
