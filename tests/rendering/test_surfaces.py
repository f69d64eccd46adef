"""SurfaceShader: crease splits, reuse while faces repeat, normals, texture."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from models3d.meshing import rounded_box
from models3d.parts import Part
from rendering.finishes import finish_for
from rendering.surfaces import (
    NORMALS,
    SPLITS_PER_PART,
    TEXTURE_COORDINATES,
    SurfaceShader,
    point_normals,
)
from rendering.textures import texture_aspect
from tests.rendering.sample_parts import ring_parts, table_parts


def box_part(length: float = 100.0, name: str = "box", material: str = "oak"):
    return Part(name, trimesh.creation.box(extents=[length, 40.0, 20.0]), material)


def test_box_corners_split_into_flat_faces():
    shaded = SurfaceShader().shade(box_part(material="steel"))

    # 8 corners, each on 3 faces at right angles: 24 points, flat normals.
    assert shaded.surface.n_points == 24
    normals = shaded.surface.point_data[NORMALS]
    assert np.allclose(np.abs(normals).max(axis=1), 1.0)


def test_smooth_ring_is_not_split_and_normals_point_out():
    band = ring_parts()[0]
    shaded = SurfaceShader().shade(band)
    points = shaded.surface.points
    normals = shaded.surface.point_data[NORMALS]

    # The band's outer wall faces away from the axis.
    radius = np.hypot(points[:, 0], points[:, 1])
    outer = radius > radius.max() - 0.01
    outer &= np.abs(points[:, 2] - 2.0) < 1.0
    radial = points[outer, :2] / radius[outer, None]
    assert (np.einsum("ij,ij->i", normals[outer, :2], radial) > 0.9).all()
    assert np.allclose(np.linalg.norm(normals, axis=1), 1.0, atol=1e-5)


def test_same_faces_reuse_topology_and_cells():
    shader = SurfaceShader()
    first = shader.shade(ring_parts(outer_radius=10.0)[0])

    second = shader.shade(ring_parts(outer_radius=12.0)[0])

    assert second.topology == first.topology
    assert second.surface.GetPolys() is first.surface.GetPolys()
    assert second.surface.bounds[1] == pytest.approx(12.0, abs=1e-3)


def test_reused_split_matches_fresh_split():
    shader = SurfaceShader()
    shader.shade(ring_parts(outer_radius=10.0, width=4.0)[0])
    wider = ring_parts(outer_radius=11.0, width=7.0)[0]

    reused = shader.shade(wider).surface
    fresh = SurfaceShader().shade(wider).surface

    np.testing.assert_allclose(reused.points, fresh.points)
    np.testing.assert_allclose(
        reused.point_data[NORMALS], fresh.point_data[NORMALS], atol=1e-6
    )


def test_new_faces_get_new_topology():
    shader = SurfaceShader()
    first = shader.shade(ring_parts()[0])
    coarse = trimesh.creation.annulus(r_min=8.6, r_max=10.6, height=4.0, sections=32)

    second = shader.shade(Part("band", coarse, "gold_18k_yellow"))

    assert second.topology != first.topology
    assert second.surface.n_cells == len(coarse.faces)


def band_with_sections(sections: int) -> Part:
    mesh = trimesh.creation.annulus(
        r_min=8.6, r_max=10.6, height=4.0, sections=sections
    )
    return Part("band", mesh, "gold_18k_yellow")


def test_recent_layouts_keep_their_splits():
    shader = SurfaceShader()
    first = shader.shade(band_with_sections(64))
    second = shader.shade(band_with_sections(32))

    again = shader.shade(band_with_sections(64))

    assert second.topology != first.topology
    assert again.topology == first.topology
    assert again.surface.GetPolys() is first.surface.GetPolys()


def test_oldest_layout_split_is_dropped():
    shader = SurfaceShader()
    first = shader.shade(band_with_sections(16))
    for sections in range(17, 17 + SPLITS_PER_PART):
        shader.shade(band_with_sections(sections))

    again = shader.shade(band_with_sections(16))

    assert again.topology != first.topology


def test_empty_mesh_gives_empty_surface():
    shaded = SurfaceShader().shade(Part("none", trimesh.Trimesh(), "oak"))

    assert shaded.surface.n_points == 0
    assert shaded.topology == 0


def test_concealed_part_gets_empty_surface():
    box = box_part()
    hidden = Part("drawer_side", box.mesh, "oak", concealed=True)

    shaded = SurfaceShader().shade(hidden)

    assert shaded.surface.n_points == 0
    assert shaded.topology == 0


def test_normals_and_coordinates_are_active_arrays():
    # The mapper shades with the active normals and texture coordinates.
    surface = SurfaceShader().shade(box_part(material="oak")).surface
    point_data = surface.GetPointData()

    assert point_data.GetNormals().GetName() == NORMALS
    assert point_data.GetTCoords().GetName() == TEXTURE_COORDINATES
    assert np.allclose(np.linalg.norm(surface.point_data[NORMALS], axis=1), 1.0)
    assert surface.points.dtype == np.float32


def test_wood_grain_runs_along_longest_side():
    top = table_parts()[0]

    surface = SurfaceShader().shade(top).surface
    coordinates = surface.point_data[TEXTURE_COORDINATES]

    # The top is 1600 mm long in x: its first texture axis follows x.
    on_top = surface.point_data[NORMALS][:, 2] > 0.9
    x, y = surface.points[on_top, 0], surface.points[on_top, 1]
    assert np.corrcoef(x, coordinates[on_top, 0])[0, 1] > 0.99
    assert np.corrcoef(y, coordinates[on_top, 1])[0, 1] > 0.99


@pytest.mark.parametrize("material", ["oak", "walnut"])
def test_wood_texture_continues_over_rounded_edge(material):
    # A seat board with 2 mm round-overs, as the chair's.
    mesh = rounded_box((-220.0, -210.0, 430.0), (220.0, 210.0, 450.0), 2.0)
    surface = SurfaceShader().shade(Part("seat", mesh, material)).surface
    coordinates = surface.point_data[TEXTURE_COORDINATES]
    triangles = surface.regular_faces
    finish = finish_for(material)
    across_tile = finish.texture_size_mm * texture_aspect(finish.texture)

    # Across each triangle the texture moves about as far as the surface
    # does, so no triangle squeezes tiles of grain into a rounded edge.
    corners = surface.points[triangles]
    size = np.ptp(corners, axis=1).max(axis=1)
    along = np.ptp(coordinates[triangles, 0], axis=1) * finish.texture_size_mm
    spread = np.ptp(coordinates[triangles, 1], axis=1) * across_tile
    # Where a rounded edge meets a corner the nearest side changes, which
    # moves the texture by less than the edge's radius twice.
    stretched = (spread > size + 4.0) | (along > size + 4.0)
    # The loop around the section closes in the middle of the underside,
    # where the texture jumps by a whole loop, and the end grain takes the
    # colour at the board's end.
    loop = 2.0 * (420.0 + 20.0)
    wrap = spread > loop / 2.0
    assert np.all(corners[wrap][:, :, 2].min(axis=1) <= 430.0 + 2.0 + 1e-3)
    facing = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    end_grain = np.abs(facing[:, 0]) > 0.9 * np.linalg.norm(facing, axis=1)
    assert not np.any(stretched & ~wrap & ~end_grain)


def test_untextured_finish_has_no_coordinates():
    surface = SurfaceShader().shade(box_part(material="steel")).surface

    assert TEXTURE_COORDINATES not in surface.point_data


def test_point_normals_of_tetrahedron_face_outward():
    mesh = trimesh.creation.icosphere(subdivisions=1)

    normals = point_normals(np.asarray(mesh.vertices), np.asarray(mesh.faces))

    directions = mesh.vertices / np.linalg.norm(mesh.vertices, axis=1)[:, None]
    assert (np.einsum("ij,ij->i", normals, directions) > 0.99).all()
