"""The cabinet's drawer boxes, their runners and the handles on its fronts."""

import re

import numpy as np
import pytest

from designer.session import DesignSession
from models3d.boards import BoardPart, panels
from models3d.dims import DimensionError
from models3d.drawers import (
    BOX_SPACE_ABOVE_MM,
    BOX_SPACE_BELOW_MM,
    RUNNER_LENGTHS_MM,
    RUNNER_REAR_SPACE_MM,
    RUNNER_SIDE_SPACE_MM,
)
from models3d.generators import build
from models3d.handles import (
    BAR_PULL_BAR_MM,
    BOARD_ALLOWANCE_MM,
    DOOR_HANDLE_EDGE_MM,
    HANDLE_SCREW,
    HANDLE_SPAN_FRACTION,
    M4_SCREW_LENGTHS_MM,
    MIN_THREAD_ENGAGEMENT_MM,
    PROJECTION_MM,
    THREAD_DEPTH_MM,
    handle_screw_length,
    pull_centres,
)
from tests.models3d.helpers import (
    assert_parts_apart,
    assert_parts_solid,
    catalog_dims,
    catalog_model,
)

BOX_BOARDS = ("bottom", "side_left", "side_right", "sub_front", "back")

DESIGNS = [
    {},
    {"drawers": 6, "height": 1200, "board_thickness": 16},
    {"drawers": 2, "width": 400, "height": 400, "depth": 350},
    {"width": 1200, "depth": 600, "board_material": "oak", "board_thickness": 25},
    {"depth": 375, "board_material": "mdf", "board_thickness": 19, "handle": "knob"},
]


def by_name(parts):
    return {part.name: part for part in parts}


def box_bounds(parts, number):
    """Return the (low, high) corners of drawer box ``number``'s boards."""
    meshes = [parts[f"drawer_{number}_{board}"].mesh for board in BOX_BOARDS]
    lows = np.array([mesh.bounds[0] for mesh in meshes])
    highs = np.array([mesh.bounds[1] for mesh in meshes])
    return lows.min(axis=0), highs.max(axis=0)


@pytest.mark.parametrize("values", DESIGNS)
def test_boxes_fit_carcass_with_runner_space(values):
    dims = catalog_dims("cabinet", **values)
    parts = by_name(build("cabinet", dims))
    sides = parts["side_left"].mesh.bounds, parts["side_right"].mesh.bounds
    inner_left, inner_right = sides[0][1][0], sides[1][0][0]
    back_face = parts["back"].mesh.bounds[0][1]
    bottom_top = parts["bottom"].mesh.bounds[1][2]
    top_underside = parts["top"].mesh.bounds[0][2]
    for number in range(1, dims["drawers"] + 1):
        low, high = box_bounds(parts, number)
        front = parts[f"drawer_front_{number}"].mesh.bounds
        assert low[0] == pytest.approx(inner_left + RUNNER_SIDE_SPACE_MM)
        assert high[0] == pytest.approx(inner_right - RUNNER_SIDE_SPACE_MM)
        assert low[1] == pytest.approx(front[1][1])  # behind its own front
        assert high[1] - low[1] == pytest.approx(dims["runner_length"])
        assert high[1] <= back_face - RUNNER_REAR_SPACE_MM + 1e-9
        assert low[2] >= bottom_top + BOX_SPACE_BELOW_MM - 1e-9
        assert high[2] <= top_underside - BOX_SPACE_ABOVE_MM + 1e-9
    heights = set()
    for number in range(1, dims["drawers"]):
        low, high = box_bounds(parts, number)
        above = box_bounds(parts, number + 1)[0][2]
        assert above - high[2] >= BOX_SPACE_BELOW_MM + BOX_SPACE_ABOVE_MM - 1e-9
        heights.add(round(high[2] - low[2], 6))
    low, high = box_bounds(parts, dims["drawers"])
    heights.add(round(high[2] - low[2], 6))
    assert len(heights) == 1  # every box is cut alike


@pytest.mark.parametrize("values", DESIGNS)
def test_box_parts_solid_and_apart(values):
    dims = catalog_dims("cabinet", **values)
    parts = build("cabinet", dims)
    new = [p for p in parts if re.fullmatch(r"drawer_\d+_\w+|\w+_handle", p.name)]
    assert len(new) == dims["drawers"] * (5 + (dims["handle"] != "push"))
    assert_parts_solid(new)
    for part in new:
        assert part.mesh.is_watertight, part.name
    assert_parts_apart(parts, set())


def test_box_boards_in_cut_list():
    dims = catalog_dims("cabinet", drawers=3)
    listed = {panel.name: panel for panel in panels(build("cabinet", dims))}
    for number in range(1, 4):
        for board in BOX_BOARDS:
            panel = listed[f"drawer_{number}_{board}"]
            assert panel.material == "birch_plywood"
        assert listed[f"drawer_{number}_bottom"].thickness == 6.5
        assert listed[f"drawer_{number}_side_left"].thickness == 18.0
        assert listed[f"drawer_{number}_side_left"].length == dims["runner_length"]


def test_box_joints_and_screws():
    dims = catalog_dims("cabinet", drawers=2)
    parts = by_name(build("cabinet", dims))
    for board in ("sub_front", "back"):
        items = {use.item for use in parts[f"drawer_1_{board}"].hardware}
        assert "confirmat_7x50" in items
    side_holes = [h for h in parts["drawer_1_side_left"].holes if h.diameter == 7.0]
    assert len(side_holes) >= 2
    bottom = parts["drawer_1_bottom"].hardware
    assert [use.item for use in bottom] == ["screw_4x25"]
    assert bottom[0].quantity >= 8


@pytest.mark.parametrize("depth", range(300, 601, 25))
@pytest.mark.parametrize("thickness", [16, 19, 25])
def test_runner_length_matches_catalog_rule(depth, thickness):
    dims = catalog_dims("cabinet", depth=depth, board_thickness=thickness)
    session = DesignSession(catalog_model("cabinet"))
    session.replace({**session.values, "depth": depth, "board_thickness": thickness})
    blocked = any(v.rule == "drawer-depth" for v in session.violations)
    if blocked:
        assert dims["runner_length"] < RUNNER_LENGTHS_MM[0]
        with pytest.raises(DimensionError, match="depth"):
            build("cabinet", dims)
        return
    assert dims["runner_length"] in RUNNER_LENGTHS_MM
    fronts = [p for p in build("cabinet", dims) if p.name == "drawer_front_1"]
    (runner,) = [u for u in fronts[0].hardware if u.item.startswith("drawer_runner")]
    assert runner.size_mm == dims["runner_length"]
    room = dims["runner_room"] - RUNNER_REAR_SPACE_MM
    assert runner.size_mm <= room
    longer = [length for length in RUNNER_LENGTHS_MM if length > runner.size_mm]
    assert not longer or longer[0] > room


def test_shallow_drawer_cabinet_rule_message():
    session = DesignSession(catalog_model("cabinet"))
    session.replace({**session.values, "depth": 300, "front_type": "drawers"})
    (violation,) = [v for v in session.violations if v.rule == "drawer-depth"]
    message = violation.message("en")
    assert "275.5 mm" in message
    assert "310 mm" in message
    assert "depth of at least 350 mm" in message
    chinese = violation.message("zh_CN")
    assert "275.5 mm" in chinese
    assert "至少 350 mm" in chinese


@pytest.mark.parametrize(
    ("material", "thickness"),
    [("oak", 19), ("oak", 25), ("birch_plywood", 18), ("particleboard", 16)],
)
def test_shallow_drawer_cabinet_names_depth_that_fits(material, thickness):
    session = DesignSession(catalog_model("cabinet"))
    values = {"board_material": material, "board_thickness": thickness}
    session.replace({**session.values, **values, "front_type": "drawers"})
    session.replace({**session.values, "depth": 300})
    (violation,) = [v for v in session.violations if v.rule == "drawer-depth"]
    named = int(re.search(r"at least (\d+) mm", violation.message("en"))[1])
    session.replace({**session.values, "depth": named})
    assert "drawer-depth" not in [v.rule for v in session.violations]
    session.replace({**session.values, "depth": named - 25})
    assert "drawer-depth" in [v.rule for v in session.violations]


@pytest.mark.parametrize(
    ("span", "centres"), [(300, 96), (400, 128), (500, 160), (797, 192), (2000, 192)]
)
def test_pull_centres_longest_that_fits(span, centres):
    assert pull_centres(span) == centres
    assert centres + BAR_PULL_BAR_MM <= HANDLE_SPAN_FRACTION * span


def test_pull_too_long_for_front():
    with pytest.raises(DimensionError, match="shortest bar pull"):
        pull_centres(200)


@pytest.mark.parametrize("handle", ["bar", "knob", "push"])
def test_handle_choice_changes_parts(handle):
    dims = catalog_dims("cabinet", handle=handle, drawers=3)
    parts = by_name(build("cabinet", dims))
    handles = [part for name, part in parts.items() if name.endswith("_handle")]
    front = parts["drawer_front_2"]
    items = {use.item: use for use in front.hardware}
    if handle == "push":
        assert handles == []
        assert "push_latch" in items
        assert not [hole for hole in front.holes if hole.diameter == 5.0]
        return

    assert len(handles) == 3
    for part in handles:
        assert not isinstance(part, BoardPart)
        assert part.material == "steel"
    mesh = parts["drawer_front_2_handle"].mesh
    low, high = front.mesh.bounds
    assert mesh.bounds[1][1] == pytest.approx(low[1])  # on the outer face
    assert mesh.bounds[0][1] == pytest.approx(low[1] - PROJECTION_MM[handle])
    centre = (mesh.bounds[0] + mesh.bounds[1]) / 2.0
    assert centre[0] == pytest.approx((low[0] + high[0]) / 2.0)
    assert centre[2] == pytest.approx((low[2] + high[2]) / 2.0)

    screws = [hole for hole in front.holes if hole.axis == (0.0, -1.0, 0.0)]
    sub_front = parts["drawer_2_sub_front"]
    behind = [hole for hole in sub_front.holes if hole.axis == (0.0, -1.0, 0.0)]
    for hole in behind:
        assert hole.depth == pytest.approx(sub_front.thickness)
    assert len(screws) == len(behind) == (2 if handle == "bar" else 1)
    if handle == "bar":
        assert items["bar_pull"].size_mm == pull_centres(high[0] - low[0])
        gap = abs(screws[1].centre[0] - screws[0].centre[0])
        assert gap == pytest.approx(items["bar_pull"].size_mm)


@pytest.mark.parametrize("handle", ["bar", "knob"])
def test_door_handles_opposite_hinges(handle):
    dims = catalog_dims("cabinet", front_type="doors", width=1000, handle=handle)
    parts = by_name(build("cabinet", dims))
    for door in ("door_1", "door_2"):
        low, high = parts[door].mesh.bounds
        cups = [h.centre[0] for h in parts[door].holes if h.diameter == 35.0]
        handle_x = np.mean(parts[f"{door}_handle"].mesh.bounds[:, 0])
        hinge_left = cups[0] < (low[0] + high[0]) / 2.0
        edge = (
            high[0] - DOOR_HANDLE_EDGE_MM
            if hinge_left
            else low[0] + DOOR_HANDLE_EDGE_MM
        )
        assert handle_x == pytest.approx(edge)
        assert parts[f"{door}_handle"].mesh.bounds[1][2] < high[2]


@pytest.mark.parametrize("handle", ["bar", "knob"])
@pytest.mark.parametrize(
    ("front_type", "front", "fixing"),
    [
        ("doors", "door_1", "front"),
        ("drawers", "drawer_front_1", "front_and_sub_front"),
    ],
)
def test_handle_fixing_follows_fronts(handle, front_type, front, fixing):
    dims = catalog_dims("cabinet", front_type=front_type, handle=handle)
    parts = by_name(build("cabinet", dims))
    (use,) = [use for use in parts[front].hardware if use.item.startswith(handle)]
    assert use.fixing == fixing
    sub_fronts = [name for name in parts if name.endswith("_sub_front")]
    assert bool(sub_fronts) == (front_type == "drawers")


@pytest.mark.parametrize(
    ("front_type", "front", "handle", "thickness", "length", "count"),
    [
        # A door's screws pass the door alone, a drawer's its 18 mm
        # sub-front as well. 22 and 28 mm are not stocked: the screws are
        # cut to reach the middle of a pull's 8 mm thread.
        ("doors", "door_1", "bar", 16, 22.0, 2),
        ("doors", "door_1", "bar", 19, 25.0, 2),
        ("doors", "door_1", "bar", 22, 28.0, 2),
        ("doors", "door_1", "knob", 25, 30.0, 1),
        ("drawers", "drawer_front_1", "bar", 19, 43.0, 2),
        ("drawers", "drawer_front_1", "knob", 16, 40.0, 1),
    ],
)
def test_handle_screws_reach_thread(
    front_type, front, handle, thickness, length, count
):
    dims = catalog_dims(
        "cabinet", front_type=front_type, handle=handle, board_thickness=thickness
    )
    parts = by_name(build("cabinet", dims))

    (screw,) = [use for use in parts[front].hardware if use.item == HANDLE_SCREW]

    assert screw.size_mm == length
    assert screw.quantity == count
    count = 2 if front_type == "drawers" else 1
    boards = thickness + 18.0 * (count - 1)
    room = BOARD_ALLOWANCE_MM * count
    assert screw.size_mm >= boards + MIN_THREAD_ENGAGEMENT_MM + room
    assert screw.size_mm <= boards + THREAD_DEPTH_MM[handle] - room


@pytest.mark.parametrize("handle", ["bar", "knob"])
@pytest.mark.parametrize(
    ("boards", "count"),
    [(16.0, 1), (19.0, 1), (21.0, 1), (25.0, 1), (34.0, 2), (37.0, 2), (43.0, 2)],
)
def test_handle_screw_keeps_room_for_board_tolerance(handle, boards, count):
    length = handle_screw_length(boards, handle, board_count=count)

    room = BOARD_ALLOWANCE_MM * count
    thread = THREAD_DEPTH_MM[handle]
    # Boards off their nominal thickness by the allowance, either way,
    # still leave at least the least engagement and stop short of the
    # thread's bottom.
    assert length - (boards + room) >= MIN_THREAD_ENGAGEMENT_MM
    assert length - (boards - room) <= thread
    fitting = [
        stocked
        for stocked in M4_SCREW_LENGTHS_MM
        if boards + MIN_THREAD_ENGAGEMENT_MM + room <= stocked <= boards + thread - room
    ]
    if fitting:
        assert length in fitting
    else:
        # No stocked length fits: the screw is cut to reach the middle of
        # the thread.
        middle = boards + (MIN_THREAD_ENGAGEMENT_MM + thread) / 2
        assert middle - 0.5 < length <= middle


@pytest.mark.parametrize(
    ("boards", "handle", "count", "length"),
    [
        # Lengths whose screws, with no room kept, reached the thread's
        # bottom (22 and 25 mm) or engaged only 4 mm (16 and 21 mm).
        (22.0, "bar", 1, 28.0),
        (25.0, "knob", 1, 30.0),
        (16.0, "bar", 1, 22.0),
        (21.0, "bar", 1, 27.0),
    ],
)
def test_handle_screw_not_at_thread_ends(boards, handle, count, length):
    assert handle_screw_length(boards, handle, board_count=count) == length


def test_handle_screw_too_long_for_stock():
    # 57 mm of boards need a bar pull's screw 63 mm long.
    with pytest.raises(DimensionError, match="longer than the longest stocked"):
        handle_screw_length(57.0, "bar", board_count=2)


def test_push_fronts_need_no_screws():
    dims = catalog_dims("cabinet", handle="push")
    parts = build("cabinet", dims)

    assert not any(use.item == HANDLE_SCREW for part in parts for use in part.hardware)


def test_push_doors_take_free_hinges():
    dims = catalog_dims("cabinet", front_type="doors", handle="push")
    door = by_name(build("cabinet", dims))["door_1"]
    items = {use.item for use in door.hardware}
    assert items == {"hinge_concealed_35_free", "push_latch"}


def test_handle_choice_changes_price():
    session = DesignSession(catalog_model("cabinet"))
    totals = {}
    for handle in ("bar", "knob", "push"):
        session.replace({**session.values, "handle": handle, "drawers": 4})
        totals[handle] = session.price().total
    assert len(set(totals.values())) == 3
    assert totals["bar"] - totals["knob"] == 4 * (18 - 12)
