"""Keep the garbage collector's full passes short while the studio runs.

Python's collector walks every container object it tracks on each full
pass, and runs such a pass on its own from time to time while objects are
created, on whatever code is running then. Once the studio has drawn its
first model it tracks about 370,000 objects, nearly all from the modules
that VTK, pyvista, the generators and their libraries import, which live as
long as the process. A full pass over them took 150 to 230 ms on a 2-core
machine and blocked the event loop while a customer dragged a slider.

After the first frame, :func:`freeze_after_first_frame` collects once and
then moves every object still alive to the collector's permanent
generation, which no pass walks. Later passes walk only what the studio
creates after that, a few thousand objects. Objects in the permanent
generation are still freed when nothing refers to them. Only a cycle among
them is never freed, such as the first window's widgets once it closes.
The studio keeps that one window open for the life of its process.

A full pass right after the freeze resets the count that the collector's
own full passes wait on, so they go on freeing cycles of garbage. The
studio's memory then levels off as customers go through the models
(``python -m bench.memory``).
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import SignalInstance

logger = logging.getLogger(__name__)

_frozen = False
"""True once this process has frozen its objects, which it does once."""


def freeze_after_first_frame(frame_shown: SignalInstance) -> None:
    """Freeze the objects alive once ``frame_shown`` is first emitted.

    Once a window has frozen them, later calls do nothing: later windows
    find the startup's objects frozen already.
    """
    if _frozen:
        return

    def freeze(*_: object) -> None:
        global _frozen
        frame_shown.disconnect(freeze)
        if _frozen:
            return
        _frozen = True
        started = time.perf_counter()
        gc.collect()
        gc.freeze()
        # A full pass sets the count of long-lived objects that the next
        # automatic full pass waits to grow by a quarter. Left at the
        # 370,000 counted before the freeze, it would hold off every later
        # full pass, and cycles of garbage, such as VTK surfaces, would pile
        # up. This pass walks only the objects created since the freeze.
        gc.collect()
        logger.debug(
            "froze %s objects after the first frame in %.1f ms",
            gc.get_freeze_count(),
            (time.perf_counter() - started) * 1000.0,
        )

    frame_shown.connect(freeze)
