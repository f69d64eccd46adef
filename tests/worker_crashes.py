"""Keep a test run going when a pytest-xdist worker process crashes.

The suite runs with ``--dist loadfile``, which sends each test file to one
worker. A test that crashes its worker (a segmentation fault in VTK or Qt,
say) is reported as failed and a new worker takes over. pytest-xdist 3.8's
file scheduler then deadlocks: every worker waits for tests while the
controller waits for results, until CI's time limit ends the run with no
summary. Three faults in ``LoadScopeScheduling`` cause it:

- Finished files stay in a worker's record of its work, so a crash puts
  them back in the queue. A file with no test left to run is then sent as
  an empty list, which never reports back, so no more work is handed out.
- A worker starts a test only once it has received the next one (or the
  order to stop), so a worker given a single test waits indefinitely. The first
  share of work avoids this; the share a new worker gets does not.
- The test that crashed goes back in the queue and crashes the new worker.

:class:`CrashSafeFileScheduling` fixes all three, and sends a new worker
nothing until it has collected the tests. The Makefile runs every failed
test, a crashed one included, once more in a process of its own. A run
that stops with tests never run (after too many crashes, or at
``--maxfail``) ends as interrupted instead, so that this second run
cannot pass in its place.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest
from xdist.scheduler import LoadFileScheduling
from xdist.workermanage import WorkerController

logger = logging.getLogger(__name__)

LOW_WATER_MARK = 2
"""A worker is sent more files once it has this many tests or fewer left."""


class CrashSafeFileScheduling(LoadFileScheduling):
    """Send each test file to one worker, and survive a worker's crash."""

    def __init__(self, config: pytest.Config, log=None) -> None:
        super().__init__(config, log)
        self.finished: set[str] = set()

    @property
    def unrun_count(self) -> int:
        """Count the collected tests that no worker finished or crashed in."""
        return len(set(self.collection or ()) - self.finished)

    def add_node_collection(
        self, node: WorkerController, collection: Sequence[str]
    ) -> None:
        super().add_node_collection(node, collection)
        if self.collection_is_completed and node not in self.registered_collections:
            # A new worker that collected other tests than the first ones
            # cannot take their files. Stopped, it lets the run end, with
            # pytest-xdist's internal error when no other worker is left.
            logger.warning("%s collected other tests; stopping it", node.gateway.id)
            node.shutdown()

    def mark_test_complete(
        self, node: WorkerController, item_index: int, duration: float = 0
    ) -> None:
        nodeid = self.registered_collections[node][item_index]
        scope = self._split_scope(nodeid)
        work = self.assigned_work[node]
        work[scope][nodeid] = True
        self.finished.add(nodeid)
        if all(work[scope].values()):
            del work[scope]
        self._reschedule(node)

    def remove_node(self, node: WorkerController) -> str | None:
        """Put the unfinished files of ``node`` back in the queue.

        Return the test that ``node`` crashed in, or None if it had finished.
        """
        work = self.assigned_work.pop(node)
        pending = [
            nodeid
            for unit in work.values()
            for nodeid, done in unit.items()
            if not done
        ]
        if not pending:
            return None
        # A worker runs its tests in the order they were sent, so the first
        # one not finished is the one it died in.
        crashed = pending[0]
        self.finished.add(crashed)
        # Back at the head of the queue, in the order they were sent.
        for scope, unit in reversed(work.items()):
            if crashed in unit:
                unit[crashed] = True
            if not all(unit.values()):
                self.workqueue[scope] = unit
                self.workqueue.move_to_end(scope, last=False)
        for other in self.assigned_work:
            self._reschedule(other)
        return crashed

    def _reschedule(self, node: WorkerController) -> None:
        # A new worker still collecting gets its work once it has collected.
        if node.shutting_down or node not in self.registered_collections:
            return
        while (
            self.workqueue
            and self._pending_of(self.assigned_work[node]) <= LOW_WATER_MARK
        ):
            if not self._send_work_unit(node):
                return
        if not self.workqueue:
            node.shutdown()

    def _send_work_unit(self, node: WorkerController) -> bool:
        """Send ``node`` the next file, and return False if its channel is closed.

        The file stays in the record of the worker's work, so the worker's
        removal, which follows when it has died, puts the file back in the
        queue.
        """
        try:
            self._assign_work_unit(node)
        except OSError as error:
            logger.warning("could not send tests to %s: %s", node.gateway.id, error)
            return False
        return True


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log) -> object | None:
    if config.getvalue("dist") == "loadfile":
        return CrashSafeFileScheduling(config, log)
    return None


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Report a run cut short as interrupted, not as failed.

    pytest-xdist stops after a number of crashed workers or failed tests
    (``--maxfail``), and the tests not yet run are then neither passed nor
    failed. Running the failed tests
    again, as the Makefile does after a failed run, would pass while they
    never ran.
    """
    dsession = session.config.pluginmanager.getplugin("dsession")
    scheduler = getattr(dsession, "sched", None)
    if not isinstance(scheduler, CrashSafeFileScheduling) or not scheduler.unrun_count:
        return
    if session.exitstatus != pytest.ExitCode.TESTS_FAILED:
        return
    reporter = session.config.pluginmanager.getplugin("terminalreporter")
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line(
            f"{scheduler.unrun_count} tests did not run; the run counts as interrupted"
        )
    session.exitstatus = pytest.ExitCode.INTERRUPTED
