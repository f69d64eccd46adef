"""Polygons cut by the cells of an axis-aligned grid, in numpy.

The unrolled bore of a band is a grid of rectangular cells, and an
engraving's glyph outlines cut the cells they cross into faces inside and
outside the glyphs. Because the cells are axis-aligned, each outline edge
is cut at the grid lines it crosses by linear interpolation. Each cell's
faces are then traced, as in Weiler-Atherton clipping against a rectangle,
from the outline's pieces inside the cell (chains, which enter and leave
through the cell's sides) and the stretches of the cell's sides between
them. Cells that no outline crosses lie wholly inside or outside a glyph,
which the parity of the crossings below their corner decides.

The split needs every outline vertex clear of the grid lines, and every
crossing clear of the grid's nodes, by ``GRID_CLEARANCE_MM``. Where that
does not hold, or the outlines do not trace into faces, ``split_cells``
returns ``None`` and the caller nodes the outlines with GEOS instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import mapbox_earcut
import numpy as np
import shapely

GRID_CLEARANCE_MM = 1e-9
"""Smallest distance between an outline vertex and a grid line, and between
an outline's crossing of a grid line and a grid node."""

# Sides of a cell, counter-clockwise from the bottom. Side s runs from
# corner s to corner s + 1, and corner 0 has the cell's lowest x and z.
BOTTOM, RIGHT, TOP, LEFT = range(4)
CORNER_COLUMN = np.array([0, 1, 1, 0])
CORNER_ROW = np.array([0, 0, 1, 1])


@dataclass(frozen=True)
class GridFaces:
    """A grid's cells split into faces inside and outside polygons.

    Attributes
    ----------
    points
        (p, 2) corners (x, z) of the faces in mm.
    surface, floor
        (t, 3) triangles outside every polygon and inside one, as indices
        into ``points``, counter-clockwise.
    glyph_edges
        (g, 2) the polygons' edges, as cut by the grid, with the polygon on
        their left: the floor runs along each one way, the surface the
        other way.
    touched
        (columns, rows) mask of the cells the polygons touch. The other
        cells give no triangles.
    """

    points: np.ndarray
    surface: np.ndarray
    floor: np.ndarray
    glyph_edges: np.ndarray
    touched: np.ndarray


def split_cells(
    points: np.ndarray, starts: np.ndarray, xs: np.ndarray, zs: np.ndarray
) -> GridFaces | None:
    """Split a grid's cells by polygon rings and triangulate the faces.

    Parameters
    ----------
    points
        (n, 2) ring vertices (x, z) in mm, each ring without its closing
        point. Every ring has its polygon's interior on its left: exteriors
        run counter-clockwise, holes clockwise.
    starts
        (r + 1,) offsets of the rings in ``points``.
    xs, zs
        Rising grid lines in mm. The rings lie strictly inside the grid.

    Returns
    -------
    GridFaces or None
        ``None`` when an outline comes within ``GRID_CLEARANCE_MM`` of the
        grid or does not trace into faces. The points are the cut rings'
        points followed by the grid's nodes, node (i, j) at ``i *
        len(zs) + j``.
    """
    # Each vertex's place among the grid lines, on each axis.
    bands = (np.searchsorted(xs, points[:, 0]), np.searchsorted(zs, points[:, 1]))
    if not (
        _clear_of(points[:, 0], xs, bands[0]) and _clear_of(points[:, 1], zs, bands[1])
    ):
        return None
    cut = _cut_rings(points, starts, xs, zs, bands)
    if cut is None:
        return None
    grid = _Grid(xs, zs, len(cut.xz))
    loose = np.add.reduceat((cut.line_axis >= 0).astype(np.int64), cut.starts[:-1]) == 0
    chains = _chains(cut, ~loose)
    events = _events(cut, chains, grid)
    if events is None:
        return None

    cells = grid.columns * grid.rows
    has_events = np.zeros(cells, dtype=bool)
    has_events[chains.cell] = True
    has_loose = np.zeros(cells, dtype=bool)
    has_loose[cut.cell[cut.starts[:-1][loose]]] = True
    inside_whole = _inside_nodes(cut, grid)[:-1, :-1].ravel() & ~has_events
    surface, floor = _faces(chains, events, grid)
    polygons = ([], [])
    if has_loose.any():
        polygons = _loose_cells(
            cut, surface, floor, loose, has_loose, has_events, inside_whole, grid
        )
        if polygons is None:
            return None
        surface, floor = surface.without(has_loose), floor.without(has_loose)

    table = np.concatenate([cut.xz, grid.nodes])
    triangles = _triangulate(table, [surface, floor], polygons)
    if triangles is None:
        return None
    surface_triangles, floor_triangles = triangles
    whole = np.flatnonzero(inside_whole & ~has_loose)
    floor_triangles = np.concatenate([floor_triangles, grid.cell_triangles(whole)])
    return GridFaces(
        points=table,
        surface=surface_triangles,
        floor=floor_triangles,
        glyph_edges=np.column_stack([np.arange(len(cut.xz)), cut.following]),
        touched=(has_events | has_loose | inside_whole).reshape(
            grid.columns, grid.rows
        ),
    )


def _clear_of(
    values: np.ndarray, lines: np.ndarray, position: np.ndarray | None = None
) -> bool:
    """Check that values lie strictly inside the lines and clear of each.

    ``position`` is ``np.searchsorted(lines, values)`` when the caller has
    it.
    """
    if position is None:
        position = np.searchsorted(lines, values)
    if not len(values):
        return True
    if position.min() == 0 or position.max() == len(lines):
        return False
    gap = np.minimum(lines[position] - values, values - lines[position - 1])
    return bool((gap > GRID_CLEARANCE_MM).all())


class _Grid:
    """The grid's lines, and its nodes' point indices after ``first_node``."""

    def __init__(self, xs: np.ndarray, zs: np.ndarray, first_node: int):
        self.xs, self.zs = xs, zs
        self.columns, self.rows = len(xs) - 1, len(zs) - 1
        self.first_node = first_node
        node_x, node_z = np.meshgrid(xs, zs, indexing="ij")
        self.nodes = np.column_stack([node_x.ravel(), node_z.ravel()])

    def corner(self, cell: np.ndarray, corner: np.ndarray) -> np.ndarray:
        """Return the point index of a corner (0 to 3) of each flat cell."""
        column, row = np.divmod(cell, self.rows)
        column, row = column + CORNER_COLUMN[corner], row + CORNER_ROW[corner]
        return self.first_node + column * len(self.zs) + row

    def cell_triangles(self, cells: np.ndarray) -> np.ndarray:
        """Return two counter-clockwise triangles for each whole cell."""
        low, right, high, left = (
            self.corner(cells, np.full(len(cells), c)) for c in range(4)
        )
        return np.concatenate(
            [np.column_stack([low, right, high]), np.column_stack([low, high, left])]
        )


@dataclass(frozen=True)
class _Cut:
    """The rings with a point added wherever an edge crosses a grid line.

    ``xz`` contains the (n, 2) points in ring order and ``starts`` the ring
    offsets. ``line_axis`` is 0 at a crossing of an x line, 1 at a crossing
    of a z line and -1 at an original vertex, and ``line`` is the index of
    the line crossed. ``cell`` is the flat cell index (column * rows + row)
    of the edge that starts at each point, and ``following`` the next point
    of the same ring.
    """

    xz: np.ndarray
    starts: np.ndarray
    line_axis: np.ndarray
    line: np.ndarray
    cell: np.ndarray
    following: np.ndarray


def _following(starts: np.ndarray) -> np.ndarray:
    """Return the index of the next point of the same ring, for each point."""
    following = np.arange(1, starts[-1] + 1)
    following[starts[1:] - 1] = starts[:-1]
    return following


def _ramp(counts: np.ndarray) -> np.ndarray:
    """Return 0, 1, ..., counts[i] - 1 for each i, one after another."""
    return np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)


def _cut_rings(points, starts, xs, zs, bands) -> _Cut | None:
    """Cut every ring edge at the grid lines it crosses; ``bands`` gives
    each point's ``np.searchsorted`` place among ``xs`` and among ``zs``."""
    count = len(points)
    following = _following(starts)
    end = np.take(points, following, axis=0)
    edge, share, xz = [np.arange(count)], [np.zeros(count)], [points]
    line_axis, line = [np.full(count, -1)], [np.full(count, -1)]
    for axis, lines in enumerate((xs, zs)):
        band = bands[axis]
        end_band = band[following]
        crossed = np.abs(end_band - band)
        on_edge = np.repeat(np.arange(count), crossed)
        index = np.minimum(band, end_band)[on_edge] + _ramp(crossed)
        start = np.take(points, on_edge, axis=0)
        stop = np.take(end, on_edge, axis=0)
        along = (lines[index] - start[:, axis]) / (stop[:, axis] - start[:, axis])
        other = 1 - axis
        crossing = np.empty((len(on_edge), 2))
        crossing[:, axis] = lines[index]
        crossing[:, other] = start[:, other] + along * (
            stop[:, other] - start[:, other]
        )
        # A crossing next to a node would leave the cells of the edge's
        # pieces to rounding.
        if not _clear_of(crossing[:, other], (xs, zs)[other]):
            return None
        edge.append(on_edge)
        share.append(along)
        xz.append(crossing)
        line_axis.append(np.full(len(on_edge), axis))
        line.append(index)

    edge, share = np.concatenate(edge), np.concatenate(share)
    order = np.lexsort((share, edge))
    xz = np.take(np.concatenate(xz), order, axis=0)
    ring_sizes = np.add.reduceat(np.bincount(edge, minlength=count), starts[:-1])
    cut_starts = np.concatenate([[0], np.cumsum(ring_sizes)])
    cut_following = _following(cut_starts)
    middle = (xz + np.take(xz, cut_following, axis=0)) / 2.0
    column = np.searchsorted(xs, middle[:, 0]) - 1
    row = np.searchsorted(zs, middle[:, 1]) - 1
    return _Cut(
        xz=xz,
        starts=cut_starts,
        line_axis=np.concatenate(line_axis)[order],
        line=np.concatenate(line)[order],
        cell=column * (len(zs) - 1) + row,
        following=cut_following,
    )


@dataclass(frozen=True)
class _Chains:
    """The pieces of the rings inside one cell each, from the crossing where
    a ring enters the cell to the crossing where it leaves.

    ``points`` lists the cut's point indices chain after chain, ``offsets``
    (c + 1,) where each chain starts in it, ``cell`` each chain's cell.
    """

    points: np.ndarray
    offsets: np.ndarray
    cell: np.ndarray

    @property
    def entry(self) -> np.ndarray:
        return self.points[self.offsets[:-1]]

    @property
    def exit(self) -> np.ndarray:
        return self.points[self.offsets[1:] - 1]


def _chains(cut: _Cut, crossing_rings: np.ndarray) -> _Chains:
    """Split the rings that cross grid lines into chains, one per cell."""
    crossing = cut.line_axis >= 0
    ring_of = np.repeat(np.arange(len(cut.starts) - 1), np.diff(cut.starts))
    first = np.full(len(cut.starts) - 1, -1)
    positions = np.flatnonzero(crossing)
    first[ring_of[positions][::-1]] = positions[::-1]

    # Each crossing ring, started at its first crossing and closed by that
    # crossing again, is a run of chains that share their end points.
    rings = np.flatnonzero(crossing_rings)
    ring_size = np.diff(cut.starts)[rings]
    sizes = ring_size + 1
    turned = np.repeat(first[rings] - cut.starts[rings], sizes) + _ramp(sizes)
    run = np.repeat(cut.starts[rings], sizes) + turned % np.repeat(ring_size, sizes)
    boundaries = np.flatnonzero(crossing[run])
    # A run's last point closes it and starts no chain.
    closing = np.zeros(len(run), dtype=bool)
    closing[np.cumsum(sizes) - 1] = True
    starts = boundaries[~closing[boundaries]]
    stops = boundaries[np.searchsorted(boundaries, starts) + 1]

    lengths = stops - starts + 1
    chain_points = np.repeat(starts, lengths) + _ramp(lengths)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    return _Chains(run[chain_points], offsets, cut.cell[run[starts]])


@dataclass(frozen=True)
class _Events:
    """Links from each chain to the next along its cell's sides.

    A face inside the polygons leaves chain j at its exit and follows the
    sides counter-clockwise to the entry of chain ``after_exit[j]``, from
    side ``exit_side[j]`` past ``exit_corners[j]`` of the cell's corners. A
    face outside leaves chain j at its entry and follows the sides to the
    exit of chain ``after_entry[j]`` in the same way.
    """

    after_exit: np.ndarray
    exit_side: np.ndarray
    exit_corners: np.ndarray
    after_entry: np.ndarray
    entry_side: np.ndarray
    entry_corners: np.ndarray


def _events(cut: _Cut, chains: _Chains, grid: _Grid) -> _Events | None:
    """Order the chains' entries and exits around their cells."""
    count = len(chains.cell)
    point = np.concatenate([chains.entry, chains.exit])
    cell = np.concatenate([chains.cell, chains.cell])
    column, row = np.divmod(cell, grid.rows)
    axis, line = cut.line_axis[point], cut.line[point]
    x, z = cut.xz[point, 0], cut.xz[point, 1]
    side = np.full(2 * count, -1)
    key = np.zeros(2 * count)
    for cell_side, on_axis, at, along in (
        (BOTTOM, 1, row, x),
        (RIGHT, 0, column + 1, z),
        (TOP, 1, row + 1, -x),
        (LEFT, 0, column, -z),
    ):
        on_side = (axis == on_axis) & (line == at)
        side[on_side] = cell_side
        key[on_side] = along[on_side]
    if np.any(side < 0):
        return None

    # Sides run 0 to 3, so this orders the points by cell, side and key.
    order = np.lexsort((key, cell * 4 + side))
    cell, side, key = cell[order], side[order], key[order]
    chain = order % count
    is_entry = order < count
    changes = np.flatnonzero(cell[1:] != cell[:-1]) + 1
    bounds = np.concatenate([[0], changes, [len(cell)]])
    group_start, group_size = bounds[:-1], np.diff(bounds)
    position = np.arange(len(cell))
    group_end = np.repeat(group_start + group_size, group_size)
    following = np.where(
        position + 1 < group_end, position + 1, np.repeat(group_start, group_size)
    )
    # Around a cell, entries and exits alternate, each at its own point.
    if np.any(is_entry[following] == is_entry):
        return None
    if np.any((side[following] == side) & (key[following] == key)):
        return None
    corners = (side[following] - side) % 4
    corners[(corners == 0) & (following < position)] = 4

    # The sorted place of each chain's entry, then of each chain's exit.
    placed = np.empty(2 * count, dtype=np.int64)
    placed[order] = np.arange(2 * count)
    entry, exit_ = placed[:count], placed[count:]
    after = chain[following]
    return _Events(
        after_exit=after[exit_],
        exit_side=side[exit_],
        exit_corners=corners[exit_],
        after_entry=after[entry],
        entry_side=side[entry],
        entry_corners=corners[entry],
    )


def _inside_nodes(cut: _Cut, grid: _Grid) -> np.ndarray:
    """Return which grid nodes lie inside a polygon, (len(xs), len(zs)).

    A node is inside when an odd number of outline crossings lies below it
    on its x line, because the grid's lowest line lies below every outline.
    """
    on_x_line = cut.line_axis == 0
    rows_below = np.searchsorted(grid.zs, cut.xz[on_x_line, 1])
    counts = np.zeros((len(grid.xs), len(grid.zs) + 1), dtype=np.int64)
    np.add.at(counts, (cut.line[on_x_line], rows_below), 1)
    return (np.cumsum(counts, axis=1)[:, : len(grid.zs)] % 2).astype(bool)


@dataclass(frozen=True)
class _Faces:
    """Traced faces: ``points`` (v,) point indices one face after another,
    ``offsets`` (f + 1,) where each face starts, ``cell`` each face's cell."""

    points: np.ndarray
    offsets: np.ndarray
    cell: np.ndarray

    def without(self, cells: np.ndarray) -> _Faces:
        """Leave out the faces in the cells of a flat cell mask."""
        keep = ~cells[self.cell]
        sizes = np.diff(self.offsets)
        return _Faces(
            self.points[np.repeat(keep, sizes)],
            np.concatenate([[0], np.cumsum(sizes[keep])]),
            self.cell[keep],
        )

    def outline(self, face: int) -> np.ndarray:
        return self.points[self.offsets[face] : self.offsets[face + 1]]

    @staticmethod
    def joined(groups: Sequence[_Faces]) -> _Faces:
        """Return the faces of all groups, one group after another."""
        sizes = np.concatenate([np.diff(group.offsets) for group in groups])
        return _Faces(
            np.concatenate([group.points for group in groups]),
            np.concatenate([[0], np.cumsum(sizes)]),
            np.concatenate([group.cell for group in groups]),
        )


def _faces(chains: _Chains, events: _Events, grid: _Grid) -> tuple[_Faces, _Faces]:
    """Trace the faces outside and inside the polygons in cells with chains.

    A face inside runs along its chains forward and, after each exit,
    along the cell's sides to the next entry. A face outside runs along its
    chains backward and, after each entry, along the sides to the next
    exit. Both kinds are traced at once. Link j leaves chain j toward the
    outside faces, and link ``count + j`` leaves it toward the inside faces.
    """
    count = len(chains.cell)
    after = np.concatenate([events.after_entry, events.after_exit + count])
    side = np.concatenate([events.entry_side, events.exit_side])
    passed = np.concatenate([events.entry_corners, events.exit_corners])
    # A cycle of outside links is labelled below count, so the outside
    # faces come first in this order.
    face, rank = _cycles(after)
    order = np.lexsort((rank, face))
    lengths = np.diff(chains.offsets)[order % count]
    total = lengths + passed[order]
    local = _ramp(total)
    link = np.repeat(order, total)
    length = np.repeat(lengths, total)
    on_chain = local < length

    points = np.empty(len(local), dtype=np.int64)
    step = local[on_chain]
    along = link[on_chain]
    chain = along % count
    index = np.where(
        along >= count,
        chains.offsets[:-1][chain] + step,
        chains.offsets[1:][chain] - 1 - step,
    )
    points[on_chain] = chains.points[index]
    corner_link = link[~on_chain]
    corner = (side[corner_link] + 1 + local[~on_chain] - length[~on_chain]) % 4
    points[~on_chain] = grid.corner(chains.cell[corner_link % count], corner)

    face_of_link = face[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = face_of_link[1:] != face_of_link[:-1]
    starts = np.flatnonzero(first)
    sizes = np.add.reduceat(total, starts) if len(total) else total
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    cells = chains.cell[order[starts] % count]
    outside = int(np.count_nonzero(face_of_link[starts] < count))
    split = offsets[outside]
    return (
        _Faces(points[:split], offsets[: outside + 1], cells[:outside]),
        _Faces(points[split:], offsets[outside:] - split, cells[outside:]),
    )


def _cycles(successor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the cycle of a permutation each element belongs to, as its
    smallest element, and the element's place in it from there."""
    count = len(successor)
    label = np.arange(count)
    jump = successor.copy()
    reach = 1
    while reach < count:
        merged = np.minimum(label, label[jump])
        # When a doubling changes no label, the labels are final, because
        # each is then the smallest along its cycle in steps of ``reach``,
        # and those steps go round the whole cycle.
        if np.array_equal(merged, label):
            break
        label = merged
        jump = jump[jump]
        reach *= 2
    rank = np.zeros(count, dtype=np.int64)
    walker = np.flatnonzero(label == np.arange(count))
    steps = 0
    while len(walker):
        steps += 1
        walker = successor[walker]
        walker = walker[label[walker] != walker]
        rank[walker] = steps
    return label, rank


def _loose_cells(cut, surface, floor, loose, has_loose, has_events, inside_whole, grid):
    """Outline the faces of cells that hold a ring crossing no grid line,
    such as the dot of an "i", as polygons with holes.

    Returns the point indices of the polygons outside and inside the
    glyphs, each polygon as a list of rings with its exterior first. Returns
    ``None`` when a ring lies in no face of the other kind.
    """
    regions = []  # (cell, inside, exterior point indices)
    for faces, inside in ((surface, False), (floor, True)):
        for face in np.flatnonzero(has_loose[faces.cell]):
            regions.append((faces.cell[face], inside, faces.outline(face)))
    # A cell that no chain crosses is one face, wholly inside or outside.
    for cell in np.flatnonzero(has_loose & ~has_events):
        corners = grid.corner(np.full(4, cell), np.arange(4))
        regions.append((cell, bool(inside_whole[cell]), corners))
    table = np.concatenate([cut.xz, grid.nodes])

    outer_count = len(regions)
    for ring in np.flatnonzero(loose):
        points = np.arange(cut.starts[ring], cut.starts[ring + 1])
        # A ring with the glyph on its left, counter-clockwise, bounds a
        # face inside the glyph.
        glyph = bool(shapely.is_ccw(shapely.linearrings(cut.xz[points])))
        regions.append((cut.cell[points[0]], glyph, points if glyph else points[::-1]))

    shapes = [shapely.Polygon(table[points]) for _, _, points in regions]
    areas = shapely.area(shapes)
    holes = [[] for _ in regions]
    for number in range(outer_count, len(regions)):
        cell, glyph, points = regions[number]
        around = [
            index
            for index, (other_cell, _, _) in enumerate(regions)
            if other_cell == cell
            and index != number
            and shapely.contains_xy(shapes[index], *table[points[0]])
        ]
        if not around:
            return None
        parent = min(around, key=lambda index: areas[index])
        if regions[parent][1] == glyph:
            return None
        holes[parent].append(points)

    polygons = ([], [])
    for (_, inside, points), inner in zip(regions, holes, strict=True):
        polygons[int(inside)].append([points, *inner])
    return polygons


def _triangulate(
    table: np.ndarray, groups: Sequence[_Faces], polygons: Sequence[list]
) -> list[np.ndarray] | None:
    """Triangulate groups of traced faces, each with its polygons, and
    return each group's (t, 3) triangles, counter-clockwise.

    A face is fanned out from its first vertex or, failing that, the first
    from which every fan triangle turns counter-clockwise, so that the face
    is star-shaped around it and no triangle is flat. ``_ear_triangles``
    triangulates the other faces and the polygons (lists of rings, the
    first the exterior). A group's triangles are its fans in face order,
    then the triangles of its other faces and of its polygons. The groups
    run together, so that most steps are one numpy call for all of them.
    Returns ``None`` when GEOS, triangulating a polygon that ear clipping
    got wrong, adds a point.
    """
    faces = _Faces.joined(groups)
    group = np.repeat(np.arange(len(groups)), [len(each.cell) for each in groups])
    # np.take gathers rows as fancy indexing does, several times faster.
    xz = np.take(table, faces.points, axis=0)
    apex = np.where(_fans_out(xz, faces.offsets), faces.offsets[:-1], -1)
    retry = np.flatnonzero(apex < 0)
    sizes = np.diff(faces.offsets)
    if len(retry):
        points = np.repeat(faces.offsets[retry], sizes[retry]) + _ramp(sizes[retry])
        offsets = np.concatenate([[0], np.cumsum(sizes[retry])])
        found = _fan_apex(np.take(xz, points, axis=0), offsets)
        apex[retry] = np.where(found >= 0, points[np.maximum(found, 0)], -1)

    fans = np.flatnonzero(apex >= 0)
    count = sizes[fans] - 2
    face = np.repeat(fans, count)
    base, size, first = faces.offsets[face], sizes[face], apex[face]
    step = 1 + _ramp(count)
    second = base + (first - base + step) % size
    third = base + (first - base + step + 1) % size
    fanned = faces.points[np.column_stack([first, second, third])]
    fanned_group = group[face]

    # The groups' faces, and so their fans, follow one another.
    later = np.arange(1, len(groups))
    fanned_groups = np.split(fanned, np.searchsorted(fanned_group, later))
    rest = apex < 0
    if not rest.any() and not any(polygons):
        return fanned_groups
    # The rings of the other faces and of the polygons, one after another:
    # each group's faces, one ring each, then its polygons' rings.
    rings, ring_sizes, ring_counts, shape_group = [], [], [], []
    for index, group_polygons in enumerate(polygons):
        own = rest & (group == index)
        rings.append(np.compress(np.repeat(own, sizes), faces.points))
        ring_sizes.append(np.compress(own, sizes))
        ring_counts.append(np.ones(len(ring_sizes[-1]), dtype=np.int64))
        for polygon in group_polygons:
            rings += polygon
            ring_sizes.append(np.array([len(ring) for ring in polygon]))
            ring_counts.append(np.array([len(polygon)]))
        shapes = np.count_nonzero(own) + len(group_polygons)
        shape_group.append(np.full(shapes, index))
    triangulated = _ear_triangles(
        table,
        np.concatenate(rings),
        np.concatenate(ring_sizes),
        np.concatenate(ring_counts),
    )
    if triangulated is None:
        return None
    triangles, shape = triangulated
    triangle_group = np.concatenate(shape_group)[shape]
    other_groups = np.split(triangles, np.searchsorted(triangle_group, later))
    return [
        np.concatenate([fans, more])
        for fans, more in zip(fanned_groups, other_groups, strict=True)
    ]


def _ear_triangles(
    table: np.ndarray,
    points: np.ndarray,
    ring_sizes: np.ndarray,
    ring_counts: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Triangulate polygons by ear clipping, checking each one.

    Parameters
    ----------
    table
        (p, 2) points (x, z) in mm.
    points
        Indices into ``table`` of the polygons' rings, one ring after
        another, each without its closing point and either way round.
    ring_sizes
        (r,) points in each ring.
    ring_counts
        (s,) rings in each polygon, its exterior first. The rings must not
        cross or touch.

    Returns
    -------
    tuple of numpy.ndarray or None
        (t, 3) point indices, counter-clockwise, polygon after polygon,
        and the polygon of each triangle. ``None`` when GEOS adds a point.

    Notes
    -----
    ``mapbox_earcut`` triangulates every polygon, in a third of the time
    of GEOS's constrained Delaunay triangulation of an engraving's faces.
    Its triangles are kept where they tile the polygon (``_untiled``).
    Ear clipping can leave out a triangle between nearly collinear points,
    or make a flat one, and then ``_delaunay_triangles`` triangulates that
    polygon.
    """
    shapes = len(ring_counts)
    ring_shape = np.repeat(np.arange(shapes), ring_counts)
    starts = np.concatenate([[0], np.cumsum(ring_sizes)])
    following = _following(starts)
    # The exterior runs counter-clockwise and the holes clockwise, as ear
    # clipping winds its triangles and as the check below expects.
    points = points.copy()
    x, z = table[points, 0], table[points, 1]
    twice_area = np.add.reduceat(x * z[following] - x[following] * z, starts[:-1])
    exterior = np.ones(len(ring_sizes), dtype=bool)
    exterior[1:] = ring_shape[1:] != ring_shape[:-1]
    for ring in np.flatnonzero((twice_area > 0.0) != exterior).tolist():
        ring_slice = slice(starts[ring], starts[ring + 1])
        points[ring_slice] = points[ring_slice][::-1]
    xz = np.take(table, points, axis=0)

    # Each polygon's rings end where the next ring starts, counted from the
    # polygon's first point.
    shape_starts = starts[:-1][exterior]
    ends = (starts[1:] - np.repeat(shape_starts, ring_counts)).astype(np.uint32)
    bounds = np.concatenate([shape_starts, [len(points)]]).tolist()
    first_ring = np.concatenate([[0], np.cumsum(ring_counts)]).tolist()
    triangulate = mapbox_earcut.triangulate_float64
    pieces = [
        triangulate(xz[low:high], ends[ring:next_ring])
        for low, high, ring, next_ring in zip(
            bounds[:-1], bounds[1:], first_ring[:-1], first_ring[1:], strict=True
        )
    ]
    counts = np.array([len(piece) for piece in pieces]) // 3
    shape = np.repeat(np.arange(shapes), counts)
    triangles = np.concatenate(pieces).reshape(-1, 3) + shape_starts[shape, None]

    bad = _untiled(xz, triangles, following, np.repeat(ring_shape, ring_sizes))
    triangles = points[triangles]
    if not bad.any():
        return triangles, shape
    failed = np.flatnonzero(bad)
    polygons = []
    for index in failed.tolist():
        rings = [
            _indexed(table, points[starts[ring] : starts[ring + 1]])
            for ring in range(first_ring[index], first_ring[index + 1])
        ]
        polygons.append(shapely.Polygon(rings[0], rings[1:]))
    delaunay = _delaunay_triangles(table, polygons)
    if delaunay is None:
        return None
    kept = ~bad[shape]
    shape = np.concatenate([shape[kept], failed[delaunay[1]]])
    order = np.argsort(shape, kind="stable")
    return np.concatenate([triangles[kept], delaunay[0]])[order], shape[order]


def _untiled(
    xz: np.ndarray,
    triangles: np.ndarray,
    following: np.ndarray,
    point_shape: np.ndarray,
) -> np.ndarray:
    """Return for each polygon whether its triangles fail to tile it.

    ``triangles`` index ``xz``, the points of the polygons' rings one
    after another; ``following`` gives each point's next on its ring and
    ``point_shape`` its polygon. The triangles tile their polygon when
    each turns counter-clockwise and their edges, with the rings run
    backwards, pair up: every directed edge once, and its reverse once.
    Then every point inside the polygon is covered as many times as the
    rings wind round it, once, and no point outside it is covered.
    """
    count = len(point_shape)
    bad = np.zeros(int(point_shape[-1]) + 1, dtype=bool)
    first, second, third = triangles[:, 0], triangles[:, 1], triangles[:, 2]
    bad[point_shape[first[_turns(xz, first, second, third) <= 0.0]]] = True

    start = np.concatenate([triangles.ravel(), following])
    end = np.concatenate([triangles[:, [1, 2, 0]].ravel(), np.arange(count)])
    # An edge's key is its lower point, its higher point and which way it
    # runs: 2c one way and 2c + 1 the other. Each polygon has points of
    # its own, so its keys sort together, and they pair up when each even
    # key is followed by the next odd one and each odd key follows the
    # even one before it.
    low, high = np.minimum(start, end), np.maximum(start, end)
    keys = (low * count + high) * 2 + (start < end)
    keys.sort(kind="stable")
    paired = np.zeros(len(keys), dtype=bool)
    partners = keys[1:] == (keys[:-1] | 1)
    even = (keys & 1) == 0
    paired[:-1] = partners & even[:-1]
    paired[1:] |= partners & even[:-1]
    bad[point_shape[np.compress(~paired, keys) // (2 * count)]] = True
    return bad


def _fans_out(xz: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Check for each face whether every triangle of the fan from its first
    vertex turns counter-clockwise."""
    sizes = np.diff(offsets)
    count = sizes - 2
    base = np.repeat(offsets[:-1], count)
    second = base + 1 + _ramp(count)
    turn = _turns(xz, base, second, second + 1)
    return np.minimum.reduceat(turn, np.cumsum(count) - count) > 0.0


def _fan_apex(xz: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Return each face's first vertex from which every fan triangle turns
    counter-clockwise, as an index into ``xz``, or -1 where none does."""
    sizes = np.diff(offsets)
    owner = np.repeat(np.arange(len(sizes)), sizes)
    size, base = sizes[owner], offsets[:-1][owner]
    apex = np.arange(len(xz))
    place = apex - base

    # A vertex's fan starts with the triangle on its next two vertices and
    # ends with the one on its previous two. Only the vertices where both
    # turn counter-clockwise need their whole fan tested, which in an
    # engraving's faces is about half of them.
    first = _turns(xz, apex, base + (place + 1) % size, base + (place + 2) % size)
    last = _turns(xz, apex, base + (place - 2) % size, base + (place - 1) % size)
    candidate = np.flatnonzero((first > 0.0) & (last > 0.0))
    if not len(candidate):
        return np.full(len(sizes), -1)

    count = size[candidate] - 2
    pair = np.repeat(candidate, count)
    pair_base, pair_size = base[pair], size[pair]
    step = place[pair] + 1 + _ramp(count)
    second = pair_base + step % pair_size
    third = pair_base + (step + 1) % pair_size
    turn = _turns(xz, pair, second, third)
    fans = np.minimum.reduceat(turn, np.cumsum(count) - count) > 0.0
    good = candidate[fans]
    chosen = np.full(len(sizes), -1)
    chosen[owner[good][::-1]] = good[::-1]
    return chosen


def _cross(first, second, third) -> np.ndarray:
    return (second[:, 0] - first[:, 0]) * (third[:, 1] - first[:, 1]) - (
        second[:, 1] - first[:, 1]
    ) * (third[:, 0] - first[:, 0])


def _turns(xz: np.ndarray, first, second, third) -> np.ndarray:
    """Return ``_cross`` of the triangles whose corners are the points of
    ``xz`` at the indices ``first``, ``second`` and ``third``.

    Each coordinate is gathered from its own column. That gives the same
    values as gathering (n, 2) rows and slicing them, in half the time.
    """
    x, z = xz[:, 0], xz[:, 1]
    x0, z0 = x[first], z[first]
    return (x[second] - x0) * (z[third] - z0) - (z[second] - z0) * (x[third] - x0)


def _indexed(table: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Return the (n, 3) coordinates of ``table``'s points, each with its
    index as its third coordinate."""
    return np.column_stack([table[points], points])


def _delaunay_triangles(
    table: np.ndarray, shapes
) -> tuple[np.ndarray, np.ndarray] | None:
    """Triangulate polygons with GEOS's constrained Delaunay triangulation.

    The polygons' corners are ``table``'s points with their indices as Z
    (``_indexed``). GEOS (3.14) triangulates in x and y and carries each
    corner's Z to the triangles. Returns (t, 3) point indices,
    counter-clockwise, and the index in ``shapes`` of each triangle's
    polygon. Returns ``None`` if GEOS adds a point.
    """
    # Each triangle is a polygon of four coordinates, the first repeated.
    triangles = shapely.constrained_delaunay_triangles(shapes)
    shape = np.repeat(np.arange(len(triangles)), shapely.get_num_geometries(triangles))
    corners = shapely.get_coordinates(triangles, include_z=True)
    corners = corners.reshape(-1, 4, 3)[:, :3]
    cross = _cross(corners[:, 0], corners[:, 1], corners[:, 2])
    corners[cross < 0.0] = corners[cross < 0.0][:, ::-1]
    corners = corners[cross != 0.0].reshape(-1, 3)
    shape = shape[cross != 0.0]

    # A corner that GEOS adds carries no index of a table point at its place.
    index = corners[:, 2]
    known = (index >= 0) & (index < len(table))
    points = np.where(known, index, 0).astype(np.int64)
    if not (np.all(known) and np.array_equal(table[points], corners[:, :2])):
        return None
    return points.reshape(-1, 3), shape
