"""Geometry for a live preview: built in a child process, shaded on a worker."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.geometry import GeometryProcess
from app.workers import import_in_background

if TYPE_CHECKING:
    from models3d.parts import Part
    from rendering.surfaces import ShadedPart, SurfaceShader

logger = logging.getLogger(__name__)


class GeometryBuilder:
    """Builds a design's parts in a child process and shades them on the worker.

    The worker thread waits for the child without holding the GIL, then
    shades the parts, which keeps the crease splitting and normals off the
    GUI thread. On request it also measures the parts for the full price
    (see :func:`measure_ahead`). The worker runs one request at a time, so the
    shader is never shared. The shader, and VTK and trimesh with it, are imported on
    the first request, so the window that owns the builder opens without
    them.
    """

    def __init__(self) -> None:
        self._process = GeometryProcess()
        self._shader: SurfaceShader | None = None

    def __call__(self, payload: tuple[str, dict[str, Any], bool]) -> list[ShadedPart]:
        """Build, shade and, when ``payload[2]`` is true, measure the parts.

        ``payload`` is the generator, its dimensions and whether to measure.
        The windows with a live price pass false and measure the parts after
        their frame (see :class:`app.price_after_frame.PriceAfterFrame`),
        because the measuring, 10 to 20 ms of CPU for a ring or a shoe,
        would delay every frame.
        """
        generator, dimensions, measure = payload
        parts = self._process.build(generator, dimensions)
        if self._shader is None:
            from rendering.surfaces import SurfaceShader

            self._shader = SurfaceShader()
        shaded = self._shader.shade_parts(parts)
        if measure:
            measure_ahead(parts)
        return shaded

    @property
    def process_ids(self) -> list[int]:
        """The operating system ids of the geometry child processes."""
        return self._process.process_ids

    def close(self) -> None:
        self._process.close()


def measure_ahead(
    parts: list[Part], cancelled: Callable[[], bool] = lambda: False
) -> bool:
    """Measure the parts' volumes and areas so that trimesh caches them on each mesh.

    The full price on the GUI thread measures the same meshes again. Its
    first step, the check that every part is a closed solid, took 14 to
    18 ms for a shoe on a 2-core AMD EPYC. With the results cached, the
    whole price took under 2 ms. The boolean that measures a joined part,
    such as a pendant's bail, runs here too, and its result is cached by
    ``models3d.solids.joined_addition``.

    ``cancelled`` is called before each part. Once it returns true, as when
    a newer design replaced these parts, the rest stay unmeasured. The
    cabinet's 34 parts took about 18 ms of CPU, which a quick second change
    would otherwise share the cores with.

    Returns
    -------
    bool
        False if measuring stopped because ``cancelled()`` returned true.
    """
    solids = import_in_background("models3d.solids")
    for part in parts:
        if cancelled():
            return False
        # trimesh caches the checks, the volume and the area on the mesh, for
        # measure() below and for the price, so they are read only for that.
        solids.mesh_problems(part.mesh)
        part.mesh.area  # noqa: B018
    try:
        solids.measure(parts)
    except (solids.GeometryError, KeyError) as error:
        # The GUI thread measures again and reports the error to the user.
        logger.debug("measuring the parts ahead of the price failed: %s", error)
    return True
