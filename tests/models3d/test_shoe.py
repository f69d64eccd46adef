"""Oxford shoe geometry over the catalog's sizes, fittings, toes and heels."""

import logging

import numpy as np
import pytest
from shapely.geometry import Polygon

from models3d import footwear
from models3d.caching import clear_caches
from models3d.clipping import AboveLine
from models3d.footwear import (
    ARCH_THETA,
    OVERLAP_MM,
    OVERLAY_MM,
    UpperShape,
    heeled_sole,
    hollow,
    shoe_quantities,
    toe_cap,
    upper_shape,
)
from models3d.generators import build
from models3d.last import HEEL_BREAST, TREAD, Last
from models3d.shoe import (
    FOREFOOT_MM,
    SOLES,
    TOE_CAP_FROM,
    TOE_STYLES,
    TONGUE_MM,
    UPPER,
    UPPER_MATERIALS,
    UPPER_WALL_MM,
    WELT_MM,
)
from models3d.sizes import shoe_size_choices
from models3d.solids import subtract, union_parts
from tests.models3d.helpers import (
    TOE_REACH_MM,
    assert_extents,
    assert_matches_resampled,
    assert_no_fold_backs,
    assert_parts_solid,
    assert_shell_matches_boolean,
    assert_solid,
    assert_topology,
    boolean_not_expected,
    catalog_dims,
    choice_values,
    collar_front_folds,
    crossing_face_pairs,
    fold_angles,
    heel_back,
    opening_cut_not_expected,
    shoe_dims,
    shoe_grid,
    slot_end_drift,
    toe_corner_folds,
    toe_folds,
    vertical_crossings,
)

SIZES = [label for _, label in shoe_size_choices()]
FITTINGS = choice_values("shoe-oxford", "width_fitting")


def check_shoe(dims):
    parts = build("shoe", dims)
    names = ["sole", "upper", "facings", "tongue", "laces"]
    if dims["toe_style"] == "cap_toe":
        names.insert(2, "toe_cap")
    assert [part.name for part in parts] == names
    assert parts[0].material == dims["sole"]
    assert parts[1].material == dims["upper_material"]
    assert parts[1].colour == dims["upper_colour"]
    assert parts[-1].material == "waxed_cotton"
    assert parts[-1].colour == dims["lace_colour"]
    assert_parts_solid(parts)
    assert_topology(parts, tubes=("upper",))

    expected = [dims["last_length"], dims["ball_width"] + 2 * WELT_MM, None]
    fused = union_parts(parts)
    assert_solid(fused, "union")
    assert fused.body_count == 1
    assert_extents(fused, expected, "shoe")
    assert_extents(parts[0].mesh, expected, "sole")
    return parts


def test_catalog_options_all_built():
    assert set(choice_values("shoe-oxford", "sole")) == set(SOLES)
    assert set(choice_values("shoe-oxford", "upper_material")) == set(UPPER_MATERIALS)
    assert set(choice_values("shoe-oxford", "toe_style")) == set(TOE_STYLES)


def test_default_design():
    check_shoe(shoe_dims("EU 42"))


@pytest.mark.parametrize(
    ("size", "fitting"),
    [
        (SIZES[0], "narrow"),
        ("EU 35", "extra_wide"),
        ("UK 8.5", "standard"),
        ("US 14", "wide"),
        (SIZES[-1], "extra_wide"),
    ],
)
def test_sizes_and_fittings(size, fitting):
    check_shoe(shoe_dims(size, fitting))


def test_catalog_fittings_known():
    assert set(FITTINGS) == {"narrow", "standard", "wide", "extra_wide"}


@pytest.mark.parametrize(
    ("toe_shape", "toe_style"),
    [("round", "plain"), ("almond", "cap_toe"), ("square", "cap_toe")],
)
def test_toe_shapes_and_styles(toe_shape, toe_style):
    check_shoe(shoe_dims("EU 40", toe_shape=toe_shape, toe_style=toe_style))


@pytest.mark.parametrize(("heel", "spring"), [(15, 16), (35, 10)])
def test_heel_and_spring_extremes(heel, spring):
    check_shoe(shoe_dims("EU 44", heel_height=heel, toe_spring=spring))


def test_rests_on_heel_and_ball():
    dims = shoe_dims("EU 42")
    sole = build("shoe", dims)[0].mesh
    length = dims["last_length"]
    x, z = sole.vertices[:, 0], sole.vertices[:, 2]
    assert x[np.isclose(z, 0.0)].min() == pytest.approx(-length / 2)
    tread = np.abs(x - (TREAD - 0.5) * length) < 0.02 * length
    assert z[tread].min() < 0.05
    # The waist between the heel breast and the tread is off the floor.
    waist = np.abs(x - (0.45 - 0.5) * length) < 0.05 * length
    assert z[waist].min() > 1.0


@pytest.mark.parametrize("heel", [15, 25, 35])
def test_heel_stack_follows_heel_height(heel):
    dims = shoe_dims("EU 42", heel_height=heel)
    sole = build("shoe", dims)[0].mesh
    length = dims["last_length"]
    x, z = sole.vertices[:, 0], sole.vertices[:, 2]
    assert z[x < -0.4 * length].max() == pytest.approx(FOREFOOT_MM + heel)
    breast = (HEEL_BREAST - 0.5) * length
    assert z[(x > breast + 1.0) & (x < breast + 5.0)].min() > 0.5 * heel


@pytest.mark.parametrize("spring", [6, 16])
def test_toe_spring_lifts_toe(spring):
    dims = shoe_dims(
        "EU 42", toe_spring=spring, sole="rubber_sole", construction="blake"
    )
    sole = build("shoe", dims)[0].mesh
    x, z = sole.vertices[:, 0], sole.vertices[:, 2]
    assert z[x == x.max()].min() == pytest.approx(spring, abs=1e-6)


def test_upper_sits_into_sole():
    sole, upper = build("shoe", shoe_dims("EU 42"))[:2]
    # The foot bed is lowest at the tread, which no loft station hits exactly.
    assert upper.mesh.bounds[0, 2] == pytest.approx(FOREFOOT_MM - OVERLAP_MM, abs=0.05)
    assert np.all(upper.mesh.bounds[0, :2] > sole.mesh.bounds[0, :2])
    assert np.all(upper.mesh.bounds[1, :2] < sole.mesh.bounds[1, :2])


def test_upper_open_at_collar_and_slot():
    dims = shoe_dims("EU 42")
    upper = build("shoe", dims)[1].mesh
    length = dims["last_length"]
    # Looking down through the collar opening, the line meets no leather.
    assert vertical_crossings(upper, -0.3 * length, 0.0) == 0
    # Over the vamp it passes through the shell's roof: outside, then inside.
    assert vertical_crossings(upper, 0.2 * length, 0.0) == 2


@pytest.mark.parametrize(
    ("size", "fitting", "heel"),
    [("EU 35", "narrow", 15), ("EU 42", "standard", 25), ("US 14", "extra_wide", 35)],
)
def test_shell_matches_boolean_cut(size, fitting, heel):
    # The shell's floor is built without a boolean. Cutting the inner loft
    # and the opening's tools out of the outer loft must give the same solid.
    dims = shoe_dims(size, fitting, heel_height=heel)
    upper = build("shoe", dims)[1].mesh
    assert_shell_matches_boolean(upper, oxford_shape(dims))


def oxford_shape(dims):
    """The upper's lofts and cutters, as ``build_shoe`` makes them."""
    last = Last.from_dims(dims, "shoe")
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    cap_seam = last.at(TOE_CAP_FROM)
    return upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, UPPER, (cap_seam,)
    )


@pytest.mark.parametrize(
    ("size", "fitting", "values"),
    [
        (SIZES[0], "narrow", {"toe_shape": "almond", "heel_height": 15}),
        ("EU 42", "standard", {}),
        ("UK 8.5", "wide", {"toe_shape": "square", "toe_style": "cap_toe"}),
        ("US 14", "extra_wide", {"heel_height": 35, "toe_spring": 10}),
        (SIZES[-1], "narrow", {"toe_shape": "almond", "toe_spring": 16}),
    ],
)
def test_opening_cut_without_boolean(size, fitting, values, monkeypatch):
    clear_caches()
    monkeypatch.setattr(footwear, "subtract", boolean_not_expected)
    # The opening is built into the lofts, not cut.
    monkeypatch.setattr(footwear, "cut", opening_cut_not_expected)
    dims = shoe_dims(size, fitting, **values)
    upper = build("shoe", dims)[1].mesh
    shape = oxford_shape(dims)
    # The booleans the built-in opening replaces: the hollow less the
    # cutters.
    reference = subtract(hollow(shape.outer, shape.inner), shape.tools)
    assert_matches_resampled(upper, reference)
    assert len(crossing_face_pairs(upper)) == 0


@pytest.mark.parametrize(
    ("length", "ratio", "toe_shape", "heel", "spring"),
    [
        (200.0, 0.28, "square", 45.0, 20.0),
        (200.0, 0.45, "round", 0.0, 0.0),
        (360.0, 0.28, "round", 0.0, 20.0),
        (360.0, 0.45, "square", 45.0, 0.0),
    ],
)
def test_opening_cut_off_catalog_lasts(length, ratio, toe_shape, heel, spring):
    # Lasts beyond the catalog's sizes, widths and heels, built directly.
    last = Last(length, ratio * length, toe_shape, heel, spring)
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    shape = upper_shape(outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, UPPER)
    shell = shape.shell.mesh()
    reference = subtract(hollow(shape.outer, shape.inner), shape.tools)
    assert_matches_resampled(shell, reference)
    assert len(crossing_face_pairs(shell)) == 0


def test_opening_falls_back_to_boolean(caplog):
    shape = oxford_shape(shoe_dims("EU 42"))
    collar = shape.cutters[0]
    # A collar line that stops under the instep leaves the region's front
    # end inside the leather, which the direct cut does not build.
    short = AboveLine(collar.x[:40], collar.z[:40], collar.ceiling, collar.half_width)
    broken = UpperShape(shape.outer, shape.inner, (short, shape.cutters[1]))
    with caplog.at_level(logging.WARNING, logger="models3d.footwear"):
        shell = broken.shell.mesh()
    assert "using a boolean" in caplog.text
    reference = subtract(hollow(shape.outer, shape.inner), broken.tools)
    assert np.array_equal(shell.vertices, reference.vertices)
    assert np.array_equal(shell.faces, reference.faces)


def test_lacing_over_slot():
    dims = shoe_dims("EU 42")
    parts = {part.name: part.mesh for part in build("shoe", dims)}
    assert parts["laces"].body_count == 5
    assert parts["facings"].body_count == 2
    # The laces lie on top: above the facings, which lie on the upper.
    assert parts["laces"].bounds[1, 2] > parts["facings"].bounds[1, 2]
    assert parts["facings"].bounds[1, 2] > parts["upper"].bounds[1, 2] - 1.0
    # The tongue's top stands out of the shoe behind the lacing.
    assert parts["tongue"].bounds[1, 2] > parts["upper"].bounds[1, 2]


def test_toe_cap_covers_front():
    dims = shoe_dims("EU 42", toe_style="cap_toe")
    parts = {part.name: part.mesh for part in build("shoe", dims)}
    length = dims["last_length"]
    assert parts["toe_cap"].bounds[0, 0] == pytest.approx(0.29 * length, abs=1e-6)
    assert parts["toe_cap"].bounds[1, 0] > parts["upper"].bounds[1, 0] - 1.0


@pytest.mark.parametrize("values", shoe_grid("shoe-oxford"))
def test_toe_rounds_into_tip(values):
    # Over the toe's last 6 mm neighbouring faces of the upper and of the
    # toe cap turn by less than 25 degrees. A toe box held at a fixed
    # height up to the tip, closed by a flat end, folded them by up to 102
    # degrees: a flat nose about 5 mm wide above the welt.
    dims = catalog_dims("shoe-oxford", **values)
    shape = oxford_shape(dims)
    assert toe_folds(shape.outer).max() < 25.0

    last = Last.from_dims(dims, "shoe")
    cap = toe_cap(shape, last.at(TOE_CAP_FROM))
    # Each station of the cap has the upper's arch points on its face,
    # then as many on its back. The nose's front point, then its back
    # point, come last. Left out are the cap's thin side edges, the faces
    # at the arches' ends.
    points = len(ARCH_THETA)
    place = np.arange(len(cap.vertices) - 2) % (2 * points)
    side = np.append(
        np.isin(place, [0, points - 1, points, 2 * points - 1]), [False, False]
    )
    faces = np.asarray(cap.faces)
    on_face = np.append(place < points, [True, False])[faces].all(axis=1)
    near = cap.triangles[:, :, 0].min(axis=1) >= shape.outer.x[-1] - TOE_REACH_MM
    folds = fold_angles(cap, on_face & near & ~side[faces].any(axis=1))
    assert len(folds) > 0
    assert folds.max() < 25.0


@pytest.mark.parametrize(
    "values",
    [v for v in shoe_grid("shoe-oxford") if v["width_fitting"] == "narrow"],
)
def test_toe_cap_closed_over_tip(values):
    # The cap closes in front of the upper's tip. Ending on a strip between
    # its face and back arches, it left a notch as wide as the upper's tip,
    # and its back folded onto that strip by up to 177 degrees.
    dims = catalog_dims("shoe-oxford", **values)
    shape = oxford_shape(dims)
    cap = toe_cap(shape, Last.from_dims(dims, "shoe").at(TOE_CAP_FROM))
    assert_solid(cap, "toe cap")
    assert len(crossing_face_pairs(cap)) == 0

    # Faces along the cap's lower edge meet its base at about a right
    # angle, so faces with a vertex on the base are left out.
    base = np.interp(cap.vertices[:, 0], shape.outer.x, shape.outer.base)
    on_base = (cap.vertices[:, 2] <= base + 1e-6)[cap.faces].any(axis=1)
    near = cap.triangles[:, :, 0].min(axis=1) >= shape.outer.x[-1] - TOE_REACH_MM
    folds = fold_angles(cap, near & ~on_base)
    assert len(folds) > 0
    assert np.count_nonzero(folds > 90.0) == 0
    assert folds.max() < 60.0

    upper = shape.shell.mesh()
    assert cap.bounds[1, 0] > upper.bounds[1, 0]
    assert cap.bounds[0, 2] >= upper.bounds[0, 2] - 1e-6


@pytest.mark.parametrize("values", shoe_grid("shoe-oxford"))
def test_toe_corners_unfolded(values):
    # Over the toe's last 30 mm, up to its last station but one, the
    # neighbouring faces of both lofts turn by less than 25 degrees. On
    # stations spaced for round toes, a square toe's plan turned through
    # its corners by up to 29 degrees per station, and the faces beside
    # them folded by up to 35 degrees.
    shape = oxford_shape(catalog_dims("shoe-oxford", **values))
    floor = np.interp(shape.inner.x, shape.outer.x, shape.outer.base)
    assert toe_corner_folds(shape.outer).max() < 25.0
    assert toe_corner_folds(shape.inner, floor).max() < 25.0


@pytest.mark.parametrize("values", shoe_grid("shoe-oxford"))
def test_slot_end_round_about_throat(values):
    # The slot's round end is centred on the crown at the throat, on both
    # lofts, as the slot's cutter draws it, so it does not drift toward
    # the big toe into a hook.
    dims = catalog_dims("shoe-oxford", **values)
    upper = build("shoe", dims)[1].mesh
    drift = slot_end_drift(upper, oxford_shape(dims))
    assert len(drift) > 0
    assert np.abs(drift).max() < 1e-6


@pytest.mark.parametrize(
    "values",
    shoe_grid("shoe-oxford")
    + [{"heel_height": 15, "toe_spring": 16}, {"heel_height": 35, "toe_spring": 6}],
)
def test_collar_front_unfolded(values):
    # From the slot's start to the collar line's last knot, where the
    # collar's opening narrows into the lacing slot, neighbouring faces of
    # the upper's outer and inner surfaces turn by less than 20 degrees.
    # The gap's edges turn about 45 degrees round the arches over the 8 mm
    # behind the collar's front. With every arch's points spread evenly up
    # to them, the faces between stations half a millimetre apart folded
    # by up to 122 degrees, a faint streak below the tongue.
    dims = catalog_dims("shoe-oxford", **values)
    last = Last.from_dims(dims, "shoe")
    upper = build("shoe", dims)[1].mesh
    folds = collar_front_folds(upper, oxford_shape(dims), last.at(UPPER.at[-1]))
    assert len(folds) > 0
    assert folds.max() < 20.0


@pytest.mark.parametrize(
    "values",
    [{**values, "toe_style": "cap_toe"} for values in shoe_grid("shoe-oxford")]
    + [{"heel_height": 15, "toe_spring": 16}, {"heel_height": 35, "toe_spring": 6}],
)
def test_parts_fold_back_nowhere(values):
    # No two neighbouring faces of any part fold by more than 150
    # degrees: no part tapers to a knife edge or has a face lying back
    # over its neighbour.
    assert_no_fold_backs(build("shoe", catalog_dims("shoe-oxford", **values)))


def test_upper_is_thin_shell():
    upper = build("shoe", shoe_dims("EU 42"))[1].mesh
    assert upper.volume < 0.25 * upper.convex_hull.volume


def test_quantities_match_shell_volume():
    parts = build("shoe", shoe_dims("EU 42", toe_style="plain"))
    quantities = shoe_quantities(parts)
    leather = quantities.upper_area_dm2["calf_leather"]
    # A thin shell's face area is about its volume over its thickness.
    pieces = {part.name: part.mesh for part in parts}
    thickness = {"upper": UPPER_WALL_MM, "facings": OVERLAY_MM, "tongue": TONGUE_MM}
    estimate = sum(pieces[name].volume / mm for name, mm in thickness.items()) / 1e4
    assert leather == pytest.approx(estimate, rel=0.15)
    assert quantities.cutting_area_dm2["calf_leather"] == pytest.approx(1.15 * leather)
    sole = parts[0].mesh.volume / 1000.0
    assert quantities.sole_volume_cm3 == pytest.approx({"leather_sole": sole})


def test_build_is_fast_enough_to_preview():
    # A loose guard on the triangle count, which sets the build time.
    parts = build("shoe", shoe_dims("EU 42"))
    assert sum(len(part.mesh.faces) for part in parts) < 40_000


@pytest.mark.parametrize("offset", [0.0, 5e-7, -5e-7])
def test_breast_station_beats_outline_point(offset):
    # An outline point a rounding error from the heel breast's station
    # must not take its place, or the heel's flat would end early.
    last = Last(270.0, 0.37 * 270.0, "round", 25.0, 10.0)
    outline = last.outline(last.ball_width + 6.0)
    breast = last.at(HEEL_BREAST)
    ring = np.asarray(outline.exterior.coords)
    points = [ring[0]]
    for start, end in zip(ring[:-1], ring[1:], strict=True):
        if (start[0] - breast - offset) * (end[0] - breast - offset) < 0:
            share = (breast + offset - start[0]) / (end[0] - start[0])
            points.append(start + share * (end - start))
        points.append(end)
    sole = heeled_sole(Polygon(points), last, 6.0)
    flat = sole.vertices[np.isclose(sole.vertices[:, 2], 0.0)]
    assert flat[:, 0].max() == pytest.approx(breast, abs=1e-9)


@pytest.mark.parametrize(
    "values",
    shoe_grid("shoe-oxford")
    + [{"heel_height": 15, "toe_spring": 16}, {"heel_height": 35, "toe_spring": 6}],
)
def test_heel_back_rounded(values):
    # The outer loft's flat back end is less than 1.5 mm wide, and the
    # faces beside it turn by less than 6 degrees. With its first station
    # 0.1 mm from the plan's end it was 4 to 6 mm wide, turned 9 to 10
    # degrees from its neighbours, and showed as a flat strip down the
    # heel's centre back.
    width, folds = heel_back(oxford_shape(catalog_dims("shoe-oxford", **values)))
    assert width < 1.5
    assert len(folds) > 0
    assert folds.max() < 6.0
