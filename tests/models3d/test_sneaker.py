"""Sneaker geometry: cupsole, midsole and upper on the catalog's last."""

import numpy as np
import pytest

from models3d import footwear
from models3d.caching import clear_caches
from models3d.dims import DimensionError
from models3d.footwear import (
    LINING_RISE_MM,
    SEAM_MM,
    hollow,
    shoe_quantities,
    sole_sections,
    upper_shape,
)
from models3d.generators import build
from models3d.last import Last
from models3d.meshing import loft
from models3d.sneaker import (
    BEVEL_MM,
    OUTSOLE_MM,
    SIDEWALL_MM,
    UPPER,
    UPPER_MATERIALS,
    UPPER_WALL_MM,
    WELT_MM,
)
from models3d.solids import subtract, union_parts
from tests.models3d.helpers import (
    assert_extents,
    assert_matches_resampled,
    assert_no_fold_backs,
    assert_parts_clean,
    assert_parts_solid,
    assert_shell_matches_boolean,
    assert_topology,
    boolean_not_expected,
    catalog_dims,
    choice_values,
    collar_front_folds,
    crossing_face_pairs,
    heel_back,
    lining_heel_folds,
    opening_cut_not_expected,
    shared_volume,
    shoe_grid,
    slot_end_drift,
    toe_corner_folds,
    toe_folds,
)


def sneaker_dims(**values):
    return catalog_dims("shoe-sneaker", **values)


def test_catalog_materials_all_built():
    assert set(choice_values("shoe-sneaker", "upper_material")) == set(UPPER_MATERIALS)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"size_system": "UK", "size": "UK 2.5", "width_fitting": "narrow"},
        {"size_system": "US", "size": "US 14", "sole_height": 30, "toe_spring": 24},
        {"toe_shape": "square", "heel_height": 4, "sole_height": 15},
        {"lace_colour": "#b22a2e"},
    ],
)
def test_parts_and_extents(values):
    dims = sneaker_dims(**values)
    parts = build("sneaker", dims)
    names = ["cupsole", "midsole", "upper", "facings", "tongue", "laces"]
    assert [part.name for part in parts] == names
    assert parts[0].colour == dims["sole_colour"]
    assert parts[-1].colour == dims["lace_colour"]
    assert_parts_solid(parts)
    assert_topology(parts, tubes=("upper",))
    fused = union_parts(parts)
    assert fused.body_count == 1
    expected = [dims["last_length"], dims["ball_width"] + 2 * WELT_MM, None]
    assert_extents(fused, expected, "sneaker")
    assert_extents(parts[0].mesh, expected, "cupsole")


def test_soles_have_no_flat_faces():
    # The midsole's sections have no bevel, and the outline's heel has two
    # points a rounding error apart in X.
    assert_parts_clean(build("sneaker", sneaker_dims())[:2])


def test_midsole_fills_cup():
    dims = sneaker_dims()
    cupsole, midsole = build("sneaker", dims)[:2]
    # Glued in: it reaches into the tray's walls by the seam, a thin skin.
    shared = shared_volume(cupsole.mesh, midsole.mesh)
    assert 0.0 < shared < SEAM_MM * midsole.mesh.area
    low, high = midsole.mesh.bounds
    assert np.all(low[:2] > cupsole.mesh.bounds[0, :2])
    assert np.all(high[:2] < cupsole.mesh.bounds[1, :2])
    assert low[2] == pytest.approx(OUTSOLE_MM - 0.3, abs=1e-6)


@pytest.mark.parametrize(
    "values",
    [{}, {"size_system": "US", "size": "US 14", "sole_height": 30, "toe_spring": 24}],
)
def test_tray_matches_boolean_cut(values):
    # The cupsole is built without a boolean. Cutting the hollow from the
    # whole sole with one must give the same solid.
    dims = sneaker_dims(**values)
    cupsole = build("sneaker", dims)[0].mesh
    last = Last.from_dims(dims, "sneaker")
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    hollow_plan = outline.buffer(-(WELT_MM + UPPER_WALL_MM / 2.0))

    def rim(x):
        return dims["sole_height"] + last.bottom(x) + SIDEWALL_MM

    def floor(x):
        return last.spring(x) + OUTSOLE_MM

    sole = loft(list(sole_sections(outline, last.spring, rim, bevel=BEVEL_MM)))
    hollow = loft(list(sole_sections(hollow_plan, floor, lambda x: rim(x) + 10.0)))
    reference = subtract(sole, [hollow])

    assert cupsole.is_watertight
    assert cupsole.is_winding_consistent
    np.testing.assert_allclose(cupsole.bounds, reference.bounds, atol=1e-9)
    assert cupsole.volume == pytest.approx(reference.volume, rel=1e-4)
    # The same region, not only the same volume. Either one less the other
    # leaves at most a thin film where the rims' triangles differ.
    assert subtract(cupsole, [reference]).volume < 1e-4 * reference.volume
    assert subtract(reference, [cupsole]).volume < 1e-4 * reference.volume


@pytest.mark.parametrize(
    ("size", "sole_height", "heel_height"),
    [("EU 36", 15, 4), ("EU 42", 20, 8), ("US 14", 25, 10)],
)
def test_upper_shell_matches_boolean_cut(size, sole_height, heel_height):
    system = size.split(" ", 1)[0]
    dims = sneaker_dims(
        size_system=system,
        size=size,
        sole_height=sole_height,
        heel_height=heel_height,
        toe_spring=20,
    )
    upper = build("sneaker", dims)[2].mesh
    assert_shell_matches_boolean(upper, sneaker_shape(dims))


def sneaker_shape(dims):
    """The upper's lofts and cutters, as ``build_sneaker`` makes them."""
    last = Last.from_dims(dims, "sneaker")
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    stack = dims["sole_height"]
    return upper_shape(outline, last, stack, WELT_MM, UPPER_WALL_MM, UPPER)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"size_system": "UK", "size": "UK 2.5", "width_fitting": "narrow"},
        {"size_system": "US", "size": "US 14", "sole_height": 30, "heel_height": 12},
        {"toe_shape": "square", "heel_height": 4, "sole_height": 15},
        {"size_system": "EU", "size": "EU 46", "toe_spring": 12, "sole_height": 30},
    ],
)
def test_opening_cut_without_boolean(values, monkeypatch):
    clear_caches()
    monkeypatch.setattr(footwear, "subtract", boolean_not_expected)
    # The opening is built into the lofts, not cut.
    monkeypatch.setattr(footwear, "cut", opening_cut_not_expected)
    dims = sneaker_dims(**values)
    upper = build("sneaker", dims)[2].mesh
    shape = sneaker_shape(dims)
    # The booleans the built-in opening replaces: the hollow less the
    # cutters.
    reference = subtract(hollow(shape.outer, shape.inner), shape.tools)
    assert_matches_resampled(upper, reference)
    assert len(crossing_face_pairs(upper)) == 0


GRID_AND_HEELS = shoe_grid("shoe-sneaker") + [
    {"heel_height": 4, "sole_height": 15, "toe_spring": 12},
    {"heel_height": 12, "sole_height": 20, "toe_spring": 24},
]
"""The sizes, fittings and toes of ``shoe_grid``, and the lowest and
highest heels on lower and higher soles."""


@pytest.mark.parametrize("values", shoe_grid("shoe-sneaker"))
def test_toe_rounds_into_tip(values):
    # Over the toe's last 6 mm neighbouring faces of the upper's outer
    # surface turn by less than 25 degrees. A toe box held at a fixed height
    # up to the tip, closed by a flat end, folded them by up to 110 degrees.
    shape = sneaker_shape(sneaker_dims(**values))
    assert toe_folds(shape.outer).max() < 25.0


@pytest.mark.parametrize("values", GRID_AND_HEELS)
def test_collar_front_unfolded(values):
    # Where the collar's opening narrows into the lacing slot, neighbouring
    # faces of the upper's surfaces turn by less than 20 degrees. Arches
    # that spread their points evenly up to the gap's edges folded them by
    # up to 109 degrees there.
    dims = sneaker_dims(**values)
    last = Last.from_dims(dims, "sneaker")
    upper = build("sneaker", dims)[2].mesh
    folds = collar_front_folds(upper, sneaker_shape(dims), last.at(UPPER.at[-1]))
    assert len(folds) > 0
    assert folds.max() < 20.0


@pytest.mark.parametrize("values", shoe_grid("shoe-sneaker"))
def test_toe_corners_unfolded(values):
    # Over the toe's last 30 mm, up to its last station but one, the
    # neighbouring faces of both lofts turn by less than 25 degrees. On
    # stations spaced for round toes, a square toe's plan turned through
    # its corners by up to 29 degrees per station, and the faces beside
    # them folded by up to 40 degrees.
    shape = sneaker_shape(sneaker_dims(**values))
    floor = np.interp(shape.inner.x, shape.outer.x, shape.outer.base)
    assert toe_corner_folds(shape.outer).max() < 25.0
    assert toe_corner_folds(shape.inner, floor).max() < 25.0


@pytest.mark.parametrize("values", GRID_AND_HEELS)
def test_lining_rounds_into_heel(values):
    # The collar line passes above the lining at the heel, which leaves
    # the lining's top closed there. Over its last 30 mm, flat end
    # included, neighbouring faces turn by less than 20 degrees. Arches at
    # full height up to the flat end met it at a right angle, and the
    # faces beside the top folded by 50 to 65 degrees.
    dims = sneaker_dims(**values)
    upper = build("sneaker", dims)[2].mesh
    folds = lining_heel_folds(upper, sneaker_shape(dims))
    assert len(folds) > 0
    assert folds.max() < 20.0


@pytest.mark.parametrize("values", GRID_AND_HEELS)
def test_lining_dips_under_heel_collar(values):
    # Where the collar line passes over the lining's closed top at the
    # heel, the top rises through the line at more than 30 degrees, and
    # further back than half its rise it lies more than 1.5 mm under the
    # line. It rose through it at 8 to 14 degrees, and the wall between
    # the collar's rim and the lining's top tapered from about 0.4 mm to
    # nothing over several millimetres.
    shape = sneaker_shape(sneaker_dims(**values))
    inner = shape.inner
    wall = shape.cutters[0].height(inner.x) - (inner.base + inner.height)
    ahead = np.argmax(wall < 0.0)
    step = inner.x[ahead] - inner.x[ahead - 1]
    rise = (wall[ahead - 1] - wall[ahead]) / step
    assert np.degrees(np.arctan(rise)) > 30.0
    behind = inner.x < inner.x[ahead] - LINING_RISE_MM / 2.0
    assert wall[behind].min() > 1.5


@pytest.mark.parametrize("values", GRID_AND_HEELS)
def test_lining_gap_opens_on_heel_curve(values):
    # The lining's gap opens less than 9 mm from the lining's back end,
    # where the heel's plan still curves: the lining is under three
    # quarters as wide as at its widest within 40 mm of the back. So the
    # gap ends in a U that follows the heel. Where the line crossed the
    # rise at half the dip under the lining's full height, the gap opened
    # 15 to 16 mm from the back across almost the full width, behind a
    # flat shelf.
    shape = sneaker_shape(sneaker_dims(**values))
    inner = shape.inner
    ahead = lining_gap_start(shape)
    assert inner.x[ahead] - inner.x[0] < 9.0
    width = inner.high - inner.low
    heel = inner.x < inner.x[0] + 40.0
    assert width[ahead] < 0.75 * width[heel].max()


def lining_gap_start(shape) -> int:
    """Return the index of the first of the lining's stations where the
    collar line lies under the lining's top, on a sneaker's
    ``UpperShape``."""
    inner = shape.inner
    wall = shape.cutters[0].height(inner.x) - (inner.base + inner.height)
    return int(np.argmax(wall < 0.0))


@pytest.mark.parametrize("values", GRID_AND_HEELS)
def test_parts_fold_back_nowhere(values):
    # No two neighbouring faces of any part fold by more than 150 degrees.
    # Where the collar line came down into the lining's flat top at the
    # heel, the rim met the lining at a knife edge and 9 pairs of faces
    # folded by 150 to 172 degrees. Round toes' midsoles ended in two
    # faces folded back onto the end by 178 to 180 degrees.
    assert_no_fold_backs(build("sneaker", sneaker_dims(**values)))


@pytest.mark.parametrize("values", shoe_grid("shoe-sneaker"))
def test_slot_end_round_about_throat(values):
    # The slot's round end is centred on the crown at the throat, on both
    # lofts, as the slot's cutter draws it. Centred on the crown at each of
    # its stations, it drifted toward the big toe by up to about 0.8 mm and
    # ended in a hook.
    dims = sneaker_dims(**values)
    upper = build("sneaker", dims)[2].mesh
    drift = slot_end_drift(upper, sneaker_shape(dims))
    assert len(drift) > 0
    assert np.abs(drift).max() < 1e-6


def test_collar_between_surfaces_at_heel():
    # The default sneaker's collar line runs between the inner and outer
    # surfaces at the heel, so the rim there is a wide flat band.
    dims = sneaker_dims()
    shape = sneaker_shape(dims)
    collar = shape.cutters[0]
    back = slice(0, 3)
    line = np.interp(shape.inner.x[back], collar.x, collar.z)
    assert np.all(shape.inner.base[back] + shape.inner.height[back] < line)
    line = np.interp(shape.outer.x[back], collar.x, collar.z)
    assert np.all(shape.outer.base[back] + shape.outer.height[back] > line)

    upper = build("sneaker", dims)[2].mesh
    reference = subtract(hollow(shape.outer, shape.inner), shape.tools)
    assert_matches_resampled(upper, reference)
    # No part of the upper rises above the collar line at the heel.
    heel = upper.vertices[:, 0] < shape.inner.x[3]
    x, z = upper.vertices[heel, 0], upper.vertices[heel, 2]
    assert np.all(z <= np.interp(x, collar.x, collar.z) + 1e-6)


@pytest.mark.parametrize("stack", [15, 25])
def test_sidewall_rises_above_bed(stack):
    dims = sneaker_dims(sole_height=stack, heel_height=8, toe_spring=24)
    cupsole = build("sneaker", dims)[0].mesh
    length = dims["last_length"]
    x, z = cupsole.vertices[:, 0], cupsole.vertices[:, 2]
    heel = x < -0.45 * length
    assert z[heel].max() == pytest.approx(stack + 8 + SIDEWALL_MM, abs=1e-6)
    # Flat from the heel to the tread, so the heel stands on the floor.
    assert z[heel].min() == pytest.approx(0.0, abs=1e-9)


def test_sole_height_checked():
    dims = sneaker_dims()
    dims["sole_height"] = 60
    with pytest.raises(DimensionError, match="sole_height must be 12 to 45 mm"):
        build("sneaker", dims)


def test_quantities_by_material():
    parts = build("sneaker", sneaker_dims(upper_material="mesh"))
    quantities = shoe_quantities(parts)
    assert set(quantities.upper_area_dm2) == {"mesh"}
    area = quantities.upper_area_dm2["mesh"]
    assert quantities.cutting_area_dm2["mesh"] == pytest.approx(1.02 * area)
    assert set(quantities.sole_volume_cm3) == {"rubber_sole", "eva_sole"}
    assert quantities.sole_volume_cm3["eva_sole"] == pytest.approx(
        parts[1].mesh.volume / 1000.0
    )


@pytest.mark.parametrize(
    "values",
    [
        {"size_system": "EU", "size": "EU 41"},
        {"size_system": "MP", "size": "MP 255"},
        {"size_system": "US", "size": "US 8.5"},
        {
            "last_length": 276.1,
            "ball_width": 116.36,
            "heel_height": 59.7,
            "toe_spring": 23.8,
            "toe_shape": "almond",
            "sole_height": 20,
        },
    ],
)
def test_heel_rim_clear_of_lining(values):
    # On these lasts the collar line passes between the two crowns over
    # several stations at the heel, where the rim joins the outer gap's
    # edges straight across instead of reaching for the inner gap's start.
    dims = sneaker_dims()
    dims.update(values)
    if "size" in values:
        dims = sneaker_dims(**values)
    upper = build("sneaker", dims)[2].mesh
    assert upper.is_watertight
    assert len(crossing_face_pairs(upper)) == 0


@pytest.mark.parametrize("values", GRID_AND_HEELS)
def test_heel_back_rounded(values):
    # The outer loft's flat back end is less than 1.5 mm wide, and the
    # faces beside it turn by less than 6 degrees. With its first station
    # 0.1 mm from the plan's end it was 4 to 6 mm wide, turned 10 to 12
    # degrees from its neighbours, and showed as a flat strip down the
    # heel's centre back.
    width, folds = heel_back(sneaker_shape(sneaker_dims(**values)))
    assert width < 1.5
    assert len(folds) > 0
    assert folds.max() < 6.0
