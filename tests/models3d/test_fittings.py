"""Hinges, shelf supports, runners and screws fitted to board furniture."""

import itertools
import math
import re

import numpy as np
import pytest

from models3d.boards import board
from models3d.fittings import (
    BACK_SCREW,
    BACK_SCREW_END_MM,
    BACK_SCREW_PITCH_MM,
    CONFIRMAT_END_MM,
    CONFIRMAT_PITCH_MM,
    HINGE_CUP_EDGE_MM,
    HINGE_END_MM,
    MIN_SCREW_SPACING_MM,
    PILOT_EXTRA_MM,
    SUPPORT_DROP_MM,
    SUPPORT_SETBACK_MM,
    SUPPORT_STAGGER_MM,
    confirmat_for,
    hinge_count,
    screw_joints,
    screw_positions,
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
        assert hardware_of(door)["hinge_concealed_35"] == count
        cups = [hole for hole in door.holes if hole.diameter == 35.0]
        assert len(cups) == count
        outer = low[0] + HINGE_CUP_EDGE_MM if edge == 0 else high[0] - HINGE_CUP_EDGE_MM
        heights = sorted(hole.centre[2] for hole in cups)
        assert heights[0] == pytest.approx(low[2] + HINGE_END_MM)
        assert heights[-1] == pytest.approx(high[2] - HINGE_END_MM)
        for hole in cups:
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
        holes = [hole for hole in parts[side].holes if hole.diameter == 5.0]
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
    parts = build("cabinet", dims)
    fronts = [part for part in parts if re.fullmatch(r"drawer_front_\d+", part.name)]
    assert len(fronts) == 3
    for front in fronts:
        assert hardware_of(front)["drawer_runner_full_extension"] == 1
        runners = [u for u in front.hardware if u.item.startswith("drawer_runner")]
        assert runners[0].size_mm == dims["runner_length"]


def test_bookshelf_divider_drilled_from_both_faces():
    dims = catalog_dims("bookshelf", shelves=3)
    parts = {part.name: part for part in build("bookshelf", dims)}
    assert "divider_1" in parts
    pins = [hole for hole in parts["divider_1"].holes if hole.axis[0] != 0.0]
    axes = sorted(hole.axis[0] for hole in pins)
    # Three shelves on each side, two pins at each shelf end.
    assert axes == [-1.0] * 6 + [1.0] * 6
    shelves = [part for name, part in parts.items() if name.startswith("shelf")]
    pins = sum(hardware_of(shelf)["shelf_support_5"] for shelf in shelves)
    assert pins == 4 * len(shelves)


def test_divider_pins_staggered_between_faces():
    dims = catalog_dims("bookshelf", shelves=3, board_thickness=19)
    parts = {part.name: part for part in build("bookshelf", dims)}
    pins = [hole for hole in parts["divider_1"].holes if hole.axis[0] != 0.0]
    left = {hole.centre[1:] for hole in pins if hole.axis[0] > 0.0}
    right = {hole.centre[1:] for hole in pins if hole.axis[0] < 0.0}
    assert left.isdisjoint(right)
    # The shelf right of the divider has its pins a 32 mm step further in.
    low, high = parts["shelf_2_1"].mesh.bounds
    ys = sorted({y for y, _ in right})
    assert ys == pytest.approx(
        [
            low[1] + SUPPORT_SETBACK_MM + SUPPORT_STAGGER_MM,
            high[1] - SUPPORT_SETBACK_MM - SUPPORT_STAGGER_MM,
        ]
    )
    assert {z for _, z in right} == {z for _, z in left}


def test_shelf_too_shallow_for_stagger_is_rejected():
    left = board("left", "oak", (-300, 0, 0), (-281, 130, 900), "z")
    middle = board("middle", "oak", (0, 0, 0), (16, 130, 900), "z")
    right = board("right", "oak", (297, 0, 0), (316, 130, 900), "z")
    shelves = [
        board("shelf_1", "oak", (-281, 0, 400), (0, 130, 419), "x"),
        board("shelf_2", "oak", (16, 0, 400), (297, 130, 419), "x"),
    ]
    with pytest.raises(ValueError, match="'shelf_2' is 130.0 mm deep, too shallow"):
        support_shelves([left, middle, right, *shelves], ["shelf_1", "shelf_2"])


def holes_meet(first, second):
    """Return whether two axis-aligned holes share any volume or touch."""
    first_axis = int(np.argmax(np.abs(first.axis)))
    second_axis = int(np.argmax(np.abs(second.axis)))

    def extent(hole, axis, along):
        if axis == along:
            mouth = hole.centre[axis]
            tip = mouth + hole.axis[axis] * hole.depth
            return min(mouth, tip), max(mouth, tip)
        radius = hole.diameter / 2
        return hole.centre[axis] - radius, hole.centre[axis] + radius

    def overlap(axis):
        low_a, high_a = extent(first, axis, first_axis)
        low_b, high_b = extent(second, axis, second_axis)
        return min(high_a, high_b) - max(low_a, low_b) >= 0.0

    if first_axis == second_axis:
        across = [axis for axis in range(3) if axis != first_axis]
        distance = math.dist(
            [first.centre[axis] for axis in across],
            [second.centre[axis] for axis in across],
        )
        reach = (first.diameter + second.diameter) / 2
        return distance <= reach and overlap(first_axis)
    return all(overlap(axis) for axis in range(3))


# Sizes at the catalog's limits: narrow bays for many dividers, the most
# shelves that fit, and the thinnest and thickest boards.
CATALOG_LIMITS = [
    ("bookshelf", {"width": 2400, "height": 2400, "depth": 200, "span": 400}),
    ("bookshelf", {"width": 2400, "height": 2400, "depth": 400, "span": 400}),
    ("bookshelf", {"width": 400, "height": 600, "depth": 200, "shelves": 2}),
    ("bookshelf", {"width": 2400, "height": 2400, "depth": 300, "shelves": 8}),
    ("bookshelf", {"width": 1200, "height": 600, "depth": 400, "shelves": 0}),
    ("cabinet", {"width": 400, "height": 400, "depth": 300, "front_type": "doors"}),
    ("cabinet", {"width": 1200, "height": 2000, "depth": 600, "front_type": "doors"}),
    ("cabinet", {"width": 1200, "height": 600, "depth": 350, "front_type": "drawers"}),
]


@pytest.mark.parametrize("thickness", [16, 19, 25])
@pytest.mark.parametrize(("model_id", "values"), CATALOG_LIMITS)
def test_no_holes_meet_inside_a_board(model_id, values, thickness):
    dims = catalog_dims(model_id, board_thickness=thickness, **values)
    parts = build(model_id, dims)
    drilled = [part for part in parts if part.holes]
    assert drilled
    for part in drilled:
        for first, second in itertools.combinations(part.holes, 2):
            assert not holes_meet(first, second), (part.name, first, second)


def test_shelf_without_neighbour_is_rejected():
    side = board("side", "oak", (-300, 0, 0), (-281, 300, 900), "z")
    shelf = board("shelf", "oak", (-281, 0, 400), (200, 300, 419), "x")
    with pytest.raises(ValueError, match="no board touches the shelf end at x = 200.0"):
        support_shelves([side, shelf], ["shelf"])


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (60.0, [30.0]),
        (100.0, [50.0]),
        (131.0, [65.5]),
        (132.0, [50.0, 82.0]),
        (293.5, [50.0, 146.75, 243.5]),
        (400.0, [50.0, 200.0, 350.0]),
    ],
)
def test_screw_positions(length, expected):
    positions = screw_positions(length, CONFIRMAT_END_MM, CONFIRMAT_PITCH_MM)
    assert positions.tolist() == pytest.approx(expected)
    assert np.all(np.diff(positions) <= CONFIRMAT_PITCH_MM + 1e-9)
    assert np.all(np.diff(positions) >= MIN_SCREW_SPACING_MM - 1e-9)


@pytest.mark.parametrize(
    ("thickness", "item"), [(16, "confirmat_7x50"), (22, "confirmat_7x60")]
)
def test_carcass_joined_with_confirmats(thickness, item):
    dims = catalog_dims("bookshelf", board_thickness=thickness)
    parts = {part.name: part for part in build("bookshelf", dims)}
    top = parts["top"]
    low, high = top.mesh.bounds
    joint = high[1] - low[1]
    per_end = len(screw_positions(joint, CONFIRMAT_END_MM, CONFIRMAT_PITCH_MM))
    assert hardware_of(top) == {item: 2 * per_end}
    length = {"confirmat_7x50": 50.0, "confirmat_7x60": 60.0}[item]
    # Pilots go into the top's ends, from the sides' inner faces inward.
    pilots = [hole for hole in top.holes if hole.diameter == 5.0]
    assert len(pilots) == 2 * per_end
    for hole in pilots:
        assert hole.centre[0] in (pytest.approx(low[0]), pytest.approx(high[0]))
        assert hole.axis[0] == (1.0 if hole.centre[0] < 0 else -1.0)
        assert hole.centre[2] == pytest.approx((low[2] + high[2]) / 2.0)
        assert hole.depth == pytest.approx(length - thickness + PILOT_EXTRA_MM)
    # Face holes go through each side from outside, at the same places.
    for side in ("side_left", "side_right"):
        through = [hole for hole in parts[side].holes if hole.diameter == 7.0]
        side_low, side_high = parts[side].mesh.bounds
        assert all(hole.depth == pytest.approx(thickness) for hole in through)
        outer = side_low[0] if side == "side_left" else side_high[0]
        assert all(hole.centre[0] == pytest.approx(outer) for hole in through)
        heights = {round(hole.centre[2], 6) for hole in through}
        assert round((low[2] + high[2]) / 2.0, 6) in heights


def test_back_screwed_to_fixed_boards():
    dims = catalog_dims("cabinet", width=1000, front_type="doors")
    parts = {part.name: part for part in build("cabinet", dims)}
    back = parts["back"]
    expected = 0
    for name in ("side_left", "side_right", "top", "bottom"):
        low, high = parts[name].mesh.bounds
        edge = max(high[0] - low[0], high[2] - low[2])
        expected += len(screw_positions(edge, BACK_SCREW_END_MM, BACK_SCREW_PITCH_MM))
    assert hardware_of(back) == {BACK_SCREW: expected}
    # The adjustable shelf rests on pins and is not screwed to the back.
    assert "screw_4x30" not in hardware_of(parts["shelf"])


def test_boards_that_do_not_meet_are_rejected():
    side = board("side", "oak", (-300, 0, 0), (-281, 300, 900), "z")
    loose = board("loose", "oak", (-270, 0, 400), (200, 300, 419), "x")
    with pytest.raises(ValueError, match="'loose' does not end on a face of 'side'"):
        screw_joints([side, loose], [("side", "loose")])


def test_board_too_thick_for_confirmat():
    with pytest.raises(ValueError, match="no confirmat screw for a 30 mm board"):
        confirmat_for(30.0)


def test_board_too_thin_for_confirmat():
    with pytest.raises(ValueError, match="no confirmat screw for a 15 mm board"):
        confirmat_for(15.0)


def test_split_back_bookshelf_joints_can_be_assembled():
    # A back wider than a plywood sheet is split behind the dividers, with a
    # plinth rail under each divider. The divider's screws come up through
    # the bottom there, so the rail is screwed through the plinth only.
    dims = catalog_dims("bookshelf", width=2400, height=2000)
    parts = {part.name: part for part in build("bookshelf", dims)}
    rails = [name for name in parts if name.startswith("plinth_rail")]
    assert rails
    for part in parts.values():
        mouths = [tuple(np.round(hole.centre, 6)) for hole in part.holes]
        assert len(mouths) == len(set(mouths)), part.name
    for name in rails:
        low, high = parts[name].mesh.bounds
        under_rail = [
            hole
            for hole in parts["bottom"].holes
            if low[0] <= hole.centre[0] <= high[0] and hole.axis[2] < 0.0
        ]
        assert under_rail == []
