"""Geometry for a live preview: built in a child process, shaded on a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.geometry import GeometryProcess

if TYPE_CHECKING:
    from rendering.surfaces import ShadedPart, SurfaceShader


class GeometryBuilder:
    """Builds a design's parts in a child process and shades them on the worker.

    The worker thread waits for the child without holding the GIL, then
    shades the parts, which keeps the crease splitting and normals off the
    GUI thread. The worker runs one request at a time, so the shader is
    never shared. The shader, and VTK and trimesh with it, are imported on
    the first request, so the window that owns the builder opens without
    them.
    """

    def __init__(self) -> None:
        self._process = GeometryProcess()
        self._shader: SurfaceShader | None = None

    def __call__(self, payload: tuple[str, dict[str, Any]]) -> list[ShadedPart]:
        generator, dimensions = payload
        parts = self._process.build(generator, dimensions)
        if self._shader is None:
            from rendering.surfaces import SurfaceShader

            self._shader = SurfaceShader()
        return self._shader.shade_parts(parts)

    @property
    def process_ids(self) -> list[int]:
        """The operating system ids of the geometry child processes."""
        return self._process.process_ids

    def close(self) -> None:
        self._process.close()
