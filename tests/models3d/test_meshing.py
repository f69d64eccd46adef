"""Rounded box, revolve, loft and interpolation helpers."""

import numpy as np
import pytest
import trimesh

from models3d.meshing import (
    all_corners,
    any_corner,
    box,
    closes_hole,
    concatenate,
    corner_count,
    corner_max,
    corner_min,
    edges_pair_up,
    gradient,
    interp_rows,
    loft,
    loft_arrays,
    loft_arrays_batch,
    open_edges,
    revolve_profile,
    rounded_box,
    rounded_box_volume,
    signed_area,
)
from tests.models3d.helpers import assert_solid


def square_ring(x, half, centre=(0.0, 0.0)):
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * half + centre
    return np.column_stack([np.full(4, x), corners])


ROUNDED_BOXES = [
    ((0.0, 0.0, 0.0), (800.0, 280.0, 19.0), 2.0),
    ((-35.0, 365.0, 0.0), (35.0, 435.0, 721.0), 2.0),
    ((-0.3, 0.1, 7.7), (0.9, 0.5, 8.0), 0.1),
]


@pytest.mark.parametrize("segments", [2, 4, 8])
@pytest.mark.parametrize(("low", "high", "radius"), ROUNDED_BOXES)
def test_rounded_box_closed_convex(low, high, radius, segments):
    mesh = rounded_box(low, high, radius, segments)
    assert_solid(mesh, "rounded box")
    assert mesh.body_count == 1
    assert mesh.euler_number == 2
    # Every vertex lies on the convex rounded solid, so a mesh that folds
    # over itself would not be convex or would enclose less than its hull.
    assert mesh.is_convex
    assert mesh.volume == pytest.approx(mesh.convex_hull.volume, rel=1e-9)
    assert mesh.bounds.tolist() == [list(low), list(high)]
    assert len(mesh.vertices) == (segments + 2) ** 3 - segments**3
    assert len(mesh.faces) == 12 * (segments + 1) ** 2
    assert len(mesh.faces) == len(np.unique(np.sort(mesh.faces, axis=1), axis=0))


@pytest.mark.parametrize("segments", [2, 4, 8])
@pytest.mark.parametrize(("low", "high", "radius"), ROUNDED_BOXES)
def test_rounded_box_volume_within_sagitta(low, high, radius, segments):
    mesh = rounded_box(low, high, radius, segments)
    size = np.subtract(high, low)
    exact = rounded_box_volume(size, radius)
    # The vertices lie on the true surface and no facet spans more than one
    # step of the arc, so the mesh lies inside it by at most a step's
    # sagitta. That applies over the curved area only: the edges' quarter
    # cylinders and the corners' eighths of a sphere.
    step = np.pi / 2.0 / segments
    sagitta = radius * (1.0 - np.cos(step))
    curved_area = 2.0 * np.pi * radius * (size - 2 * radius).sum()
    curved_area += 4.0 * np.pi * radius**2
    assert 0.0 < exact - mesh.volume <= curved_area * sagitta
    sharp = box(low, high)
    assert exact < sharp.volume


def test_rounded_box_volume_formula():
    # A cube with radius half its side is a ball.
    assert rounded_box_volume((2.0, 2.0, 2.0), 1.0) == pytest.approx(4 / 3 * np.pi)
    assert rounded_box_volume((3.0, 4.0, 5.0), 0.0) == pytest.approx(60.0)
    # A 10 mm long rod of radius 1 with hemispherical ends.
    rod = rounded_box_volume((2.0, 2.0, 12.0), 1.0)
    assert rod == pytest.approx(np.pi * 10.0 + 4 / 3 * np.pi)


def test_rounded_box_deterministic(tmp_path):
    first = rounded_box((-400.5, -10.0, 60.0), (400.5, 8.0, 342.25), 2.0)
    second = rounded_box((-400.5, -10.0, 60.0), (400.5, 8.0, 342.25), 2.0)
    assert np.array_equal(first.vertices, second.vertices)
    assert np.array_equal(first.faces, second.faces)

    path = tmp_path / "rounded.stl"
    first.export(path)
    loaded = trimesh.load_mesh(path)
    assert_solid(loaded, "rounded box read back")
    assert len(loaded.faces) == len(first.faces)
    assert loaded.volume == pytest.approx(first.volume, rel=1e-6)


def test_rounded_box_flat_faces_on_planes():
    low, high = np.array([0.1, 0.2, 0.3]), np.array([100.7, 20.9, 18.1])
    mesh = rounded_box(low, high, 2.0)
    normals = mesh.face_normals
    for axis in range(3):
        for side, plane in ((-1.0, low[axis]), (1.0, high[axis])):
            flat = np.isclose(normals[:, axis], side)
            assert flat.sum() == 2
            assert np.all(mesh.triangles[flat][:, :, axis] == plane)


def test_rounded_box_zero_radius_is_box():
    rounded = rounded_box((0, 0, 0), (3, 4, 5), 0.0)
    sharp = box((0, 0, 0), (3, 4, 5))
    assert np.array_equal(rounded.vertices, sharp.vertices)
    assert np.array_equal(rounded.faces, sharp.faces)


@pytest.mark.parametrize(
    ("radius", "segments", "fragment"),
    [
        (2.5, 4, "less than half its smallest side"),
        (3.0, 4, "less than half its smallest side"),
        (-1.0, 4, "at least 0"),
        (1.0, 3, "even number of segments"),
        (1.0, 0, "even number of segments"),
    ],
)
def test_rounded_box_rejects(radius, segments, fragment):
    with pytest.raises(ValueError, match=fragment):
        rounded_box((0, 0, 0), (100, 5, 50), radius, segments)


@pytest.mark.parametrize("segments", [2, 4])
@pytest.mark.parametrize("levels", [(300.0,), (10.0, 300.0, 700.0)])
def test_rounded_box_levels_add_rings(levels, segments):
    low, high = (-35.0, -35.0, 0.0), (35.0, 35.0, 721.0)
    plain = rounded_box(low, high, 2.0, segments)
    mesh = rounded_box(low, high, 2.0, segments, levels)
    assert_solid(mesh, "rounded box with levels")
    assert mesh.euler_number == 2
    assert mesh.is_convex
    assert mesh.bounds.tolist() == [list(low), list(high)]
    assert mesh.volume == pytest.approx(plain.volume, rel=1e-12)
    ring = 4 * (segments + 1)
    assert len(mesh.vertices) == len(plain.vertices) + ring * len(levels)
    assert len(mesh.faces) == len(plain.faces) + 2 * ring * len(levels)
    for level in levels:
        at_level = mesh.vertices[mesh.vertices[:, 2] == level]
        assert len(at_level) == ring
        assert np.abs(at_level[:, :2]).max() == 35.0


@pytest.mark.parametrize(
    ("radius", "levels", "fragment"),
    [
        (0.0, (300.0,), "more than 0 with levels"),
        (2.0, (1.0,), "levels must rise between 2 and 719 mm"),
        (2.0, (720.0,), "levels must rise"),
        (2.0, (400.0, 300.0), "levels must rise"),
        (2.0, (float("nan"),), "levels must rise"),
    ],
)
def test_rounded_box_rejects_levels(radius, levels, fragment):
    with pytest.raises(ValueError, match=fragment):
        rounded_box((-35, -35, 0), (35, 35, 721), radius, levels=levels)


def test_signed_area_orientation():
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
    assert signed_area(square) == pytest.approx(1.0)
    assert signed_area(square[::-1]) == pytest.approx(-1.0)


@pytest.mark.parametrize("reverse", [False, True])
def test_revolve_rectangle_volume(reverse):
    profile = np.array([[10.0, 0.0], [12.0, 0.0], [12.0, 5.0], [10.0, 5.0]])
    if reverse:
        profile = profile[::-1]
    segments = 64
    mesh = revolve_profile(profile, segments)
    assert_solid(mesh, "revolved rectangle")
    # A regular n-gon of circumradius r has area n / 2 r^2 sin(2 pi / n).
    polygon = segments / 2 * np.sin(2 * np.pi / segments)
    assert mesh.volume == pytest.approx(polygon * (12**2 - 10**2) * 5.0)
    assert mesh.extents == pytest.approx([24.0, 24.0, 5.0])


def test_revolve_rejects_axis_profile():
    with pytest.raises(ValueError, match="radius"):
        revolve_profile(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]), 16)
    with pytest.raises(ValueError):
        revolve_profile(np.array([[1.0, 0.0], [2.0, 0.0]]), 16)


@pytest.mark.parametrize("reverse", [False, True])
def test_loft_prism_volume(reverse):
    sections = [square_ring(x, 5.0) for x in (0.0, 4.0, 10.0)]
    if reverse:
        sections = [ring[::-1] for ring in sections]
    mesh = loft(sections)
    assert_solid(mesh, "loft")
    assert mesh.volume == pytest.approx(10.0 * 10.0 * 10.0)
    assert len(mesh.vertices) == 3 * 4 + 2


def test_loft_wound_outward_keeps_winding():
    forward = [square_ring(x, 5.0) for x in (0.0, 4.0, 10.0)]
    backward = [ring[::-1] for ring in forward]
    _, kept_forward = loft_arrays(forward, wound_outward=True)
    _, kept_backward = loft_arrays(backward, wound_outward=True)
    # The faces keep the loft's own winding whichever way the sections run.
    np.testing.assert_array_equal(kept_forward, kept_backward)
    _, checked_forward = loft_arrays(forward)
    _, checked_backward = loft_arrays(backward)
    # Checked, one of the two turns round to face outward.
    assert np.array_equal(checked_forward, kept_forward) != np.array_equal(
        checked_backward, kept_backward
    )


def test_loft_frustum_volume():
    sections = [square_ring(0.0, 10.0), square_ring(30.0, 5.0)]
    mesh = loft(sections)
    assert_solid(mesh, "frustum")
    # Ruled quads between similar squares: the frustum's prismatoid volume.
    a, b = 20.0**2, 10.0**2
    assert mesh.volume == pytest.approx(30.0 / 3 * (a + b + np.sqrt(a * b)), rel=0.02)


def test_loft_deterministic():
    sections = [square_ring(x, 2 + x / 10, (x / 5, 0)) for x in range(10)]
    first, second = loft(sections), loft(sections)
    assert np.array_equal(first.vertices, second.vertices)
    assert np.array_equal(first.faces, second.faces)


def test_loft_rejects_bad_sections():
    with pytest.raises(ValueError, match="two sections"):
        loft([square_ring(0, 1)])
    with pytest.raises(ValueError, match="shapes"):
        loft([square_ring(0, 1), square_ring(1, 1)[:3]])


def test_concatenate_matches_trimesh():
    meshes = [
        loft([square_ring(0.0, 1.0), square_ring(2.0, 1.5)]),
        loft([square_ring(5.0, 0.5), square_ring(6.0, 0.5), square_ring(8.0, 1.0)]),
        trimesh.creation.icosphere(subdivisions=1),
    ]
    joined = concatenate(meshes)
    expected = trimesh.util.concatenate(meshes)
    np.testing.assert_array_equal(joined.vertices, expected.vertices)
    np.testing.assert_array_equal(joined.faces, expected.faces)
    assert joined.volume == pytest.approx(sum(mesh.volume for mesh in meshes))


def test_concatenate_rejects_no_meshes():
    with pytest.raises(ValueError, match="at least one mesh"):
        concatenate([])


def test_interp_rows_equals_numpy_interp():
    rng = np.random.default_rng(7)
    xp = np.sort(rng.uniform(0.0, 10.0, (20, 12)), axis=1)
    # A repeated point, as where a polyline is clamped onto its end.
    xp[:, 4] = xp[:, 3]
    fp = rng.normal(size=(20, 12))
    fp[:, 4] = fp[:, 3]
    x = rng.uniform(-1.0, 11.0, (20, 15))
    x[:, 0], x[:, 1], x[:, 2] = xp[:, 0], xp[:, 3], xp[:, -1]
    expected = np.array([np.interp(x[i], xp[i], fp[i]) for i in range(20)])
    np.testing.assert_array_equal(interp_rows(x, xp, fp), expected)


def test_interp_rows_stacked_values():
    rng = np.random.default_rng(11)
    xp = np.sort(rng.uniform(0.0, 10.0, (6, 9)), axis=1)
    fp = rng.normal(size=(2, 6, 9))
    x = rng.uniform(-1.0, 11.0, (6, 4))
    stacked = interp_rows(x, xp, fp)
    assert stacked.shape == (2, 6, 4)
    np.testing.assert_array_equal(stacked[0], interp_rows(x, xp, fp[0]))
    np.testing.assert_array_equal(stacked[1], interp_rows(x, xp, fp[1]))


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_gradient_equals_numpy_gradient(axis):
    values = np.random.default_rng(3).normal(size=(5, 7, 3))
    np.testing.assert_array_equal(
        gradient(values, axis), np.gradient(values, axis=axis)
    )


def test_gradient_two_points():
    values = np.array([[1.0, 4.0], [2.0, -3.0]])
    np.testing.assert_array_equal(gradient(values, 1), np.gradient(values, axis=1))


def test_loft_arrays_batch_matches_lofts():
    rings = np.stack([square_ring(x, 1.0 + x) for x in (0.0, 2.0, 5.0)])
    lofts = np.stack([rings, rings + (0.0, 7.0, 0.0)])
    vertices, faces = loft_arrays_batch(lofts)
    (first, first_faces), (second, second_faces) = map(loft_arrays, lofts)
    np.testing.assert_array_equal(vertices, np.concatenate([first, second]))
    np.testing.assert_array_equal(
        faces, np.concatenate([first_faces, second_faces + len(first)])
    )
    assert_solid(trimesh.Trimesh(vertices, faces, process=False), "two lofts")


def test_closes_hole_in_box():
    faces = trimesh.creation.box().faces
    removed, kept = faces[:2], faces[2:]
    assert len(open_edges(kept)) == 4
    assert closes_hole(removed, removed)
    assert not closes_hole(removed[:, ::-1], removed)
    assert not closes_hole(removed[:1], removed)


def test_closes_hole_rejects_doubled_face():
    faces = trimesh.creation.box().faces
    removed = faces[:2]
    doubled = np.concatenate([removed, removed[:1]])
    assert not closes_hole(doubled, removed)


def box_edges(faces):
    return faces[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)


def test_edges_pair_up_on_box():
    faces = trimesh.creation.box().faces
    assert edges_pair_up(box_edges(faces))
    assert not edges_pair_up(box_edges(faces[1:]))
    assert not edges_pair_up(box_edges(np.concatenate([faces, faces[:1]])))
    # A face turned over runs each of its edges the same way as the
    # neighbour across it.
    flipped = faces.copy()
    flipped[0] = flipped[0, ::-1]
    assert not edges_pair_up(box_edges(flipped))


def test_edges_pair_up_rejects_loop_edge():
    edges = np.array([[0, 1], [1, 0], [2, 2], [2, 2]])
    assert not edges_pair_up(edges)
    # Loop edges at two vertices, among edges that pair up.
    edges = np.array([[0, 1], [1, 0], [2, 2], [3, 4], [4, 3], [5, 5]])
    assert not edges_pair_up(edges)


def test_corner_reductions_match_numpy():
    rng = np.random.default_rng(7)
    faces = rng.integers(0, 50, (400, 3))
    mask = rng.random(50) < 0.4
    values = rng.normal(size=50)
    np.testing.assert_array_equal(any_corner(mask, faces), mask[faces].any(axis=1))
    np.testing.assert_array_equal(all_corners(mask, faces), mask[faces].all(axis=1))
    np.testing.assert_array_equal(corner_count(mask, faces), mask[faces].sum(axis=1))
    np.testing.assert_array_equal(corner_min(values, faces), values[faces].min(axis=1))
    np.testing.assert_array_equal(corner_max(values, faces), values[faces].max(axis=1))
    # Every case of a face's three flags comes up.
    assert set(corner_count(mask, faces).tolist()) == {0, 1, 2, 3}
