"""Property tests over valid designs of every jewelry model.

Designs come from the catalog through a DesignSession, as in the studio:
each drawn value is set only when the rules still offer it, so every
design built here is orderable.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.session import DesignSession
from models3d.generators import build
from models3d.pendant import pendant_extents
from models3d.solids import union_parts
from tests.models3d.helpers import (
    EXTENT_TOLERANCE_MM,
    assert_parts_clean,
    assert_parts_solid,
    assert_same_geometry,
)

ENGRAVINGS = ["", "Forever", "永恒", "A & B ♥", "Léa 2024"]

JEWELRY = ["ring-band", "ring-solitaire", "pendant-disc", "bangle"]


def finger_distance(mesh, centre_z):
    """Smallest distance from the Y axis at height ``centre_z`` to the mesh."""
    shifted = mesh.vertices - [0.0, 0.0, centre_z]
    return float(np.hypot(shifted[:, 0], shifted[:, 2]).min())


def expected_extents(model_id, dims):
    """X, Y and Z extents of the whole product, from its parameters."""
    if model_id == "ring-band":
        outer = dims["outer_diameter"]
        return [outer, outer, dims["width"]]
    if model_id == "bangle":
        outer = dims["outer_diameter"]
        return [outer, outer, dims["width"]]
    if model_id == "ring-solitaire":
        return [
            dims["outer_diameter"],
            max(dims["width"], dims["head_width"]),
            dims["total_height"],
        ]
    return list(pendant_extents(dims["shape"], dims["size"], dims["thickness"]))


@st.composite
def designs(draw, model):
    """Draw an orderable design by setting offered values one by one."""
    session = DesignSession(model)
    names = [p.name for p in model.rules.parameters if p.finite]
    order = draw(st.permutations(names))
    for name in order:
        value = draw(st.sampled_from(model.parameter(name).domain()))
        if session.domains.is_offered(name, value):
            session.set_value(name, value)
    if "engraving" in session.values:
        text = draw(st.sampled_from(ENGRAVINGS))
        before = dict(session.values)
        session.set_value("engraving", text)
        if not session.orderable:
            session.replace(before)
    assert session.orderable, [v.rule for v in session.violations]
    return session.dimensions()


def check_design(model_id, generator, dims):
    parts = build(generator, dims)
    assert_parts_solid(parts)
    assert_parts_clean(parts)
    for part in parts:
        assert part.mesh.volume > 0

    vertices = np.concatenate([part.mesh.vertices for part in parts])
    low, high = vertices.min(axis=0), vertices.max(axis=0)
    for axis, size in zip("XYZ", expected_extents(model_id, dims), strict=True):
        index = "XYZ".index(axis)
        extent = high[index] - low[index]
        assert abs(extent - size) <= EXTENT_TOLERANCE_MM, (model_id, axis, extent)
    assert abs(low[0] + high[0]) <= EXTENT_TOLERANCE_MM
    assert abs(low[1] + high[1]) <= EXTENT_TOLERANCE_MM
    assert abs(low[2]) <= EXTENT_TOLERANCE_MM
    return parts


@pytest.mark.parametrize("model_id", JEWELRY)
def test_jewelry_designs_valid_geometry(jewelry_catalog, model_id):
    model = jewelry_catalog.get(model_id)

    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(designs(model))
    def check(dims):
        parts = check_design(model_id, model.generator, dims)
        assert_same_geometry(parts, build(model.generator, dims))
        if model_id == "ring-solitaire":
            centre = dims["outer_diameter"] / 2
            bore = finger_distance(parts[0].mesh, centre)
            assert bore >= dims["inner_diameter"] / 2 - EXTENT_TOLERANCE_MM
        if model_id == "pendant-disc":
            assert [part.name for part in parts] == ["pendant", "bail"]
            assert parts[0].material == parts[1].material == dims["metal"]
            # The casting pattern unites the body and its bail.
            union = union_parts(parts)
            assert union.is_watertight
            assert union.body_count == 1
            assert union.volume < sum(part.mesh.volume for part in parts)

    check()
