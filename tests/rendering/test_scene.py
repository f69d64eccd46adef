"""ProductScene on a real offscreen VTK plotter."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
import trimesh
from vtkmodules.vtkRenderingCore import vtkCamera, vtkTextActor

from models3d.materials import material
from models3d.parts import Part
from rendering.finishes import finish_for
from rendering.scene import (
    ProductScene,
    pixels_per_mm,
    texture_level_for,
    to_polydata,
)
from rendering.textures import texture_image
from tests.rendering.sample_parts import ring_parts, table_parts


def part_actor_count(plotter, scene) -> int:
    """Count the renderer's visible actors other than the dimension rulers."""
    rulers = scene.rulers.props
    return sum(
        1
        for actor in plotter.renderer.actors.values()
        if actor not in rulers and actor.GetVisibility()
    )


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


def test_concealed_part_not_drawn(plotter):
    from dataclasses import replace

    from rendering.surfaces import SurfaceShader

    scene = ProductScene(plotter)
    parts = table_parts()
    parts[1] = replace(parts[1], concealed=True)

    scene.show_parts(parts)

    assert list(scene.actors) == ["top", "leg_2", "leg_3", "leg_4"]
    assert part_actor_count(plotter, scene) == 4
    assert SurfaceShader().shade(parts[1]).surface.n_cells == 0


def test_colour_comes_from_finish_then_material(plotter):
    scene = ProductScene(plotter)

    scene.show_parts(table_parts())

    # The finishes table sets no colour for oak but its own for steel.
    assert finish_for("oak").base_colour is None
    assert scene.actors["top"].prop.color == pv.Color(material("oak").colour)
    steel = pv.Color(finish_for("steel").base_colour)
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
    assert part_actor_count(plotter, scene) == 1
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
    assert part_actor_count(plotter, scene) == 4

    scene.show_parts(ring_parts())

    assert list(scene.actors) == ["band"]
    assert part_actor_count(plotter, scene) == 1


def test_returning_part_reuses_actor(plotter):
    # A slider that adds and drops a part, such as a bookshelf's divider,
    # shows the same actor again instead of building a new one.
    scene = ProductScene(plotter)
    scene.show_parts(table_parts(legs=4))
    fourth = scene.actors["leg_4"]
    scene.show_parts(table_parts(legs=3))
    assert not fourth.GetVisibility()
    assert fourth in plotter.renderer.actors.values()

    scene.show_parts(table_parts(legs=4))
    assert scene.actors["leg_4"] is fourth
    assert fourth.GetVisibility()
    assert part_actor_count(plotter, scene) == 5
    assert scene.bounds() == pytest.approx(
        plotter.renderer.ComputeVisiblePropBounds(), abs=1e-6
    )

    scene.clear()
    assert fourth not in plotter.renderer.actors.values()


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


def test_parts_cull_back_faces(plotter):
    scene = ProductScene(plotter)
    band = ring_parts()[0]

    scene.show_parts([band, Part("stone", band.mesh.copy(), "diamond")])

    assert scene.actors["band"].prop.GetBackfaceCulling()
    assert scene.actors["stone"].prop.GetBackfaceCulling()
    assert scene.actors["stone"].prop.opacity < 1.0
    assert not plotter.renderer.GetUseOIT()


def test_wood_gets_grain_texture(plotter):
    scene = ProductScene(plotter)

    scene.show_parts(table_parts())

    assert scene.actors["top"].prop.GetTexture("albedoTex") is not None
    assert scene.actors["leg_1"].prop.GetTexture("albedoTex") is None


def test_material_change_drops_texture(plotter):
    scene = ProductScene(plotter)
    top = table_parts()[0]
    scene.show_parts([top])

    scene.show_parts([Part("top", top.mesh, "steel")])

    assert scene.actors["top"].prop.GetTexture("albedoTex") is None


def test_bounds_cover_all_parts(plotter):
    scene = ProductScene(plotter)

    scene.show_parts(table_parts(length=1600.0))

    x0, x1, _, _, z0, z1 = scene.bounds()
    assert x1 - x0 == pytest.approx(1600.0)
    assert z0 == pytest.approx(0.0)
    assert z1 == pytest.approx(750.0)


def test_dimensions_hidden_until_shown(plotter):
    scene = ProductScene(plotter)
    scene.show_parts(table_parts())

    assert not scene.rulers.visible
    assert not any(prop.GetVisibility() for prop in scene.rulers.props)

    scene.show_dimensions(True)

    # Each axis shows its text actor, and its image label stays hidden
    # until a caption in Chinese needs it.
    shown = [prop for prop in scene.rulers.props if prop.GetVisibility()]
    assert len(shown) == 4
    assert all(isinstance(prop, vtkTextActor) for prop in shown[1:])


def test_dimension_labels_follow_bounds(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)

    scene.show_parts(table_parts(length=1600.0))

    assert scene.rulers.labels == {
        "width": "Width 1600 mm",
        "depth": "Depth 900 mm",
        "height": "Height 750 mm",
    }

    scene.show_parts(table_parts(length=1200.0))

    assert scene.rulers.labels["width"] == "Width 1200 mm"


def test_small_dimensions_keep_one_decimal(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)

    scene.show_parts(ring_parts(outer_radius=10.6, width=4.0))

    assert scene.rulers.labels["width"] == "Width 21.2 mm"
    assert scene.rulers.labels["height"] == "Height 4.0 mm"


def test_dimension_captions_in_chinese(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)
    scene.show_parts(ring_parts())

    scene.rulers.set_captions("宽", "深", "高")

    assert scene.rulers.labels["height"] == "高 4.0 mm"


def cabinet_with_handle() -> list[Part]:
    """Return a 600 x 450 x 720 mm box with a 32 mm handle in front of it."""
    body = trimesh.creation.box(extents=[600.0, 450.0, 720.0])
    body.apply_translation([0.0, 0.0, 360.0])
    handle = trimesh.creation.box(extents=[160.0, 32.0, 12.0])
    handle.apply_translation([0.0, -225.0 - 16.0, 600.0])
    return [
        Part("body", body, "oak"),
        Part("body_handle", handle, "steel", protrudes=True),
    ]


def test_depth_ruler_measures_body_and_names_overall(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)

    scene.show_parts(cabinet_with_handle())

    assert scene.rulers.labels["depth"] == "Depth 450 mm (482 overall)"
    assert scene.rulers.labels["width"] == "Width 600 mm"
    assert scene.rulers.labels["height"] == "Height 720 mm"
    # The rulers stand in front of the handle, and the bounds keep it.
    line_bounds = scene.rulers.props[0].GetBounds()
    assert line_bounds[2] < -225.0 - 32.0
    assert scene.bounds()[2] == pytest.approx(-225.0 - 32.0)


def test_overall_template_names_the_parts(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)
    scene.show_parts(cabinet_with_handle())

    scene.rulers.set_captions(
        "Width", "Depth", "Height", "{size} ({overall} with handles)"
    )

    assert scene.rulers.labels["depth"] == "Depth 450 mm (482 with handles)"


def test_parts_without_protrusion_keep_labels(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)
    parts = cabinet_with_handle()

    scene.show_parts([parts[0], Part("body_handle", parts[1].mesh, "steel")])

    assert scene.rulers.labels["depth"] == "Depth 482 mm"


@pytest.mark.parametrize(
    "template", ["{size} only", "{overall} only", "{size} {overall} {extra}"]
)
def test_invalid_overall_template_is_rejected(plotter, template):
    scene = ProductScene(plotter)

    with pytest.raises(ValueError, match="template"):
        scene.rulers.set_captions("Width", "Depth", "Height", template)


def test_chinese_overall_label_keeps_ascii_digits(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)
    scene.show_parts(cabinet_with_handle())

    scene.rulers.set_captions("宽", "深", "高", "{size}（含拉手 {overall}）")

    assert scene.rulers.labels["depth"] == "深 450 mm（含拉手 482）"
    shown = [prop for prop in scene.rulers.props[1:] if prop.GetVisibility()]
    assert len(shown) == 3


def test_rulers_stand_outside_product(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)
    scene.show_parts(table_parts())
    x0, x1, y0, y1, z0, z1 = scene.bounds()

    line_bounds = scene.rulers.props[0].GetBounds()

    assert line_bounds[2] < y0
    assert line_bounds[1] > x1
    assert line_bounds[5] == pytest.approx(z1)


def test_clear_hides_rulers(plotter):
    scene = ProductScene(plotter)
    scene.show_dimensions(True)
    scene.show_parts(ring_parts())

    scene.clear()

    assert scene.rulers.labels == {}
    assert not any(prop.GetVisibility() for prop in scene.rulers.props)


def test_update_keeps_texture_object(plotter):
    scene = ProductScene(plotter)
    scene.show_parts(table_parts(length=1600.0))
    texture = scene.actors["top"].prop.GetTexture("albedoTex")

    scene.show_parts(table_parts(length=1400.0))

    assert scene.actors["top"].prop.GetTexture("albedoTex") is texture


def leather_block(length: float = 260.0) -> Part:
    """Return a block of calf leather about the size of a shoe."""
    block = trimesh.creation.box(extents=[length, 100.0, 80.0])
    block.apply_translation([0.0, 0.0, 40.0])
    return Part("upper", block, "calf_leather")


def albedo_width(actor) -> int:
    return actor.prop.GetTexture("albedoTex").GetInput().GetDimensions()[0]


def test_parts_draw_front_to_back(plotter):
    ProductScene(plotter)

    culler = plotter.renderer.GetCullers().GetItemAsObject(0)

    assert culler.GetSortingStyleAsString() == "Front To Back"


def test_pixels_per_mm_of_perspective_camera():
    camera = vtkCamera()
    camera.SetPosition(0.0, -500.0, 0.0)
    camera.SetFocalPoint(0.0, 0.0, 0.0)
    camera.SetViewAngle(30.0)

    near = pixels_per_mm(camera, 800, (0.0, 0.0, 0.0))
    far = pixels_per_mm(camera, 800, (0.0, 500.0, 0.0))

    assert near == pytest.approx(800 / (2 * 500 * np.tan(np.radians(15.0))))
    assert far == pytest.approx(near / 2.0)
    assert pixels_per_mm(camera, 800, (0.0, -600.0, 0.0)) == float("inf")


def test_pixels_per_mm_of_parallel_camera():
    camera = vtkCamera()
    camera.ParallelProjectionOn()
    camera.SetParallelScale(100.0)

    assert pixels_per_mm(camera, 600, (0.0, 0.0, 0.0)) == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("texels_per_pixel", "level"),
    [(0.5, 0), (1.0, 0), (1.3, 0), (1.5, 1), (2.0, 1), (8.0, 3), (1000.0, 6)],
)
def test_texture_level_for_minification(texels_per_pixel, level):
    assert texture_level_for(texels_per_pixel * 2.0, 2.0, 7) == level


def test_leather_texture_gets_finer_when_zoomed(plotter):
    scene = ProductScene(plotter)
    scene.show_parts([leather_block()])
    plotter.render_window.Render()
    overview = albedo_width(scene.actors["upper"])

    plotter.camera.zoom(8.0)
    plotter.render_window.Render()
    close_up = albedo_width(scene.actors["upper"])

    assert overview < texture_image("leather").shape[1]
    assert close_up == 2 * 2 * 2 * overview
    assert not scene.actors["upper"].prop.GetTexture("albedoTex").GetMipmap()


def test_wood_keeps_full_texture(plotter):
    scene = ProductScene(plotter)

    scene.show_parts(table_parts())
    plotter.render_window.Render()

    assert albedo_width(scene.actors["top"]) == texture_image("wood").shape[1]


def test_leather_level_looks_like_mipmap(plotter):
    plotter.window_size = (640, 480)
    scene = ProductScene(plotter)
    scene.show_parts([leather_block()])
    prefiltered = plotter.screenshot(return_img=True).astype(int)

    mipmap = pv.Texture(texture_image("leather"))
    mipmap.repeat = True
    mipmap.interpolate = True
    mipmap.mipmap = True
    mipmap.SetUseSRGBColorSpace(True)
    scene._fit_texture_detail = lambda: None
    prop = scene.actors["upper"].prop
    prop.RemoveTexture("albedoTex")
    prop.SetBaseColorTexture(mipmap)
    mipmapped = plotter.screenshot(return_img=True).astype(int)

    covered = mipmapped.sum(axis=2) != prefiltered[0, 0].sum()
    assert covered.sum() > 10_000
    assert np.abs(prefiltered - mipmapped)[covered].mean() < 1.0
    assert np.abs(prefiltered - mipmapped).max() < 16


def glass_boxes() -> list[Part]:
    """Return a red glass box in front of a blue one, overlapping in the middle.

    In the front view the camera looks along +Y, so the red box at Y = -25
    is the nearer one, and +X is to the right.
    """
    near = trimesh.creation.box(extents=[30.0, 10.0, 30.0])
    near.apply_translation([-10.0, -25.0, 0.0])
    far = trimesh.creation.box(extents=[30.0, 10.0, 30.0])
    far.apply_translation([10.0, 25.0, 0.0])
    return [
        Part("near", near, "diamond", "#ff0000"),
        Part("far", far, "diamond", "#0000ff"),
    ]


def middle_row(plotter) -> np.ndarray:
    """Render and return the middle row of pixels as RGB integers.

    The values are ``int``, not ``uint8``, so that channel differences can
    be negative.
    """
    from rendering.offscreen import read_pixels

    plotter.render_window.Render()
    pixels = read_pixels(plotter.render_window)
    return pixels[pixels.shape[0] // 2, :, :3].astype(int)


def test_glass_parts_blend_back_to_front(plotter):
    scene = ProductScene(plotter)
    parts = glass_boxes()
    assert all(finish_for(part.material).is_translucent for part in parts)

    scene.show_parts(parts)
    scene.set_view("front")
    row = middle_row(plotter)

    culler = plotter.renderer.GetCullers().GetItemAsObject(0)
    assert culler.GetSortingStyleAsString() == "Back To Front"
    red, blue = row[:, 0], row[:, 2]
    # The far box alone shows blue on the right of the overlap.
    assert (blue - red > 60).any()
    # Where the boxes overlap, in the middle of the view, the nearer red
    # box is blended over the blue one, so red outweighs blue.
    middle = row[len(row) // 2]
    assert middle[0] - middle[2] > 30, middle


def test_one_glass_part_keeps_front_to_back(plotter):
    scene = ProductScene(plotter)
    near, far = glass_boxes()

    scene.show_parts([near, Part("far", far.mesh, "steel")])

    culler = plotter.renderer.GetCullers().GetItemAsObject(0)
    assert culler.GetSortingStyleAsString() == "Front To Back"
