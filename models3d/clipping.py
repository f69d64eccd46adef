"""Cut a closed mesh with tools without a boolean.

A tool here is a region bounded by one face that the cut may cross and by
faces that must stay clear of the mesh. ``AboveLine`` is the region above a
line drawn in the side view, and ``AbovePlan`` a vertical prism over a
plan outline. ``cut`` clips the mesh's triangles against each tool in
turn. Against a line it splits the triangles whose edges cross the line's
face (marching triangles, each crossing solved on its edge). Against a
prism it cuts the triangles in plan with Clipper2 (manifold3d's
``CrossSection``), so the outline's corners become vertices however narrow
the prism is. It then closes the holes with rims triangulated on the
tools' faces, each face in its own 2D coordinates. Where a line's face
meets a prism's wall inside the mesh, the rim turns along a straight edge
between the corners that the clip leaves on the mesh's two surfaces.

The result is closed and wound as the input is. A clipped edge is straight
between two crossing points, so where the line bends inside a triangle,
the cut follows its chord.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import manifold3d
import numpy as np
import shapely
import trimesh
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

from models3d.meshing import (
    any_corner,
    compact_arrays,
    corner_count,
    prism,
    rows_where,
    signed_volume,
    turned,
)

logger = logging.getLogger(__name__)

BISECTION_STEPS = 12
"""Halvings of an edge before the last linear step that finds a crossing.

The line is straight between its points, so the last step is exact unless
one of those points falls in the final 1/4096 of the edge. Then the
crossing is off the face by far less than a micrometre."""

CHART_AREA_MM2 = -1e-9
"""Smallest signed area a rim triangle may have in its face's 2D
coordinates. A negative area means the triangulation folded over."""


class UnsupportedCut(ValueError):
    """A cut that ``cut`` does not build, such as one through a face of a
    tool that must stay clear of the mesh."""


@dataclass(frozen=True, eq=False)
class AboveLine:
    """The region above a line drawn in the side view (X, Z), across Y.

    Attributes
    ----------
    x, z
        (k,) points of the line in mm, X increasing.
    ceiling
        Z of the region's top in mm.
    half_width
        The region spans Y from -half_width to +half_width, in mm.

    Only the face above the line may cross the mesh. The ends at the first
    and last X, the sides and the ceiling must lie clear of it.
    """

    x: np.ndarray
    z: np.ndarray
    ceiling: float
    half_width: float

    def side_view(self) -> np.ndarray:
        """Return the region's outline in (X, Z) as (k + 2, 2) points."""
        line = np.column_stack([self.x, self.z])
        top = [[self.x[-1], self.ceiling], [self.x[0], self.ceiling]]
        return np.concatenate([line, top])

    def height(self, x: np.ndarray) -> np.ndarray:
        """Return the line's Z in mm at each X, straight between its points."""
        return np.interp(x, self.x, self.z)

    def contains(self, points: np.ndarray) -> np.ndarray:
        """Return whether each (n, 3) point lies in the region, its
        boundary included."""
        x, y, z = points.T
        return (
            (x >= self.x[0])
            & (x <= self.x[-1])
            & (np.abs(y) <= self.half_width)
            & (z <= self.ceiling)
            & (z >= self.height(x))
        )

    def crossings(self, inside: np.ndarray, outside: np.ndarray) -> np.ndarray:
        """Return where each edge from an inside to an outside point leaves
        the region through the face above the line.

        Raises
        ------
        UnsupportedCut
            When an edge leaves through another face.
        """
        step = outside - inside
        # Only X and Z of the points along the edges are needed, so only
        # those columns are worked out, each as its own contiguous array.
        start_x, start_z = np.ascontiguousarray(inside[:, [0, 2]].T)
        step_x, step_z = np.ascontiguousarray(step[:, [0, 2]].T)

        def above(t: np.ndarray) -> np.ndarray:
            return (start_z + t * step_z) - self.height(start_x + t * step_x)

        if np.any(above(np.ones(len(inside))) >= 0.0):
            raise UnsupportedCut(
                "an edge leaves the region above the line through its ends, "
                "sides or ceiling"
            )
        t = _solve(above, len(inside))
        points = inside + t[:, None] * step
        if np.any(
            (points[:, 0] <= self.x[0])
            | (points[:, 0] >= self.x[-1])
            | (np.abs(points[:, 1]) >= self.half_width)
            | (points[:, 2] >= self.ceiling)
        ):
            raise UnsupportedCut(
                "the line's face crosses the mesh at the region's ends or sides"
            )
        return points

    def clip(
        self, vertices: np.ndarray, faces: np.ndarray, labels: np.ndarray, flag: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Clip triangles against the region by marching triangles; see
        ``_clip_crossed``."""
        return _clip_crossed(vertices, faces, labels, self, flag)

    def chart(self, loops: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Return the (k, 3) points of each rim loop in 2D coordinates on
        the face above the line: (X, Y), in which a rim facing into the
        region runs counter-clockwise."""
        return [loop[:, :2] for loop in loops]


@dataclass(frozen=True, eq=False)
class AbovePlan:
    """A vertical prism over a plan outline, from ``floor`` up ``height`` mm.

    Attributes
    ----------
    outline
        (k, 2) points (X, Y) in mm, counter-clockwise, without repeating the
        first point.
    floor, height
        Z of the prism's bottom and its height, in mm.

    Only the prism's walls may cross the mesh. Its floor and top must lie
    clear of it.
    """

    outline: np.ndarray
    floor: float
    height: float

    @classmethod
    def of(cls, plan: Polygon, floor: float, height: float) -> AbovePlan:
        """Return the prism over a polygon's exterior."""
        ring = np.asarray(orient(plan).exterior.coords)
        return cls(ring[:-1], floor, height)

    def mesh(self) -> trimesh.Trimesh:
        """Build the prism as a closed mesh, for a boolean."""
        vertices, faces = prism(self.outline, self.height)
        vertices[:, 2] += self.floor
        return trimesh.Trimesh(vertices, faces, process=False)

    def contains(self, points: np.ndarray) -> np.ndarray:
        """Return whether each (n, 3) point lies in the prism."""
        z = points[:, 2]
        result = (z >= self.floor) & (z <= self.floor + self.height)
        candidates = np.flatnonzero(result)
        plan = Polygon(self.outline)
        result[candidates] = shapely.intersects_xy(
            plan, points[candidates, 0], points[candidates, 1]
        )
        return result

    def clip(
        self, vertices: np.ndarray, faces: np.ndarray, labels: np.ndarray, flag: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Clip triangles against the prism in plan; see ``_clip_plan``."""
        return _clip_plan(vertices, faces, labels, self, flag)

    def run(self, points: np.ndarray) -> tuple[np.ndarray, float]:
        """Return how far along the outline each (n, 3) point on the walls
        lies, from its first point, and the outline's length, in mm.

        Raises
        ------
        UnsupportedCut
            When a point is not on a wall.
        """
        start = self.outline
        side = np.roll(self.outline, -1, axis=0) - start
        length = np.hypot(side[:, 0], side[:, 1])
        nearest, u, gap = _nearest_segment(points[:, :2], start, side)
        if np.any(gap > 1e-6):
            raise UnsupportedCut("a rim point does not lie on the prism's walls")
        run = np.concatenate([[0.0], np.cumsum(length)])
        return run[nearest] + u * length[nearest], float(run[-1])

    def chart(self, loops: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Return the (k, 3) points of each rim loop in 2D coordinates on
        the walls, in which a rim facing into the prism runs
        counter-clockwise.

        They are (-s, Z), where s is the run along the outline in mm. The
        walls close around, so s is measured from the middle of the
        widest gap between the points, where no rim runs.

        Raises
        ------
        UnsupportedCut
            When a point is not on a wall, or a loop runs all the way
            around the walls, as where the prism cuts a hole that no other
            tool's face reaches.
        """
        points = np.concatenate(loops)
        s, perimeter = self.run(points)
        bounds = np.cumsum([0] + [len(loop) for loop in loops])
        for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
            steps = np.diff(s[begin:end], append=s[begin])
            turns = np.round(steps / perimeter).sum()
            if turns != 0:
                raise UnsupportedCut("a rim loop runs all the way around a prism")
        ordered = np.sort(s)
        gaps = np.diff(np.append(ordered, ordered[0] + perimeter))
        widest = int(gaps.argmax())
        seam = ordered[widest] + gaps[widest] / 2.0
        s = np.mod(s - seam, perimeter)
        chart = np.column_stack([-s, points[:, 2]])
        return np.split(chart, bounds[1:-1])


Tool = AboveLine | AbovePlan


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def _nearest_segment(
    points: np.ndarray, start: np.ndarray, step: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Find the nearest segment to each 2D point.

    ``start`` and ``step`` are (k, 2) segments shared by all points or
    (n, k, 2) per point; a zero step is a point. Returns each point's
    segment index, the fraction along it of the nearest point and the
    distance, in mm.
    """
    if start.ndim == 2:
        start, step = start[None], step[None]
    rx = points[:, 0, None] - start[..., 0]
    ry = points[:, 1, None] - start[..., 1]
    sx, sy = step[..., 0], step[..., 1]
    length = sx * sx + sy * sy
    with np.errstate(divide="ignore", invalid="ignore"):
        u = np.clip(np.where(length > 0.0, (rx * sx + ry * sy) / length, 0.0), 0, 1)
    dx, dy = rx - u * sx, ry - u * sy
    squared = dx * dx + dy * dy
    nearest = squared.argmin(axis=1)
    rows = np.arange(len(points))
    return nearest, u[rows, nearest], np.sqrt(squared[rows, nearest])


def _solve(value, count: int) -> np.ndarray:
    """Return for each of ``count`` edges the parameter in [0, 1] where
    ``value(t)``, at least 0 at t = 0 and below 0 at t = 1, reaches 0."""
    low, high = np.zeros(count), np.ones(count)
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2.0
        above = value(middle) >= 0.0
        low = np.where(above, middle, low)
        high = np.where(above, high, middle)
    at_low, at_high = value(low), value(high)
    return low + (high - low) * at_low / (at_low - at_high)


def _clip_crossed(
    vertices: np.ndarray,
    faces: np.ndarray,
    labels: np.ndarray,
    tool: AboveLine,
    flag: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Clip triangles against one tool, keeping what lies outside it; see
    ``_split_crossed``."""
    vertices, outside, _, labels = _split_crossed(vertices, faces, labels, tool, flag)
    return vertices, outside, labels


def _split_crossed(
    vertices: np.ndarray,
    faces: np.ndarray,
    labels: np.ndarray,
    tool: AboveLine,
    flag: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split triangles where they cross one tool's face.

    A triangle is split where its edges cross the tool's face, so a part of
    the tool narrower than the triangles could pass between their vertices
    unseen. Each crossed edge gets one new vertex, shared by both its
    triangles. New vertices carry ``flag`` in ``labels``, together with the
    flags both ends of their edge carry, so a vertex on two tools' faces
    has both.

    Returns
    -------
    vertices, outside, inside, labels
        The vertices with the crossings appended, the triangles outside the
        tool and those inside it, and the vertices' labels.
    """
    inside = tool.contains(vertices)
    count = corner_count(inside, faces)
    untouched = rows_where(count == 0, faces)
    within = rows_where(count == 3, faces)
    crossed = rows_where((count == 1) | (count == 2), faces)
    if len(crossed) == 0:
        return vertices, untouched, within, labels
    lone_inside = corner_count(inside, crossed) == 1
    # Rotate each triangle so that its lone vertex, inside or outside, is
    # first; the winding stays.
    # The lone vertex is the first whose side matches the lone side, as
    # argmax or argmin of the corners' sides finds it.
    first, second = (inside[crossed[:, k]] == lone_inside for k in (0, 1))
    lone = np.where(first, 0, np.where(second, 1, 2))
    rows = np.arange(len(crossed))[:, None]
    rotated = crossed[rows, (lone[:, None] + np.arange(3)) % 3]
    a, b, c = rotated.T

    ends = np.concatenate([np.stack([a, b], 1), np.stack([a, c], 1)])
    size = len(vertices)
    keys = np.minimum(ends[:, 0], ends[:, 1]) * size + np.maximum(
        ends[:, 0], ends[:, 1]
    )
    unique, first, index = np.unique(keys, return_index=True, return_inverse=True)
    edge = ends[first]
    start = np.where(inside[edge[:, 0]], edge[:, 0], edge[:, 1])
    end = np.where(inside[edge[:, 0]], edge[:, 1], edge[:, 0])
    points = tool.crossings(vertices[start], vertices[end])
    new_labels = flag | (labels[start] & labels[end])
    new = size + np.arange(len(unique))
    ab, ac = new[index[: len(rotated)]], new[index[len(rotated) :]]

    # The lone vertex's corner is one piece, the quad across from it two.
    corner = np.stack([a, ab, ac], 1)
    quad = np.concatenate([np.stack([ab, b, c], 1), np.stack([ab, c, ac], 1)])
    quad_inside = np.concatenate([~lone_inside, ~lone_inside])
    outside_faces = [untouched, quad[~quad_inside], corner[~lone_inside]]
    inside_faces = [within, quad[quad_inside], corner[lone_inside]]
    return (
        np.concatenate([vertices, points]),
        np.concatenate(outside_faces),
        np.concatenate(inside_faces),
        np.concatenate([labels, new_labels]),
    )


PLAN_TOLERANCE_MM = 1e-7
"""Distance within which a point of a clipped outline is taken to be a
triangle's corner, a point on its edge or a corner of the prism."""


def _clip_plan(
    vertices: np.ndarray,
    faces: np.ndarray,
    labels: np.ndarray,
    tool: AbovePlan,
    flag: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Clip triangles against a vertical prism, keeping what lies outside it.

    Each triangle the prism's outline meets in plan is cut as a polygon
    (see ``_plan_pieces``), so the outline's corners become vertices however
    narrow the prism is. The pieces are triangulated in plan on the
    triangle's own plane. A point where the outline crosses an edge is
    computed once for both triangles of the edge.

    Raises
    ------
    UnsupportedCut
        When a triangle the outline meets reaches the prism's floor or top,
        is vertical, or would keep a hole.
    """
    outline = Polygon(tool.outline)
    shapely.prepare(outline)
    # A triangle whose corners all lie beyond one side of the outline's
    # bounding box misses it (Cohen-Sutherland outcodes).
    low, high = tool.outline.min(axis=0), tool.outline.max(axis=0)
    x, y = vertices[:, 0], vertices[:, 1]
    code = (
        (x < low[0]).view(np.int8)
        | (x > high[0]).view(np.int8) << 1
        | (y < low[1]).view(np.int8) << 2
        | (y > high[1]).view(np.int8) << 3
    )
    near = np.flatnonzero(
        (code[faces[:, 0]] & code[faces[:, 1]] & code[faces[:, 2]]) == 0
    )
    corners = vertices[faces[near]]
    triangles = shapely.polygons(corners[:, :, :2])
    touching = shapely.intersects(outline, triangles)
    z = corners[:, :, 2]
    top = tool.floor + tool.height
    # Triangles wholly below the floor or above the top stay as they are.
    level = touching & np.any(z > tool.floor, axis=1) & np.any(z < top, axis=1)
    if np.any(z[level] <= tool.floor) or np.any(z[level] >= top):
        raise UnsupportedCut("a triangle the prism meets reaches its floor or top")
    near, triangles, corners = near[level], triangles[level], corners[level]
    if len(near) == 0:
        return vertices, faces, labels
    area = _plan_area(corners[:, :, :2])
    if np.any(np.abs(area) < PLAN_TOLERANCE_MM):
        raise UnsupportedCut("a triangle the prism meets is vertical in plan")
    within = shapely.within(triangles, outline)
    crossed, corners, area = near[~within], corners[~within], area[~within]
    points, ring_index, owner = _plan_pieces(corners[:, :, :2], area, tool.outline)

    index, new_points, new_labels = _identify(
        vertices, faces[crossed], labels, owner, points, tool, flag
    )
    new_faces = _fill_pieces(
        np.concatenate([vertices[:, :2], new_points[:, :2]]),
        index,
        ring_index,
        area[owner] > 0.0,
    )
    dropped = np.zeros(len(faces), dtype=bool)
    dropped[near] = True
    return (
        np.concatenate([vertices, new_points]),
        np.concatenate([faces[~dropped], new_faces]),
        np.concatenate([labels, new_labels]),
    )


def _plan_pieces(
    triangles: np.ndarray, area: np.ndarray, outline: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut (n, 3, 2) triangles in plan by a counter-clockwise outline.

    Each triangle less the outline is cut by Clipper2 (a manifold3d
    ``CrossSection``). On the default oxford's and sneaker's lacing slots
    this takes 0.5 to 0.8 ms of CPU, where GEOS (shapely's ``difference``
    and reading its rings) took 1.0 to 1.4 ms. Clipper2 rounds coordinates
    to 1e-8 mm, within ``PLAN_TOLERANCE_MM`` of the exact points, which
    ``_identify`` computes again from the triangles' edges and the outline.

    Returns
    -------
    points
        (k, 2) points of the pieces' rings, counter-clockwise, without
        repeating a ring's first point.
    ring_index, owner
        (k,) each point's ring, numbered in order, and its triangle's row.

    Raises
    ------
    UnsupportedCut
        When a piece has a hole, because the outline lies inside a triangle.
    """
    cutter = manifold3d.CrossSection([outline])
    rings = []
    owners = []
    for row, (triangle, signed) in enumerate(zip(triangles, area, strict=True)):
        # Clipper2 fills counter-clockwise contours (the positive fill rule).
        contour = triangle if signed > 0.0 else triangle[::-1]
        pieces = (manifold3d.CrossSection([contour]) - cutter).to_polygons()
        rings.extend(pieces)
        owners.extend([row] * len(pieces))
    if not rings:
        empty = np.empty(0, dtype=np.int64)
        return np.empty((0, 2)), empty, empty
    sizes = [len(ring) for ring in rings]
    ring_index = np.repeat(np.arange(len(rings)), sizes)
    owner = np.repeat(np.array(owners, dtype=np.int64), sizes)
    points = np.concatenate(rings)
    # A hole comes out as a clockwise ring of its own.
    starts = np.cumsum([0] + sizes[:-1])
    following = np.arange(1, len(points) + 1)
    following[np.cumsum(sizes) - 1] = starts
    if np.any(np.add.reduceat(_cross(points, points[following]), starts) <= 0.0):
        raise UnsupportedCut("the prism lies inside a triangle")
    return points, ring_index, owner


def _plan_area(triangles: np.ndarray) -> np.ndarray:
    """Return the signed plan area of (n, 3, 2) triangles."""
    a, b, c = triangles[:, 0], triangles[:, 1], triangles[:, 2]
    return 0.5 * _cross(b - a, c - a)


def _fill_pieces(
    plan: np.ndarray, index: np.ndarray, ring_index: np.ndarray, facing_up: np.ndarray
) -> np.ndarray:
    """Triangulate the pieces of clipped triangles in plan.

    ``index`` lists the pieces' vertices ring after ring, ``ring_index``
    numbers their rings in order and ``facing_up`` marks the points
    whose triangle faces up (counter-clockwise in plan). Each piece's
    triangles face as its triangle did.
    """
    # A point that repeats the one before it, as two outline points matched
    # to one vertex, adds no edge.
    previous = np.roll(index, 1)
    starts = np.flatnonzero(np.append(True, ring_index[1:] != ring_index[:-1]))
    previous[starts] = index[np.append(starts[1:], len(index)) - 1]
    keep = index != previous
    index, ring_index, facing_up = index[keep], ring_index[keep], facing_up[keep]
    starts = np.flatnonzero(np.append(True, ring_index[1:] != ring_index[:-1]))
    points = plan[index]
    following = np.roll(np.arange(len(index)), -1)
    ends = np.append(starts[1:], len(index))
    following[ends - 1] = starts
    twice_area = np.add.reduceat(_cross(points, points[following]), starts)
    pieces = []
    for begin, end, doubled, up in zip(
        starts, ends, twice_area, facing_up[starts], strict=True
    ):
        if end - begin < 3:
            continue
        members = index[begin:end]
        ring = points[begin:end]
        # The triangulator fills counter-clockwise rings, and returns a
        # counter-clockwise triangle as it is (manifold3d 3.5.4).
        if doubled < 0.0:
            members, ring = members[::-1], ring[::-1]
        if len(members) == 3 and doubled != 0.0:
            triangles = members[None]
        else:
            triangles = members[manifold3d.triangulate([ring])]
        pieces.append(triangles if up else triangles[:, ::-1])
    return np.concatenate(pieces) if pieces else np.empty((0, 3), dtype=np.int64)


def _identify(
    vertices: np.ndarray,
    faces: np.ndarray,
    labels: np.ndarray,
    owner: np.ndarray,
    points: np.ndarray,
    tool: AbovePlan,
    flag: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Match each point of the clipped outlines to a vertex.

    ``owner`` gives each (x, y) point's row in ``faces``. A point is a
    corner of its triangle, a crossing of one of its edges with a side of
    the prism's outline, or a corner of the outline inside the triangle.
    Crossings are computed from the edge and the side, the same for both
    triangles of an edge, and outline corners are lifted onto the
    triangle's plane.

    Returns
    -------
    index
        (n,) vertex index of each point, new vertices numbered from
        ``len(vertices)``.
    new_points, new_labels
        The new vertices in mm and their labels.
    """
    triangle = faces[owner]
    corner_plan = vertices[triangle][:, :, :2]
    index = np.full(len(points), -1)
    # Distances to the triangle's corners, then to its edges.
    _, _, corner_gap = _nearest_segment(points, corner_plan, np.zeros_like(corner_plan))
    at_corner = corner_gap < PLAN_TOLERANCE_MM
    matched = _nearest_segment(
        points[at_corner], corner_plan[at_corner], np.zeros_like(corner_plan[at_corner])
    )[0]
    index[at_corner] = triangle[at_corner, matched]
    edge = np.roll(corner_plan, -1, axis=1) - corner_plan
    edge_start, _, edge_gap = _nearest_segment(points, corner_plan, edge)
    on_edge = ~at_corner & (edge_gap < PLAN_TOLERANCE_MM)
    inner = ~at_corner & ~on_edge

    start = tool.outline
    side = np.roll(tool.outline, -1, axis=0) - start
    nearest_side = _nearest_segment(points[on_edge], start, side)[0]
    nearest_corner, _, gap = _nearest_segment(points[inner], start, np.zeros_like(side))
    if np.any(gap > PLAN_TOLERANCE_MM):
        raise UnsupportedCut("a clipped outline has a point of unknown origin")

    size = len(vertices)
    count = len(start)
    edge_start = edge_start[on_edge]
    first = triangle[on_edge, edge_start]
    second = triangle[on_edge, (edge_start + 1) % 3]
    low, high = np.minimum(first, second), np.maximum(first, second)
    sides = nearest_side
    # Keys of crossings, by edge and side, then of outline corners inside a
    # triangle, by triangle and corner, which are negative.
    keys = np.concatenate(
        [
            (low * size + high) * count + sides,
            -1 - (owner[inner] * count + nearest_corner),
        ]
    )
    _, first_of, inverse = np.unique(keys, return_index=True, return_inverse=True)
    crossings = len(low)
    new_points = np.empty((len(first_of), 3))
    new_labels = np.full(len(first_of), flag, dtype=np.int64)

    is_crossing = first_of < crossings
    pick = first_of[is_crossing]
    edge_low, edge_high, edge_side = low[pick], high[pick], sides[pick]
    step = vertices[edge_high] - vertices[edge_low]
    reach = start[edge_side] - vertices[edge_low, :2]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = _cross(reach, side[edge_side]) / _cross(step[:, :2], side[edge_side])
    if not np.all((t >= -1e-9) & (t <= 1.0 + 1e-9)):
        raise UnsupportedCut("an edge's crossing with the prism is out of reach")
    new_points[is_crossing] = vertices[edge_low] + np.clip(t, 0.0, 1.0)[:, None] * step
    new_labels[is_crossing] |= labels[edge_low] & labels[edge_high]

    pick = first_of[~is_crossing] - crossings
    corner = start[nearest_corner[pick]]
    a, b, c = (vertices[triangle[inner][pick, k]] for k in range(3))
    # Barycentric weights of the corner in the triangle's plan, for its Z.
    total = _cross(b[:, :2] - a[:, :2], c[:, :2] - a[:, :2])
    weight_b = _cross(corner - a[:, :2], c[:, :2] - a[:, :2]) / total
    weight_c = _cross(b[:, :2] - a[:, :2], corner - a[:, :2]) / total
    height = a[:, 2] + weight_b * (b[:, 2] - a[:, 2]) + weight_c * (c[:, 2] - a[:, 2])
    new_points[~is_crossing] = np.column_stack([corner, height])

    index[on_edge] = size + inverse[:crossings]
    index[inner] = size + inverse[crossings:]
    return index, new_points, new_labels


def cut(
    vertices: np.ndarray, faces: np.ndarray, tools: Sequence[Tool]
) -> trimesh.Trimesh:
    """Remove the union of ``tools`` from a closed mesh without a boolean.

    Parameters
    ----------
    vertices, faces
        A closed, consistently wound mesh in mm.
    tools
        At most as many tools as an int64 has bits. Each may cross the mesh
        only through one face (see ``AboveLine`` and
        ``AbovePlan``).

    Returns
    -------
    trimesh.Trimesh
        The mesh outside the tools, closed by rims on the tools' faces,
        without unused vertices.

    Raises
    ------
    UnsupportedCut
        When the cut crosses a face that must stay clear, a rim cannot be
        traced or triangulated, or the result is not closed.
    """
    vertices, faces = np.asarray(vertices), np.asarray(faces)
    labels = np.zeros(len(vertices), dtype=np.int64)
    for number, tool in enumerate(tools):
        vertices, faces, labels = tool.clip(vertices, faces, labels, 1 << number)
    rims = _closing_rims(vertices, faces, labels, tools)
    logger.debug(
        "cut %s tools without a boolean: %s rim triangles of %s",
        len(tools),
        sum(len(rim) for rim in rims),
        len(faces),
    )
    return _closed_mesh(vertices, np.concatenate([faces, *rims]))


def split(
    vertices: np.ndarray, faces: np.ndarray, tool: AboveLine
) -> tuple[trimesh.Trimesh, trimesh.Trimesh]:
    """Split a closed mesh into what lies outside a tool and what lies inside
    it, without a boolean.

    Both pieces are closed by the same rim on the tool's face, wound each
    piece's way. See ``cut`` for the mesh and the errors.

    Returns
    -------
    tuple of trimesh.Trimesh
        The piece outside the tool and the piece inside it, each without
        unused vertices.
    """
    outside, inside = split_arrays(vertices, faces, tool)
    return (
        trimesh.Trimesh(*outside, process=False),
        trimesh.Trimesh(*inside, process=False),
    )


def split_arrays(
    vertices: np.ndarray, faces: np.ndarray, tool: AboveLine
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Return ``split``'s pieces as (vertices, faces) pairs, without making
    meshes.

    A ``trimesh.Trimesh`` refers to itself through its helpers (``visual``,
    ``ray``, ``nearest``, ``permutate``), so reference counting never frees
    one. A mesh that a build drops keeps its arrays until the garbage
    collector reaches it.
    """
    vertices, faces = np.asarray(vertices), np.asarray(faces)
    labels = np.zeros(len(vertices), dtype=np.int64)
    # Only faces with a corner in the tool's bounding box can reach into
    # it. The others stay outside untouched.
    x, z = vertices[:, 0], vertices[:, 2]
    boxed = (x >= tool.x[0]) & (x <= tool.x[-1]) & (z >= tool.z.min())
    near = any_corner(boxed, faces)
    vertices, outside, inside, labels = _split_crossed(
        vertices, rows_where(near, faces), labels, tool, 1
    )
    rims = _closing_rims(vertices, outside, labels, (tool,))
    turned_rims = [turned(rim) for rim in rims]
    touched = rows_where(any_corner(labels != 0, inside), inside)
    check_closed(np.concatenate([touched, *turned_rims]), labels)
    far = rows_where(~near, faces)
    return (
        _closed_arrays(vertices, np.concatenate([far, outside, *rims])),
        _closed_arrays(vertices, np.concatenate([inside, *turned_rims])),
    )


def _closing_rims(
    vertices: np.ndarray, faces: np.ndarray, labels: np.ndarray, tools: Sequence[Tool]
) -> list[np.ndarray]:
    """Return the rims that close clipped triangles, after checking that
    they do."""
    # Only triangles at a vertex the cut added can have open edges.
    touched = rows_where(any_corner(labels != 0, faces), faces)
    rims = _rims(vertices, touched, labels, tools)
    check_closed(np.concatenate([touched, *rims]), labels)
    return rims


def _closed_mesh(vertices: np.ndarray, faces: np.ndarray) -> trimesh.Trimesh:
    """Return the mesh on the used vertices after checking that it encloses
    a positive volume."""
    return trimesh.Trimesh(*_closed_arrays(vertices, faces), process=False)


def _closed_arrays(
    vertices: np.ndarray, faces: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``_closed_mesh``'s vertices and faces without making a mesh."""
    if signed_volume(vertices, faces) <= 0.0:
        raise UnsupportedCut("the cut mesh encloses no positive volume")
    return compact_arrays(vertices, faces)


def _rims(
    vertices: np.ndarray, faces: np.ndarray, labels: np.ndarray, tools: Sequence[Tool]
) -> list[np.ndarray]:
    """Return the triangles that close the clipped mesh, one array per tool."""
    boundary = _boundary_edges(faces, labels)
    # The rim runs along each open edge the other way.
    rim = boundary[:, ::-1]
    shared = labels[rim[:, 0]] & labels[rim[:, 1]]
    if np.any(shared & (shared - 1)):
        raise UnsupportedCut("an open edge lies on two tools' faces at once")
    edges = {1 << n: rim[shared == 1 << n] for n in range(len(tools))}
    for flag_a, flag_b, pairs in _junctions(vertices, rim, shared, labels, tools):
        edges[flag_a] = np.concatenate([edges[flag_a], pairs])
        edges[flag_b] = np.concatenate([edges[flag_b], pairs[:, ::-1]])
    fills = []
    for number, tool in enumerate(tools):
        loops = _loops(edges[1 << number])
        if not loops:
            continue
        members = np.concatenate(loops)
        polygons = tool.chart([vertices[loop] for loop in loops])
        triangles = manifold3d.triangulate(polygons)
        corners = np.concatenate(polygons)[triangles]
        area = _cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
        if np.any(area < CHART_AREA_MM2):
            raise UnsupportedCut(f"the rim on tool {number} folds over itself")
        fills.append(members[triangles])
    return fills


def _boundary_edges(faces: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Return the open edges, as the faces run along them. Only edges
    between two vertices on tools' faces can be open."""
    start, end = _directed_edges(faces)
    between_labelled = (labels[start] != 0) & (labels[end] != 0)
    start, end = start[between_labelled], end[between_labelled]
    size = len(labels)
    if len(start) == 0:
        return np.empty((0, 2), dtype=faces.dtype)
    keys = np.sort(start * size + end, kind="stable")
    reverse = end * size + start
    # One sort and a search, where ``numpy.isin`` sorts both arrays together.
    place = np.minimum(np.searchsorted(keys, reverse), len(keys) - 1)
    open_edge = keys[place] != reverse
    return np.column_stack([start[open_edge], end[open_edge]])


def _directed_edges(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the start and end vertices of the faces' directed edges: every
    face's edge from corner 0 to 1, then from 1 to 2, then from 2 to 0.

    The columns are joined one after another, which takes a fraction of
    the time of indexing (n, 2) pairs of columns.
    """
    first, second, third = np.ascontiguousarray(faces.T)
    return (
        np.concatenate([first, second, third]),
        np.concatenate([second, third, first]),
    )


def _junctions(
    vertices: np.ndarray,
    rim: np.ndarray,
    shared: np.ndarray,
    labels: np.ndarray,
    tools: Sequence[Tool],
):
    """Yield the edges that join the rims where a line's face meets a
    prism's wall: the wall's flag, the line's flag and the edges, running
    as the rim on the wall runs.

    A corner is a vertex on both faces. The faces meet along a curve on the
    wall, and the region above the line lies above that curve, so the rim
    on the wall lies below it. Running counter-clockwise in the wall's
    coordinates (-s, Z), the rim follows the curve toward larger s: from
    each corner where it arrives along the wall to the next corner along
    the outline.
    """
    corner = labels & (labels - 1) != 0
    for flags in np.unique(labels[corner]):
        pair = [n for n in range(len(tools)) if int(flags) >> n & 1]
        kinds = {type(tools[n]) for n in pair}
        if len(pair) != 2 or kinds != {AboveLine, AbovePlan}:
            raise UnsupportedCut("a rim corner is not where a line meets a prism")
        wall = next(n for n in pair if isinstance(tools[n], AbovePlan))
        line = next(n for n in pair if n != wall)
        on_wall = rim[shared == 1 << wall]
        corners = np.flatnonzero(labels == flags)
        arriving = np.setdiff1d(np.intersect1d(corners, on_wall[:, 1]), on_wall[:, 0])
        leaving = np.setdiff1d(np.intersect1d(corners, on_wall[:, 0]), on_wall[:, 1])
        if len(arriving) != len(leaving):
            raise UnsupportedCut("the rims' corners do not pair up")
        run, perimeter = tools[wall].run(vertices[np.concatenate([arriving, leaving])])
        ahead = np.mod(
            run[len(arriving) :][None] - run[: len(arriving), None], perimeter
        )
        following = ahead.argmin(axis=1)
        if len(np.unique(following)) != len(following):
            raise UnsupportedCut("two rim corners lead to the same corner")
        yield 1 << wall, 1 << line, np.column_stack([arriving, leaving[following]])


def _loops(edges: np.ndarray) -> list[np.ndarray]:
    """Chain directed edges into closed loops of vertex indices.

    Raises
    ------
    UnsupportedCut
        When a vertex starts or ends more than one edge, or a chain does not
        close.
    """
    if len(edges) == 0:
        return []
    starts, ends = edges[:, 0], edges[:, 1]
    order = np.argsort(starts, kind="stable")
    ordered = starts[order]
    if np.any(ordered[1:] == ordered[:-1]) or not np.array_equal(
        ordered, np.sort(ends)
    ):
        raise UnsupportedCut("the rim's edges do not form simple closed loops")
    # Each edge's successor is the edge that starts where it ends. Loops
    # start from the last edge not yet in one, so they come out as they
    # did when chained through a dict with popitem.
    successor = order[np.searchsorted(ordered, ends)].tolist()
    vertex_of = starts.tolist()
    visited = [False] * len(edges)
    loops = []
    for first in range(len(edges) - 1, -1, -1):
        loop = []
        edge = first
        while not visited[edge]:
            visited[edge] = True
            loop.append(vertex_of[edge])
            edge = successor[edge]
        if loop:
            loops.append(np.array(loop))
    return loops


def check_closed(faces: np.ndarray, labels: np.ndarray) -> None:
    """Raise ``UnsupportedCut`` unless every edge at a labelled vertex
    (``labels`` not 0) is used once each way.

    A cut labels the vertices it adds, and the input mesh was closed, so
    only edges at those vertices can have lost their partner. ``faces``
    must include every triangle at a labelled vertex.
    """
    start, end = _directed_edges(faces)
    at_labelled = (labels[start] != 0) | (labels[end] != 0)
    start, end = start[at_labelled], end[at_labelled]
    size = len(labels)
    # The stable sort (timsort for int64) merges the ascending runs that
    # consecutive faces leave in the keys: a third of the default sort's
    # time on a boot's cut.
    keys = np.sort(start * size + end, kind="stable")
    reverse = np.sort(end * size + start, kind="stable")
    if np.any(keys[1:] == keys[:-1]) or not np.array_equal(keys, reverse):
        raise UnsupportedCut("the cut mesh is not closed and consistently wound")
