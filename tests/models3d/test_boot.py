"""Chelsea boot geometry: sole, upper with a shaft, and gussets."""

import itertools

import numpy as np
import pytest

from models3d.boot import (
    FOOT,
    FOOT_START,
    FOREFOOT_MM,
    JOINT_MM,
    SHAFT_FRONT,
    SOLES,
    UPPER_MATERIALS,
    UPPER_WALL_MM,
    WELT_MM,
    _gusset_side_view,
    _shaft_rings,
    _tube,
)
from models3d.caching import clear_caches
from models3d.dims import DimensionError
from models3d.footwear import (
    shoe_quantities,
    side_prism,
    split_hollow,
    upper_shape,
)
from models3d.generators import build
from models3d.last import Last
from models3d.meshing import box, compact, concatenate, fill_polygon, loft
from models3d.solids import from_manifold, to_manifold, union_parts
from tests.models3d.helpers import (
    EXTENT_TOLERANCE_MM,
    assert_extents,
    assert_matches_boolean,
    assert_parts_apart,
    assert_parts_solid,
    assert_topology,
    catalog_dims,
    choice_values,
    crossing_face_pairs,
    vertical_crossings,
)


def boot_dims(**values):
    return catalog_dims("shoe-boot", **values)


def test_catalog_options_all_built():
    assert set(choice_values("shoe-boot", "sole")) == set(SOLES)
    assert set(choice_values("shoe-boot", "upper_material")) == set(UPPER_MATERIALS)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {
            "size_system": "MP",
            "size": "MP 220",
            "shaft_height": 100,
            "toe_shape": "square",
        },
        {"size_system": "EU", "size": "EU 48", "heel_height": 35, "toe_shape": "round"},
    ],
)
def test_parts_and_extents(values):
    dims = boot_dims(**values)
    parts = build("ankle_boot", dims)
    assert [part.name for part in parts] == ["sole", "upper", "gussets"]
    assert parts[2].material == "elastic"
    assert parts[2].colour == dims["gusset_colour"]
    assert_parts_solid(parts)
    assert_topology(parts, tubes=("upper",))
    assert_parts_apart(parts, {frozenset(("sole", "upper"))})
    fused = union_parts(parts)
    assert fused.body_count == 1
    expected = [dims["last_length"], dims["ball_width"] + 2 * WELT_MM, None]
    assert_extents(fused, expected, "boot")
    top = FOREFOOT_MM + dims["heel_height"] + dims["shaft_height"]
    assert fused.bounds[1, 2] == pytest.approx(top, abs=1e-6)


def test_shaft_open_above_heel():
    dims = boot_dims()
    upper = build("ankle_boot", dims)[1].mesh
    length = dims["last_length"]
    # Down the shaft there is nothing until the sole; over the vamp the
    # line passes through the roof.
    assert vertical_crossings(upper, -0.3 * length, 0.0) == 0
    assert vertical_crossings(upper, 0.2 * length, 0.0) == 2


def test_gussets_on_both_sides():
    dims = boot_dims()
    gussets = build("ankle_boot", dims)[2].mesh
    bodies = gussets.split(only_watertight=True)
    assert len(bodies) == 2
    sides = sorted(np.sign(body.centroid[1]) for body in bodies)
    assert sides == [-1.0, 1.0]
    shaft_top = FOREFOOT_MM + dims["heel_height"] + dims["shaft_height"]
    for body in bodies:
        assert body.bounds[1, 2] == pytest.approx(shaft_top, abs=1e-6)


def shaft_solid(outer, hollow, top):
    """Return the shaft's outer solid with the tube's bottom: its outer wall,
    the band at the bottom and flat caps over the hollow's bottom ring and
    over the top.

    A loft's fan cap over the bottom ring, which is not flat, does not
    follow the tube's bottom band, and the uppers would differ by about
    0.1 % of their volume there."""
    tube = _tube(outer, hollow, top)
    count, size = outer.shape[:2]
    inner_start = count * size
    faces = tube.faces
    # The hollow's wall uses only its own rings, and the top band its rings
    # above the bottom one.
    walls_and_bottom = faces[
        (faces.min(axis=1) < inner_start) & (faces.max(axis=1) < inner_start + size)
    ]
    bottom_ring = inner_start + np.arange(size)
    top_ring = (count - 1) * size + np.arange(size)
    caps = [
        fill_polygon(tube.vertices, bottom_ring, (0, 1))[:, ::-1],
        fill_polygon(tube.vertices, top_ring, (0, 1)),
    ]
    return compact(tube.vertices, np.concatenate([walls_and_bottom, *caps]))


def full_boolean_upper(dims):
    """Return the upper and gussets cut from the whole foot with booleans:
    the foot's outer loft and the shaft's outer solid, less the foot's inner
    loft and the shaft's hollow, split by the gussets' tool."""
    last = Last.from_dims(dims, "ankle_boot")
    shaft_height = float(dims["shaft_height"])
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    foot = upper_shape(outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT)
    top = FOREFOOT_MM + last.heel_height + shaft_height
    outer, hollow, _ = _shaft_rings(last, outline.buffer(-WELT_MM), top)
    tool = side_prism(_gusset_side_view(last, top, shaft_height), last.length)
    shell = to_manifold(foot.outer.mesh()) + to_manifold(
        shaft_solid(outer, hollow, top)
    )
    shell = shell - to_manifold(foot.inner.mesh()) - to_manifold(loft(hollow))
    gussets, upper = shell.split(to_manifold(tool))
    return from_manifold(upper), from_manifold(gussets)


def design_grid():
    """Design values across the catalog's ranges: sizes in three systems,
    the narrowest and widest fittings, every toe shape, the lowest and
    highest heels, and the lowest and highest shafts the size allows."""
    sizes = [("EU", "EU 35"), ("UK", "UK 8"), ("US", "US 13"), ("EU", "EU 48")]
    grid = itertools.product(
        sizes,
        ["narrow", "extra_wide"],
        ["round", "almond", "square"],
        [(20, 16), (35, 10)],
    )
    designs = []
    for index, ((system, size), width, toe, (heel, spring)) in enumerate(grid):
        values = {
            "size_system": system,
            "size": size,
            "width_fitting": width,
            "toe_shape": toe,
            "heel_height": heel,
            "toe_spring": spring,
        }
        dims = boot_dims(**values)
        highest = min(160, 10 * int((dims["foot_length"] / 2 + 10) // 10))
        values["shaft_height"] = (100, highest)[index % 2]
        designs.append(values)
    return designs


DESIGNS = design_grid()


@pytest.mark.parametrize("values", DESIGNS[::4] + [{}])
def test_upper_matches_full_boolean(values):
    # The shaft is built as a tube, the foot behind FOOT_START is left out
    # and only the piece from there to the toe piece goes through booleans.
    # The same cut of the whole foot must give the same upper and gussets.
    dims = boot_dims(**values)
    parts = {part.name: part.mesh for part in build("ankle_boot", dims)}
    upper, gussets = parts["upper"], parts["gussets"]
    reference, reference_gussets = full_boolean_upper(dims)

    assert_matches_boolean(upper, reference)

    np.testing.assert_allclose(
        gussets.bounds, reference_gussets.bounds, atol=EXTENT_TOLERANCE_MM
    )
    # The tube's inner wall ends at the top along its columns of points,
    # where the boolean also cuts the quads' diagonals, so the gussets'
    # volumes differ by up to about a cubic millimetre.
    assert gussets.volume == pytest.approx(reference_gussets.volume, rel=2e-4)


@pytest.mark.parametrize("values", DESIGNS)
def test_foot_behind_start_inside_shaft(values):
    # The upper leaves out the foot behind FOOT_START and cuts the foot's
    # cavity only from there. So the foot behind it must lie inside the
    # shaft's outer solid, and its cavity there must miss the tube.
    dims = boot_dims(**values)
    last = Last.from_dims(dims, "ankle_boot")
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    start = last.at(FOOT_START)
    foot = upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT, (start,)
    )
    top = FOREFOOT_MM + last.heel_height + dims["shaft_height"]
    outer, hollow, _ = _shaft_rings(last, outline.buffer(-WELT_MM), top)
    back, _ = split_hollow(foot.outer, foot.inner, start)

    outside = to_manifold(back) - to_manifold(loft(outer))
    assert outside.volume() < 0.01
    cavity = to_manifold(foot.inner.up_to(start).mesh())
    assert (cavity ^ to_manifold(_tube(outer, hollow, top))).volume() == 0.0


def test_split_hollow_from_start():
    dims = boot_dims()
    last = Last.from_dims(dims, "ankle_boot")
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    start, joint = last.at(FOOT_START), last.at(SHAFT_FRONT) + JOINT_MM
    foot = upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT, (start, joint)
    )
    back, _ = split_hollow(foot.outer, foot.inner, start)
    heel, toe = split_hollow(foot.outer, foot.inner, joint)
    middle, middle_toe = split_hollow(foot.outer, foot.inner, joint, start)

    assert middle.is_watertight
    assert middle.is_winding_consistent
    assert middle.body_count == 1
    assert middle.bounds[0, 0] == start
    assert middle.bounds[1, 0] == joint
    assert middle.volume == pytest.approx(heel.volume - back.volume, rel=1e-9)
    np.testing.assert_array_equal(middle_toe.vertices, toe.vertices)
    np.testing.assert_array_equal(middle_toe.faces, toe.faces)
    with pytest.raises(ValueError, match="must be a station of both lofts"):
        split_hollow(foot.outer, foot.inner, joint, start + 1.0)


def test_tube_watertight_with_two_openings():
    dims = boot_dims()
    last = Last.from_dims(dims, "ankle_boot")
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    top = FOREFOOT_MM + last.heel_height + dims["shaft_height"]
    outer, hollow, _ = _shaft_rings(last, outline.buffer(-WELT_MM), top)
    tube = _tube(outer, hollow, top)

    assert tube.is_watertight
    assert tube.is_winding_consistent
    assert tube.euler_number == 0
    assert tube.bounds[1, 2] == top
    assert tube.bounds[0, 2] == pytest.approx(outer[0, :, 2].min(), abs=1e-9)
    # The boolean of the outer solid less the hollow gives nearly the same
    # solid. Their bottoms differ where the bottom ring is not flat: the
    # tube's is a band between the two walls, the outer loft's a fan. The
    # hollow's lowest quads are tall and bent, and the tube cuts them along
    # their columns, the boolean along their diagonals too.
    reference = to_manifold(loft(outer)) - to_manifold(loft(hollow))
    assert tube.volume == pytest.approx(reference.volume(), rel=2e-3)
    common = to_manifold(tube) ^ reference
    assert common.volume() == pytest.approx(tube.volume, rel=2e-3)


def test_upper_same_after_clearing_caches():
    dims = boot_dims()
    first = build("ankle_boot", dims)[1].mesh
    clear_caches()
    second = build("ankle_boot", dims)[1].mesh
    np.testing.assert_array_equal(first.vertices, second.vertices)
    np.testing.assert_array_equal(first.faces, second.faces)


def test_shaft_height_checked():
    dims = boot_dims()
    dims["shaft_height"] = 250
    with pytest.raises(DimensionError, match="shaft_height must be 80 to 200 mm"):
        build("ankle_boot", dims)


def test_quantities_count_gussets():
    quantities = shoe_quantities(build("ankle_boot", boot_dims()))
    assert set(quantities.upper_area_dm2) == {"calf_leather", "elastic"}
    assert (
        quantities.upper_area_dm2["calf_leather"]
        > 5 * quantities.upper_area_dm2["elastic"]
    )


@pytest.mark.parametrize("values", DESIGNS[::12] + [{}])
def test_parts_free_of_self_intersections(values):
    for part in build("ankle_boot", boot_dims(**values)):
        crossings = crossing_face_pairs(part.mesh)
        assert len(crossings) == 0, f"{part.name}: faces {crossings[:5].tolist()}"


def test_self_intersection_check_finds_overlap():
    overlapping = concatenate([box((0, 0, 0), (1, 1, 1)), box((0.5,) * 3, (2,) * 3)])
    apart = concatenate([box((0, 0, 0), (1, 1, 1)), box((1.5, 0.5, 0.5), (2,) * 3)])
    assert len(crossing_face_pairs(overlapping)) > 0
    assert len(crossing_face_pairs(apart)) == 0
