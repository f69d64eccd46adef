"""Geometry builds in a separate process, for the live preview.

Boolean operations in manifold3d hold the GIL while they run (up to tens
of milliseconds for the first build of a new shoe or ring). On a thread of
the GUI process they stalled the event loop for as long, whatever else the
GUI thread had to do. A child process has its own interpreter, so the GUI
thread keeps running while it builds. Parts travel back as plain arrays,
which pickle in about a millisecond.

This module imports no Qt, so the child process starts without it.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from models3d.parts import Part

logger = logging.getLogger(__name__)

PartArrays = tuple[np.ndarray, np.ndarray, dict[str, Any]]
"""A part as its vertices, its faces and every other field of ``Part``."""


class GeometryProcessStopped(RuntimeError):
    """The child process died during a build; the next build starts a new one."""


def build_part_arrays(
    generator: str, dimensions: Mapping[str, Any]
) -> list[PartArrays]:
    """Build parts as ``(vertices, faces, fields)`` tuples.

    ``fields`` contains every field of ``Part`` but the mesh (name, material,
    colour, holes, hardware, banded edges, a lace's length), so that the
    price in the window weighs and prices the parts as the package does.
    Fields of a subclass, such as a board's blank size, stay behind: the
    preview and its price do not use them.
    """
    from dataclasses import fields

    from models3d.generators import build, generator_function
    from models3d.parts import Part

    generator_function(generator)
    _freeze_new_imports()
    names = [field.name for field in fields(Part) if field.name != "mesh"]
    return [
        (
            np.asarray(part.mesh.vertices, dtype=np.float64),
            np.asarray(part.mesh.faces, dtype=np.int64),
            {name: getattr(part, name) for name in names},
        )
        for part in build(generator, dimensions)
    ]


_modules_when_frozen = 0
"""How many modules the child process had imported when it last froze."""


def _freeze_new_imports() -> None:
    """Freeze the child's objects once a build has imported new modules.

    A generator's first build imports its module, with trimesh, manifold3d
    or shapely: tens of thousands of objects that live as long as the
    process. Left to the collector, each full pass walks them all, and the
    full passes wait for the long-lived objects to grow by a quarter. The
    cyclic garbage that every build leaves, such as each dropped
    ``trimesh.Trimesh`` with its arrays, then piles up and the heap grows
    into new pages. Frozen, as the studio's own process freezes its
    objects after the first frame (``app.heap``), they are out of every
    pass. The freeze runs before the build, so no part of a build is frozen.
    """
    global _modules_when_frozen
    if multiprocessing.parent_process() is None:
        # Called in the studio's own process, which freezes in app.heap.
        return
    if len(sys.modules) == _modules_when_frozen:
        return
    gc.collect()
    gc.freeze()
    # A full pass over the few objects left resets the count that the
    # collector's automatic full passes wait on (see ``app.heap``).
    gc.collect()
    _modules_when_frozen = len(sys.modules)


def parts_from_arrays(arrays: list[PartArrays]) -> list[Part]:
    """Turn the arrays of :func:`build_part_arrays` back into parts."""
    # Imported on first use, on the preview's worker thread, so that the
    # studio window opens without trimesh.
    import trimesh

    from models3d.parts import Part

    return [
        Part(mesh=trimesh.Trimesh(vertices, faces, process=False), **fields)
        for vertices, faces, fields in arrays
    ]


def _warm_up() -> None:
    """Import the generator registry, so that a first call starts the child.

    Each generator's module, with trimesh and manifold3d, is imported on its
    first build. Importing all of them here would compete for the CPU with
    the window's own start on a two-core machine.
    """
    import models3d.generators  # noqa: F401


# NOTE: the first build of a new shape takes up to about 10 ms, for an
# engraved pendant or an engraved 3 ct solitaire (``bench.model_builds``,
# 2-core AMD EPYC), and a slider step to a new value trails by that much.
# Nothing is built ahead, because a build that has started cannot be stopped
# for a newer request.
CLOSE_WAIT_S = 2.0
"""Seconds that closing waits for the child's current build to end."""

PARENT_CHECK_S = 1.0
"""Seconds between the child's checks that the studio still runs."""


def _exit_with_parent(parent_pid: int) -> None:
    """End this child process soon after the studio process ends.

    A studio killed by a signal never shuts the pool down, and the child,
    adopted by another process, would otherwise run and hold its pipes
    open indefinitely.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class GeometryProcess:
    """One child process that builds geometry, one request at a time.

    The process starts at once, so its imports (about a second) overlap the
    window's start-up. Call :meth:`close` when done. A crashed child is
    replaced on the next request.
    """

    def __init__(self) -> None:
        self._closed = False
        self._executor = self._start()

    def build(self, generator: str, dimensions: Mapping[str, Any]) -> list[Part]:
        """Build a design's parts in the child process and wait for them.

        Raises
        ------
        ValueError
            As :func:`models3d.generators.build` raises it in the child.
        GeometryProcessStopped
            If the child process died; the next call starts a new one.
        RuntimeError
            If the process was closed.
        """
        if self._closed:
            raise RuntimeError("the geometry process was closed")
        try:
            future = self._executor.submit(
                build_part_arrays, generator, dict(dimensions)
            )
            arrays = future.result()
        except BrokenProcessPool as error:
            if self._closed:
                raise RuntimeError("the geometry process was closed") from error
            logger.warning("geometry process died; starting a new one")
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            raise GeometryProcessStopped(
                "the geometry process stopped unexpectedly; change the value "
                "again to retry"
            ) from error
        return parts_from_arrays(arrays)

    @property
    def process_ids(self) -> list[int]:
        """The operating system ids of the running child processes."""
        return [process.pid for process in self._processes()]

    def _processes(self) -> list:
        # ProcessPoolExecutor keeps its processes in a private dict.
        processes = getattr(self._executor, "_processes", None) or {}
        return list(processes.values())

    def close(self) -> None:
        """Stop the child process after its current build.

        A build still running after ``CLOSE_WAIT_S`` is ended with the
        process, so that closing a window never waits on a child that has
        stopped responding.
        """
        self._closed = True
        processes = self._processes()
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(CLOSE_WAIT_S)
            if process.is_alive():
                logger.warning(
                    "geometry process %s still busy after %s s; ending it",
                    process.pid,
                    CLOSE_WAIT_S,
                )
                process.kill()
                process.join(CLOSE_WAIT_S)

    @staticmethod
    def _start() -> ProcessPoolExecutor:
        # "spawn" because forking a process that runs Qt and OpenGL threads
        # can leave locks held in the child.
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )
        executor.submit(_warm_up)
        logger.debug("geometry process starting")
        return executor
