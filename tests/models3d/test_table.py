"""Dining table geometry over the catalog's dimensions and options."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models3d import table
from models3d.boards import edge_radius
from models3d.dims import DimensionError
from models3d.generators import build
from models3d.solids import measure, union_parts
from models3d.table import (
    APRON_HEIGHT_MM,
    APRON_MM,
    APRON_SETBACK_MM,
    BRACE_KERF_DEPTH_MM,
    BRACE_KERF_MM,
    BRACE_KERF_WIDTH_MM,
    FASTENER_END_MM,
    FASTENER_RECESS_DEPTH_MM,
    FASTENER_RECESS_MM,
    FASTENER_SPACING_MM,
    LEG_EDGE_RADIUS_MM,
    LEG_OVERLAP_MM,
    LEG_SECTION_MM,
    LEG_STYLES,
    TAPERED_FOOT_MM,
    TOP_MATERIALS,
    fastener_count,
)
from tests.models3d.helpers import (
    assert_extents,
    assert_parts_apart,
    assert_parts_solid,
    assert_same_geometry,
    assert_solid,
    choice_values,
    numeric_range,
    shared_volume,
    table_dims,
)

WIDTHS = numeric_range("table-dining", "width")
DEPTHS = numeric_range("table-dining", "depth")
HEIGHTS = numeric_range("table-dining", "height")
THICKNESSES = choice_values("table-dining", "top_thickness")


PART_NAMES = [
    "top",
    "leg_1",
    "leg_2",
    "leg_3",
    "leg_4",
    "apron_long_1",
    "apron_long_2",
    "apron_end_1",
    "apron_end_2",
]

LEGS_IN_TOP = {frozenset(("top", f"leg_{number}")) for number in range(1, 5)}
"""Only the legs reach into the top; every other pair of parts only touches."""


def check_table(dims):
    parts = build("table", dims)
    assert [part.name for part in parts] == PART_NAMES
    assert parts[0].material == dims["top_material"]
    leg_material = "walnut" if dims["top_material"] == "walnut" else "oak"
    assert {part.material for part in parts[1:]} == {leg_material}
    assert_parts_solid(parts)
    assert_parts_apart(parts, LEGS_IN_TOP)

    expected = [dims["width"], dims["depth"], dims["height"]]
    assert_extents(parts[0].mesh, expected[:2] + [None], "top", resting=False)
    top_low, top_high = parts[0].mesh.bounds
    assert top_high[2] == pytest.approx(dims["height"], abs=1e-9)
    assert top_low[2] == pytest.approx(dims["height"] - dims["top_thickness"], abs=1e-9)

    for leg in parts[1:5]:
        low, high = leg.mesh.bounds
        assert low[2] == pytest.approx(0.0, abs=1e-9)
        assert high[2] == pytest.approx(top_low[2] + LEG_OVERLAP_MM, abs=1e-9)
        assert np.all(low[:2] >= top_low[:2])
        assert np.all(high[:2] <= top_high[:2])

    check_aprons(parts, dims)
    check_apron_machining(parts, dims)

    fused = union_parts(parts)
    assert_solid(fused, "union")
    assert fused.body_count == 1
    assert_extents(fused, expected, "table")
    return parts, fused


def check_aprons(parts, dims):
    """Check that each apron runs under the top from leg to leg, set back
    from the legs' outer faces, and touches both legs."""
    by_name = {part.name: part for part in parts}
    underside = dims["height"] - dims["top_thickness"]
    legs = [by_name[f"leg_{number}"] for number in range(1, 5)]
    leg_low = np.min([leg.mesh.bounds[0] for leg in legs], axis=0)
    leg_high = np.max([leg.mesh.bounds[1] for leg in legs], axis=0)
    for name in PART_NAMES[5:]:
        apron = by_name[name]
        low, high = apron.mesh.bounds
        assert high[2] == pytest.approx(underside, abs=1e-9), name
        assert low[2] == pytest.approx(underside - APRON_HEIGHT_MM, abs=1e-9), name
        assert (apron.thickness, apron.width) == (APRON_MM, APRON_HEIGHT_MM), name
        across = 1 if name.startswith("apron_long") else 0
        outer = max(abs(low[across]), abs(high[across]))
        assert outer == pytest.approx(leg_high[across] - APRON_SETBACK_MM), name
        assert high[across] - low[across] == pytest.approx(APRON_MM), name
        along = 1 - across
        assert apron.length == pytest.approx(high[along] - low[along]), name
        # Each end reaches a leg: the apron and both legs beside it fuse.
        beside = [
            leg
            for leg in legs
            if np.sign(leg.mesh.bounds.mean(axis=0)[across]) == np.sign(low[across])
        ]
        fused = union_parts([apron, *beside])
        assert fused.body_count == 1, name
        assert np.all(low[:2] > leg_low[:2]), name
        assert np.all(high[:2] < leg_high[:2]), name


def check_apron_machining(parts, dims):
    """Check each apron's fastener recesses and brace kerfs: recesses down
    into the top edge, centred in the thickness and evenly spaced from
    FASTENER_END_MM off each end of the inner face; kerfs across the inner
    face, BRACE_KERF_MM from its ends, clear of every recess."""
    underside = dims["height"] - dims["top_thickness"]
    legs = [part for part in parts if part.name.startswith("leg")]
    leg_at = np.abs(np.array([leg.mesh.bounds.mean(axis=0)[:2] for leg in legs]))
    solid = dims["top_material"] in ("oak", "walnut")
    for apron in (part for part in parts if part.name.startswith("apron")):
        across = 1 if apron.name.startswith("apron_long") else 0
        along = 1 - across
        face_end = leg_at[0][along] - LEG_SECTION_MM / 2.0
        low, high = apron.mesh.bounds
        inner = min(low[across], high[across], key=abs)
        (use,) = apron.hardware
        assert use.fixing == ("solid_top" if solid else "board_top")

        recesses = sorted(apron.holes, key=lambda hole: hole.centre[along])
        assert len(recesses) == use.quantity, apron.name
        centres = np.array([hole.centre for hole in recesses])
        assert np.allclose(centres[:, 2], underside)
        assert np.allclose(centres[:, across], (low[across] + high[across]) / 2.0)
        assert centres[0, along] == pytest.approx(-face_end + FASTENER_END_MM)
        assert centres[-1, along] == pytest.approx(face_end - FASTENER_END_MM)
        gaps = np.diff(centres[:, along])
        assert np.allclose(gaps, gaps[0])
        assert gaps[0] <= FASTENER_SPACING_MM
        for hole in recesses:
            assert hole.axis == (0.0, 0.0, -1.0)
            assert hole.diameter == FASTENER_RECESS_MM
            assert hole.depth == FASTENER_RECESS_DEPTH_MM

        kerfs = sorted(apron.kerfs, key=lambda kerf: kerf.start[along])
        assert len(kerfs) == 2, apron.name
        expected = [-face_end + BRACE_KERF_MM, face_end - BRACE_KERF_MM]
        for kerf, place in zip(kerfs, expected, strict=True):
            assert kerf.start[along] == pytest.approx(place)
            assert kerf.end[along] == pytest.approx(place)
            assert kerf.start[across] == pytest.approx(inner)
            assert (kerf.start[2], kerf.end[2]) == pytest.approx((low[2], high[2]))
            # Cut from the inner face outward, away from the table's middle.
            assert kerf.axis[across] == np.sign(inner)
            assert (kerf.width, kerf.depth) == (
                BRACE_KERF_WIDTH_MM,
                BRACE_KERF_DEPTH_MM,
            )
            clear = (FASTENER_RECESS_MM + BRACE_KERF_WIDTH_MM) / 2.0
            assert np.all(np.abs(centres[:, along] - place) >= clear)


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
    centres = [tuple(part.mesh.bounds.mean(axis=0)[:2]) for part in parts[1:5]]
    # span = 2000 - 200, so legs stand at x = +-900 and y = +-(500 - 100).
    expected = [(900.0, 400.0), (-900.0, 400.0), (-900.0, -400.0), (900.0, -400.0)]
    assert np.allclose(centres, expected, atol=1e-9)


def test_legs_clamped_under_narrow_top():
    # A span wider than the top moves the legs in until their outer faces
    # meet the top's ends: centres at 600 - 35 = 565 mm.
    dims = table_dims(1200, 700, 700, 30)
    dims["span"] = 1300
    parts, _ = check_table(dims)
    for leg in parts[1:5]:
        assert abs(leg.mesh.bounds[:, 0]).max() == pytest.approx(600.0)
    assert parts[5].length == pytest.approx(2 * 565.0 - LEG_SECTION_MM)


@pytest.mark.parametrize(
    ("width", "depth", "name"), [(300, 150, "span"), (1200, 300, "depth")]
)
def test_legs_too_close_for_aprons(width, depth, name):
    with pytest.raises(DimensionError, match="no room for an apron") as caught:
        build("table", table_dims(width, depth, 750, 30))
    assert caught.value.name == name


@pytest.mark.parametrize("style", LEG_STYLES)
@pytest.mark.parametrize("height", [120, 122])
def test_aprons_leave_room_under_top(style, height):
    # 92 mm under the top leaves a tapered leg no room for its taper
    # between the aprons and the round-over at its foot.
    dims = table_dims(1800, 900, height, 30, leg_style=style)
    with pytest.raises(DimensionError, match="90 mm aprons") as caught:
        build("table", dims)
    assert caught.value.name == "top_thickness"


@pytest.mark.parametrize("style", LEG_STYLES)
def test_fastener_and_brace_counts(style):
    parts = build("table", table_dims(2400, 1000, 750, 30, "oak", style))
    uses = {
        part.name: {use.item: use.quantity for use in part.hardware} for part in parts
    }
    for number in range(1, 5):
        assert uses[f"leg_{number}"]["table_corner_brace"] == 1
    braces = sum(use.get("table_corner_brace", 0) for use in uses.values())
    assert braces == 4
    for part in parts[5:]:
        assert uses[part.name]["tabletop_fastener"] == fastener_count(part.length)
        gaps = part.length / (uses[part.name]["tabletop_fastener"] - 1)
        assert gaps <= FASTENER_SPACING_MM
    assert fastener_count(100.0) == 2
    assert fastener_count(800.0) == 3
    assert fastener_count(1601.0) == 6


def test_round_leg_aprons_coped_to_leg():
    parts = build("table", table_dims(1800, 900, 750, 30, "oak", "round"))
    apron, leg = parts[5], parts[1]
    # Every point of the apron's end faces lies on the leg's surface.
    centre = leg.mesh.bounds.mean(axis=0)[:2]
    near = apron.mesh.vertices[apron.mesh.vertices[:, 0] > 0.0]
    ends = near[np.argsort(near[:, 0])][-8:]
    radius = np.linalg.norm(ends[:, :2] - centre, axis=1)
    polygon_inner = LEG_SECTION_MM / 2.0 * np.cos(np.pi / 64)
    assert np.all(radius <= LEG_SECTION_MM / 2.0 + 1e-9)
    assert np.all(radius >= polygon_inner - 1e-9)
    assert shared_volume(apron.mesh, leg.mesh) < 1e-6
    assert apron.edge_radius_mm == 0.0
    assert all(part.shaped for part in parts[5:])
    square = build("table", table_dims(1800, 900, 750, 30, "oak", "square"))
    assert not any(part.shaped for part in square[5:])


def test_leg_bolt_pilot_faces_table_middle():
    for style in LEG_STYLES:
        parts = build("table", table_dims(1800, 900, 750, 30, "oak", style))
        for leg in parts[1:5]:
            (pilot,) = leg.holes
            centre = leg.mesh.bounds.mean(axis=0)
            axis = np.asarray(pilot.axis)
            assert np.linalg.norm(axis) == pytest.approx(1.0)
            assert axis[2] == 0.0
            # Drilled from the inner corner outward, into the leg.
            assert np.dot(axis[:2], centre[:2]) > 0.0
            mouth = np.asarray(pilot.centre)
            assert np.dot(mouth[:2] - centre[:2], axis[:2]) < 0.0
            assert mouth[2] == pytest.approx(750 - 30 - APRON_HEIGHT_MM / 2.0)
            assert [use.item for use in leg.hardware] == [
                "table_corner_brace",
                "hanger_bolt_m8x100",
                "felt_glide_40",
            ]


@pytest.mark.parametrize("style", LEG_STYLES)
def test_leg_sections(style):
    parts = build("table", table_dims(1800, 900, 750, 30, "oak", style))
    leg = parts[1].mesh
    length = leg.bounds[1, 2]
    foot = 45.0 if style == "tapered" else LEG_SECTION_MM
    # Sections above the foot's and below the top's round-over, where a
    # square leg is its full size.
    # A tapered leg widens up to the aprons' lower edge and is straight
    # beside them.
    straight_from = 750 - 30 - APRON_HEIGHT_MM
    for z in (5.0, straight_from / 2.0, straight_from + 5.0, length - 5.0):
        section = leg.section(plane_origin=(0.0, 0.0, z), plane_normal=(0, 0, 1))
        size = section.bounds[1, 0] - section.bounds[0, 0]
        expected = foot + (LEG_SECTION_MM - foot) * min(z / straight_from, 1.0)
        assert size == pytest.approx(expected, abs=1e-9), z


def test_top_and_legs_eased():
    for style in LEG_STYLES:
        parts = build("table", table_dims(1800, 900, 750, 30, "oak", style))
        top, leg = parts[0], parts[1]
        assert top.edge_radius_mm == edge_radius((1800, 900, 30))
        assert top.edge_radius_mm > 0
        # The bill states a round leg's eased foot with its turning.
        expected = None if style == "round" else LEG_EDGE_RADIUS_MM
        assert leg.edge_radius_mm == expected, style
    assert LEG_EDGE_RADIUS_MM == edge_radius((LEG_SECTION_MM, LEG_SECTION_MM))
    assert LEG_EDGE_RADIUS_MM > 0


def leg_at_origin(style):
    """Return leg_1 of the default table moved onto the Z axis, with the
    height where a tapered leg's taper ends."""
    parts = build("table", table_dims(1800, 900, 750, 30, "oak", style))
    leg = parts[1].mesh.copy()
    centre = leg.bounds.mean(axis=0)
    leg.apply_translation((-centre[0], -centre[1], 0.0))
    return leg, 750 - 30 - APRON_HEIGHT_MM


@pytest.mark.parametrize("style", LEG_STYLES)
def test_leg_foot_rounded_over(style):
    leg, straight_from = leg_at_origin(style)
    vertices = leg.vertices
    radius = LEG_EDGE_RADIUS_MM

    def half(z):
        """Half the leg's side or diameter at height z, without rounding."""
        if style != "tapered":
            return LEG_SECTION_MM / 2.0
        taper = (LEG_SECTION_MM - TAPERED_FOOT_MM) / 2.0
        return TAPERED_FOOT_MM / 2.0 + taper * min(z / straight_from, 1.0)

    floor = vertices[np.isclose(vertices[:, 2], 0.0, atol=1e-12)]
    if style == "round":
        reach = np.linalg.norm(floor[:, :2], axis=1)
    else:
        reach = np.abs(floor[:, :2]).max(axis=1)
    # The flat of the foot stops one radius in from the sides; the
    # round-over reaches the full section one radius up.
    assert reach.max() == pytest.approx(half(0.0) - radius, abs=1e-9)
    section = leg.section(plane_origin=(0.0, 0.0, radius), plane_normal=(0, 0, 1))
    assert section.bounds[1, 0] == pytest.approx(half(radius), abs=1e-9)
    # Midway up the round-over the surface is the arc's, within its facets.
    middle = radius * (1 - np.cos(np.pi / 4))
    section = leg.section(plane_origin=(0.0, 0.0, middle), plane_normal=(0, 0, 1))
    inset = radius * (1 - np.sin(np.pi / 4))
    assert section.bounds[1, 0] == pytest.approx(half(middle) - inset, abs=0.01)


@pytest.mark.parametrize("style", ["square", "tapered"])
def test_leg_long_edges_rounded(style):
    leg, straight_from = leg_at_origin(style)
    radius = LEG_EDGE_RADIUS_MM
    for z in (radius + 1.0, straight_from / 2.0, straight_from + 30.0):
        section = leg.section(plane_origin=(0.0, 0.0, z), plane_normal=(0, 0, 1))
        points = section.vertices[:, :2]
        half = points[:, 0].max()
        # No point of the section lies in the sharp corner the round-over
        # cuts off: the corner is (sqrt(2) - 1) r from the arc.
        corner = np.hypot(half - np.abs(points[:, 0]), half - np.abs(points[:, 1]))
        assert corner.min() == pytest.approx((np.sqrt(2) - 1) * radius, abs=1e-6)
        assert np.abs(points[:, 1]).max() == pytest.approx(half, abs=1e-9)


def test_round_leg_top_end_square():
    # The top end butts against the top's underside, with the aprons coped
    # to the leg's full section right up to it.
    leg, _ = leg_at_origin("round")
    top = leg.bounds[1, 2]
    rim = leg.vertices[np.isclose(leg.vertices[:, 2], top, atol=1e-12)]
    reach = np.linalg.norm(rim[:, :2], axis=1)
    assert reach.max() == pytest.approx(LEG_SECTION_MM / 2.0, abs=1e-9)
    assert np.count_nonzero(np.isclose(reach, LEG_SECTION_MM / 2.0)) == 64


def test_union_volume_removes_hidden_overlap():
    dims = table_dims(1800, 900, 750, 30, "oak", "square")
    parts, fused = check_table(dims)
    # Each leg's overlap is the piece of it above the top's underside.
    underside = (0.0, 0.0, dims["height"] - dims["top_thickness"])
    overlap = 0.0
    for leg in parts[1:5]:
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


def test_cope_names_centre_off_inner_face():
    # The catalog's aprons have their inner face on the legs' centre line;
    # an apron set 5 mm further out names that offset.
    place = table._ApronPlace("x", 800.0, 350.0, (355.0, 380.0), 630.0, 720.0)
    chain = table._facing_chain((5.0, 30.0)) + (800.0, 350.0)
    shaping = table._cope_shaping(place, chain)
    sizes = dict(shaping.sizes)
    assert shaping.kind == "coped"
    assert (sizes["radius"], sizes["offset"]) == (35.0, 5.0)
    # The inner face meets the leg's circle 5 mm off its centre line.
    reach = math.sqrt(35.0**2 - 5.0**2)
    assert sizes["inner"] == pytest.approx(2 * (800.0 - reach), abs=0.2)
    on_face = table._ApronPlace("x", 800.0, 350.0, (350.0, 375.0), 630.0, 720.0)
    on_face_chain = table._facing_chain((0.0, 25.0)) + (800.0, 350.0)
    on_face_shaping = table._cope_shaping(on_face, on_face_chain)
    assert on_face_shaping.kind == "coped_on_face"
    assert dict(on_face_shaping.sizes)["inner"] == pytest.approx(1530.0)
