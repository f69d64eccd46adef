"""Chelsea boot geometry: sole, upper with a shaft, and gussets."""

import numpy as np
import pytest

from models3d.boot import (
    FOOT,
    FOREFOOT_MM,
    SOLES,
    UPPER_MATERIALS,
    UPPER_WALL_MM,
    WELT_MM,
    _gusset_side_view,
    _shaft,
)
from models3d.caching import clear_caches
from models3d.dims import DimensionError
from models3d.footwear import shoe_quantities, side_prism, upper_shape
from models3d.generators import build
from models3d.last import Last
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


def full_boolean_upper(dims):
    """Return the upper and gussets cut from the whole foot with booleans:
    the foot's outer loft and the shaft, less the foot's inner loft and the
    shaft's hollow, split by the gussets' tool."""
    last = Last.from_dims(dims, "ankle_boot")
    shaft_height = float(dims["shaft_height"])
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    foot = upper_shape(outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT)
    top = FOREFOOT_MM + last.heel_height + shaft_height
    outer_shaft, inner_shaft = _shaft(last, outline.buffer(-WELT_MM), top)
    tool = side_prism(_gusset_side_view(last, top, shaft_height), last.length)
    shell = to_manifold(foot.outer.mesh()) + to_manifold(outer_shaft)
    shell = shell - to_manifold(foot.inner.mesh()) - to_manifold(inner_shaft)
    gussets, upper = shell.split(to_manifold(tool))
    return from_manifold(upper), from_manifold(gussets)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"size": "EU 35", "width_fitting": "narrow", "heel_height": 35},
        {
            "size": "EU 48",
            "width_fitting": "extra_wide",
            "heel_height": 20,
            "shaft_height": 160,
        },
        {"size_system": "MP", "size": "MP 220", "shaft_height": 100},
        {"size_system": "US", "size": "US 10", "toe_shape": "square"},
    ],
)
def test_upper_matches_full_boolean(values):
    # Only the heel half of the foot goes through booleans with the shaft.
    # The same cut of the whole foot must give the same upper and gussets.
    dims = boot_dims(**values)
    parts = {part.name: part.mesh for part in build("ankle_boot", dims)}
    upper, gussets = parts["upper"], parts["gussets"]
    reference, reference_gussets = full_boolean_upper(dims)

    assert_matches_boolean(upper, reference)

    np.testing.assert_allclose(
        gussets.bounds, reference_gussets.bounds, atol=EXTENT_TOLERANCE_MM
    )
    assert gussets.volume == pytest.approx(reference_gussets.volume, rel=1e-6)


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
