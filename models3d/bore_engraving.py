"""Engraving cut into a band's bore as a boolean on the unrolled bore.

A band is a revolved profile (``models3d.meshing.revolve_profile``), so its
bore, unrolled, is a grid of cells in a plane. In that plane x runs around
the bore at its radius under the middle of the text and z along the axis.
Each cell is one step of the revolve by one edge of the profile. The text's glyphs are
subtracted from the cells they cross in that plane: the glyph outlines are
cut at the grid lines and split the cells into faces that lie either
outside every glyph or inside one (``models3d.grid_split``). Where an
outline touches a grid line or passes through a node, GEOS nodes the
outlines with the grid lines instead. Faces outside become the bore's
surface, faces inside the floor of the cut, ``depth`` further from the
axis, and every glyph edge a wall between the two.

The result is the solid that subtracting the bent text
(``models3d.engrave.bore_tool``) from the band gives: the same floor
radius, the same glyph outlines at the surface and radial walls. It costs
a few milliseconds instead of a 3D boolean over every triangle of the
band's wedge and the tool. A text that reaches beyond the bore's faces, or
a result that does not close, returns ``None``, and the caller cuts the
text with the 3D boolean instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np
import shapely
from shapely import affinity

from models3d.caching import bounded_cache
from models3d.engrave import (
    ENGRAVING_DEPTH_MM,
    bore_radius_function,
    check_engraving_length,
)
from models3d.glyphs import text_advance, text_outline
from models3d.grid_split import GridFaces, split_cells
from models3d.meshing import ends_pair_up, open_edges, signed_area
from models3d.sectors import Patch

logger = logging.getLogger(__name__)

ON_BORE_MM = 1e-9
"""Largest gap between a profile vertex and the bore for it to count as
lying on the bore."""

MARGIN_STEPS = 1
"""Whole steps of the revolve kept between the text and the patch's ends."""


def bore_patch(
    profile: np.ndarray,
    segments: int,
    text: str,
    letter_height: float,
    centre_z: float,
    centre_angle: float,
    depth: float = ENGRAVING_DEPTH_MM,
) -> Patch | None:
    """Return the engraved faces of a band's bore, or ``None``.

    Parameters
    ----------
    profile, segments
        The band's profile and steps, as given to ``revolve_profile``.
    text, letter_height, centre_z, centre_angle, depth
        As for ``models3d.engrave.bore_tool``.

    Returns
    -------
    Patch or None
        The faces that cut the text into the revolved band, or an empty
        patch for a text without glyphs. ``None`` when the text leaves the
        bore's faces or the patch does not close, so that the caller falls
        back to a 3D boolean.

    Raises
    ------
    EngravingError
        When the text would wrap too far around the bore.
    """
    profile = np.asarray(profile, dtype=np.float64)
    if signed_area(profile) < 0:
        profile = profile[::-1]
    bore_radius = bore_radius_function(profile)
    reference = float(bore_radius(np.array([centre_z]))[0])
    check_engraving_length(text, letter_height, reference)

    outline = text_outline(text, letter_height)
    if outline.is_empty:
        return _empty_patch()
    half_length = text_advance(text) * letter_height / 2.0
    offset = np.array([-half_length, centre_z - letter_height / 2.0])
    # The outline's bounds moved by the offset are those of the moved
    # outline, which only the GEOS split below needs.
    low_x, low_z, high_x, high_z = np.array(outline.bounds) + np.tile(offset, 2)

    rows = _bore_rows(profile, bore_radius, low_z, high_z)
    if rows is None:
        logger.debug("engraving %r reaches beyond the bore's faces", text)
        return None
    step = 2.0 * np.pi / segments
    first = int(np.floor((centre_angle - high_x / reference) / step)) - MARGIN_STEPS
    last = int(np.ceil((centre_angle - low_x / reference) / step)) + MARGIN_STEPS
    if last - first >= segments:
        return None
    meridians = np.arange(first, last + 1)
    bore = _Bore(profile, segments, meridians, rows, reference, centre_angle)
    grid_x, grid_z = bore.grid_x, bore.grid_z

    points, starts = _glyph_rings(text, letter_height)
    faces = _split_on_grid(points + offset, starts, grid_x, grid_z)
    patch = None if faces is None else _assemble(faces, bore, depth)
    if patch is None:
        logger.debug("engraving %r is split on the grid by GEOS", text)
        glyphs = affinity.translate(outline, *offset)
        patch = _assemble(_split_cells(glyphs, grid_x, grid_z), bore, depth)
    if patch is None:
        logger.debug("engraving %r did not close on the bore", text)
    return patch


def _empty_patch() -> Patch:
    return Patch(
        np.zeros(0, dtype=np.int64),
        np.zeros((0, 3)),
        np.zeros((0, 3), dtype=np.int64),
    )


def _bore_rows(
    profile: np.ndarray, bore_radius, low_z: float, high_z: float
) -> np.ndarray | None:
    """Return the profile's vertices, in its order, along the bore edges
    whose heights overlap the text's; or ``None``.

    The edges must follow one another in the profile, lie on the bore, and
    reach strictly past the text's lowest and highest points.
    """
    count = len(profile)
    radius, z = profile[:, 0], profile[:, 1]
    on_bore = np.abs(radius - bore_radius(z)) <= ON_BORE_MM
    following = np.arange(1, count + 1)
    following[-1] = 0
    start, end = z, z[following]
    overlaps = (np.maximum(start, end) > low_z) & (np.minimum(start, end) < high_z)
    along_bore = on_bore & on_bore[following] & (start != end)
    run = _contiguous(np.flatnonzero(overlaps & along_bore), count)
    if run is None:
        return None
    chain = np.array([*run, following[run[-1]]])
    heights = z[chain]
    rising = np.diff(heights)
    if not (np.all(rising > 0.0) or np.all(rising < 0.0)):
        return None
    if not (heights.min() < low_z and heights.max() > high_z):
        return None
    return chain


def _contiguous(indices: np.ndarray, count: int) -> list[int] | None:
    """Order profile indices into one run of neighbours, or return ``None``."""
    members = {int(index) for index in indices}
    start = next(
        (index for index in members if (index - 1) % count not in members), None
    )
    if start is None:
        return None
    run = [start]
    while (run[-1] + 1) % count in members:
        run.append((run[-1] + 1) % count)
    return run if len(run) == len(members) else None


@bounded_cache(maxsize=16)
def _glyph_rings(text: str, letter_height: float) -> tuple[np.ndarray, np.ndarray]:
    """Return the text's outline rings in its layout frame, interiors on
    their left, as (n, 2) points and (r + 1,) ring offsets."""
    outline = shapely.orient_polygons(text_outline(text, letter_height))
    rings = shapely.get_rings(shapely.get_parts(outline))
    xz, ring = shapely.get_coordinates(rings, return_index=True)
    # Leave out each ring's closing point, a copy of its first.
    closing = np.r_[ring[1:] != ring[:-1], True]
    xz, ring = xz[~closing], ring[~closing]
    starts = np.searchsorted(ring, np.arange(len(rings) + 1))
    xz.flags.writeable = False
    starts.flags.writeable = False
    return xz, starts


def _split_on_grid(points, starts, grid_x: np.ndarray, grid_z: np.ndarray):
    """Split the grid's cells by the rings with ``grid_split.split_cells``,
    which takes rising grid lines; ``None`` where it cannot."""
    x_falls, z_falls = grid_x[0] > grid_x[-1], grid_z[0] > grid_z[-1]
    faces = split_cells(
        points,
        starts,
        grid_x[::-1] if x_falls else grid_x,
        grid_z[::-1] if z_falls else grid_z,
    )
    if faces is None:
        return None
    touched = faces.touched
    if x_falls:
        touched = touched[::-1]
    if z_falls:
        touched = touched[:, ::-1]
    return replace(faces, touched=touched)


def _split_cells(glyphs, grid_x: np.ndarray, grid_z: np.ndarray) -> GridFaces:
    """Split the grid's cells by the glyphs with GEOS and triangulate them.

    GEOS nodes the glyph outlines with the grid lines and polygonizes them,
    which also copes with outlines that touch the grid's lines or nodes.
    """
    x_low, x_high = grid_x.min(), grid_x.max()
    z_low, z_high = grid_z.min(), grid_z.max()
    ends = np.concatenate(
        [
            np.stack(np.broadcast_arrays(grid_x[:, None], [[z_low, z_high]]), -1),
            np.stack(np.broadcast_arrays([[x_low, x_high]], grid_z[:, None]), -1),
        ]
    )
    linework = shapely.GeometryCollection(
        [shapely.multilinestrings(shapely.linestrings(ends)), glyphs.boundary]
    )
    faces = shapely.get_parts(shapely.polygonize([shapely.node(linework)]))
    shapely.prepare(glyphs)
    inner = shapely.get_coordinates(shapely.point_on_surface(faces))
    inside = shapely.contains_xy(glyphs, inner[:, 0], inner[:, 1])

    # A face with four corners, all on grid nodes, is a whole cell that no
    # glyph edge crosses.
    column = _cell_index(grid_x, inner[:, 0])
    row = _cell_index(grid_z, inner[:, 1])
    whole = ~inside & (shapely.get_num_coordinates(faces) == 5)
    corners = shapely.get_coordinates(faces[whole]).reshape(-1, 5, 2)[:, :4]
    whole[whole] = np.all(
        (_match(corners[..., 0], grid_x) >= 0) & (_match(corners[..., 1], grid_z) >= 0),
        axis=1,
    )
    touched = np.ones((len(grid_x) - 1, len(grid_z) - 1), dtype=bool)
    touched[column[whole], row[whole]] = False
    surface = _triangles(faces[~inside & ~whole])
    floor = _triangles(faces[inside])

    points, index = _unique_points(np.concatenate([surface, floor]))
    triangles = index.reshape(-1, 3)
    surface, floor = triangles[: len(surface)], triangles[len(surface) :]
    # Every edge of the floor's border is a glyph edge, glyph on its left.
    glyph_edges = open_edges(floor)
    return GridFaces(points, surface, floor, glyph_edges, touched)


def _cell_index(grid: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return the cell between two grid lines, rising or falling, of each value."""
    if grid[0] > grid[-1]:
        grid, values = -grid, -values
    return np.clip(np.searchsorted(grid, values) - 1, 0, len(grid) - 2)


def _triangles(faces: np.ndarray) -> np.ndarray:
    """Triangulate polygons and return (t, 3, 2) corners, counter-clockwise."""
    if len(faces) == 0:
        return np.zeros((0, 3, 2))
    # Each triangle is a polygon of four coordinates, the first repeated.
    triangles = shapely.constrained_delaunay_triangles(faces)
    corners = shapely.get_coordinates(triangles).reshape(-1, 4, 2)[:, :3]
    first, second, third = corners[:, 0], corners[:, 1], corners[:, 2]
    cross = (second[:, 0] - first[:, 0]) * (third[:, 1] - first[:, 1]) - (
        second[:, 1] - first[:, 1]
    ) * (third[:, 0] - first[:, 0])
    clockwise = cross < 0.0
    corners[clockwise] = corners[clockwise][:, ::-1]
    return corners[np.abs(cross) > 0.0]


@dataclass(frozen=True)
class _Bore:
    """The band's bore under the text and its grid, unrolled.

    ``meridians`` are the revolve's steps that bound the grid's columns,
    and ``rows`` the profile's vertices that bound its rows. ``reference``
    is the radius (mm) at which x is measured around the bore.
    """

    profile: np.ndarray
    segments: int
    meridians: np.ndarray
    rows: np.ndarray
    reference: float
    centre_angle: float

    @property
    def grid_x(self) -> np.ndarray:
        # x falls as the angle grows: the text runs clockwise seen from +Z.
        step = 2.0 * np.pi / self.segments
        return (self.centre_angle - step * self.meridians) * self.reference

    @property
    def grid_z(self) -> np.ndarray:
        return self.profile[self.rows, 1]


def _assemble(faces: GridFaces, bore: _Bore, depth: float) -> Patch | None:
    """Map the plane's triangles onto the band and join them with walls."""
    count, segments = len(bore.profile), bore.segments
    grid_size = segments * count
    points = faces.points

    # Surface points on the grid's nodes are the band's own vertices, so the
    # patch meets the rest of the band on its exact vertices.
    column = _match(points[:, 0], bore.grid_x)
    row = _match(points[:, 1], bore.grid_z)
    on_node = (column >= 0) & (row >= 0)
    on_surface = np.zeros(len(points), dtype=bool)
    on_surface[faces.surface] = True
    own = on_surface & ~on_node
    on_floor = np.zeros(len(points), dtype=bool)
    on_floor[faces.floor] = True
    surface_ids = np.full(len(points), -1)
    surface_ids[on_node] = (
        bore.meridians[column[on_node]] % segments
    ) * count + bore.rows[row[on_node]]
    surface_ids[own] = grid_size + np.arange(own.sum())
    floor_ids = np.full(len(points), -1)
    floor_ids[on_floor] = grid_size + own.sum() + np.arange(on_floor.sum())

    # The floor runs along a glyph edge start -> end and the surface
    # end -> start, so the wall runs start -> end at the top, then down.
    start, end = faces.glyph_edges[:, 0], faces.glyph_edges[:, 1]
    if np.any(surface_ids[faces.glyph_edges] < 0) or np.any(
        floor_ids[faces.glyph_edges] < 0
    ):
        return None
    walls = np.concatenate(
        [
            np.column_stack([surface_ids[start], surface_ids[end], floor_ids[end]]),
            np.column_stack([surface_ids[start], floor_ids[end], floor_ids[start]]),
        ]
    )

    # Rows follow the profile's order, so each cell's profile edge starts at
    # its row's vertex.
    steps = bore.meridians[:-1] % segments
    cells = (steps[:, None] * count + bore.rows[:-1][None, :])[faces.touched]
    patch = Patch(
        removed=np.concatenate([cells, cells + grid_size]),
        vertices=_on_facets(
            np.concatenate(
                [
                    np.compress(own, points, axis=0),
                    np.compress(on_floor, points, axis=0),
                ]
            ),
            bore,
            np.repeat([0.0, depth], [own.sum(), on_floor.sum()]),
        ),
        faces=np.concatenate(
            [surface_ids[faces.surface], floor_ids[faces.floor], walls]
        ),
    )
    return patch if _closes(patch, bore.profile, segments) else None


def _unique_points(triangles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct (x, z) corners of triangles and each corner's index.

    Sorting the points as complex numbers orders them by x, then z, many
    times faster than ``numpy.unique`` over rows.
    """
    flat = triangles.reshape(-1, 2)
    keys, index = np.unique(flat[:, 0] + 1j * flat[:, 1], return_inverse=True)
    return np.column_stack([keys.real, keys.imag]), index.ravel()


def _match(values: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Return each value's index in ``grid`` where equal, else -1."""
    order = np.argsort(grid)
    ordered = grid[order]
    position = np.minimum(np.searchsorted(ordered, values), len(grid) - 1)
    return np.where(ordered[position] == values, order[position], -1)


def _on_facets(
    points: np.ndarray, bore: _Bore, depth: float | np.ndarray
) -> np.ndarray:
    """Map (x, z) points of the unrolled bore to 3D, ``depth`` outside it,
    one depth (mm) for all points or one for each.

    Between two meridians a point moves along the chord that joins them.
    Each facet of the band is a flat trapezoid whose edges across it, at
    any height, are such chords, so a point of the surface lies on the
    band's own facet. Between two rows the bore's radius is linear in z.
    """
    grid_x = bore.grid_x
    angles = 2.0 * np.pi * bore.meridians / bore.segments
    # grid_x falls from one meridian to the next.
    column = np.searchsorted(-grid_x, -points[:, 0], side="right") - 1
    column = np.minimum(np.maximum(column, 0), len(grid_x) - 2)
    share = (grid_x[column] - points[:, 0]) / (grid_x[column] - grid_x[column + 1])
    heights, radii = bore.grid_z, bore.profile[bore.rows, 0]
    if heights[0] > heights[-1]:
        heights, radii = heights[::-1], radii[::-1]
    radius = np.interp(points[:, 1], heights, radii) + depth
    # The meridians' cosines and sines, looked up for each point.
    cos, sin = np.cos(angles), np.sin(angles)
    x = (1.0 - share) * cos[column] + share * cos[column + 1]
    y = (1.0 - share) * sin[column] + share * sin[column + 1]
    return np.column_stack([radius * x, radius * y, points[:, 1]])


def _closes(patch: Patch, profile: np.ndarray, segments: int) -> bool:
    """Check that the patch's faces close the hole its removed faces leave.

    Every edge inside the patch has one face on each side, and the edges on
    its border are the removed faces' border, in the same direction, as
    ``models3d.meshing.closes_hole`` checks.
    """
    border = _cells_border(patch.removed, len(profile), segments)
    if border is None:
        border = open_edges(_band_faces(patch.removed, len(profile), segments))
    # The faces' edges, each face's three in turn, and the border's run
    # backwards.
    faces = patch.faces.astype(np.int64, copy=False)
    start = np.concatenate([faces.ravel(), border[:, 1]])
    end = np.concatenate([faces[:, [1, 2, 0]].ravel(), border[:, 0]])
    return ends_pair_up(start, end)


def _cells_border(removed: np.ndarray, count: int, segments: int) -> np.ndarray | None:
    """Return the open edges of ``revolve_profile``'s faces by their
    indices, the edges ``open_edges`` finds in another order, or ``None``
    unless the faces are both faces of each of their cells.

    A cell's two faces run round it from its corner at (step, point) to
    (step + 1, point), (step + 1, point + 1) and (step, point + 1), and a
    side is open where the cell across it is not among them. This takes no
    sort, unlike ``open_edges``.
    """
    grid_size = segments * count
    first = removed < grid_size
    first_cells, second_cells = removed[first], removed[~first] - grid_size
    cells = np.zeros(grid_size, dtype=bool)
    cells[first_cells] = True
    step, point = np.divmod(np.flatnonzero(cells), count)
    size = len(step)
    if not (len(first_cells) == len(second_cells) == size):
        return None
    if not cells[second_cells].all():
        return None
    later, above = (step + 1) % segments, (point + 1) % count
    earlier, below = (step - 1) % segments, (point - 1) % count
    # Side s runs from corner s to corner s + 1; the cell across it is the
    # next one down, later, up or earlier.
    corners = np.stack([step, later, later, step]) * count + np.stack(
        [point, point, above, above]
    )
    across = np.stack([step, later, step, earlier]) * count + np.stack(
        [below, point, above, point]
    )
    open_sides = ~cells[across]
    return np.column_stack([corners[open_sides], corners[[1, 2, 3, 0]][open_sides]])


def _band_faces(indices: np.ndarray, count: int, segments: int) -> np.ndarray:
    """Return faces of ``revolve_profile``'s band by their indices."""
    grid_size = segments * count
    second = indices >= grid_size
    cell = indices % grid_size
    step, point = cell // count, cell % count
    a = step * count + point
    b = step * count + (point + 1) % count
    c = ((step + 1) % segments) * count + point
    d = ((step + 1) % segments) * count + (point + 1) % count
    first_faces = np.column_stack([a, c, b])
    second_faces = np.column_stack([b, c, d])
    return np.where(second[:, None], second_faces, first_faces)
