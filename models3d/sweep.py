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

from models3d.meshing import gradient, loft_arrays_batch


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
    return trimesh.Trimesh(*band_loft_arrays(outer, inner), process=False)


def band_loft_arrays(
    outer: Sequence[np.ndarray] | np.ndarray, inner: Sequence[np.ndarray] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of ``band_loft(outer, inner)`` without
    making a mesh, for builders that go on to change the faces.

    The faces end with the last station's end strip: ``2 * (m - 1)``
    faces joining outer point i to inner point i.
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
    vertices, faces = loft_arrays_batch(rings[None])

    # Replace loft's two fan caps, whose centre vertices are the last two,
    # with ladders joining face point i to back point i.
    count, size = rings.shape[:2]
    sides = faces[: 2 * (count - 1) * size]
    i = np.arange(size // 2 - 1)
    a, b, c, d = i, i + 1, size - 1 - i, size - 2 - i
    ladder = np.concatenate([np.stack([a, b, c], -1), np.stack([b, d, c], -1)])
    # The loft lists the first triangles of its quads, band by band between
    # consecutive sections, then the second ones. So the two triangles of
    # each band's first quad are the only faces along the edge from point 0
    # to point 1 of the band's sections.
    first_quads = sides.reshape(2, count - 1, size, 3)[:, :, 0]
    caps = []
    for offset, band in ((0, 0), ((count - 1) * size, count - 2)):
        cap = ladder + offset
        # Each edge must run once in each direction: the cap takes the
        # direction of its first edge that the sides leave free.
        if _has_edge(first_quads[:, band], offset, offset + 1):
            cap = cap[:, ::-1]
        caps.append(cap)
    return vertices[: count * size], np.concatenate([sides, *caps])


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
    tangent = gradient(paths, axis=1)
    tangent /= np.linalg.norm(tangent, axis=2)[..., None]
    # A fixed helper axis gives every section the same orientation, so the
    # points of consecutive circles match; it must not run along the path.
    along_x = np.abs(tangent[..., 0]).max(axis=1) > 0.9
    helper = np.where(along_x[:, None, None], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0])
    first = _cross(tangent, helper)
    first /= np.linalg.norm(first, axis=2)[..., None]
    second = _cross(tangent, first)
    angle = 2.0 * np.pi * np.arange(sides) / sides
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    # (paths, k, sides, 3): a circle round every point of every path.
    sections = paths[:, :, None, :] + radius * (
        cos * first[:, :, None, :] + sin * second[:, :, None, :]
    )
    # Each circle turns the same way round its path, because ``second`` is
    # ``tangent`` x ``first``, so all the tubes face the same way, as
    # ``loft_arrays_batch`` needs.
    vertices, faces = loft_arrays_batch(sections)
    return trimesh.Trimesh(vertices, faces, process=False)


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return ``numpy.cross(a, b)`` of (..., 3) arrays, bit for bit, in
    fewer numpy calls."""
    a0, a1, a2 = a[..., 0], a[..., 1], a[..., 2]
    b0, b1, b2 = b[..., 0], b[..., 1], b[..., 2]
    return np.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], -1)


def _has_edge(faces: np.ndarray, start: int, end: int) -> bool:
    """Whether some face runs along the directed edge ``start -> end``."""
    following = faces[:, [1, 2, 0]]
    return bool(((faces == start) & (following == end)).any())
