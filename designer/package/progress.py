"""Progress of a package export: named steps in a fixed order, with a percentage.

A caller passes an :class:`ExportProgress` with a callback to
``designer.production.export_package``, which calls it as each step starts
and once more with ``"done"`` at 100 % when the package is in place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

STEPS = ("views", "spec", "pdf", "meshes", "dxf", "files", "zip")
"""Export steps in the order they run.

``views`` renders the spec sheet's pictures, which the caller does, since
``designer`` does not draw. ``dxf`` builds the cut lists, cut files and
other drawings, ``files`` writes the package folder and ``zip`` the zip.
"""

DONE = "done"

# Rough shares of a ring's and a bookshelf's export time (bench.package_export),
# so that the percentage moves about evenly. A shoe spends longer in "spec",
# which measures the last at every size.
_WEIGHTS = {
    "views": 40,
    "spec": 8,
    "pdf": 20,
    "meshes": 12,
    "dxf": 10,
    "files": 6,
    "zip": 4,
}

ProgressCallback = Callable[[str, int], None]


class ExportProgress:
    """Report each export step to ``callback(step, percent)``.

    ``percent`` is the share of the export done before the step starts,
    0 to 99, and 100 with ``"done"``. Steps may be skipped, such as
    ``"views"`` for an export without pictures, but never repeated or
    reordered.

    Parameters
    ----------
    callback
        Called on the exporting thread; ``None`` reports nothing.

    Raises
    ------
    ValueError
        From :meth:`step`, for an unknown step or one out of order.
    """

    def __init__(self, callback: ProgressCallback | None = None) -> None:
        self._callback = callback
        self._index = -1

    def step(self, name: str) -> None:
        """Report that step ``name`` of :data:`STEPS` starts."""
        if name not in STEPS:
            raise ValueError(f"unknown export step {name!r}; use one of {STEPS}")
        index = STEPS.index(name)
        if index <= self._index:
            raise ValueError(
                f"export step {name!r} comes after {STEPS[self._index]!r}; "
                f"steps run in the order {STEPS}"
            )
        self._index = index
        done = sum(_WEIGHTS[step] for step in STEPS[:index])
        self._report(name, 100 * done // sum(_WEIGHTS.values()))

    def finish(self) -> None:
        """Report that the package is in place: ``"done"`` at 100 %."""
        self._index = len(STEPS)
        self._report(DONE, 100)

    def _report(self, name: str, percent: int) -> None:
        logger.debug("export step %s at %s %%", name, percent)
        if self._callback is not None:
            self._callback(name, percent)
