"""Mesh construction helpers shared by the generators: box, rounded box,
prism, revolve, loft, the rings of a loft's edges, a band between two
rings and concatenate.

Each builds the triangle list directly with numpy and hands it to trimesh
without processing, so a given input always gives the same vertex and face
arrays, and the result is closed and wound with outward normals (positive
volume). Skipping trimesh's processing (vertex merging, normal fixing) keeps
the preview fast; the constructions are consistent by design.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import pairwise

import manifold3d
import mapbox_earcut
import numpy as np
import trimesh

# Corner i of a box has the bits (x, y, z) of 4x + 2y + z; the faces are
# trimesh.creation.box's, wound outward.
_BOX_CORNERS = np.array(
    [[(i >> 2) & 1, (i >> 1) & 1, i & 1] for i in range(8)], dtype=np.float64
)
_BOX_FACES = np.array(
    [
        [1, 3, 0], [4, 1, 0], [0, 3, 2], [2, 4, 0], [1, 7, 3], [5, 1, 4],
        [5, 7, 1], [3, 7, 2], [6, 4, 2], [2, 7, 6], [6, 5, 4], [7, 5, 6],
    ]
)  # fmt: skip


def box(low: Sequence[float], high: Sequence[float]) -> trimesh.Trimesh:
    """Return the axis-aligned box from corner ``low`` to corner ``high``.

    Parameters
    ----------
    low, high
        Opposite corners (x, y, z) in mm, ``low < high`` on every axis.

    Returns
    -------
    trimesh.Trimesh
        8 vertices and 12 faces, normals outward.
    """
    low = np.asarray(low, dtype=np.float64)
    size = np.asarray(high, dtype=np.float64) - low
    return trimesh.Trimesh(low + _BOX_CORNERS * size, _BOX_FACES.copy(), process=False)


ROUNDED_BOX_SEGMENTS = 4
"""Facets per quarter circle of a rounded box's edges. Four 22.5 degree
steps keep a 2 mm round-over within 0.04 mm of the true arc, and each step
is below the preview's 40 degree crease angle, so the edge shades smoothly."""


def rounded_box(
    low: Sequence[float],
    high: Sequence[float],
    radius: float,
    segments: int = ROUNDED_BOX_SEGMENTS,
    levels: Sequence[float] = (),
) -> trimesh.Trimesh:
    """Return the axis-aligned box from ``low`` to ``high`` with every edge
    and corner rounded to ``radius``.

    The rounded solid is the box shrunk by ``radius`` on every side and
    grown again by a ball of that radius (a Minkowski sum). The vertices lie
    on its surface, so the mesh stays inside it, and the mesh's bounds are
    exactly ``low`` and ``high``.

    Parameters
    ----------
    low, high
        Opposite corners (x, y, z) in mm, ``low < high`` on every axis.
    radius
        Edge radius in mm, at least 0 and less than half the smallest side.
        0 returns ``box(low, high)``.
    segments
        Facets per quarter circle, even and at least 2.
    levels
        Heights (Z in mm, rising) of extra rings of vertices around the
        sides, each more than ``radius`` above ``low`` and below ``high``,
        where a caller may bend the sides, as a tapered leg does
        (``models3d.table``). Each adds ``8 * (s + 1)`` faces.

    Returns
    -------
    trimesh.Trimesh
        ``(s + 2)**3 - s**3`` vertices and ``12 * (s + 1)**2`` faces for
        ``s = segments`` and no levels, normals outward.

    Raises
    ------
    ValueError
        When the radius is negative or not less than half a side, the
        segment count is odd or below 2, or the levels do not rise inside
        the sides' straight part.
    """
    return trimesh.Trimesh(
        *rounded_box_arrays(low, high, radius, segments, levels), process=False
    )


def rounded_box_arrays(
    low: Sequence[float],
    high: Sequence[float],
    radius: float,
    segments: int = ROUNDED_BOX_SEGMENTS,
    levels: Sequence[float] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of ``rounded_box`` without making a
    mesh, for builders that go on to move the vertices.

    ``rounded_box`` describes the parameters and the errors raised.
    """
    low = np.asarray(low, dtype=np.float64)
    high = np.asarray(high, dtype=np.float64)
    if radius == 0.0 and not len(levels):
        return low + _BOX_CORNERS * (high - low), _BOX_FACES.copy()
    if segments < 2 or segments % 2:
        raise ValueError(
            f"a rounded box needs an even number of segments of at least 2, "
            f"got {segments}"
        )
    smallest = float((high - low).min())
    if not 0.0 < radius < smallest / 2.0:
        raise ValueError(
            f"a rounded box's radius must be at least 0 (more than 0 with "
            f"levels) and less than half its smallest side ({smallest:g} mm), "
            f"got {radius:g} mm"
        )
    straight = [float(low[2] + radius), *levels, float(high[2] - radius)]
    # Written so that a NaN level, which compares false, is rejected too.
    if not all(upper > lower for lower, upper in pairwise(straight)):
        raise ValueError(
            f"a rounded box's levels must rise between {straight[0]:g} and "
            f"{straight[-1]:g} mm, got {list(levels)}"
        )

    lattice, directions, faces = _rounded_box_lattice(segments, len(levels))
    half = segments // 2 + 1
    # Each vertex lies at the radius from the nearest point of the inner box,
    # in its lattice point's direction. The levels' rings lie on its sides.
    inner = np.concatenate(
        [
            np.repeat((low + radius)[:, None], half, 1),
            np.repeat((high - radius)[:, None], half, 1),
        ],
        axis=1,
    )
    centres = inner[np.arange(3), np.minimum(lattice, 2 * half - 1)]
    if len(levels):
        # Lattice samples past the first end's along Z are the levels, then
        # the second end's.
        along_z = np.concatenate([inner[2, :half], levels, inner[2, half:]])
        centres[:, 2] = along_z[lattice[:, 2]]
    vertices = centres + radius * directions
    # Flat faces sit exactly on the box's planes, whatever the rounding of
    # (low + radius) - radius.
    vertices = np.where(directions == -1.0, low, vertices)
    vertices = np.where(directions == 1.0, high, vertices)
    return vertices, faces.copy()


@cache
def _rounded_box_lattice(
    segments: int, levels: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return a rounded box's vertices as lattice indices (i, j, k), their
    unit directions from the inner box, and the faces, for ``rounded_box``.

    The lattice has ``segments + 2`` samples per axis, ``segments / 2 + 1``
    in the round-over at each end, and ``levels`` more along Z between the
    two ends' samples. Its vertices are those on the surface of the lattice
    box, and each cell of that surface is a quad split into two triangles.
    """
    size = segments + 2
    shape = np.array([size, size, size + levels])
    grid = np.indices(shape).reshape(3, -1).T
    lattice = grid[((grid == 0) | (grid == shape - 1)).any(axis=1)]
    number = np.full(shape, -1)
    number[tuple(lattice.T)] = np.arange(len(lattice))

    # A sample's offset from the flat part, in units of the radius, is the
    # tangent of its angle, so the directions step by equal angles. The
    # outermost sample is at 45 degrees, on the lattice cube's edge. The
    # levels lie on the flat part, at offset 0.
    half = segments // 2 + 1
    tangents = np.tan(np.arange(half) * (np.pi / 2.0 / segments))
    tangents[-1] = 1.0
    across = np.concatenate([-tangents[::-1], tangents])
    along_z = np.concatenate([-tangents[::-1], np.zeros(levels), tangents])
    offsets = np.column_stack(
        [across[lattice[:, 0]], across[lattice[:, 1]], along_z[lattice[:, 2]]]
    )
    directions = offsets / np.linalg.norm(offsets, axis=1)[:, None]

    faces = []
    for axis in range(3):
        # (axis, along, across) is a right-handed cycle of the axes, so a
        # quad that runs along, then across, faces +axis.
        along, across = (axis + 1) % 3, (axis + 2) % 3
        u, v = (
            plane.ravel()
            for plane in np.meshgrid(
                np.arange(shape[along] - 1), np.arange(shape[across] - 1), indexing="ij"
            )
        )
        for side in (0, shape[axis] - 1):
            corners = []
            for du, dv in ((0, 0), (1, 0), (1, 1), (0, 1)):
                index = np.empty((len(u), 3), dtype=np.int64)
                index[:, axis] = side
                index[:, along] = u + du
                index[:, across] = v + dv
                corners.append(number[tuple(index.T)])
            if side == 0:
                corners.reverse()
            faces.append(_split_quads(directions, *corners))
    return lattice, directions, np.concatenate(faces)


def _split_quads(
    directions: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray
) -> np.ndarray:
    """Split the quads (a, b, c, d), wound outward, into two triangles each.

    A quad is split along a-c unless d lies outside the plane of a, b and
    c, when b-d keeps the fold convex. Only quads on a corner are not flat,
    and their four vertices share one point of the inner box, so their
    directions decide the fold.
    """
    pa, pb, pc, pd = (directions[index] for index in (a, b, c, d))
    normal = np.cross(pb - pa, pc - pa)
    outside = (np.einsum("ij,ij->i", normal, pd - pa) > 1e-12)[:, None]
    first = np.where(outside, np.stack([a, b, d], -1), np.stack([a, b, c], -1))
    second = np.where(outside, np.stack([b, c, d], -1), np.stack([a, c, d], -1))
    return np.concatenate([first, second])


def rounded_box_volume(size: Sequence[float], radius: float) -> float:
    """Return the volume in mm³ of a box of ``size`` (x, y, z in mm) with
    every edge rounded to ``radius``, as a true round-over, not a mesh."""
    inner = np.asarray(size, dtype=np.float64) - 2.0 * radius
    a, b, c = (float(side) for side in inner)
    return (
        a * b * c
        + 2.0 * radius * (a * b + b * c + c * a)
        + np.pi * radius**2 * (a + b + c)
        + 4.0 / 3.0 * np.pi * radius**3
    )


def prism(outline: np.ndarray, height: float) -> tuple[np.ndarray, np.ndarray]:
    """Extrude a simple polygon from w = 0 to w = ``height``.

    Parameters
    ----------
    outline
        (k, 2) polygon (u, v) in mm, either winding, without holes. Points
        equal to their successor, such as a repeated first point, are
        dropped.
    height
        Extrusion length in mm, positive.

    Returns
    -------
    vertices
        (2k, 3) points (u, v, w): the outline at w = 0, then at ``height``.
    faces
        (4k - 4, 3) vertex indices for k distinct points, wound outward
        in the right-handed (u, v, w) frame. Map them to a right-handed
        frame (a rotation) to keep the winding.
    """
    outline = np.asarray(outline, dtype=np.float64)
    # A point repeating its successor would leave an edge without a face.
    # Each point's successor, as np.roll(-1) gives it, in fewer steps.
    following = np.concatenate([outline[1:], outline[:1]])
    repeats = np.all(outline == following, axis=1)
    outline = outline[~repeats]
    if signed_area(outline) < 0:
        outline = outline[::-1]
    count = len(outline)
    rings = np.array([count], dtype=np.uint32)
    cap = mapbox_earcut.triangulate_float64(outline, rings).reshape(-1, 3)
    around = np.arange(count)
    following = (around + 1) % count
    sides = np.concatenate(
        [
            np.stack([around, following, following + count], -1),
            np.stack([around, following + count, around + count], -1),
        ]
    )
    faces = np.concatenate([cap[:, ::-1], cap + count, sides])
    vertices = np.concatenate(
        [
            np.column_stack([outline, np.zeros(count)]),
            np.column_stack([outline, np.full(count, height)]),
        ]
    )
    return vertices, faces


def signed_area(points: np.ndarray) -> float:
    """Return the signed area of a closed 2D polygon, positive when CCW.

    Parameters
    ----------
    points
        (n, 2) vertices of the polygon, without repeating the first one.
    """
    x, y = points[:, 0], points[:, 1]
    # Each point's successor, as np.roll(-1) gives it, in fewer steps.
    next_x = np.concatenate([x[1:], x[:1]])
    next_y = np.concatenate([y[1:], y[:1]])
    return 0.5 * float(np.dot(x, next_y) - np.dot(next_x, y))


def revolve_profile(profile: np.ndarray, segments: int) -> trimesh.Trimesh:
    """Revolve a closed (radius, z) profile a full turn around the Z axis.

    Returns the mesh on the arrays of ``revolve_arrays``; see it for the
    parameters, the mesh and the errors raised.
    """
    return trimesh.Trimesh(*revolve_arrays(profile, segments), process=False)


def revolve_arrays(profile: np.ndarray, segments: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of a closed (radius, z) profile
    revolved a full turn around the Z axis.

    Parameters
    ----------
    profile
        (k, 2) closed polygon in the half-plane radius > 0, as (radius, z)
        in mm, without repeating the first point. Either winding is
        accepted.
    segments
        Number of steps around the axis. Vertices sit at angles
        ``2 pi j / segments``. With a multiple of 4, the profile's largest
        radius lands on the X and Y axes, so the X and Y extents equal twice
        that radius.

    Returns
    -------
    tuple of numpy.ndarray
        (segments * k, 3) vertices in mm and (2 * segments * k, 3) faces
        of a closed torus-like solid, normals outward.

    Raises
    ------
    ValueError
        When the profile touches or crosses the axis, or has fewer than
        three points.
    """
    profile = np.asarray(profile, dtype=np.float64)
    if profile.ndim != 2 or profile.shape[1] != 2 or len(profile) < 3:
        raise ValueError(
            f"a revolve profile must be (k >= 3, 2) points, got {profile.shape}"
        )
    if profile[:, 0].min() <= 0:
        raise ValueError(
            "a revolve profile must stay at radius > 0 to give a closed "
            f"solid, got a minimum radius of {profile[:, 0].min()} mm"
        )
    if signed_area(profile) < 0:
        profile = profile[::-1]

    count = len(profile)
    angles = 2.0 * np.pi * np.arange(segments) / segments
    cos, sin = np.cos(angles), np.sin(angles)
    vertices = np.empty((segments, count, 3))
    vertices[..., 0] = cos[:, None] * profile[None, :, 0]
    vertices[..., 1] = sin[:, None] * profile[None, :, 0]
    vertices[..., 2] = profile[None, :, 1]

    # Quad (a, b) on this meridian, (c, d) on the next one. With the profile
    # counter-clockwise in the (radius, z) plane, (a, c, b) faces outward.
    step = np.arange(segments)[:, None]
    point = np.arange(count)[None, :]
    a = step * count + point
    b = step * count + (point + 1) % count
    c = ((step + 1) % segments) * count + point
    d = ((step + 1) % segments) * count + (point + 1) % count
    # All the (a, c, b) faces, then all the (b, c, d) ones, each filled in
    # column by column.
    faces = np.empty((2, segments, count, 3), dtype=np.int64)
    for half, corners in enumerate(((a, c, b), (b, c, d))):
        for column, corner in enumerate(corners):
            faces[half, :, :, column] = corner
    return vertices.reshape(-1, 3), faces.reshape(-1, 3)


def loft(sections: Sequence[np.ndarray] | np.ndarray) -> trimesh.Trimesh:
    """Skin a series of closed cross-sections into one closed solid.

    Consecutive sections are joined by quads split into two triangles, and
    each end is closed by a fan around the centroid of its section.

    Parameters
    ----------
    sections
        Two or more (m, 3) arrays in mm, or one (count, m, 3) array, each
        a closed ring of points without repeating the first one, all with
        the same m and winding and with point i of one ring matching point
        i of the next. Each end
        section must be star-shaped around its centroid, so the fan cap
        does not fold over itself.

    Returns
    -------
    trimesh.Trimesh
        Closed mesh with ``len(sections) * m + 2`` vertices, wound so that its
        volume is positive.

    Raises
    ------
    ValueError
        When there are fewer than two sections or they differ in length.
    """
    vertices, faces = loft_arrays(sections)
    return trimesh.Trimesh(vertices, faces, process=False)


def loft_arrays(
    sections: Sequence[np.ndarray] | np.ndarray, wound_outward: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of ``loft(sections)`` without making a
    mesh, for builders that go on to change the faces.

    ``sections`` may also be one (count, m, 3) array. ``wound_outward``
    states that the faces as ``_loft_faces`` winds them face outward: each
    section's step from a point to the next, crossed with the step to the
    next section, points out of the loft. The signed volume that would
    check it is then skipped; it costs about 60 microseconds for an upper's
    loft of 50 sections of 36 points.
    """
    if len(sections) < 2:
        raise ValueError(f"a loft needs at least two sections, got {len(sections)}")
    if not isinstance(sections, np.ndarray):
        shapes = sorted({np.shape(section) for section in sections})
        if len(shapes) != 1:
            raise ValueError(
                f"loft sections must all be (m >= 3, 3) arrays, got shapes {shapes}"
            )
    rings = np.asarray(sections, dtype=np.float64)
    if rings.ndim != 3 or rings.shape[1] < 3 or rings.shape[2] != 3:
        raise ValueError(
            "loft sections must all be (m >= 3, 3) arrays, got shapes "
            f"{[rings.shape[1:]]}"
        )
    return loft_arrays_batch(rings[None], wound_outward)


def loft_arrays_batch(
    sections: np.ndarray, wound_outward: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of several lofts of one shape as the
    arrays of one mesh: each loft's arrays as ``loft_arrays`` gives them,
    the lofts in order, with the faces re-indexed.

    Parameters
    ----------
    sections
        (lofts, count, m, 3) array in mm: each loft's ``count >= 2``
        sections of ``m >= 3`` points, as ``loft_arrays`` takes them. The
        lofts must all wind the same way, because the first one's volume
        sets which way every loft's faces turn.
    wound_outward
        As ``loft_arrays`` takes it: the faces are kept as wound, without
        the first loft's volume.
    """
    lofts, count, size = sections.shape[:3]
    rings = sections.reshape(lofts, count * size, 3)
    # The end caps' centres are the end rings' means, worked out as
    # numpy.mean does: a sum divided by the count.
    ends = np.stack([sections[:, 0].sum(axis=1), sections[:, -1].sum(axis=1)], 1)
    vertices = np.concatenate([rings, ends / size], axis=1)
    faces = _loft_faces(count, size)
    if not wound_outward and signed_volume(vertices[0], faces) < 0:
        faces = faces[:, ::-1]
    offsets = np.arange(lofts)[:, None, None] * vertices.shape[1]
    return vertices.reshape(-1, 3), (faces + offsets).reshape(-1, 3)


def _loft_faces(count: int, size: int) -> np.ndarray:
    """Return the faces of a loft of ``count`` sections of ``size`` points:
    the sides, then the first section's cap and the last one's, each
    fanned from its centre (the two vertices after the sections' points).

    The sides list the first triangle of every quad, then the second ones.
    Each half runs band by band between consecutive sections, and within a
    band quad j runs from point j to the next point of its sections.

    The faces are written into one array column by column. For the
    sneaker's 14 lofts that takes about 0.2 ms less than stacking the
    columns did.
    """
    side_count = (count - 1) * size
    faces = np.empty((2 * side_count + 2 * size, 3), dtype=np.int64)
    # Each quad between two sections runs a, b on the first and c, d on the
    # second, and is split into the triangles (a, b, c) and (b, d, c).
    a = np.arange(side_count)
    # b is the point after a round its section: a + 1, except that a
    # section's last point is followed by its first.
    b = a + 1
    b[size - 1 :: size] -= size
    c = a + size
    d = b + size
    first_half = faces[:side_count]
    first_half[:, 0] = a
    first_half[:, 1] = b
    first_half[:, 2] = c
    second_half = faces[side_count : 2 * side_count]
    second_half[:, 0] = b
    second_half[:, 1] = d
    second_half[:, 2] = c

    around = np.arange(size)
    following = (around + 1) % size
    start_cap = faces[2 * side_count : 2 * side_count + size]
    start_cap[:, 0] = count * size
    start_cap[:, 1] = following
    start_cap[:, 2] = around
    end_offset = (count - 1) * size
    end_cap = faces[2 * side_count + size :]
    end_cap[:, 0] = count * size + 1
    end_cap[:, 1] = around + end_offset
    end_cap[:, 2] = following + end_offset
    return faces


def edge_ring(vertex_count: int, size: int, high: int, low: int) -> np.ndarray:
    """Return the indices of a loft's edge as a closed ring in plan: the
    ``high`` point of each section from the first to the last, then the
    ``low`` point back to the first. A loft ends with two centre points."""
    start = np.arange((vertex_count - 2) // size) * size
    return np.concatenate([start + high, (start + low)[::-1]])


def without(faces: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Return the faces that do not lie wholly on the ring's points."""
    on_ring = np.zeros(faces.max() + 1, dtype=bool)
    on_ring[ring] = True
    # numpy.compress takes a fraction of the time of a boolean index over
    # short rows.
    return np.compress(~all_corners(on_ring, faces), faces, axis=0)


# numpy reduces along a short last axis, as in ``mask[faces].any(axis=1)``,
# several times slower than it combines the three corners' values: 180
# against 21 microseconds for 10,000 faces here. The builds use these.
# Copying rows or columns of an (n, 3) array is slow the same way, so
# ``rows_where`` and ``turned`` copy them another way.


def rows_where(mask: np.ndarray, array: np.ndarray) -> np.ndarray:
    """Return the rows of ``array`` where ``mask`` is true, as
    ``array[mask]`` does.

    ``numpy.compress`` copies them in a fifth of the time of a boolean
    index for 10,000 faces (41 against 205 microseconds, numpy 2.4).
    """
    return np.compress(mask, array, axis=0)


def turned(faces: np.ndarray) -> np.ndarray:
    """Return (n, 3) faces wound the other way, as ``faces[:, ::-1]`` does.

    Gathering the columns by index takes a third of the time of copying
    the reversed view (12 against 37 microseconds for 10,000 faces).
    """
    return faces[:, [2, 1, 0]]


def any_corner(mask: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Return for each face whether ``mask`` is true at one of its corners
    or more, as ``mask[faces].any(axis=1)`` does."""
    return mask[faces[:, 0]] | mask[faces[:, 1]] | mask[faces[:, 2]]


def all_corners(mask: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Return for each face whether ``mask`` is true at all its corners, as
    ``mask[faces].all(axis=1)`` does."""
    return mask[faces[:, 0]] & mask[faces[:, 1]] & mask[faces[:, 2]]


def corner_count(mask: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Return for each face at how many of its corners ``mask`` is true, as
    ``mask[faces].sum(axis=1)`` does, in int8."""
    counts = mask[faces[:, 0]].view(np.int8) + mask[faces[:, 1]].view(np.int8)
    return counts + mask[faces[:, 2]].view(np.int8)


def corner_min(values: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Return each face's smallest value at its corners, as
    ``values[faces].min(axis=1)`` does."""
    low = np.minimum(values[faces[:, 0]], values[faces[:, 1]])
    return np.minimum(low, values[faces[:, 2]])


def point_bounds(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the lowest and the highest coordinate on each axis of (n, k)
    points, as ``points.min(axis=0)`` and ``points.max(axis=0)`` do.

    The axes are reduced along a transposed copy: numpy's reduction over
    the rows of an (n, 3) array takes about 25 times as long here.
    """
    along = np.ascontiguousarray(np.asarray(points).T)
    return along.min(axis=1), along.max(axis=1)


def corner_max(values: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Return each face's largest value at its corners, as
    ``values[faces].max(axis=1)`` does."""
    high = np.maximum(values[faces[:, 0]], values[faces[:, 1]])
    return np.maximum(high, values[faces[:, 2]])


def bridge_rings(
    vertices: np.ndarray, outer: np.ndarray, inner: np.ndarray
) -> np.ndarray:
    """Triangulate the band between two rings in plan, facing +Z.

    Parameters
    ----------
    vertices
        (n, 3) points in mm; only X and Y are used.
    outer, inner
        Vertex indices of two closed rings, both clockwise in plan, with
        ``inner`` inside ``outer``. ``edge_ring`` gives such rings.

    Returns
    -------
    numpy.ndarray
        (k, 3) faces on the rings' vertices and no others, so the band
        joins the edges of the meshes the rings belong to.
    """
    # mapbox_earcut left out a triangle between three nearly collinear ring
    # points, which opened the mesh. manifold3d's triangulator covers the
    # rings whole and winds its triangles as the rings run: the outer ring
    # counter-clockwise and the hole clockwise, so the band faces up.
    ring = np.concatenate([outer[::-1], inner])
    plan = [vertices[outer[::-1], :2], vertices[inner, :2]]
    return ring[manifold3d.triangulate(plan)]


def compact(vertices: np.ndarray, faces: np.ndarray) -> trimesh.Trimesh:
    """Return a mesh of these faces on only the vertices they use, in the
    vertices' order."""
    return trimesh.Trimesh(*compact_arrays(vertices, faces), process=False)


def compact_arrays(
    vertices: np.ndarray, faces: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of ``compact(vertices, faces)`` without
    making a mesh."""
    used = np.zeros(len(vertices), dtype=bool)
    used[faces] = True
    index = np.cumsum(used) - 1
    return rows_where(used, vertices), index[faces]


def interp_rows(x: np.ndarray, xp: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """Interpolate each row of ``fp`` over the same row of ``xp`` at that
    row of ``x``.

    The arithmetic is ``numpy.interp``'s, so row i equals
    ``numpy.interp(x[i], xp[i], fp[i])`` bit for bit.

    Parameters
    ----------
    x
        (n, k) points to interpolate at.
    xp
        (n, m) non-decreasing rows, m >= 2. A value may repeat, as where
        a polyline repeats a point, if ``fp`` repeats its value there too.
    fp
        (n, m) values at ``xp``, or (c, n, m) for c sets of values over the
        same ``xp``, which costs less than c calls.

    Returns
    -------
    numpy.ndarray
        (n, k) values, or (c, n, k). Points outside a row's ``xp`` take its
        end values.
    """
    rows, size = xp.shape
    # Numpy orders complex numbers by real part, then by imaginary part, so
    # with the row number as the real part the rows of ``xp`` make one
    # sorted array. One binary search then finds, for every x, how many
    # points of its row are at or below it.
    row = np.arange(rows)[:, None]
    keys = np.empty((rows, size), dtype=np.complex128)
    keys.real, keys.imag = row, xp
    points = np.empty(x.shape, dtype=np.complex128)
    points.real, points.imag = row, x
    start = row * size
    found = np.searchsorted(keys.ravel(), points.ravel(), side="right")
    # The last index whose xp is at or below each x, -1 below the row.
    index = found.reshape(x.shape) - start - 1
    last = size - 1
    low = np.minimum(np.maximum(index, 0), last - 1) + start
    x0, x1 = np.take(xp, low), np.take(xp, low + 1)
    values = np.reshape(fp, (-1, rows * size))
    f0, f1 = np.take(values, low, axis=1), np.take(values, low + 1, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (f1 - f0) / (x1 - x0)
        value = slope * (x - x0) + f0
    value = np.where(x == x0, f0, value)
    value = np.where(index < 0, np.take(values, start, axis=1), value)
    value = np.where(index >= last, np.take(values, start + last, axis=1), value)
    return value.reshape(np.shape(fp)[:-2] + x.shape)


def gradient(values: np.ndarray, axis: int) -> np.ndarray:
    """Return ``numpy.gradient(values, axis=axis)`` for unit spacing, bit for
    bit, in fewer numpy calls: central differences inside and one-sided
    differences at both ends. The axis needs at least two points."""
    before = (slice(None),) * (axis % values.ndim)
    slope = np.empty_like(values, dtype=np.float64)
    slope[(*before, slice(1, -1))] = (
        values[(*before, slice(2, None))] - values[(*before, slice(None, -2))]
    ) / 2.0
    slope[(*before, 0)] = values[(*before, 1)] - values[(*before, 0)]
    slope[(*before, -1)] = values[(*before, -1)] - values[(*before, -2)]
    return slope


def signed_volume(vertices: np.ndarray, faces: np.ndarray) -> float:
    """Return the signed volume in mm³ that closed triangles enclose,
    positive when they are wound outward."""
    # The sum of a . (b x c) over the triangles is written out on contiguous
    # coordinate arrays, because numpy.cross on (n, 3) rows takes several
    # times as long and every loft runs this check.
    x, y, z = np.ascontiguousarray(vertices.T)
    first, second, third = np.ascontiguousarray(faces.T)
    bx, by, bz = x[second], y[second], z[second]
    cx, cy, cz = x[third], y[third], z[third]
    volume = (
        x[first] @ (by * cz - bz * cy)
        + y[first] @ (bz * cx - bx * cz)
        + z[first] @ (bx * cy - by * cx)
    )
    return float(volume / 6.0)


def concatenate(meshes: Sequence[trimesh.Trimesh]) -> trimesh.Trimesh:
    """Join meshes into one, their vertices in order and faces re-indexed.

    Gives the arrays of ``trimesh.util.concatenate`` (trimesh 5.2) without
    copying visuals or metadata, which generators' meshes do not carry.
    For a few small meshes that takes a tenth of its time (0.07 against
    0.77 ms).
    """
    if not meshes:
        raise ValueError("concatenate needs at least one mesh, got none")
    offsets = np.cumsum([0] + [len(mesh.vertices) for mesh in meshes[:-1]])
    vertices = np.concatenate([mesh.vertices for mesh in meshes])
    faces = np.concatenate(
        [mesh.faces + offset for mesh, offset in zip(meshes, offsets, strict=True)]
    )
    return trimesh.Trimesh(vertices, faces, process=False)


def open_edges(faces: np.ndarray) -> np.ndarray:
    """Return the directed edges (k, 2) of ``faces`` that no face runs
    backwards, in the faces' order."""
    edges = faces[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2).astype(np.int64)
    size = int(edges.max()) + 1 if len(edges) else 1
    forward = edges[:, 0] * size + edges[:, 1]
    reverse = edges[:, 1] * size + edges[:, 0]
    ordered = np.sort(forward, kind="stable")
    place = np.minimum(np.searchsorted(ordered, reverse), max(len(ordered) - 1, 0))
    return edges[ordered[place] != reverse]


def closes_hole(
    new_faces: np.ndarray, removed: np.ndarray, border: np.ndarray | None = None
) -> bool:
    """Check that ``new_faces`` close the hole that taking ``removed`` out of
    a closed mesh leaves.

    No directed edge repeats among the new faces, and their open edges are
    the removed faces' open edges, in the same direction. That is, the new
    faces' edges, with the removed faces' border run backwards (the rest
    of the mesh's edges along the hole), pair up: each edge once each way.
    A caller that has the removed faces' open edges already, as (k, 2)
    directed ``border`` edges, saves finding them again.
    """
    if border is None:
        border = open_edges(removed)
    edges = np.concatenate(
        [new_faces[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2), border[:, ::-1]]
    )
    return edges_pair_up(edges)


def edges_pair_up(edges: np.ndarray) -> bool:
    """Check that (k, 2) directed ``edges`` run each edge once each way,
    as a closed surface's do, with no edge from a vertex to itself."""
    edges = np.asarray(edges, dtype=np.int64)
    return ends_pair_up(edges[:, 0], edges[:, 1])


def ends_pair_up(start: np.ndarray, end: np.ndarray) -> bool:
    """Check that the directed edges from ``start`` to ``end``, (k,) vertex
    indices each, pair up as ``edges_pair_up`` checks.

    Contiguous arrays, such as columns of faces taken one after another,
    take less time than the strided columns of (k, 2) edges.
    """
    if len(start) % 2:
        return False
    if not len(start):
        return True
    size = int(max(start.max(), end.max())) + 1
    # Each undirected edge c gives 2c one way and 2c + 1 the other, so the
    # sorted keys of a closed surface run 2c, 2c + 1 for each edge in turn.
    # An edge from a vertex to itself gives 2c and never 2c + 1, so it fails
    # that test too.
    keys = (np.minimum(start, end) * size + np.maximum(start, end)) * 2 + (start < end)
    # The stable sort (timsort for int64) merges the ascending runs that the
    # edges of consecutive faces leave in the keys. On the 15,070 keys of an
    # engraved band's bore it takes a quarter of the default sort's time.
    keys.sort(kind="stable")
    first, second = keys[0::2], keys[1::2]
    return not np.any(first & 1) and bool(np.all(second - first == 1))
