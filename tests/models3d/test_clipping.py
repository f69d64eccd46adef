"""Cutting closed meshes with tools without a boolean, against manifold3d."""

import numpy as np
import pytest
import trimesh
from shapely.geometry import Polygon, box

from models3d.clipping import AboveLine, AbovePlan, UnsupportedCut, cut, split
from models3d.footwear import side_prism
from models3d.solids import from_manifold, subtract, to_manifold
from tests.models3d.helpers import (
    assert_matches_boolean,
    assert_solid,
    crossing_face_pairs,
)


def slab():
    """A plate 40 x 20 mm, 2 mm thick at Z 4 to 6, of 12 large triangles."""
    plate = trimesh.creation.box((40.0, 20.0, 2.0))
    plate.apply_translation((0.0, 0.0, 5.0))
    return plate


def line_mesh(tool: AboveLine) -> trimesh.Trimesh:
    return side_prism(tool.side_view(), tool.half_width)


# A plane rising along X that crosses the plate between X = -10 and 0 and
# ends above it.
RAMP = AboveLine(np.array([-30.0, 30.0]), np.array([0.0, 12.0]), 50.0, 30.0)

# A slot 2 mm wide, narrower than any of the plate's triangles, from inside
# the ramp's cut to X = 10.
SLOT = AbovePlan.of(box(-15.0, -1.0, 10.0, 1.0), 0.0, 20.0)


def test_ramp_cut_matches_boolean():
    plate = slab()
    result = cut(plate.vertices, plate.faces, [RAMP])
    assert_solid(result, "cut plate")
    reference = subtract(plate, [line_mesh(RAMP)])
    np.testing.assert_allclose(result.bounds, reference.bounds, atol=1e-9)
    assert result.volume == pytest.approx(reference.volume, rel=1e-9)


def test_hole_through_plate_rejected():
    plate = slab()
    # Alone, the slot's walls would need a rim all the way around.
    with pytest.raises(UnsupportedCut, match="all the way around"):
        cut(plate.vertices, plate.faces, [SLOT])


def test_prism_inside_one_triangle_rejected():
    plate = slab()
    # A 2 mm square post inside one triangle of the plate's top and bottom,
    # whatever diagonal splits them, would leave each a hole.
    post = AbovePlan.of(box(13.0, -9.5, 15.0, -8.5), 0.0, 20.0)
    with pytest.raises(UnsupportedCut, match="inside a triangle"):
        cut(plate.vertices, plate.faces, [RAMP, post])


def test_slot_meeting_ramp_matches_boolean():
    plate = slab()
    # The slot passes between the plate's vertices, and its walls meet the
    # ramp's face inside the plate.
    result = cut(plate.vertices, plate.faces, [RAMP, SLOT])
    reference = subtract(plate, [line_mesh(RAMP), SLOT.mesh()])
    assert_matches_boolean(result, reference)
    assert result.volume == pytest.approx(reference.volume, rel=1e-9)
    assert len(crossing_face_pairs(result)) == 0


def test_round_slot_end_matches_boolean():
    plate = slab()
    plan = Polygon([(-15, -2), (5, -1), (5, 1), (-15, 2)]).union(
        Polygon(np.column_stack([5 + np.cos(np.linspace(0, 6.2, 24)),
                                 np.sin(np.linspace(0, 6.2, 24))]))
    )  # fmt: skip
    slot = AbovePlan.of(plan, 0.0, 20.0)
    result = cut(plate.vertices, plate.faces, [RAMP, slot])
    reference = subtract(plate, [line_mesh(RAMP), slot.mesh()])
    assert_matches_boolean(result, reference)
    assert len(crossing_face_pairs(result)) == 0


def test_cut_is_deterministic():
    plate = slab()
    first = cut(plate.vertices, plate.faces, [RAMP, SLOT])
    second = cut(plate.vertices, plate.faces, [RAMP, SLOT])
    assert np.array_equal(first.vertices, second.vertices)
    assert np.array_equal(first.faces, second.faces)


def test_line_ending_inside_mesh_rejected():
    plate = slab()
    # The region's front end at X = 0 lies inside the plate.
    short = AboveLine(np.array([-30.0, 0.0]), np.array([0.0, 4.5]), 50.0, 30.0)
    with pytest.raises(UnsupportedCut, match="ends, sides or ceiling"):
        cut(plate.vertices, plate.faces, [short])


def test_slot_floor_inside_mesh_rejected():
    plate = slab()
    # The floor at Z = 5 cuts through the plate's sides.
    shallow = AbovePlan.of(box(-25.0, -1.0, 10.0, 1.0), 5.0, 20.0)
    with pytest.raises(UnsupportedCut, match="floor or top"):
        cut(plate.vertices, plate.faces, [shallow])


def test_mesh_clear_of_tools_unchanged():
    plate = slab()
    above = AbovePlan.of(box(-15.0, -1.0, 10.0, 1.0), 10.0, 20.0)
    result = cut(plate.vertices, plate.faces, [above])
    assert np.array_equal(result.vertices, plate.vertices)
    assert np.array_equal(result.faces, plate.faces)


def upright_plate():
    """A plate 40 mm long, 30 mm high and 2 mm thick, standing on Z = 0
    across Y = -1 to 1, each big face subdivided into 32 triangles."""
    plate = trimesh.creation.box((40.0, 2.0, 30.0))
    plate.apply_translation((0.0, 0.0, 15.0))
    return plate.subdivide().subdivide()


# A V cut down from above the plate's top to Z = 12, its ends clear of it.
NOTCH = AboveLine(np.array([-12.0, 0.0, 12.0]), np.array([40.0, 12.0, 40.0]), 50.0, 5.0)


def test_split_pieces_match_booleans():
    plate = upright_plate()
    outside, inside = split(plate.vertices, plate.faces, NOTCH)
    assert_solid(outside, "plate outside the V")
    assert_solid(inside, "V cut from the plate")
    tool = to_manifold(line_mesh(NOTCH))
    whole = to_manifold(plate)
    assert_matches_boolean(outside, from_manifold(whole - tool))
    assert_matches_boolean(inside, from_manifold(whole ^ tool))
    assert outside.volume + inside.volume == pytest.approx(plate.volume, rel=1e-12)


def test_split_shares_rim():
    plate = upright_plate()
    outside, inside = split(plate.vertices, plate.faces, NOTCH)
    # Both pieces are closed by the same rim, so together they have the
    # plate's surface area plus twice the rim's: both arms of the V inside
    # the plate, from Z = 12 to its top at 30, across its 2 mm.
    arm = np.hypot(12.0, 28.0) * 18.0 / 28.0
    rim = 2.0 * arm * 2.0
    assert outside.area + inside.area == pytest.approx(plate.area + 2.0 * rim)
    # The V is 12 * 18 / 28 mm to either side of X = 0 at the plate's top.
    reach = 12.0 * 18.0 / 28.0
    expected = [[-reach, -1.0, 12.0], [reach, 1.0, 30.0]]
    np.testing.assert_allclose(inside.bounds, expected, atol=1e-9)
