"""Dining table geometry over the catalog's dimensions and options."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models3d.boards import edge_radius
from models3d.generators import build
from models3d.solids import measure, union_parts
from models3d.table import (
    LEG_OVERLAP_MM,
    LEG_SECTION_MM,
    LEG_STYLES,
    TOP_MATERIALS,
    leg_edge_radius,
)
from tests.models3d.helpers import (
    assert_extents,
    assert_parts_solid,
    assert_same_geometry,
    assert_solid,
    choice_values,
    numeric_range,
    table_dims,
)

WIDTHS = numeric_range("table-dining", "width")
DEPTHS = numeric_range("table-dining", "depth")
HEIGHTS = numeric_range("table-dining", "height")
THICKNESSES = choice_values("table-dining", "top_thickness")


def check_table(dims):
    parts = build("table", dims)
    assert [part.name for part in parts] == ["top", "leg_1", "leg_2", "leg_3", "leg_4"]
    assert parts[0].material == dims["top_material"]
    leg_material = "walnut" if dims["top_material"] == "walnut" else "oak"
    assert {part.material for part in parts[1:]} == {leg_material}
    assert_parts_solid(parts)

    expected = [dims["width"], dims["depth"], dims["height"]]
    assert_extents(parts[0].mesh, expected[:2] + [None], "top", resting=False)
    top_low, top_high = parts[0].mesh.bounds
    assert top_high[2] == pytest.approx(dims["height"], abs=1e-9)
    assert top_low[2] == pytest.approx(dims["height"] - dims["top_thickness"], abs=1e-9)

    for leg in parts[1:]:
        low, high = leg.mesh.bounds
        assert low[2] == pytest.approx(0.0, abs=1e-9)
        assert high[2] == pytest.approx(top_low[2] + LEG_OVERLAP_MM, abs=1e-9)
        assert np.all(low[:2] >= top_low[:2])
        assert np.all(high[:2] <= top_high[:2])

    fused = union_parts(parts)
    assert_solid(fused, "union")
    assert fused.body_count == 1
    assert_extents(fused, expected, "table")
    return parts, fused


def test_catalog_options_all_built():
    assert set(choice_values("table-dining", "top_material")) == set(TOP_MATERIALS)
    assert set(choice_values("table-dining", "leg_style")) == set(LEG_STYLES)


@pytest.mark.parametrize("style", LEG_STYLES)
@pytest.mark.parametrize("material", TOP_MATERIALS)
def test_styles_and_materials(style, material):
    check_table(table_dims(1800, 900, 750, 30, material, style))


@pytest.mark.parametrize("style", LEG_STYLES)
@pytest.mark.parametrize(
    ("width", "depth", "height", "thickness"),
    [
        (WIDTHS[0], DEPTHS[0], HEIGHTS[0], THICKNESSES[0]),
        (WIDTHS[-1], DEPTHS[-1], HEIGHTS[-1], THICKNESSES[-1]),
        (WIDTHS[0], DEPTHS[-1], HEIGHTS[-1], THICKNESSES[0]),
        (WIDTHS[-1], DEPTHS[0], HEIGHTS[0], THICKNESSES[-1]),
    ],
)
def test_range_corners(width, depth, height, thickness, style):
    check_table(table_dims(width, depth, height, thickness, "oak", style))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    width=st.sampled_from(WIDTHS),
    depth=st.sampled_from(DEPTHS),
    height=st.sampled_from(HEIGHTS),
    thickness=st.sampled_from(THICKNESSES),
    material=st.sampled_from(TOP_MATERIALS),
    style=st.sampled_from(LEG_STYLES),
)
def test_table_property(width, depth, height, thickness, material, style):
    dims = table_dims(width, depth, height, thickness, material, style)
    parts, _ = check_table(dims)
    assert_same_geometry(parts, build("table", dims))


def test_leg_positions():
    parts = build("table", table_dims(2000, 1000, 750, 30))
    centres = [tuple(part.mesh.bounds.mean(axis=0)[:2]) for part in parts[1:]]
    # span = 2000 - 200, so legs stand at x = +-900 and y = +-(500 - 100).
    expected = [(900.0, 400.0), (-900.0, 400.0), (-900.0, -400.0), (900.0, -400.0)]
    assert np.allclose(centres, expected, atol=1e-9)


def test_legs_clamped_under_narrow_top():
    dims = table_dims(300, 150, 700, 30)
    parts, _ = check_table(dims)
    for leg in parts[1:]:
        assert leg.mesh.bounds[1, 0] <= 150 + 1e-9
        assert leg.mesh.bounds[1, 1] <= 75 + 1e-9


@pytest.mark.parametrize("style", LEG_STYLES)
def test_leg_sections(style):
    parts = build("table", table_dims(1800, 900, 750, 30, "oak", style))
    leg = parts[1].mesh
    length = leg.bounds[1, 2]
    foot = 45.0 if style == "tapered" else LEG_SECTION_MM
    # Sections above the foot's and below the top's round-over, where a
    # square leg is its full size.
    for z in (5.0, length - 5.0):
        section = leg.section(plane_origin=(0.0, 0.0, z), plane_normal=(0, 0, 1))
        size = section.bounds[1, 0] - section.bounds[0, 0]
        expected = foot + (LEG_SECTION_MM - foot) * z / length
        assert size == pytest.approx(expected, abs=1e-9), z


def test_square_legs_eased_others_sharp():
    for style in LEG_STYLES:
        parts = build("table", table_dims(1800, 900, 750, 30, "oak", style))
        top, leg = parts[0], parts[1]
        assert top.edge_radius_mm == edge_radius((1800, 900, 30))
        assert top.edge_radius_mm > 0
        assert leg.edge_radius_mm == leg_edge_radius(style)
        corner = leg.mesh.bounds[1]
        if style == "square":
            assert leg.edge_radius_mm > 0
            assert not np.any(np.all(leg.mesh.vertices == corner, axis=1))
        else:
            assert leg.edge_radius_mm == 0.0


def test_union_volume_removes_hidden_overlap():
    dims = table_dims(1800, 900, 750, 30, "oak", "square")
    parts, fused = check_table(dims)
    # Each leg's overlap is the piece of it above the top's underside.
    underside = (0.0, 0.0, dims["height"] - dims["top_thickness"])
    overlap = 0.0
    for leg in parts[1:]:
        hidden = leg.mesh.slice_plane(underside, (0.0, 0.0, 1.0), cap=True)
        assert hidden.is_watertight, leg.name
        overlap += hidden.volume
    assert overlap < 4 * LEG_SECTION_MM**2 * LEG_OVERLAP_MM
    total = sum(part.mesh.volume for part in parts)
    assert fused.volume == pytest.approx(total - overlap, rel=1e-9)


def test_union_mass_matches_density():
    # Oak top on oak legs: one density, so the union's mass is density x volume.
    parts, fused = check_table(table_dims(1800, 900, 750, 30, "oak", "round"))
    quantities = measure(parts)
    overlap_mass = (
        (sum(part.mesh.volume for part in parts) - fused.volume) * 0.64 / 1000
    )
    assert quantities.total_mass_g - overlap_mass == pytest.approx(
        fused.volume * 0.64 / 1000, rel=1e-9
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("width", 0), ("top_thickness", 800), ("leg_style", "cabriole"), ("span", -10)],
)
def test_invalid_dims_rejected(name, value):
    dims = table_dims(1800, 900, 750, 30)
    dims[name] = value
    with pytest.raises(ValueError, match=name):
        build("table", dims)
