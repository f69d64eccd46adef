"""Ring band geometry over the catalog's sizes, widths, depths and profiles."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

from models3d.dims import DimensionError
from models3d.engrave import ENGRAVING_DEPTH_MM
from models3d.generators import build
from models3d.ring import MIN_EDGE_MM, PROFILES, SEGMENTS, band_profile
from models3d.sizes import ring_size_choices
from models3d.solids import union_parts
from tests.models3d.helpers import (
    EXTENT_TOLERANCE_MM,
    assert_extents,
    assert_parts_solid,
    assert_same_geometry,
    assert_solid,
    choice_values,
    min_axis_distance,
    numeric_range,
    ring_dims,
)

SIZES = [label for _, label in ring_size_choices()]
WIDTHS = numeric_range("ring-band", "width")
DEPTHS = numeric_range("ring-band", "depth")
METALS = choice_values("ring-band", "metal")


def radii(mesh):
    return np.hypot(mesh.vertices[:, 0], mesh.vertices[:, 1])


def check_band(dims):
    parts = build("ring", dims)
    assert [part.name for part in parts] == ["band"]
    band = parts[0]
    assert band.material == dims["metal"]
    assert band.colour is None
    assert_parts_solid(parts)
    outer = dims["inner_diameter"] + 2 * dims["depth"]
    assert_extents(band.mesh, [outer, outer, dims["width"]], "band")
    bore = 2 * min_axis_distance(band.mesh)
    assert abs(bore - dims["inner_diameter"]) <= EXTENT_TOLERANCE_MM
    return band


def test_catalog_profiles_all_built():
    assert set(choice_values("ring-band", "profile")) == set(PROFILES)


@pytest.mark.parametrize("profile", PROFILES)
def test_us_7_band(profile):
    band = check_band(ring_dims("US 7", 4.0, 1.7, profile, "gold_18k_yellow"))
    assert 2 * min_axis_distance(band.mesh) == pytest.approx(17.3228, abs=0.01)
    assert band.mesh.extents[0] == pytest.approx(17.3228 + 3.4, abs=0.01)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("size", SIZES[:: max(1, len(SIZES) // 25)] + [SIZES[-1]])
def test_sizes_across_systems(size, profile):
    check_band(ring_dims(size, 4.0, 1.7, profile, "platinum_950"))


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("width", [WIDTHS[0], 5.5, WIDTHS[-1]])
@pytest.mark.parametrize("depth", [DEPTHS[0], 1.5, 2.2, DEPTHS[-1]])
def test_width_depth_extremes(width, depth, profile):
    for size in (SIZES[0], "UK N½", SIZES[-1]):
        check_band(ring_dims(size, width, depth, profile, "silver_925"))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    size=st.sampled_from(SIZES),
    width=st.sampled_from(WIDTHS),
    depth=st.sampled_from(DEPTHS),
    profile=st.sampled_from(PROFILES),
    metal=st.sampled_from(METALS),
)
def test_band_property(size, width, depth, profile, metal):
    dims = ring_dims(size, width, depth, profile, metal)
    band = check_band(dims)
    again = build("ring", dims)
    assert_same_geometry([band], again)
    assert len(band.mesh.faces) < 20_000


@pytest.mark.parametrize("profile", PROFILES)
def test_band_union_is_band(profile):
    band = check_band(ring_dims("ISO 54", 6.0, 2.0, profile, "titanium"))
    fused = union_parts([band])
    assert_solid(fused, "union")
    assert fused.volume == pytest.approx(band.mesh.volume, rel=1e-9)
    assert np.allclose(fused.extents, band.mesh.extents, atol=EXTENT_TOLERANCE_MM)


def test_court_thick_at_centre_thin_at_edges():
    dims = ring_dims("US 7", 6.0, 2.0, "court", "gold_18k_white")
    mesh = check_band(dims).mesh
    inner, outer = dims["inner_diameter"] / 2, dims["inner_diameter"] / 2 + 2.0
    r, z = radii(mesh), mesh.vertices[:, 2]
    centre, edge = np.isclose(z, 3.0), np.isclose(z, 0.0)
    # On the centre line the band spans the full depth. The bore's vertices
    # sit a few microns out so that its facets touch the nominal circle.
    assert r[centre].max() == pytest.approx(outer, abs=1e-9)
    assert r[centre].min() == pytest.approx(inner, abs=0.005)
    # At the edges both faces have curved away, but not below the minimum.
    edge_thickness = r[edge].max() - r[edge].min()
    assert edge_thickness < 2.0 - 0.3
    assert edge_thickness >= MIN_EDGE_MM
    assert r[edge].min() > inner + 0.1
    assert r[edge].max() < outer - 0.1


@pytest.mark.parametrize("depth", [1.5, 1.7, 2.0, 3.0])
def test_court_edges_keep_casting_minimum(depth):
    dims = ring_dims("JP 14", 4.0, depth, "court", "gold_18k_rose")
    mesh = check_band(dims).mesh
    r, z = radii(mesh), mesh.vertices[:, 2]
    for face in (0.0, 4.0):
        on_face = np.isclose(z, face)
        assert r[on_face].max() - r[on_face].min() >= MIN_EDGE_MM - 0.005


def test_d_shape_flat_inside_domed_outside():
    dims = ring_dims("US 9", 5.0, 2.4, "d_shape", "platinum_950")
    mesh = check_band(dims).mesh
    inner = dims["inner_diameter"] / 2
    r, z = radii(mesh), mesh.vertices[:, 2]
    bore = r < inner + 0.01
    assert np.isclose(z[bore].min(), 0.0)
    assert np.isclose(z[bore].max(), 5.0)
    edge = np.isclose(z, 0.0)
    assert r[edge].max() < inner + 2.4 - 0.5
    assert r[edge].max() - r[edge].min() >= MIN_EDGE_MM - 0.005


def test_flat_profile_square_faces():
    dims = ring_dims("US 9", 5.0, 2.0, "flat", "gold_18k_yellow")
    mesh = check_band(dims).mesh
    inner, outer = dims["inner_diameter"] / 2, dims["inner_diameter"] / 2 + 2.0
    r, z = radii(mesh), mesh.vertices[:, 2]
    outside = np.isclose(r, outer)
    assert z[outside].max() - z[outside].min() >= 5.0 - 2 * 0.2 - 1e-9
    bottom = np.isclose(z, 0.0)
    assert r[bottom].max() - r[bottom].min() >= 2.0 - 2 * 0.2 - 0.005
    assert r.min() > inner


@pytest.mark.parametrize("profile", PROFILES)
def test_band_volume_matches_pappus(profile):
    # Pappus: volume = 2 pi x section area x centroid radius, scaled by the
    # area ratio of a regular polygon of SEGMENTS sides to its circle.
    dims = ring_dims("UK N½", 5.0, 2.1, profile, "titanium")
    mesh = check_band(dims).mesh
    section = Polygon(band_profile(profile, dims["inner_diameter"], 2.1, 5.0))
    polygon = SEGMENTS / (2 * np.pi) * np.sin(2 * np.pi / SEGMENTS)
    expected = 2 * np.pi * section.area * section.centroid.x * polygon
    assert mesh.volume == pytest.approx(expected, rel=1e-9)


def test_profiles_order_by_volume():
    volumes = {
        profile: check_band(
            ring_dims("US 7", 4.0, 2.0, profile, "titanium")
        ).mesh.volume
        for profile in PROFILES
    }
    assert volumes["flat"] > volumes["court"]
    assert volumes["flat"] > volumes["d_shape"]


@pytest.mark.parametrize("profile", PROFILES)
def test_engraving_cut_inside(profile):
    plain = build("ring", ring_dims("US 7", 4.0, 1.7, profile, "titanium"))[0]
    dims = ring_dims("US 7", 4.0, 1.7, profile, "titanium", "A & B")
    engraved = check_band(dims)
    assert engraved.mesh.volume < plain.mesh.volume
    assert_same_geometry([engraved], build("ring", dims))


def test_engraving_on_too_thin_band_rejected():
    # Outside the catalog's rules: 0.8 mm of band leaves no room for a cut
    # with 0.8 mm of metal behind it.
    dims = ring_dims("US 7", 4.0, 0.8, "flat", "titanium", "Anna")
    with pytest.raises(DimensionError, match="too thin") as raised:
        build("ring", dims)
    assert "at least 1.3 mm deep" in str(raised.value)


def test_blank_engraving_leaves_band():
    plain = build("ring", ring_dims("US 7", 4.0, 1.7, "court", "titanium"))
    blank = build("ring", ring_dims("US 7", 4.0, 1.7, "court", "titanium", "   "))
    assert_same_geometry(plain, blank)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("size", ["US 3", "UK N½", "ISO 76"])
def test_polygon_bore_and_outside_exact(size, profile):
    # Vertices on the X and Y axes give the exact outer diameter, and the
    # stretched bore's facets touch the nominal circle.
    dims = ring_dims(size, 4.0, 1.7, profile, "titanium")
    mesh = check_band(dims).mesh
    outer = dims["inner_diameter"] + 3.4
    assert mesh.extents[0] == pytest.approx(outer, abs=1e-9)
    assert mesh.extents[1] == pytest.approx(outer, abs=1e-9)
    assert 2 * min_axis_distance(mesh) == pytest.approx(
        dims["inner_diameter"], abs=1e-6
    )


@pytest.mark.parametrize("model_id", ["ring-band", "ring-solitaire"])
def test_engraved_d_shape_keeps_wall(jewelry_catalog, model_id):
    # Where the rules let a D-shaped band be engraved, 0.8 mm of metal stays
    # between the cut's floor, under the letters' outer edges, and the
    # outside. The floor lies the cut's depth outside the bore's vertices,
    # which lie outside the nominal bore so that its facets touch it.
    model = jewelry_catalog.get(model_id)
    engine = model.engine

    def wall(width, depth, inner_diameter):
        section = band_profile("d_shape", inner_diameter, depth, width)
        dome = LineString(section[1:-1])
        values = engine.coerce({"profile": "d_shape", "width": width})
        margin = (width - engine.derive(values)["letter_height"]) / 2.0
        bore = inner_diameter / 2.0 / np.cos(np.pi / SEGMENTS)
        floor = bore + ENGRAVING_DEPTH_MM
        return min(
            dome.distance(Point(floor, z))
            for z in np.linspace(margin, width - margin, 81)
        )

    def allowed(width, depth):
        values = engine.coerce(
            {"profile": "d_shape", "width": width, "depth": depth, "engraving": "A"}
        )
        return not engine.evaluate(values).errors

    assert allowed(3.0, 1.6)
    checked = 0
    for width in model.parameter("width").domain():
        for depth in model.parameter("depth").domain():
            if allowed(width, depth):
                for inner_diameter in (14.0, 17.0, 23.0):
                    assert wall(width, depth, inner_diameter) >= 0.8, (width, depth)
                checked += 1
    assert checked > 10
