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

from models3d.meshing import loft_arrays


def band_loft(
    outer: Sequence[np.ndarray] | np.ndarray, inner: Sequence[np.ndarray] | np.ndarray
) -> trimesh.Trimesh:
    """Skin a series of curved strips with thickness into one closed solid.

    Parameters
    ----------
    outer, inner
        Equal-length sequences of (m, 3) arrays in mm, or (stations, m, 3)
        arrays: the strip's two faces at each station, point i of ``inner``
        lying opposite point i of ``outer``. All arrays share the same
        m >= 2 and run in the same direction.

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
    fronts, backs = _stations(outer), _stations(inner)
    if fronts is None or backs is None or fronts.shape != backs.shape:
        raise ValueError(
            "band faces must be matching (m, 3) arrays, got "
            f"{sorted({np.shape(face) for face in outer})} and "
            f"{sorted({np.shape(back) for back in inner})}"
        )
    rings = np.concatenate([fronts, backs[:, ::-1]], axis=1)
    vertices, faces = loft_arrays(rings)

    # Replace loft's two fan caps, whose centre vertices are the last two,
    # with ladders joining face point i to back point i.
    count, size = rings.shape[:2]
    sides = faces[: 2 * (count - 1) * size]
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
    return trimesh.Trimesh(
        vertices[: count * size], np.concatenate([sides, *caps]), process=False
    )


def _stations(faces: Sequence[np.ndarray] | np.ndarray) -> np.ndarray | None:
    """Return one face's stations as a (stations, m, 3) array, or ``None``
    when they are not (m, 3) arrays of one shape."""
    if not isinstance(faces, np.ndarray) and len({np.shape(f) for f in faces}) != 1:
        return None
    stations = np.asarray(faces, dtype=np.float64)
    if stations.ndim != 3 or stations.shape[2] != 3:
        return None
    return stations


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
    return tubes([path], radius, sides)


def tubes(
    paths: Sequence[np.ndarray] | np.ndarray, radius: float, sides: int = 8
) -> trimesh.Trimesh:
    """Sweep a circle along each of several polylines of k points, as
    ``tube`` does, into one mesh of the tubes in order.

    ``paths`` is a sequence of (k, 3) arrays or one (count, k, 3) array.
    The result has the arrays of ``concatenate`` over each path's ``tube``.
    """
    paths = np.asarray(paths, dtype=np.float64)
    tangent = np.gradient(paths, axis=1)
    tangent /= np.linalg.norm(tangent, axis=2)[..., None]
    # A fixed helper axis gives every section the same orientation, so the
    # points of consecutive circles match; it must not run along the path.
    along_x = np.abs(tangent[..., 0]).max(axis=1) > 0.9
    helper = np.where(along_x[:, None, None], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0])
    first = np.cross(tangent, helper)
    first /= np.linalg.norm(first, axis=2)[..., None]
    second = np.cross(tangent, first)
    angle = 2.0 * np.pi * np.arange(sides) / sides
    cos, sin = np.cos(angle)[None, :, None], np.sin(angle)[None, :, None]
    vertices, faces = [], []
    start = 0
    for path, across, up in zip(paths, first, second, strict=True):
        sections = path[:, None, :] + radius * (
            cos * across[:, None, :] + sin * up[:, None, :]
        )
        points, triangles = loft_arrays(sections)
        vertices.append(points)
        faces.append(triangles + start)
        start += len(points)
    return trimesh.Trimesh(
        np.concatenate(vertices), np.concatenate(faces), process=False
    )


def _has_edge(faces: np.ndarray, start: int, end: int) -> bool:
    """Whether some face runs along the directed edge ``start -> end``."""
    following = np.roll(faces, -1, axis=1)
    return bool(np.any((faces == start) & (following == end)))
