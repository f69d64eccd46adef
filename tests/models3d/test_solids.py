"""Unions, mesh checks and material quantities."""

import numpy as np
import pytest
import trimesh

from models3d.generators import build
from models3d.materials import material
from models3d.parts import Part
from models3d.solids import (
    GeometryError,
    PartQuantity,
    Quantities,
    check_parts,
    intersect,
    measure,
    mesh_problems,
    subtract,
    union_meshes,
    union_parts,
)
from tests.models3d.helpers import assert_solid, ring_dims, shoe_dims, table_dims


def box(size, centre=(0.0, 0.0, 0.0)):
    mesh = trimesh.creation.box(extents=size)
    mesh.apply_translation(centre)
    return mesh


def open_box():
    mesh = box([10, 10, 10])
    return trimesh.Trimesh(mesh.vertices, mesh.faces[:-1], process=False)


def test_union_of_overlapping_boxes():
    fused = union_meshes([box([10, 10, 10]), box([10, 10, 10], (5, 0, 0))])
    assert_solid(fused, "union")
    assert fused.volume == pytest.approx(1500.0)
    assert np.allclose(fused.bounds, [[-5, -5, -5], [10, 5, 5]])


def test_union_keeps_exact_coordinates():
    # Float64 vertices: a union must not round 0.1 mm steps to float32.
    first = box([100.1, 0.3, 0.7], (1000.05, 0, 0))
    fused = union_meshes([first, box([1, 1, 1], (0.0, 0.0, 0.0))])
    assert fused.bounds[1, 0] == 1000.05 + 100.1 / 2


def test_subtract_and_intersect():
    block = box([10, 10, 10])
    tool = box([10, 10, 10], (5, 0, 0))
    assert subtract(block, [tool]).volume == pytest.approx(500.0)
    assert intersect(block, tool).volume == pytest.approx(500.0)


def test_open_mesh_rejected_with_part_name():
    parts = [Part("lid", box([5, 5, 5]), "oak"), Part("base", open_box(), "oak")]
    with pytest.raises(GeometryError, match="'base'"):
        union_parts(parts)
    with pytest.raises(GeometryError, match="base"):
        check_parts(parts)
    with pytest.raises(ValueError):
        measure(parts)


def test_inverted_mesh_reported():
    inverted = box([5, 5, 5])
    inverted.invert()
    assert any("volume" in problem for problem in mesh_problems(inverted))
    assert mesh_problems(box([5, 5, 5])) == []
    assert "open" in mesh_problems(open_box())[0]


def test_union_needs_parts():
    with pytest.raises(ValueError):
        union_parts([])


def test_measure_box_quantities():
    parts = [Part("block", box([10, 20, 30]), "oak")]
    quantities = measure(parts)
    assert isinstance(quantities, Quantities)
    assert len(quantities) == 1
    only = quantities[0]
    assert isinstance(only, PartQuantity)
    assert only.name == "block"
    assert only.material == "oak"
    assert only.volume_mm3 == pytest.approx(6000.0)
    assert only.mass_g == pytest.approx(6000.0 * 0.64 / 1000)
    assert only.surface_area_mm2 == pytest.approx(2 * (200 + 300 + 600))
    assert quantities.total_mass_g == pytest.approx(only.mass_g)


def test_joined_part_adds_outside_only():
    # A 4 mm cube lug sunk 1 mm into a 10 mm cube shares 1 x 4 x 4 mm.
    parts = [
        Part("base", box([10, 10, 10]), "oak"),
        Part("lug", box([4, 4, 4], (6, 0, 0)), "oak", joined_to="base"),
    ]
    base, joined = measure(parts)
    assert base.volume_mm3 == pytest.approx(1000.0)
    assert base.surface_area_mm2 == pytest.approx(600.0)
    assert joined.volume_mm3 == pytest.approx(64.0 - 16.0)
    assert joined.mass_g == pytest.approx(48.0 * 0.64 / 1000)
    # The union's surface is 648 mm²: the lug's 96 less its 48 mm² inside
    # the base and the base's 16 mm² inside the lug.
    assert joined.surface_area_mm2 == pytest.approx(648.0 - 600.0)
    assert base.volume_mm3 + joined.volume_mm3 == pytest.approx(
        union_parts(parts).volume
    )


def test_joined_part_measured_after_move():
    # The overlap is cached on the meshes' contents, so a moved mesh is
    # measured again.
    lug = box([4, 4, 4], (6, 0, 0))
    parts = [
        Part("base", box([10, 10, 10]), "oak"),
        Part("lug", lug, "oak", joined_to="base"),
    ]
    assert measure(parts)[1].volume_mm3 == pytest.approx(48.0)
    lug.apply_translation([10.0, 0.0, 0.0])
    assert measure(parts)[1].volume_mm3 == pytest.approx(64.0)
    assert measure(parts)[1].surface_area_mm2 == pytest.approx(96.0)


def test_joined_to_missing_or_joined_part():
    base = Part("base", box([10, 10, 10]), "oak")
    lug = Part("lug", box([4, 4, 4], (6, 0, 0)), "oak", joined_to="cap")
    with pytest.raises(ValueError, match="'lug' is joined to 'cap'.*base, lug"):
        measure([base, lug])
    cap = Part("cap", box([2, 2, 2], (9, 0, 0)), "oak", joined_to="base")
    with pytest.raises(ValueError, match="'cap', which is itself joined to 'base'"):
        measure([base, lug, cap])


def test_measure_unknown_material():
    with pytest.raises(KeyError, match="unobtainium"):
        measure([Part("block", box([1, 1, 1]), "unobtainium")])


@pytest.mark.parametrize("metal", ["gold_18k_yellow", "platinum_950", "titanium"])
def test_ring_union_mass_is_density_times_volume(metal):
    parts = build("ring", ring_dims("US 7", 4.0, 1.7, "court", metal))
    fused = union_parts(parts)
    quantities = measure(parts)
    density = material(metal).density_g_cm3
    assert quantities.total_mass_g == pytest.approx(fused.volume * density / 1000)


def test_us_7_gold_court_band_mass():
    # A 4 x 1.7 mm court band weighs 5.6 g in 18k yellow gold, less than the
    # 6.3 g of a flat band with the same rectangular section.
    parts = build("ring", ring_dims("US 7", 4.0, 1.7, "court", "gold_18k_yellow"))
    inner, outer = 17.3228 / 2, 17.3228 / 2 + 1.7
    flat_mass = np.pi * (outer**2 - inner**2) * 4.0 * 15.58 / 1000
    mass = measure(parts).total_mass_g
    assert mass == pytest.approx(5.59, abs=0.01)
    assert 0.8 * flat_mass < mass < flat_mass


def test_shoe_quantities_per_material():
    parts = build("shoe", shoe_dims("EU 42", sole="rubber_sole", toe_style="plain"))
    quantities = measure(parts)
    names = ["sole", "upper", "facings", "tongue", "laces"]
    assert [q.name for q in quantities] == names
    by_material = quantities.mass_by_material()
    assert set(by_material) == {"rubber_sole", "calf_leather", "waxed_cotton"}
    for quantity, part in zip(quantities, parts, strict=True):
        density = material(part.material).density_g_cm3
        assert quantity.mass_g == pytest.approx(part.mesh.volume * density / 1000)
        assert quantity.surface_area_mm2 == pytest.approx(part.mesh.area)
    assert quantities.total_mass_g == pytest.approx(sum(by_material.values()))
    # A leather upper weighs tens to a few hundred grams.
    assert 30 < by_material["calf_leather"] < 300


def test_table_totals():
    parts = build("table", table_dims(1800, 900, 750, 30, "walnut", "tapered"))
    quantities = measure(parts)
    assert len(quantities) == len(parts) == 9
    assert list(quantities) == list(quantities.parts)
    assert quantities.total_volume_mm3 == pytest.approx(
        sum(part.mesh.volume for part in parts)
    )
    assert quantities.total_mass_g == pytest.approx(
        quantities.total_volume_mm3 * material("walnut").density_g_cm3 / 1000
    )


def test_union_drops_zero_volume_slivers():
    from designer.catalog import load_catalog
    from designer.production import build_parts
    from designer.session import DesignSession

    # This boot's gussets meet the upper face to face along their V, which
    # can leave a zero-volume piece in the raw union.
    values = {
        "size_system": "UK",
        "size": "UK 12",
        "width_fitting": "narrow",
        "toe_shape": "round",
        "heel_height": 20,
        "toe_spring": 6,
        "shaft_height": 100,
        "construction": "cemented",
        "sole": "rubber_sole",
    }
    session = DesignSession(load_catalog().get("shoe-boot"), values)
    fused = union_parts(build_parts(session))
    assert fused.body_count == 1
    assert fused.is_watertight
    assert fused.volume > 0
