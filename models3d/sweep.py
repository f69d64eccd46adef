"""Solids swept along paths: thin curved bands and round tubes.

``models3d.meshing.loft`` closes each end with a fan around the section's
centroid, which folds over itself for a thin curved band whose centroid
lies outside it. ``band_loft`` closes the ends with a ladder of triangles
between the band's two faces instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import trimesh

from models3d.meshing import loft


def band_loft(
    outer: Sequence[np.ndarray], inner: Sequence[np.ndarray]
) -> trimesh.Trimesh:
    """Skin a series of curved strips with thickness into one closed solid.

    Parameters
    ----------
    outer, inner
        Equal-length sequences of (m, 3) arrays in mm: the strip's two faces
        at each station, point i of ``inner`` lying opposite point i of
        ``outer``. All arrays share the same m >= 2 and run in the same
        direction.

    Returns
    -------
    trimesh.Trimesh
        Closed mesh with outward normals and ``2 * m * len(outer)`` vertices.

    Raises
    ------
    ValueError
        When there are fewer than two stations or the arrays differ in shape.
    """
    if len(outer) < 2 or len(outer) != len(inner):
        raise ValueError(
            "a band loft needs two or more stations with an outer and an inner "
            f"face each, got {len(outer)} outer and {len(inner)} inner"
        )
    rings = []
    for face, back in zip(outer, inner, strict=True):
        face = np.asarray(face, dtype=np.float64)
        back = np.asarray(back, dtype=np.float64)
        if face.shape != back.shape or face.ndim != 2 or face.shape[1] != 3:
            raise ValueError(
                f"band faces must be matching (m, 3) arrays, got {face.shape} "
                f"and {back.shape}"
            )
        rings.append(np.concatenate([face, back[::-1]]))
    mesh = loft(rings)

    # Replace loft's two fan caps, whose centre vertices are the last two,
    # with ladders joining face point i to back point i.
    size = len(rings[0])
    count = len(rings)
    sides = mesh.faces[: 2 * (count - 1) * size]
    caps = []
    for offset in (0, (count - 1) * size):
        i = np.arange(size // 2 - 1)
        a, b = offset + i, offset + i + 1
        c, d = offset + size - 1 - i, offset + size - 2 - i
        ladder = np.concatenate([np.stack([a, b, c], -1), np.stack([b, d, c], -1)])
        # Each edge must run once in each direction: the cap takes the
        # direction of its first edge that the sides leave free.
        if _has_edge(sides, a[0], b[0]):
            ladder = ladder[:, ::-1]
        caps.append(ladder)
    vertices = mesh.vertices[: count * size]
    return trimesh.Trimesh(vertices, np.concatenate([sides, *caps]), process=False)


def tube(path: np.ndarray, radius: float, sides: int = 8) -> trimesh.Trimesh:
    """Sweep a circle along a polyline into a closed tube with flat ends.

    Parameters
    ----------
    path
        (k, 3) points in mm, k >= 2, with no two consecutive points equal.
    radius
        Tube radius in mm.
    sides
        Points around each circle.

    Returns
    -------
    trimesh.Trimesh
        Closed mesh of ``k * sides + 2`` vertices. Each circle lies in the
        plane normal to the path's local direction, so the tube keeps its
        radius around bends that are gentle compared with it.
    """
    path = np.asarray(path, dtype=np.float64)
    tangent = np.gradient(path, axis=0)
    tangent /= np.linalg.norm(tangent, axis=1)[:, None]
    # A fixed helper axis gives every section the same orientation, so the
    # points of consecutive circles match; it must not run along the path.
    helper = np.array([1.0, 0.0, 0.0])
    if np.abs(tangent @ helper).max() > 0.9:
        helper = np.array([0.0, 0.0, 1.0])
    first = np.cross(tangent, helper)
    first /= np.linalg.norm(first, axis=1)[:, None]
    second = np.cross(tangent, first)
    angle = 2.0 * np.pi * np.arange(sides) / sides
    cos, sin = np.cos(angle)[None, :, None], np.sin(angle)[None, :, None]
    sections = path[:, None, :] + radius * (
        cos * first[:, None, :] + sin * second[:, None, :]
    )
    return loft(list(sections))


def _has_edge(faces: np.ndarray, start: int, end: int) -> bool:
    """Whether some face runs along the directed edge ``start -> end``."""
    following = np.roll(faces, -1, axis=1)
    return bool(np.any((faces == start) & (following == end)))
