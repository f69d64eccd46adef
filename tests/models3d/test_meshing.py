"""Revolve, loft, polygon fill and join helpers."""

import numpy as np
import pytest
import trimesh

from models3d.meshing import (
    closes_hole,
    concatenate,
    fill_polygon,
    interp_rows,
    join_at,
    loft,
    open_edges,
    revolve_profile,
    signed_area,
)
from tests.models3d.helpers import assert_solid


def square_ring(x, half, centre=(0.0, 0.0)):
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * half + centre
    return np.column_stack([np.full(4, x), corners])


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


@pytest.mark.parametrize("reverse", [False, True])
def test_fill_polygon_faces_third_axis(reverse):
    ring = square_ring(3.0, 2.0)
    contour = np.arange(4)[::-1] if reverse else np.arange(4)
    faces = fill_polygon(ring, contour, (1, 2))
    normals = trimesh.triangles.normals(ring[faces])[0]
    assert len(faces) == 2
    np.testing.assert_allclose(normals, [[1.0, 0.0, 0.0]] * 2, atol=1e-12)


def open_end(mesh, x):
    """Return the mesh without its faces on the plane X = x."""
    on_plane = mesh.vertices[:, 0] == x
    faces = mesh.faces[~on_plane[mesh.faces].all(axis=1)]
    return trimesh.Trimesh(mesh.vertices, faces, process=False)


def test_join_at_closes_prism():
    closed = loft([square_ring(0.0, 1.0), square_ring(5.0, 1.0)])
    piece = open_end(loft([square_ring(5.0, 1.0), square_ring(10.0, 1.0)]), 5.0)
    joined = join_at(closed, piece, 5.0)
    assert_solid(joined, "joined prism")
    assert joined.volume == pytest.approx(40.0)
    assert len(joined.vertices) == 3 * 4 + 2


def test_join_at_rejects_mismatched_edge():
    closed = loft([square_ring(0.0, 1.0), square_ring(5.0, 1.0)])
    moved = loft([square_ring(5.0, 1.0, (0.1, 0.0)), square_ring(10.0, 1.0)])
    with pytest.raises(ValueError, match="not on the cap at X = 5.0 mm"):
        join_at(closed, open_end(moved, 5.0), 5.0)


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


def test_closes_hole_in_box():
    faces = trimesh.creation.box().faces
    removed, kept = faces[:2], faces[2:]
    assert len(open_edges(kept)) == 4
    assert closes_hole(removed, removed)
    assert not closes_hole(removed[:, ::-1], removed)
    assert not closes_hole(removed[:1], removed)
