"""Background work for the GUI: the latest-only geometry builder and jobs."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain_text import error_text

logger = logging.getLogger(__name__)

# Background jobs range from a database read of a fraction of a second to
# rendering thumbnails or fitting models for seconds. Qt's pool runs as
# many jobs at once as the machine has cores, so on two cores two long jobs
# held back every short one, such as reloading a list after a change. Most
# jobs wait on the database, files or C libraries, so a few more threads
# cost little.
MIN_THREADS = 6

# When two threads import packages that import each other at the same time,
# Python breaks the cycle by handing one of them a module that is still
# being initialised. Two jobs that loaded scikit-learn at once failed that
# way ("cannot import name 'clone' from partially initialized module"), so
# background jobs load such libraries one at a time.
_IMPORTS = threading.RLock()


def import_in_background(name: str) -> ModuleType:
    """Import module ``name`` on a worker thread, one such import at a time.

    Use it for the libraries that the window loads only when a job first
    needs them (scikit-learn, scipy, shapely, fontTools, and the modules
    that import them).
    """
    with _IMPORTS:
        return importlib.import_module(name)


class LatestOnlyWorker(QObject):
    """Runs one function on a worker thread, always on the newest request.

    A request that arrives while another is running replaces any request
    still waiting, so dragging a slider never queues work. Results come back
    through ``finished(request_id, result)`` or ``failed(request_id,
    error)`` on the GUI thread. The receiver words ``error`` when it shows
    it, so that a language switch can word it again.
    """

    finished = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, function: Callable[[Any], Any], parent=None) -> None:
        super().__init__(parent)
        self._function = function
        self._condition = threading.Condition()
        self._pending: tuple[int, Any] | None = None
        self._closed = False
        self._busy = False
        self._thread = threading.Thread(
            target=self._loop, name="geometry-worker", daemon=True
        )
        self._thread.start()

    def request(self, request_id: int, payload: Any) -> None:
        """Ask for ``function(payload)``, replacing any waiting request."""
        with self._condition:
            self._pending = (request_id, payload)
            self._condition.notify()

    @property
    def idle(self) -> bool:
        with self._condition:
            return self._pending is None and not self._busy

    def close(self) -> None:
        """Stop the thread after the current request; wait up to 5 s."""
        with self._condition:
            self._closed = True
            self._pending = None
            self._condition.notify()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while True:
            with self._condition:
                while self._pending is None and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                request_id, payload = self._pending
                self._pending = None
                self._busy = True
            try:
                result = self._function(payload)
            except Exception as error:  # noqa: BLE001 - reported to the GUI
                logger.warning(
                    "background request %s failed", request_id, exc_info=True
                )
                # The traceback's frames would keep the request's data alive.
                self._emit(self.failed, request_id, error.with_traceback(None))
            else:
                self._emit(self.finished, request_id, result)
            finally:
                with self._condition:
                    self._busy = False

    def _emit(self, signal, request_id: int, value: Any) -> None:
        with self._condition:
            if self._closed:
                return
        try:
            signal.emit(request_id, value)
        except RuntimeError:
            # The owner was deleted between the check above and the emit.
            logger.debug("request %s finished after its owner was deleted", request_id)


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, function: Callable[[], Any], signals: _JobSignals) -> None:
        super().__init__()
        self.function = function
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # noqa: BLE001 - reported to the GUI
            logger.warning("background job failed", exc_info=True)
            self._report(self.signals.failed, error_text(error))
        else:
            self._report(self.signals.done, result)

    def _report(self, signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The owner window was closed and deleted while the job ran, as
            # when the studio quits during a slow first suggestion call.
            logger.debug("background job finished after its owner was deleted")


_PENDING: set[_JobSignals] = set()
"""Signals of the jobs that have not reported yet, kept alive until they do."""


def run_in_background(
    function: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
    owner: QObject,
) -> _JobSignals:
    """Run ``function`` on the shared thread pool and report on the GUI thread.

    ``on_done`` or ``on_failed`` runs only while ``owner`` exists.
    ``on_failed`` receives the error's message in the interface language
    (see :func:`app.domain_text.error_text`).
    """
    # The signals object has no parent and stays in _PENDING until it has
    # reported. With the owner as parent, it would be freed with the owner
    # while the job runs, and the job's emit would crash its thread.
    signals = _JobSignals()
    _PENDING.add(signals)
    owner_alive = [True]
    owner.destroyed.connect(lambda *_: owner_alive.__setitem__(0, False))

    def deliver(callback: Callable[[Any], None], value: Any) -> None:
        _PENDING.discard(signals)
        signals.deleteLater()
        if owner_alive[0]:
            callback(value)

    signals.done.connect(lambda value: deliver(on_done, value))
    signals.failed.connect(lambda message: deliver(on_failed, message))
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_THREADS:
        pool.setMaxThreadCount(MIN_THREADS)
    pool.start(_Job(function, signals))
    return signals
