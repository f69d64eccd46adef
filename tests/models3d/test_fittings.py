"""Hinges, shelf supports and runners fitted to board furniture."""

import pytest

from models3d.boards import board
from models3d.fittings import (
    HINGE_CUP_EDGE_MM,
    HINGE_END_MM,
    SUPPORT_DROP_MM,
    SUPPORT_SETBACK_MM,
    hinge_count,
    support_shelves,
)
from models3d.generators import build
from tests.models3d.helpers import catalog_dims


@pytest.mark.parametrize(
    ("height", "count"),
    [(600, 2), (1000, 2), (1001, 3), (1500, 3), (1900, 4), (2100, 5)],
)
def test_hinge_count_by_door_height(height, count):
    assert hinge_count(height) == count


def hardware_of(part):
    return {use.item: use.quantity for use in part.hardware}


def test_cabinet_doors_hinged_on_outer_edges():
    parts = {
        part.name: part
        for part in build(
            "cabinet", catalog_dims("cabinet", width=1000, front_type="doors")
        )
    }
    for name, edge in (("door_1", 0), ("door_2", 1)):
        door = parts[name]
        low, high = door.mesh.bounds
        count = hinge_count(high[2] - low[2])
        assert hardware_of(door) == {"hinge_concealed_35": count}
        assert len(door.holes) == count
        outer = low[0] + HINGE_CUP_EDGE_MM if edge == 0 else high[0] - HINGE_CUP_EDGE_MM
        heights = sorted(hole.centre[2] for hole in door.holes)
        assert heights[0] == pytest.approx(low[2] + HINGE_END_MM)
        assert heights[-1] == pytest.approx(high[2] - HINGE_END_MM)
        for hole in door.holes:
            assert hole.centre[0] == pytest.approx(outer)
            assert hole.centre[1] == pytest.approx(high[1])  # the inside face
            assert hole.axis == (0.0, -1.0, 0.0)
            assert (hole.diameter, hole.depth) == (35.0, 13.0)


def test_cabinet_shelf_pins_in_sides():
    parts = {
        part.name: part
        for part in build(
            "cabinet", catalog_dims("cabinet", width=1000, front_type="doors")
        )
    }
    shelf = parts["shelf"]
    assert hardware_of(shelf) == {"shelf_support_5": 4}
    low, high = shelf.mesh.bounds
    for side, x, axis in (("side_left", low[0], -1.0), ("side_right", high[0], 1.0)):
        holes = parts[side].holes
        assert len(holes) == 2
        for hole in holes:
            assert hole.centre[0] == pytest.approx(x)
            assert hole.centre[2] == pytest.approx(low[2] - SUPPORT_DROP_MM)
            assert hole.axis == (axis, 0.0, 0.0)
        assert sorted(hole.centre[1] for hole in holes) == pytest.approx(
            [low[1] + SUPPORT_SETBACK_MM, high[1] - SUPPORT_SETBACK_MM]
        )


def test_cabinet_drawers_get_runners():
    dims = catalog_dims("cabinet", front_type="drawers", drawers=3)
    fronts = [part for part in build("cabinet", dims) if part.name.startswith("drawer")]
    assert len(fronts) == 3
    for front in fronts:
        assert hardware_of(front) == {"drawer_runner_full_extension": 1}


def test_bookshelf_divider_drilled_from_both_faces():
    dims = catalog_dims("bookshelf", shelves=3)
    parts = {part.name: part for part in build("bookshelf", dims)}
    assert "divider_1" in parts
    axes = sorted(hole.axis[0] for hole in parts["divider_1"].holes)
    # Three shelves on each side, two pins at each shelf end.
    assert axes == [-1.0] * 6 + [1.0] * 6
    shelves = [part for name, part in parts.items() if name.startswith("shelf")]
    pins = sum(hardware_of(shelf)["shelf_support_5"] for shelf in shelves)
    assert pins == 4 * len(shelves)


def test_shelf_without_neighbour_is_rejected():
    side = board("side", "oak", (-300, 0, 0), (-281, 300, 900), "z")
    shelf = board("shelf", "oak", (-281, 0, 400), (200, 300, 419), "x")
    with pytest.raises(ValueError, match="no board touches the shelf end at x = 200.0"):
        support_shelves([side, shelf], ["shelf"])
