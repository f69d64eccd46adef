"""Oxford shoe geometry over the catalog's sizes, fittings and materials."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString

from models3d.generators import build
from models3d.shoe import (
    FOREFOOT_MM,
    HEEL_STACK_MM,
    OVERLAP_MM,
    SOLES,
    UPPER_MATERIALS,
    sole_outline,
)
from models3d.sizes import shoe_size_choices
from models3d.solids import union_parts
from tests.models3d.helpers import (
    assert_extents,
    assert_parts_solid,
    assert_same_geometry,
    assert_solid,
    choice_values,
    shoe_dims,
    vertical_crossings,
)

SIZES = [label for _, label in shoe_size_choices()]
FITTINGS = choice_values("shoe-oxford", "width_fitting")
COLOURS = choice_values("shoe-oxford", "upper_colour")


def check_shoe(dims):
    parts = build("shoe", dims)
    assert [part.name for part in parts] == ["sole", "upper"]
    sole, upper = parts
    assert sole.material == dims["sole"]
    assert upper.material == dims["upper_material"]
    assert upper.colour == dims["upper_colour"]
    assert_parts_solid(parts)

    expected = [dims["last_length"], dims["ball_width"] + 6, None]
    fused = union_parts(parts)
    assert_solid(fused, "union")
    assert fused.body_count == 1
    assert_extents(fused, expected, "shoe")
    assert_extents(sole.mesh, expected, "sole")
    return parts, fused


def test_catalog_materials_all_built():
    assert set(choice_values("shoe-oxford", "sole")) == set(SOLES)
    assert set(choice_values("shoe-oxford", "upper_material")) == set(UPPER_MATERIALS)


def test_default_design():
    check_shoe(shoe_dims("EU 42"))


@pytest.mark.parametrize("fitting", FITTINGS)
@pytest.mark.parametrize(
    "size", [SIZES[0], "EU 35", "UK 8.5", "US 9", SIZES[-1], "US 14"]
)
def test_sizes_and_fittings(size, fitting):
    check_shoe(shoe_dims(size, fitting))


@settings(max_examples=12, deadline=None, derandomize=True)
@given(
    size=st.sampled_from(SIZES),
    fitting=st.sampled_from(FITTINGS),
    upper=st.sampled_from(UPPER_MATERIALS),
    colour=st.sampled_from(COLOURS),
    sole=st.sampled_from(SOLES),
)
def test_shoe_property(size, fitting, upper, colour, sole):
    dims = shoe_dims(size, fitting, upper, colour, sole)
    parts, _ = check_shoe(dims)
    assert_same_geometry(parts, build("shoe", dims))


def test_deterministic_union():
    dims = shoe_dims("MP 265", "wide")
    first = union_parts(build("shoe", dims))
    second = union_parts(build("shoe", dims))
    assert np.array_equal(first.vertices, second.vertices)
    assert np.array_equal(first.faces, second.faces)


def test_rests_on_heel_and_ball():
    dims = shoe_dims("EU 42")
    sole = build("shoe", dims)[0].mesh
    length = dims["last_length"]
    grounded = sole.vertices[np.isclose(sole.vertices[:, 2], 0.0)]
    assert grounded[:, 0].min() == pytest.approx(-length / 2)
    assert (grounded[:, 0] > 0.1 * length).any()
    # The waist between heel breast and ball is lifted off the floor.
    waist = np.abs(grounded[:, 0] - (-0.05 * length)) < 0.05 * length
    assert not waist.any()


def test_heel_higher_than_forefoot():
    dims = shoe_dims("EU 42")
    sole = build("shoe", dims)[0].mesh
    length = dims["last_length"]
    assert sole.bounds[1, 2] == pytest.approx(HEEL_STACK_MM)
    x, z = sole.vertices[:, 0], sole.vertices[:, 2]
    assert z[x < -0.35 * length].max() == pytest.approx(HEEL_STACK_MM)
    ball = np.abs(x - 0.15 * length) < 0.03 * length
    assert z[ball].max() == pytest.approx(FOREFOOT_MM, abs=0.1)


def test_upper_sits_into_sole():
    sole, upper = build("shoe", shoe_dims("EU 42"))
    assert upper.mesh.bounds[0, 2] == pytest.approx(FOREFOOT_MM - OVERLAP_MM, abs=1e-6)
    assert np.all(upper.mesh.bounds[0, :2] > sole.mesh.bounds[0, :2])
    assert np.all(upper.mesh.bounds[1, :2] < sole.mesh.bounds[1, :2])


def test_outline_foot_shaped():
    outline = sole_outline(280.0, 104.0)
    assert outline.is_valid
    assert outline.exterior.is_ccw
    assert outline.bounds == pytest.approx((-140.0, -52.0, 140.0, 52.0), abs=1e-9)

    def width_at(fraction):
        x = (fraction - 0.5) * 280.0
        return outline.intersection(LineString([(x, -100.0), (x, 100.0)])).length

    assert width_at(0.40) < 0.8 * width_at(0.70)
    assert width_at(0.12) < width_at(0.70)
    assert width_at(0.97) < 0.7 * width_at(0.70)
    # Rounded, not square, ends: 1.4 mm from the heel the outline is still
    # narrow, as on a circle of about the heel's half-width.
    assert width_at(0.005) < 0.4 * width_at(0.12)
    assert width_at(0.005) > 0.0


def test_upper_open_at_collar_closed_over_vamp():
    dims = shoe_dims("EU 42")
    upper = build("shoe", dims)[1].mesh
    length = dims["last_length"]
    # Looking down through the collar opening, the line meets no leather.
    assert vertical_crossings(upper, -0.3 * length, 0.0) == 0
    # Over the vamp it passes through the shell's roof: outside, then inside.
    assert vertical_crossings(upper, 0.2 * length, 0.0) == 2


def test_upper_is_thin_shell():
    dims = shoe_dims("EU 42")
    upper = build("shoe", dims)[1].mesh
    assert upper.volume < 0.25 * upper.convex_hull.volume
