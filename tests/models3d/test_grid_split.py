"""Polygons split by the cells of an axis-aligned grid, checked against
shapely's intersections of the polygons with each cell."""

import mapbox_earcut
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from models3d.glyphs import text_outline
from models3d.grid_split import (
    _delaunay_triangles,
    _ear_triangles,
    _indexed,
    _untiled,
    split_cells,
)


def rings_of(geometry):
    """Return a geometry's rings, interiors on their left, as split_cells
    takes them."""
    rings = shapely.get_rings(shapely.get_parts(shapely.orient_polygons(geometry)))
    xz, ring = shapely.get_coordinates(rings, return_index=True)
    closing = np.r_[ring[1:] != ring[:-1], True]
    xz, ring = xz[~closing], ring[~closing]
    return xz, np.searchsorted(ring, np.arange(len(rings) + 1))


def text_grid(text, letter_height, column_mm, row_mm, shift):
    """Return a text's outline and a grid over it with a margin of at least
    a cell, its lines shifted from the layout frame's origin by ``shift``
    cells."""
    glyphs = text_outline(text, letter_height)
    low_x, low_z, high_x, high_z = glyphs.bounds
    xs = (
        np.arange(low_x // column_mm - 2, high_x // column_mm + 3) + shift[0]
    ) * column_mm
    zs = (np.arange(low_z // row_mm - 2, high_z // row_mm + 3) + shift[1]) * row_mm
    return glyphs, xs, zs


def areas(points, triangles):
    a, b, c = (points[triangles[:, corner]] for corner in range(3))
    return (
        (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1])
        - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0])
    ) / 2


def cell_of(points, triangles, xs, zs):
    """Return the flat cell index of each triangle, by its centroid."""
    centre = points[triangles].mean(axis=1)
    column = np.searchsorted(xs, centre[:, 0]) - 1
    row = np.searchsorted(zs, centre[:, 1]) - 1
    return column * (len(zs) - 1) + row


def open_edges(triangles):
    edges = triangles[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
    pairs = {tuple(edge) for edge in edges}
    return {edge for edge in pairs if edge[::-1] not in pairs}


def check_split(glyphs, xs, zs):
    """Check a split's faces against shapely, cell by cell."""
    faces = split_cells(*rings_of(glyphs), xs, zs)
    assert faces is not None
    points = faces.points
    assert np.all(areas(points, faces.surface) > 0)
    assert np.all(areas(points, faces.floor) > 0)

    # Each cell's floor is the glyphs inside it, and its surface the rest.
    cells = (len(xs) - 1) * (len(zs) - 1)
    column, row = np.divmod(np.arange(cells), len(zs) - 1)
    boxes = shapely.box(xs[column], zs[row], xs[column + 1], zs[row + 1])
    inside = shapely.area(shapely.intersection(boxes, glyphs))
    floor = np.bincount(
        cell_of(points, faces.floor, xs, zs),
        areas(points, faces.floor),
        minlength=cells,
    )
    surface = np.bincount(
        cell_of(points, faces.surface, xs, zs),
        areas(points, faces.surface),
        minlength=cells,
    )
    touched = faces.touched.ravel()
    np.testing.assert_allclose(floor, inside, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(
        surface[touched],
        shapely.area(boxes[touched]) - inside[touched],
        rtol=1e-9,
        atol=1e-15,
    )
    assert np.all(surface[~touched] == 0)
    assert np.all(inside[~touched] == 0)

    # The floor's border is the glyph edges, and the surface runs each of
    # them backwards.
    glyph_edges = {tuple(edge) for edge in faces.glyph_edges}
    assert open_edges(faces.floor) == glyph_edges
    reversed_edges = {edge[::-1] for edge in glyph_edges}
    assert reversed_edges <= open_edges(faces.surface)
    # Together the faces tile the touched cells: what stays open lies on
    # the grid's lines, from node to node.
    for start, end in open_edges(np.concatenate([faces.surface, faces.floor])):
        for point in (points[start], points[end]):
            assert point[0] in xs
            assert point[1] in zs


@pytest.mark.parametrize("text", ["Forever yours ♥ 2024", "永远爱你", "i:", "%@&"])
@pytest.mark.parametrize(
    "column_mm, row_mm", [(0.21, 0.17), (0.21, 4.0), (0.05, 0.05), (1.0, 0.3)]
)
def test_split_matches_shapely(text, column_mm, row_mm):
    glyphs, xs, zs = text_grid(text, 1.5, column_mm, row_mm, (0.123, 0.456))
    check_split(glyphs, xs, zs)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    text=st.sampled_from(["Forever", "永恒", "Léa & Tom", "o.", "8"]),
    letter_height=st.floats(0.5, 3.0),
    column_mm=st.floats(0.03, 1.5),
    row_mm=st.floats(0.03, 4.0),
    shift=st.tuples(st.floats(0.0, 1.0), st.floats(0.0, 1.0)),
)
def test_split_matches_shapely_anywhere(text, letter_height, column_mm, row_mm, shift):
    glyphs, xs, zs = text_grid(text, letter_height, column_mm, row_mm, shift)
    faces = split_cells(*rings_of(glyphs), xs, zs)
    # A vertex on a grid line is left to GEOS.
    if faces is not None:
        check_split(glyphs, xs, zs)


def test_rings_inside_one_cell_nest():
    # A square frame with an island in its hole, all inside the grid's
    # middle cell, beside a bar that crosses the cell's sides.
    frame = shapely.Polygon(
        [(0.2, 0.2), (0.8, 0.2), (0.8, 0.8), (0.2, 0.8)],
        [[(0.35, 0.35), (0.65, 0.35), (0.65, 0.65), (0.35, 0.65)]],
    )
    island = shapely.box(0.45, 0.45, 0.55, 0.55)
    bar = shapely.box(-0.5, 0.05, 1.5, 0.1)
    glyphs = shapely.MultiPolygon([frame, island, bar])
    xs = np.array([-1.0, 0.0, 1.0, 2.0])
    zs = np.array([-1.0, 0.0, 1.0, 2.0])
    check_split(glyphs, xs, zs)
    faces = split_cells(*rings_of(glyphs), xs, zs)
    floor = areas(faces.points, faces.floor).sum()
    assert floor == pytest.approx(0.36 - 0.09 + 0.01 + 2.0 * 0.05)


def test_vertex_on_grid_line_left_to_geos():
    glyphs = shapely.box(0.2, 0.2, 0.5, 0.8)
    xs = np.array([-1.0, 0.5, 2.0])
    zs = np.array([-1.0, 2.0])
    assert split_cells(*rings_of(glyphs), xs, zs) is None


def test_crossing_at_node_left_to_geos():
    # The diagonal passes through the node (0.5, 0.5).
    glyphs = shapely.Polygon([(0.2, 0.2), (0.8, 0.8), (0.2, 0.75)])
    xs = np.array([-1.0, 0.5, 2.0])
    zs = np.array([-1.0, 0.5, 2.0])
    assert split_cells(*rings_of(glyphs), xs, zs) is None


def test_delaunay_corners_keep_indices():
    # A concave pentagon among unused points, each corner found by the
    # index it carries as Z.
    table = np.array(
        [
            [9.0, 9.0],
            [0.0, 0.0],
            [4.0, 0.0],
            [4.0, 3.0],
            [8.0, 8.0],
            [2.0, 1.0],
            [0.0, 3.0],
        ]
    )
    ring = np.array([1, 2, 3, 5, 6])
    result = _delaunay_triangles(table, [shapely.Polygon(_indexed(table, ring))])
    assert result is not None
    triangles, shape = result
    assert len(triangles) == len(ring) - 2
    assert set(triangles.ravel()) == set(ring)
    assert np.all(shape == 0)
    assert np.all(areas(table, triangles) > 0)
    assert areas(table, triangles).sum() == pytest.approx(8.0)


def test_delaunay_rejects_unknown_corner():
    # A corner whose Z names another point's index is not a table point.
    table = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0]])
    corners = _indexed(table, np.array([0, 1, 2]))
    corners[2, 2] = 3.0
    assert _delaunay_triangles(table, [shapely.Polygon(corners)]) is None


# A square with a square hole, and a concave pentagon beside it. The hole
# runs counter-clockwise, as a loose ring inside a glyph is given.
EAR_TABLE = np.array(
    [
        [0.0, 0.0],
        [4.0, 0.0],
        [4.0, 4.0],
        [0.0, 4.0],
        [1.0, 1.0],
        [3.0, 1.0],
        [3.0, 3.0],
        [1.0, 3.0],
        [5.0, 0.0],
        [9.0, 0.0],
        [9.0, 3.0],
        [7.0, 1.0],
        [5.0, 3.0],
    ]
)
EAR_POINTS = np.arange(13)
EAR_RING_SIZES = np.array([4, 4, 5])
EAR_RING_COUNTS = np.array([2, 1])


def test_ear_triangles_tile_polygons_with_holes():
    triangles, shape = _ear_triangles(
        EAR_TABLE, EAR_POINTS, EAR_RING_SIZES, EAR_RING_COUNTS
    )
    assert np.all(areas(EAR_TABLE, triangles) > 0)
    assert np.all(np.diff(shape) >= 0)
    assert areas(EAR_TABLE, triangles[shape == 0]).sum() == pytest.approx(12.0)
    assert areas(EAR_TABLE, triangles[shape == 1]).sum() == pytest.approx(8.0)
    assert len(triangles) == 8 + 3
    assert open_edges(triangles[shape == 1]) == {
        (8, 9),
        (9, 10),
        (10, 11),
        (11, 12),
        (12, 8),
    }


def test_ear_triangles_fall_back_to_geos(monkeypatch):
    # Ear clipping that leaves out the last triangle of every polygon.
    clip = mapbox_earcut.triangulate_float64
    monkeypatch.setattr(
        mapbox_earcut,
        "triangulate_float64",
        lambda points, ends: clip(points, ends)[:-3],
    )
    triangles, shape = _ear_triangles(
        EAR_TABLE, EAR_POINTS, EAR_RING_SIZES, EAR_RING_COUNTS
    )
    assert np.all(areas(EAR_TABLE, triangles) > 0)
    assert areas(EAR_TABLE, triangles[shape == 0]).sum() == pytest.approx(12.0)
    assert areas(EAR_TABLE, triangles[shape == 1]).sum() == pytest.approx(8.0)
    reference, _ = _delaunay_triangles(
        EAR_TABLE, [shapely.Polygon(_indexed(EAR_TABLE, np.arange(8, 13)))]
    )
    np.testing.assert_array_equal(triangles[shape == 1], reference)


@pytest.mark.parametrize("flaw", ["missing", "flipped", "repeated", "flat"])
def test_untiled_finds_each_flaw(flaw):
    # Two squares, (0, 1, 2, 3) and (4, 5, 6, 7), two triangles each.
    xz = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]] * 2)
    xz[4:, 0] += 2.0
    triangles = np.array([[0, 1, 2], [0, 2, 3], [4, 5, 6], [4, 6, 7]])
    following = np.array([1, 2, 3, 0, 5, 6, 7, 4])
    point_shape = np.repeat([0, 1], 4)
    assert not _untiled(xz, triangles, following, point_shape).any()
    if flaw == "missing":
        triangles = triangles[1:]
    elif flaw == "flipped":
        triangles[0] = triangles[0, ::-1]
    elif flaw == "repeated":
        triangles = np.concatenate([triangles[:1], triangles])
    else:
        xz[1] = (0.5, 0.5)
    bad = _untiled(xz, triangles, following, point_shape)
    np.testing.assert_array_equal(bad, [True, False])
