"""Bounded caches of geometry that many designs share, and a way to clear them.

A generator caches a piece of geometry, such as a stone or an engraving's
cutting tool, under the values that shape it, so that changing another
parameter does not build it again. ``bounded_cache`` is
``functools.lru_cache`` with a required size that also records the cache,
so ``clear_caches`` can empty all of them (benchmarks use it to time a
first build).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import numpy as np
import trimesh

Function = TypeVar("Function", bound=Callable[..., Any])

_CACHES: list[Any] = []


def bounded_cache(maxsize: int) -> Callable[[Function], Function]:
    """Wrap a function in an ``lru_cache`` of ``maxsize`` entries.

    The function must be deterministic and its result must not be changed
    by callers, because every later call with equal arguments returns that
    same object.
    """

    def wrap(function: Function) -> Function:
        cached = lru_cache(maxsize=maxsize)(function)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def clear_caches() -> None:
    """Empty every cache made by ``bounded_cache``."""
    for cached in _CACHES:
        cached.cache_clear()


@dataclass(frozen=True, eq=False)
class MeshArrays:
    """A mesh's vertex and face arrays, read-only, for keeping in a cache.

    Attributes
    ----------
    vertices
        (n, 3) float64 vertices in mm.
    faces
        (m, 3) vertex indices.
    """

    vertices: np.ndarray
    faces: np.ndarray

    @classmethod
    def of(cls, mesh: trimesh.Trimesh) -> MeshArrays:
        """Copy a mesh's arrays and make the copies read-only."""
        vertices = np.array(mesh.vertices, dtype=np.float64)
        faces = np.array(mesh.faces)
        vertices.flags.writeable = False
        faces.flags.writeable = False
        return cls(vertices, faces)

    @classmethod
    def of_arrays(cls, vertices: np.ndarray, faces: np.ndarray) -> MeshArrays:
        """Copy vertex and face arrays and make the copies read-only.

        The copies are the arrays that ``of`` keeps of a mesh built on
        ``vertices`` and ``faces``, without building the mesh.
        """
        vertices = np.array(vertices, dtype=np.float64)
        faces = np.array(faces, dtype=np.int64)
        vertices.flags.writeable = False
        faces.flags.writeable = False
        return cls(vertices, faces)

    def mesh(self, offset: tuple[float, float, float] | None = None):
        """Return a new mesh on copies of the arrays, moved by ``offset`` (mm).

        Each call returns its own mesh, so a caller may change it.
        """
        if offset is None:
            vertices = self.vertices.copy()
        else:
            vertices = self.vertices + offset
        return trimesh.Trimesh(vertices, self.faces.copy(), process=False)
