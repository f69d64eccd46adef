"""ProductScene on a real offscreen VTK plotter."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
import trimesh

from models3d.materials import material
from models3d.parts import Part
from rendering.scene import ProductScene, to_polydata
from tests.rendering.sample_parts import ring_parts, table_parts


def test_to_polydata_keeps_points_and_faces():
    mesh = trimesh.creation.icosphere(subdivisions=2, radius=5.0)

    surface = to_polydata(mesh)

    np.testing.assert_array_equal(surface.points, mesh.vertices)
    assert surface.n_cells == len(mesh.faces)
    assert surface.is_all_triangles
    np.testing.assert_array_equal(surface.regular_faces, mesh.faces)


def test_to_polydata_of_empty_mesh():
    surface = to_polydata(trimesh.Trimesh())

    assert surface.n_points == 0
    assert surface.n_cells == 0


def test_one_actor_per_part(plotter):
    scene = ProductScene(plotter)

    scene.show_parts(table_parts())

    assert list(scene.actors) == ["top", "leg_1", "leg_2", "leg_3", "leg_4"]
    for actor in scene.actors.values():
        assert actor in plotter.renderer.actors.values()


def test_colour_comes_from_material(plotter):
    scene = ProductScene(plotter)

    scene.show_parts(table_parts())

    oak = pv.Color(material("oak").colour)
    steel = pv.Color(material("steel").colour)
    assert scene.actors["top"].prop.color == oak
    assert scene.actors["leg_1"].prop.color == steel


def test_part_colour_overrides_material(plotter):
    scene = ProductScene(plotter)
    band = ring_parts()[0]

    scene.show_parts([Part(band.name, band.mesh, band.material, "#1e90ff")])

    assert scene.actors["band"].prop.color == pv.Color("#1e90ff")


def test_metal_is_metallic_and_wood_matte(plotter):
    scene = ProductScene(plotter)

    scene.show_parts(table_parts())

    leg = scene.actors["leg_1"].prop
    top = scene.actors["top"].prop
    assert leg.interpolation.name == "PBR"
    assert top.interpolation.name == "PBR"
    assert leg.metallic > 0.8
    assert top.metallic == 0.0
    assert top.roughness > leg.roughness


def test_update_keeps_actors_and_changes_bounds(plotter):
    scene = ProductScene(plotter)
    scene.show_parts(ring_parts(outer_radius=10.0))
    actor = scene.actors["band"]
    mapper_input = actor.mapper.GetInput()
    bounds_before = actor.bounds

    scene.show_parts(ring_parts(outer_radius=12.0))

    assert scene.actors["band"] is actor
    assert actor.mapper.GetInput() is mapper_input
    assert len(plotter.renderer.actors) == 1
    assert actor.bounds != bounds_before
    assert actor.bounds[1] == pytest.approx(12.0, abs=0.01)


def test_update_follows_new_material(plotter):
    scene = ProductScene(plotter)
    band = ring_parts()[0]
    scene.show_parts([band])

    scene.show_parts([Part(band.name, band.mesh, "walnut")])

    prop = scene.actors["band"].prop
    assert prop.color == pv.Color(material("walnut").colour)
    assert prop.metallic == 0.0


def test_changed_names_add_and_remove_actors(plotter):
    scene = ProductScene(plotter)
    scene.show_parts(table_parts(legs=4))
    top = scene.actors["top"]

    scene.show_parts(table_parts(legs=3))

    assert list(scene.actors) == ["top", "leg_1", "leg_2", "leg_3"]
    assert scene.actors["top"] is top
    assert len(plotter.renderer.actors) == 4

    scene.show_parts(ring_parts())

    assert list(scene.actors) == ["band"]
    assert len(plotter.renderer.actors) == 1


def test_duplicate_part_names_raise(plotter):
    scene = ProductScene(plotter)
    band = ring_parts()[0]

    with pytest.raises(ValueError, match="'band' is used twice"):
        scene.show_parts([band, band])


def test_unknown_material_raises(plotter):
    scene = ProductScene(plotter)
    band = ring_parts()[0]

    with pytest.raises(KeyError, match="unobtainium"):
        scene.show_parts([Part("band", band.mesh, "unobtainium")])


def test_camera_fits_only_first_time(plotter):
    scene = ProductScene(plotter)
    scene.show_parts(ring_parts(outer_radius=10.0))
    first_position = plotter.camera.position

    scene.show_parts(ring_parts(outer_radius=14.0))
    assert plotter.camera.position == first_position

    scene.show_parts(table_parts(), reset_camera=True)
    assert plotter.camera.position != first_position


def test_preset_views_look_along_axes(plotter):
    scene = ProductScene(plotter)
    scene.show_parts(table_parts())
    expected = {
        "front": (0.0, 1.0, 0.0),
        "top": (0.0, 0.0, -1.0),
        "side": (-1.0, 0.0, 0.0),
    }

    for name, direction in expected.items():
        scene.set_view(name)
        np.testing.assert_allclose(plotter.camera.direction, direction, atol=1e-9)
        assert scene.view == name

    scene.set_view("iso")
    iso = np.array(plotter.camera.direction)
    assert iso[0] < 0
    assert iso[1] > 0
    assert iso[2] < 0


def test_view_fits_whole_product(plotter):
    scene = ProductScene(plotter)
    scene.show_parts(table_parts())

    scene.set_view("front")

    focal = np.array(plotter.camera.focal_point)
    np.testing.assert_allclose(focal, [0.0, 0.0, 375.0], atol=1e-6)
    distance = np.linalg.norm(np.array(plotter.camera.position) - focal)
    assert distance > 1600.0


def test_unknown_view_names_presets(plotter):
    scene = ProductScene(plotter)

    with pytest.raises(ValueError, match="'back'.*front, top, side, iso"):
        scene.set_view("back")
