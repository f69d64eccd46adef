"""Geometry for a live preview: built in a child process, shaded on a worker."""

from __future__ import annotations

from typing import Any

from app.geometry import GeometryProcess
from rendering.surfaces import ShadedPart, SurfaceShader


class GeometryBuilder:
    """Builds a design's parts in a child process and shades them on the worker.

    The worker thread waits for the child without holding the GIL, then
    shades the parts, which keeps the crease splitting and normals off the
    GUI thread. The worker runs one request at a time, so the shader is
    never shared.
    """

    def __init__(self) -> None:
        self._process = GeometryProcess()
        self._shader = SurfaceShader()

    def __call__(self, payload: tuple[str, dict[str, Any]]) -> list[ShadedPart]:
        generator, dimensions = payload
        return self._shader.shade_parts(self._process.build(generator, dimensions))

    def close(self) -> None:
        self._process.close()
