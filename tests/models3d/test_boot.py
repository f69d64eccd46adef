"""Chelsea boot geometry: sole, upper with a shaft, and gussets."""

import itertools

import numpy as np
import pytest
import trimesh

from models3d import boot
from models3d.boot import (
    FOOT,
    FOREFOOT_MM,
    INSTEP,
    SHAFT_OPEN,
    SOLES,
    UPPER_MATERIALS,
    UPPER_WALL_MM,
    WELT_MM,
    _front_stations,
    _gusset_cut,
    _opening,
    _tip_stations,
    _with_shaft,
)
from models3d.caching import clear_caches
from models3d.dims import DimensionError
from models3d.footwear import (
    UpperShape,
    opening_thetas,
    shoe_quantities,
    side_prism,
    upper_shape,
)
from models3d.generators import build
from models3d.last import Last
from models3d.meshing import box, concatenate
from models3d.solids import from_manifold, to_manifold, union_parts
from tests.models3d.helpers import (
    RESAMPLED_BOUNDS_MM,
    assert_extents,
    assert_matches_resampled,
    assert_no_fold_backs,
    assert_parts_apart,
    assert_parts_clean,
    assert_parts_solid,
    assert_topology,
    catalog_dims,
    choice_values,
    crossing_face_pairs,
    heel_back,
    opening_cut_not_expected,
    shoe_grid,
    toe_corner_folds,
    toe_folds,
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
    names = ["sole", "upper", "gusset_medial", "gusset_lateral"]
    assert [part.name for part in parts] == names
    for gusset in parts[2:]:
        assert gusset.material == "elastic"
        assert gusset.colour == dims["gusset_colour"]
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
    parts = {part.name: part.mesh for part in build("ankle_boot", dims)}
    medial, lateral = parts["gusset_medial"], parts["gusset_lateral"]
    # Each gusset is one piece, in its own side of the shaft.
    assert len(medial.split(only_watertight=True)) == 1
    assert len(lateral.split(only_watertight=True)) == 1
    assert medial.bounds[0, 1] > lateral.bounds[1, 1]
    assert medial.centroid[1] > 0.0
    assert lateral.centroid[1] < 0.0
    shaft_top = FOREFOOT_MM + dims["heel_height"] + dims["shaft_height"]
    for gusset in (medial, lateral):
        assert gusset.bounds[1, 2] == pytest.approx(shaft_top, abs=1e-6)


def boot_lofts(dims):
    """Return the boot's last, its shaft's top (Z in mm), the outer and
    inner lofts with the build's stations, and the region above the top."""
    last = Last.from_dims(dims, "ankle_boot")
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    top = FOREFOOT_MM + last.heel_height + float(dims["shaft_height"])
    stations = _tip_stations(last) + _front_stations(last, top)
    foot = upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT, stations
    )
    outer = _with_shaft(foot.outer, last, top)
    inner = _with_shaft(foot.inner, last, top - UPPER_WALL_MM)
    opening = _opening(last, top, outline.bounds[3] - outline.bounds[1])
    return last, top, outer, inner, opening


def full_boolean_upper(dims):
    """Return the upper and gussets cut with booleans: the outer loft less
    the inner one and the region above the shaft's top, split by the region
    above the gussets' V."""
    # The lofts have the build's stations, so the two differ only in how
    # the arches are sampled and opened.
    last, top, outer, inner, opening = boot_lofts(dims)
    gusset_cut = _gusset_cut(last, top, float(dims["shaft_height"]))

    def solid(tool):
        return to_manifold(side_prism(tool.side_view(), tool.half_width))

    shell = to_manifold(outer.mesh()) - to_manifold(inner.mesh()) - solid(opening)
    gussets, upper = shell.split(solid(gusset_cut))
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


LARGEST = {
    "size_system": "US",
    "size": "US 14",
    "width_fitting": "extra_wide",
    "toe_shape": "almond",
    "heel_height": 35,
    "toe_spring": 6,
    "shaft_height": 160,
}
"""A boot with the catalog's largest size, fitting, heel and shaft."""


@pytest.mark.parametrize("values", DESIGNS[::4] + [{}, LARGEST])
def test_upper_matches_full_boolean(values):
    # The shaft's opening and the gussets' V are cut without booleans. The
    # same cuts made with booleans must give the same upper and gussets.
    dims = boot_dims(**values)
    parts = {part.name: part.mesh for part in build("ankle_boot", dims)}
    reference, reference_gussets = full_boolean_upper(dims)

    assert_matches_resampled(parts["upper"], reference)
    gussets = concatenate([parts["gusset_medial"], parts["gusset_lateral"]])
    assert gussets.is_watertight
    # The shell's arches are sampled around the opening, and the V's round
    # tip bends inside the wall's triangles, where the direct cut follows
    # the chords. So the gussets differ from the reference's by a film
    # about 0.01 mm thick, up to 1 % of their volume.
    np.testing.assert_allclose(
        gussets.bounds, reference_gussets.bounds, atol=RESAMPLED_BOUNDS_MM
    )
    assert gussets.volume == pytest.approx(reference_gussets.volume, rel=1e-3)
    shared = to_manifold(gussets) ^ to_manifold(reference_gussets)
    assert shared.volume() == pytest.approx(reference_gussets.volume, rel=1e-2)


def no_boolean(*arguments):
    raise AssertionError("the boot's upper was cut with a boolean")


@pytest.mark.parametrize("values", DESIGNS)
def test_cuts_direct_across_catalog(values, monkeypatch):
    # Across the catalog's sizes, fittings, toes, heels and shafts the
    # opening is built into the lofts and the gussets split directly,
    # without their fallbacks.
    monkeypatch.setattr("models3d.footwear.subtract", no_boolean)
    monkeypatch.setattr("models3d.footwear.cut", opening_cut_not_expected)
    monkeypatch.setattr(boot, "to_manifold", no_boolean)
    clear_caches()
    parts = build("ankle_boot", boot_dims(**values))
    assert_parts_solid(parts)
    assert_topology(parts, tubes=("upper",))


def top_heights(mesh, x_values, y):
    """Return the highest Z at which the vertical line through each (x, y)
    meets the mesh."""
    a, b, c = (mesh.triangles[:, i] for i in range(3))
    ab, ac = b - a, c - a
    area = ab[:, 0] * ac[:, 1] - ab[:, 1] * ac[:, 0]
    # Triangles upright in plan have no area there and miss the line.
    flat = area != 0.0
    a, ab, ac, area = a[flat], ab[flat], ac[flat], area[flat]
    heights = []
    for x in x_values:
        # Barycentric weights of (x, y) in each triangle's plan.
        dx, dy = x - a[:, 0], y - a[:, 1]
        u = (dx * ac[:, 1] - dy * ac[:, 0]) / area
        v = (ab[:, 0] * dy - ab[:, 1] * dx) / area
        hit = (u >= 0.0) & (v >= 0.0) & (u + v <= 1.0)
        z = a[hit, 2] + u[hit] * ab[hit, 2] + v[hit] * ac[hit, 2]
        heights.append(z.max())
    return np.array(heights)


def test_vamp_runs_into_shaft_without_step():
    # From the opening's front to the toe the upper's top falls steadily:
    # no step where the vamp meets the shaft.
    dims = boot_dims()
    last = Last.from_dims(dims, "ankle_boot")
    upper = build("ankle_boot", dims)[1].mesh
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    middle = (outline.bounds[1] + outline.bounds[3]) / 2.0
    x = np.arange(last.at(SHAFT_OPEN) + 30.0, last.at(INSTEP) + 40.0, 2.0)
    heights = top_heights(upper, x, middle)
    steps = np.diff(heights)
    assert np.all(steps < 0.0)
    assert steps.min() > -12.0


@pytest.mark.parametrize("values", DESIGNS[::4] + [{}, LARGEST])
def test_lofts_unfolded_ahead_of_opening(values):
    # From the opening's front to the instep neighbouring faces of each
    # loft turn by less than 20 degrees. A closed arch next to the gap's
    # last one, with its points spread evenly round its crown while the
    # gap's spread only up to the gap's edges, folded the faces between
    # them by up to 97 degrees. The preview shaded the folds as a line of
    # light dots from the opening's corner down the shaft's front.
    last, _, outer, inner, opening = boot_lofts(boot_dims(**values))
    floor = np.interp(inner.x, outer.x, outer.base)
    thetas, rows = opening_thetas(outer, inner, opening, None, floor)
    lofts = zip((outer, inner), thetas, rows, (None, floor), strict=True)
    for dome, theta, gap, cut in lofts:
        surface = trimesh.Trimesh(*dome.open_surface(cut, theta, gap), process=False)
        x = surface.triangles[:, :, 0]
        ahead = (x.min(axis=1) >= dome.x[gap[-1]]) & (x.max(axis=1) <= last.at(INSTEP))
        pairs = ahead[surface.face_adjacency].all(axis=1)
        angles = np.degrees(surface.face_adjacency_angles[pairs])
        assert len(angles) > 0
        assert angles.max() < 20.0


@pytest.mark.parametrize("values", shoe_grid("shoe-boot"))
def test_toe_rounds_into_tip(values):
    # Over the toe's last 6 mm neighbouring faces of the upper's outer
    # surface turn by less than 25 degrees. A toe box held at a fixed height
    # up to the tip, closed by a flat end, folded them by up to 102 degrees.
    _, _, outer, _, _ = boot_lofts(boot_dims(**values))
    assert toe_folds(outer).max() < 25.0


@pytest.mark.parametrize("values", shoe_grid("shoe-boot"))
def test_toe_corners_unfolded(values):
    # Over the toe's last 30 mm, up to its last station but one, the
    # neighbouring faces of both lofts turn by less than 25 degrees, where
    # a square toe's plan turns through its corners.
    _, _, outer, inner, _ = boot_lofts(boot_dims(**values))
    floor = np.interp(inner.x, outer.x, outer.base)
    assert toe_corner_folds(outer).max() < 25.0
    assert toe_corner_folds(inner, floor).max() < 25.0


@pytest.mark.parametrize("values", DESIGNS + [LARGEST])
def test_parts_fold_back_nowhere(values):
    # No two neighbouring faces of any part fold by more than 150
    # degrees: no part tapers to a knife edge or has a face lying back
    # over its neighbour.
    assert_no_fold_backs(build("ankle_boot", boot_dims(**values)))


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


def test_shaft_below_instep_rejected():
    # On a 400 mm last with no heel, far beyond the catalog's sizes, an
    # 80 mm shaft would end below the instep's crown.
    dims = boot_dims()
    dims.update(last_length=400, ball_width=148, heel_height=0, shaft_height=80)
    with pytest.raises(DimensionError, match="below the instep on this last"):
        build("ankle_boot", dims)
    dims["shaft_height"] = 100
    assert build("ankle_boot", dims)[1].mesh.is_watertight


def test_quantities_count_gussets():
    quantities = shoe_quantities(build("ankle_boot", boot_dims()))
    assert set(quantities.upper_area_dm2) == {"calf_leather", "elastic"}
    assert (
        quantities.upper_area_dm2["calf_leather"]
        > 5 * quantities.upper_area_dm2["elastic"]
    )


@pytest.mark.parametrize("values", DESIGNS[::12] + [{}])
def test_parts_free_of_self_intersections(values):
    # The default shaft's opening ends on a station where the outer gap
    # goes on, the case where the rim's end would lie on one line.
    assert_parts_clean(build("ankle_boot", boot_dims(**values)))


def test_self_intersection_check_finds_overlap():
    overlapping = concatenate([box((0, 0, 0), (1, 1, 1)), box((0.5,) * 3, (2,) * 3)])
    apart = concatenate([box((0, 0, 0), (1, 1, 1)), box((1.5, 0.5, 0.5), (2,) * 3)])
    assert len(crossing_face_pairs(overlapping)) > 0
    assert len(crossing_face_pairs(apart)) == 0


@pytest.mark.parametrize("values", DESIGNS[::4] + [LARGEST])
def test_heel_back_rounded(values):
    # The outer loft's flat back end is less than 1.5 mm wide, and the
    # faces beside it turn by less than 6 degrees. With its first station
    # 0.1 mm from the plan's end it was 5 to 8 mm wide, turned 7 to 8
    # degrees from its neighbours, and showed as a flat strip up the back
    # of the shaft.
    _, _, outer, inner, opening = boot_lofts(boot_dims(**values))
    width, folds = heel_back(UpperShape(outer, inner, (opening,)))
    assert width < 1.5
    assert len(folds) > 0
    assert folds.max() < 6.0
