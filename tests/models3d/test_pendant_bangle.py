"""Pendant and bangle geometry and their catalog rules."""

import numpy as np
import pytest
import trimesh

from models3d.dims import DimensionError
from models3d.engrave import ENGRAVING_DEPTH_MM, text_area
from models3d.generators import build
from models3d.pendant import (
    BAIL_HOLE_MM,
    BAIL_OUTER_DIAMETER_MM,
    SHAPES,
    check_engraving_fits,
    outline,
    pendant_extents,
)
from models3d.ring import PROFILES
from models3d.solids import intersect
from tests.models3d.helpers import (
    EXTENT_TOLERANCE_MM,
    assert_extents,
    assert_solid,
    min_axis_distance,
)


def pendant_dims(shape="disc", size=25, thickness=1.5, engraving=""):
    return {
        "shape": shape,
        "size": size,
        "thickness": thickness,
        "metal": "gold_18k_yellow",
        "engraving": engraving,
        "letter_height": min(0.16 * size, 5.0),
    }


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("size", [12, 25, 35])
def test_pendant_one_solid_with_bail(shape, size):
    part = build("pendant", pendant_dims(shape, size))[0]
    assert part.name == "pendant"
    assert_solid(part.mesh, shape)
    assert part.mesh.body_count == 1
    assert_extents(part.mesh, list(pendant_extents(shape, size, 1.5)), shape)
    assert part.mesh.extents[2] == pytest.approx(BAIL_OUTER_DIAMETER_MM)


def test_bail_hole_open():
    # A 1 mm rod along X through the bail's hole, standing in for the
    # chain, meets no metal.
    mesh = build("pendant", pendant_dims("disc", 20))[0].mesh
    top = mesh.bounds[1][1]
    chain = trimesh.creation.box([10.0, 1.0, 1.0])
    chain.apply_translation(
        [0.0, top - 0.8 - BAIL_HOLE_MM / 2, BAIL_OUTER_DIAMETER_MM / 2]
    )
    assert intersect(mesh, chain).volume == pytest.approx(0.0, abs=1e-9)
    chain.apply_translation([0.0, -(BAIL_HOLE_MM / 2 + 0.4), 0.0])
    assert intersect(mesh, chain).volume > 0


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("text", ["Forever", "永恒"])
def test_back_engraving_cut(shape, text):
    plain = build("pendant", pendant_dims(shape, 30, 2.0))[0].mesh
    engraved = build("pendant", pendant_dims(shape, 30, 2.0, text))[0].mesh
    assert_solid(engraved, text)
    expected = text_area(text, 4.8) * ENGRAVING_DEPTH_MM
    assert plain.volume - engraved.volume == pytest.approx(expected, rel=1e-6)


def test_engraving_that_does_not_fit():
    with pytest.raises(DimensionError, match="larger pendant"):
        build("pendant", pendant_dims("heart", 25, 2.0, "永恒永恒永恒永恒永恒"))


@pytest.mark.parametrize("shape", SHAPES)
def test_catalog_length_rule_guarantees_fit(jewelry_catalog, shape):
    model = jewelry_catalog.get("pendant-disc")
    for size in range(25, 36):
        values = model.engine.coerce({"shape": shape, "size": size})
        derived = model.engine.derive(values)
        text = "♥" * derived["max_engraving_chars"]
        check_engraving_fits(outline(shape, size)[0], text, derived["letter_height"])


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"engraving": "A", "thickness": 1.2}, "engraving-depth"),
        ({"engraving": "A", "size": 20}, "engraving-letter-size"),
        ({"metal": "silver_925", "thickness": 0.9}, "silver-thickness"),
    ],
)
def test_pendant_rules_reject(jewelry_catalog, values, rule):
    model = jewelry_catalog.get("pendant-disc")
    evaluation = model.engine.evaluate(model.engine.coerce(values))
    assert rule in [violation.rule for violation in evaluation.errors]


def bangle_dims(hand_size, width, thickness, profile):
    inner = (hand_size + 20) / np.pi
    return {
        "hand_size": hand_size,
        "inner_diameter": inner,
        "width": width,
        "thickness": thickness,
        "profile": profile,
        "metal": "silver_925",
    }


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("hand_size", [170, 240])
def test_bangle_bore_and_extents(profile, hand_size):
    dims = bangle_dims(hand_size, 8.0, 2.5, profile)
    part = build("bangle", dims)[0]
    assert_solid(part.mesh, profile)
    outer = dims["inner_diameter"] + 5.0
    assert_extents(part.mesh, [outer, outer, 8.0], profile)
    bore = 2 * min_axis_distance(part.mesh)
    assert abs(bore - dims["inner_diameter"]) <= EXTENT_TOLERANCE_MM


def test_bangle_slips_over_hand(jewelry_catalog):
    model = jewelry_catalog.get("bangle")
    values = model.engine.coerce({"hand_size": 200})
    inner = model.engine.derive(values)["inner_diameter"]
    assert np.pi * inner == pytest.approx(220.0)


def test_bangle_mass_estimate_close(jewelry_catalog):
    from models3d.solids import measure

    model = jewelry_catalog.get("bangle")
    for profile in PROFILES:
        values = model.engine.coerce({"profile": profile, "thickness": 3.0})
        dims = {**values, **model.engine.derive(values)}
        mass = measure(build("bangle", dims)).total_mass_g
        assert dims["estimated_mass"] == pytest.approx(mass, rel=0.1), profile


def test_bangle_density_lookup_matches_materials(jewelry_catalog):
    from models3d.materials import material

    model = jewelry_catalog.get("bangle")
    for metal, density in model.rules.lookups["density"].items():
        assert density == material(metal).density_g_cm3


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"width": 15.0, "thickness": 2.0}, "wide-thin"),
        ({"metal": "silver_925", "thickness": 1.8}, "silver-thickness"),
        (
            {"profile": "court", "thickness": 1.3, "metal": "gold_18k_yellow"},
            "domed-thickness",
        ),
    ],
)
def test_bangle_rules_reject(jewelry_catalog, values, rule):
    model = jewelry_catalog.get("bangle")
    evaluation = model.engine.evaluate(model.engine.coerce(values))
    assert rule in [violation.rule for violation in evaluation.errors]
