"""Production metadata that parts carry besides their mesh."""

import pytest
import trimesh

from models3d.generators import build
from models3d.parts import Part
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


def test_table_top_held_by_apron_fasteners():
    parts = build("table", table_dims(1800, 900, 750, 30))
    top = parts[0]
    assert top.holes == ()
    assert top.hardware == ()
    fasteners = sum(
        use.quantity
        for part in parts
        for use in part.hardware
        if use.item == "tabletop_fastener"
    )
    assert fasteners >= 8
