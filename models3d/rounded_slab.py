"""A slab of a star-shaped outline with its rim rounded, built with numpy.

The slab's back lies on Z = 0 and it is ``thickness`` high. Its rim's
cross-section has a quarter round of ``EDGE_RADIUS_FRACTION`` of the
thickness at each face and a straight band between them, and both faces
stay flat inside the rounds.
Each ring of the rim is the outline shrunk by the round's inset at that
height, sampled on the rays from one centre through the outline's points.
The outermost rings are the outline's own points, so the slab's extents are
the outline's and the thickness.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import shapely
import trimesh
from shapely.geometry import Polygon
from shapely.ops import polylabel

from models3d.meshing import signed_area

logger = logging.getLogger(__name__)

EDGE_RADIUS_FRACTION = 0.4
"""Radius of the rim's rounds over the thickness: a 1.5 mm pendant has
0.6 mm rounds and a 0.3 mm straight band between them."""

FLAT_EDGE_FRACTION = 0.1
"""Width of the narrow band of each flat face next to its round, over the
round's radius (see ``rim_profile``)."""

CENTRE_TOLERANCE_MM = 0.01
"""Tolerance of the search for the point from which the rim's rings are
sampled (see ``inset_rings``)."""

EDGE_STEPS = 6
"""Steps across each of the rim's two quarter rounds, 15 degrees each, so
that the preview shades the rim smoothly."""

FLAT_BORDER_MIN_MM = 2.0
"""Smallest inset of each face's border ring (see ``rim_profile``). The
faces' fans fill what the ring encloses, so it sets where the flat's
triangles change but not the slab's shape."""


def rim_profile(thickness: float) -> tuple[np.ndarray, np.ndarray]:
    """Return the rim's cross-section from the back's edge to the front's.

    Each face starts with two rings on the flat. The preview shades a
    smooth surface by blending vertex normals across each triangle, so the
    round's tilted normals blend only across a narrow band,
    ``FLAT_EDGE_FRACTION`` of the radius wide, inside the round. The face's
    border ring lies ``FLAT_BORDER_MIN_MM`` inside the outline, or farther
    inside that band, and the faces' fans fill what it encloses.

    Returns
    -------
    insets
        (k,) distances in mm inside the outline: the flat's border ring and
        its band's ring, then ``radius`` where each round meets its face,
        and 0 along the straight band.
    heights
        (k,) heights in mm, from 0 to ``thickness``.
    """
    radius = EDGE_RADIUS_FRACTION * thickness
    angles = np.linspace(0.0, np.pi / 2.0, EDGE_STEPS + 1)
    insets = radius - radius * np.sin(angles)
    heights = radius - radius * np.cos(angles)
    # Exact ends, so that the straight band lies on the outline.
    insets[-1], heights[-1] = 0.0, radius
    band = radius * (1.0 + FLAT_EDGE_FRACTION)
    border = max(FLAT_BORDER_MIN_MM, 1.5 * band)
    insets = np.concatenate([[border, band], insets])
    heights = np.concatenate([[0.0, 0.0], heights])
    return (
        np.concatenate([insets, insets[::-1]]),
        np.concatenate([heights, thickness - heights[::-1]]),
    )


def ray_angles(points: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Return the angles (radians, rising) of ``points`` seen from ``centre``.

    Raises
    ------
    ValueError
        When the points do not run once counter-clockwise around the
        centre, so that rays from it would meet the outline more than once.
    """
    offsets = points - centre
    angles = np.unwrap(np.arctan2(offsets[:, 1], offsets[:, 0]))
    if np.any(np.diff(angles) <= 0.0) or angles[-1] - angles[0] >= 2.0 * np.pi:
        raise ValueError(
            "the pendant's outline is not star-shaped around the point "
            f"({centre[0]:.3f}, {centre[1]:.3f}) mm, so its rim cannot be rounded"
        )
    return angles


def inset_rings(
    shape_outline: Polygon, insets: np.ndarray, centre: np.ndarray, angles: np.ndarray
) -> np.ndarray:
    """Return where rays from ``centre`` first meet the outline shrunk by
    each of ``insets`` (mm).

    The shrunk outline contains every point at least the inset inside the
    outline (a negative buffer), so it stays simple past a heart's point,
    where moving each point along its normal would cross over. Around a
    heart's notch it opens a slot whose walls run almost straight away
    from the centre. Taking the first meeting along each ray cuts that
    slot off, so each ring stays star-shaped. Every ring is sampled on the
    same rays, with the same number of points in order. Along each ray a
    deeper inset lies no farther out, so the loft's quads never cross.
    All the rings are shrunk in one GEOS call and met in one numpy pass.

    Returns
    -------
    numpy.ndarray
        (len(insets), len(angles), 2) points in mm, each ring
        counter-clockwise.

    Raises
    ------
    ValueError
        When a shrunk outline splits, or does not surround the centre,
        naming the inset.
    """
    insets = np.asarray(insets, dtype=np.float64)
    regular = _regular_insets(shape_outline, insets, centre, angles)
    if regular is not None:
        return regular
    # 16 segments per quarter circle, Polygon.buffer's default, because
    # shapely.buffer defaults to 8 (shapely 2.x).
    shrunk = shapely.buffer(shape_outline, -insets, quad_segs=16)
    for inset, polygon in zip(insets, shrunk, strict=True):
        if polygon.geom_type != "Polygon":
            raise ValueError(
                f"the pendant's outline splits when shrunk by {inset:.3f} mm for "
                "its rounded rim; choose a thinner pendant or a larger size"
            )
    exteriors = shapely.get_exterior_ring(shrunk)
    corners, ring_of_corner = shapely.get_coordinates(exteriors, return_index=True)
    # Each ring is closed, so an edge runs from every corner but a ring's
    # last to the next corner.
    edge_starts = np.flatnonzero(ring_of_corner[:-1] == ring_of_corner[1:])
    rays, edges = _ray_edge_pairs(corners, edge_starts, centre, angles)
    start = corners[edges]
    along = corners[edges + 1] - start
    offset = start - centre

    # centre + t * direction = start + s * along, for each ray and each edge
    # whose angular span contains the ray's angle.
    unit = np.column_stack([np.cos(angles), np.sin(angles)])
    direction = unit[rays]
    determinant = direction[:, 0] * along[:, 1] - direction[:, 1] * along[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = (offset[:, 0] * along[:, 1] - offset[:, 1] * along[:, 0]) / (
            determinant
        )
        share = (
            direction[:, 1] * offset[:, 0] - direction[:, 0] * offset[:, 1]
        ) / determinant
    # A ray through a corner meets both its edges within rounding.
    meets = (share >= -1e-9) & (share <= 1.0 + 1e-9) & (distance > 0.0)
    count = len(angles)
    first = np.full((len(insets), count), np.inf)
    ring_of_pair = ring_of_corner[edges]
    np.minimum.at(first, (ring_of_pair[meets], rays[meets]), distance[meets])
    missed = ~np.all(np.isfinite(first), axis=1)
    if missed.any():
        inset = insets[np.argmax(missed)]
        raise _not_surrounding(inset, centre)
    return centre + first[:, :, None] * unit


REGULAR_TOLERANCE = 1e-12
"""Relative spread of a polygon's radii and of its corners' angular steps
under which ``inset_rings`` takes it as regular."""


def _regular_insets(
    shape_outline: Polygon, insets: np.ndarray, centre: np.ndarray, angles: np.ndarray
) -> np.ndarray | None:
    """Return ``inset_rings``' rings of a regular polygon centred on
    ``centre`` whose corners lie on the rays, or ``None`` for any other.

    Shrunk by d, a regular polygon of n corners and circumradius r stays
    regular, with the same corner directions and a circumradius of
    r - d / cos(pi / n). So each ray meets it at a corner, as on a disc's
    outline. That is the negative buffer's result without the buffer,
    which took most of a disc pendant's rim.
    """
    points = np.asarray(shape_outline.exterior.coords)[:-1] - centre
    count = len(points)
    if count != len(angles) or count < 3:
        return None
    radii = np.hypot(points[:, 0], points[:, 1])
    radius = radii.mean()
    steps = np.diff(angles)
    step = 2.0 * np.pi / count
    regular = (
        np.ptp(radii) <= REGULAR_TOLERANCE * radius
        and np.ptp(steps) <= REGULAR_TOLERANCE * step
        and abs(steps[0] - step) <= REGULAR_TOLERANCE * step
    )
    if not regular:
        return None
    distance = radius - insets / np.cos(np.pi / count)
    if np.any(distance <= 0.0):
        inset = insets[np.argmax(distance <= 0.0)]
        raise _not_surrounding(inset, centre)
    unit = np.column_stack([np.cos(angles), np.sin(angles)])
    return centre + distance[:, None, None] * unit


def _not_surrounding(inset: float, centre: np.ndarray) -> ValueError:
    """Return the error for an outline that, shrunk by ``inset`` mm, leaves
    the rim's centre outside."""
    return ValueError(
        f"the pendant's outline shrunk by {inset:.3f} mm does not surround "
        f"the point ({centre[0]:.3f}, {centre[1]:.3f}) mm its rim is built "
        "around; choose a thinner pendant or a larger size"
    )


def _ray_edge_pairs(
    corners: np.ndarray, edge_starts: np.ndarray, centre: np.ndarray, angles: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return (ray, edge) index pairs where the edge's angular span, seen
    from ``centre``, contains the ray's angle.

    ``corners`` contains closed rings (first point repeated), and the edge
    from corner ``i`` to ``i + 1`` is named by ``i``, one for each of
    ``edge_starts``. ``angles`` rise through less than a full turn. Only
    these pairs can meet, which leaves a few candidates per ray instead of
    every edge.
    """
    turn = np.mod(
        np.arctan2(corners[:, 1] - centre[1], corners[:, 0] - centre[0]) - angles[0],
        2.0 * np.pi,
    )
    # Each edge spans the shorter arc between its ends.
    sweep = np.mod(turn[edge_starts + 1] - turn[edge_starts] + np.pi, 2.0 * np.pi)
    sweep -= np.pi
    low = turn[edge_starts] + np.minimum(sweep, 0.0)
    high = low + np.abs(sweep)
    # Rays a turn either side catch edges that span the turn's start.
    count = len(angles)
    relative = angles - angles[0]
    wrapped = np.concatenate([relative - 2.0 * np.pi, relative, relative + 2.0 * np.pi])
    first = np.searchsorted(wrapped, low - 1e-12, side="left")
    last = np.searchsorted(wrapped, high + 1e-12, side="right")
    spans = last - first
    edges = np.repeat(edge_starts, spans)
    within = np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans)
    rays = (np.repeat(first, spans) + within) % count
    return rays, edges


@dataclass(frozen=True)
class RoundedSlab:
    """A rounded slab's rings before they are joined into faces.

    Attributes
    ----------
    rings
        (k, n, 3) points in mm. Ring 0 is the back's border ring on Z = 0,
        ring k - 1 the front's, and the rim's rings lie between them. Each
        ring runs counter-clockwise and point i of every ring lies on ray i.
    centre
        (2,) start of the rays in mm, the faces' fan centre.
    thickness
        Height in mm.
    """

    rings: np.ndarray
    centre: np.ndarray
    thickness: float

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the vertices, the faces and each face's column.

        The vertices are the rings' points, then the back's and the front's
        fan centres. Column i lies between rays i and i + 1. The rim's faces
        come first, two per column and band, then each face's fan.
        """
        count, size = self.rings.shape[:2]
        vertices = np.concatenate(
            [
                self.rings.reshape(-1, 3),
                [[*self.centre, 0.0], [*self.centre, self.thickness]],
            ]
        )
        # Ring k runs counter-clockwise and ring k + 1 lies above or outside
        # it, so (a, b, c) and (b, d, c) face outward.
        ring = np.arange(count - 1)[:, None]
        point = np.arange(size)[None, :]
        a = ring * size + point
        b = ring * size + (point + 1) % size
        c, d = a + size, b + size
        around = np.arange(size)
        following = (around + 1) % size
        last = (count - 1) * size
        back = np.full(size, count * size)
        front = np.full(size, count * size + 1)
        faces = np.concatenate(
            [
                np.stack([a, b, c], -1).reshape(-1, 3),
                np.stack([b, d, c], -1).reshape(-1, 3),
                np.stack([back, following, around], -1),
                np.stack([front, around + last, following + last], -1),
            ]
        )
        rim_columns = np.tile(np.arange(size), 2 * (count - 1))
        columns = np.concatenate([rim_columns, around, around])
        return vertices, faces, columns

    def back_inner_faces(self) -> np.ndarray:
        """Return the indices, among ``arrays``' faces, of the back's faces
        that keep clear of the flat's outer ring: the fan and the band from
        the border ring to the band's ring.

        The back's flat on Z = 0 reaches out to the ring where its round
        starts (see ``rim_profile``), so these are the back's faces with no
        vertex on its flat's outline.
        """
        count, size = self.rings.shape[:2]
        columns = np.arange(size)
        return np.concatenate(
            [columns, (count - 1) * size + columns, 2 * (count - 1) * size + columns]
        )

    def back_inner_border(self) -> np.ndarray:
        """Return the border of ``back_inner_faces`` as one loop of vertex
        indices that runs with those faces: the band's ring, clockwise seen
        from +Z, from its point 1.

        That is the loop that tracing the faces' open edges in the order
        of ``arrays`` gives, so an engraving cut on it is the same.
        """
        size = self.rings.shape[1]
        return size + (1 - np.arange(size)) % size

    def mesh(self) -> trimesh.Trimesh:
        """Return the slab as a closed mesh, normals outward."""
        vertices, faces, _ = self.arrays()
        return trimesh.Trimesh(vertices, faces, process=False)


def rounded_slab(shape_outline: Polygon, thickness: float) -> RoundedSlab:
    """Return the rings of the outline's slab with its rim rounded.

    Parameters
    ----------
    shape_outline
        Simple polygon in mm, symmetric about the Y axis and star-shaped
        around the point on that axis level with the centre of its largest
        inscribed circle.
    thickness
        Height in mm; the back lies on Z = 0.

    Raises
    ------
    ValueError
        When the outline is not star-shaped around that point, or the
        deepest inset leaves the point outside, naming the inset.
    """
    outline_points = np.asarray(shape_outline.exterior.coords)[:-1]
    if signed_area(outline_points) < 0.0:
        outline_points = outline_points[::-1]
    # The rays start on the Y axis, level with the centre of the largest
    # circle inside the outline, because a heart's centroid lies so close
    # under its notch that the deeper insets leave it outside.
    centre = np.array([0.0, polylabel(shape_outline, CENTRE_TOLERANCE_MM).y])
    angles = ray_angles(outline_points, centre)
    insets, heights = rim_profile(thickness)

    plans = {0.0: outline_points}
    deeper = np.unique(insets[insets > 0.0])
    shrunk = inset_rings(shape_outline, deeper, centre, angles)
    plans.update(zip(deeper.tolist(), shrunk, strict=True))
    rings = np.empty((len(insets), len(outline_points), 3))
    for index, (inset, height) in enumerate(zip(insets, heights, strict=True)):
        rings[index, :, :2] = plans[float(inset)]
        rings[index, :, 2] = height
    return RoundedSlab(rings, centre, thickness)


def rounded_body(shape_outline: Polygon, thickness: float) -> trimesh.Trimesh:
    """Return the outline's slab with its rim rounded, as a closed mesh.

    Rings of ``rim_profile`` lofted around the outline and each face closed
    by a fan around the rays' centre, normals outward. See
    ``rounded_slab``.
    """
    return rounded_slab(shape_outline, thickness).mesh()
