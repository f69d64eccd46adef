"""Production metadata that parts carry besides their mesh."""

import pytest
import trimesh

from models3d.generators import build
from models3d.parts import HardwareUse, Hole, Part
from models3d.table import INSERT_HOLE_MM, LEG_OVERLAP_MM
from tests.models3d.helpers import table_dims


def test_part_defaults_carry_nothing():
    part = Part("band", trimesh.creation.box(), "gold_18k_yellow")
    assert part.holes == ()
    assert part.hardware == ()
    assert part.banded_edges is None
    assert part.joined_to is None


def test_part_rejects_unknown_edge_direction():
    with pytest.raises(ValueError, match="'front'.*\\+x, -x"):
        Part("shelf", trimesh.creation.box(), "mdf", banded_edges=("front",))


def test_part_rejects_joining_itself():
    with pytest.raises(ValueError, match="'bail' is joined to itself"):
        Part("bail", trimesh.creation.box(), "silver_925", joined_to="bail")


def test_table_top_has_insert_hole_per_leg():
    parts = build("table", table_dims(1800, 900, 750, 30))
    top = parts[0]
    legs = parts[1:]
    assert len(top.holes) == 4
    assert top.hardware == (HardwareUse("threaded_insert_m8", 4),)
    for hole, leg in zip(top.holes, legs, strict=True):
        centre = leg.mesh.bounds.mean(axis=0)
        assert hole.centre[:2] == pytest.approx(tuple(centre[:2]), abs=1e-6)
        assert hole.centre[2] == pytest.approx(750 - 30)
        assert hole.axis == (0.0, 0.0, 1.0)
        assert hole.diameter == INSERT_HOLE_MM
        assert hole.depth < 30


def test_thin_top_keeps_wall_above_insert():
    top = build("table", table_dims(1400, 800, 750, 18, "mdf"))[0]
    assert {hole.depth for hole in top.holes} == {13.0}
    top = build("table", table_dims(1400, 800, 750, 18 - 0.5, "mdf"))[0]
    assert {hole.depth for hole in top.holes} == {12.5}


def test_table_legs_carry_bolt_and_glide():
    parts = build("table", table_dims(1800, 900, 750, 30))
    for leg in parts[1:]:
        assert [use.item for use in leg.hardware] == [
            "hanger_bolt_m8x80",
            "felt_glide_40",
        ]
        (pilot,) = leg.holes
        assert isinstance(pilot, Hole)
        assert pilot.axis == (0.0, 0.0, -1.0)
        assert pilot.centre[2] == pytest.approx(750 - 30 + LEG_OVERLAP_MM)
        assert pilot.centre[2] == pytest.approx(leg.mesh.bounds[1][2])
