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
  order to stop), so a worker given a single test waits for ever. The first
  share of work avoids this; the share a new worker gets does not.
- The test that crashed goes back in the queue and crashes the new worker.

:class:`CrashSafeFileScheduling` fixes all three. The Makefile runs every
failed test, a crashed one included, once more in a process of its own.
"""

from __future__ import annotations

import pytest
from xdist.scheduler import LoadFileScheduling
from xdist.workermanage import WorkerController

LOW_WATER_MARK = 2
"""A worker is sent more files once it has this many tests or fewer left."""


class CrashSafeFileScheduling(LoadFileScheduling):
    """Send each test file to one worker, and survive a worker's crash."""

    def mark_test_complete(
        self, node: WorkerController, item_index: int, duration: float = 0
    ) -> None:
        nodeid = self.registered_collections[node][item_index]
        scope = self._split_scope(nodeid)
        work = self.assigned_work[node]
        work[scope][nodeid] = True
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
        for scope, unit in work.items():
            if crashed in unit:
                unit[crashed] = True
            if not all(unit.values()):
                self.workqueue[scope] = unit
                self.workqueue.move_to_end(scope, last=False)
        for other in self.assigned_work:
            self._reschedule(other)
        return crashed

    def _reschedule(self, node: WorkerController) -> None:
        if node.shutting_down:
            return
        while (
            self.workqueue
            and self._pending_of(self.assigned_work[node]) <= LOW_WATER_MARK
        ):
            self._assign_work_unit(node)
        if not self.workqueue:
            node.shutdown()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log) -> object | None:
    if config.getvalue("dist") == "loadfile":
        return CrashSafeFileScheduling(config, log)
    return None
