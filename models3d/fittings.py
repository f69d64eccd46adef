"""Hardware and its holes for board furniture: hinges, shelf supports, runners.

Each function returns copies of board parts with ``holes`` and ``hardware``
added, for the production package; the meshes stay as they are.

- Concealed hinges: a 35 mm cup bored 13 mm deep into the door's inside
  face. Its centre is 21.5 mm from the hinge edge (Blum's 4 mm boring
  distance) and 100 mm from the door's top and bottom, with further hinges
  evenly between. Doors up to 1000 mm high get 2 hinges, up to 1500 mm 3, up to
  2000 mm 4, taller doors 5 (Blum product literature, "Hinges per door").
- Shelf supports: four 5 mm pins per shelf in holes 10 mm deep, in the
  boards left and right of it, ``SUPPORT_SETBACK_MM`` from its front and
  back edges and just below it. A divider with shelves at the same height
  on both sides would get pin holes from both faces at the same place,
  which meet inside a board thinner than the two depths (19 mm and less).
  The pins of the later shelf there then move one step of the 32 mm system
  (``SUPPORT_STAGGER_MM``) in from the shelf's front and back edges, so the
  holes of the two sides are staggered along the depth. Moving inward keeps
  them under the shelf and further than the setback from its edges. The
  pins stay just below the shelf, because a pin lower down would not carry
  it. A shelf too shallow for the moved pins to stay apart is rejected.
- Drawer runners: one pair per drawer front, of the length the drawer box
  chose (``models3d.drawers``).
- Carcass joints: confirmat screws through a board's face into the end of
  the board it meets, ``CONFIRMAT_END_MM`` from each end of the joint and
  at most ``CONFIRMAT_PITCH_MM`` apart. The face gets a 7 mm hole through,
  the end a 5 mm pilot as deep as the screw reaches plus
  ``PILOT_EXTRA_MM``.
- Back panel: wood screws through the back into the rear edges of the
  fixed boards behind it, ``BACK_SCREW_END_MM`` from each end of an edge
  and at most ``BACK_SCREW_PITCH_MM`` apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from models3d.boards import BoardPart
from models3d.meshing import point_bounds
from models3d.parts import HardwareUse, Hole

HINGE_CUP_MM = 35.0
HINGE_CUP_DEPTH_MM = 13.0
HINGE_CUP_EDGE_MM = 21.5
"""Cup centre from the door's hinge edge."""

HINGE_END_MM = 100.0
"""Top and bottom hinge cup centres from the door's top and bottom."""

HINGE_COUNT_LIMITS_MM = ((1000.0, 2), (1500.0, 3), (2000.0, 4))
"""Hinges for doors up to each height; taller doors get 5."""

SUPPORT_HOLE_MM = 5.0
SUPPORT_HOLE_DEPTH_MM = 10.0
SUPPORT_SETBACK_MM = 37.0
"""Support pins sit this far in from the shelf's front and back edges, the
32 mm system's front setback."""

SUPPORT_DROP_MM = 4.0
"""Pin centres sit this far below the shelf's underside."""

SUPPORT_STAGGER_MM = 32.0
"""How far pins move in from the setback when the board behind them gets
pin holes from its other face at the same place: one step of the 32 mm
system."""

CONFIRMATS = ((19.0, "confirmat_7x50", 50.0), (25.0, "confirmat_7x60", 60.0))
"""Confirmat screw for face boards up to each thickness (mm): hardware id
and screw length in mm."""

CONFIRMAT_THINNEST_MM = 16.0
"""Thinnest board a confirmat screw joins, the least its hardware row names:
a thinner board's edge leaves too little wood beside the 5 mm pilot."""

CONFIRMAT_FACE_HOLE_MM = 7.0
CONFIRMAT_PILOT_MM = 5.0
PILOT_EXTRA_MM = 3.0
"""Pilot depth beyond the screw's tip, so the screw never bottoms out."""

CONFIRMAT_END_MM = 50.0
"""First and last confirmat screw from the ends of a joint."""

CONFIRMAT_PITCH_MM = 150.0
"""Largest spacing of confirmat screws along a joint."""

CARCASS_JOINTS = tuple(
    (side, board)
    for board in ("top", "bottom", "plinth")
    for side in ("side_left", "side_right")
)
"""Joints of ``models3d.boards.Carcass.boards``: each side's face into the
ends of the top, the bottom and the plinth."""

MIN_SCREW_SPACING_MM = 32.0
"""Closest spacing of two screws along a joint, one step of the 32 mm
system."""

BACK_SCREW = "screw_4x30"
BACK_SCREW_END_MM = 30.0
BACK_SCREW_PITCH_MM = 150.0

_TOUCH_MM = 0.01


def hinge_count(door_height: float) -> int:
    """Return how many concealed hinges a door of this height needs."""
    for limit, count in HINGE_COUNT_LIMITS_MM:
        if door_height <= limit:
            return count
    return 5


def hinge_doors(
    doors: Sequence[BoardPart], item: str = "hinge_concealed_35"
) -> list[BoardPart]:
    """Return the doors with hinge cups and hinges on their outer edge.

    Doors left of the Z axis hinge on their left edge, the others on their
    right. The inside face is the one toward +Y, the back of the product.
    ``item`` is the hinge's hardware id: doors opened by a push latch take
    ``"hinge_concealed_35_free"``, a hinge without a closing spring.
    """
    hinged = []
    for door in doors:
        low, high = door.mesh.bounds
        centre_x = (low[0] + high[0]) / 2.0
        if centre_x < 0:
            x = low[0] + HINGE_CUP_EDGE_MM
        else:
            x = high[0] - HINGE_CUP_EDGE_MM
        count = hinge_count(high[2] - low[2])
        heights = np.linspace(low[2] + HINGE_END_MM, high[2] - HINGE_END_MM, count)
        cups = tuple(
            Hole(
                (float(x), float(high[1]), float(z)),
                (0.0, -1.0, 0.0),
                HINGE_CUP_MM,
                HINGE_CUP_DEPTH_MM,
            )
            for z in heights
        )
        hinged.append(
            replace(
                door,
                holes=door.holes + cups,
                hardware=door.hardware + (HardwareUse(item, count),),
            )
        )
    return hinged


def support_shelves(
    parts: Sequence[BoardPart], shelf_names: Sequence[str]
) -> list[BoardPart]:
    """Return ``parts`` with support pins under the named shelves.

    Each shelf gets four pins; their holes go into the boards whose faces
    touch the shelf's left and right ends. Where a board already has pin
    holes from its other face at the same place, the shelf's pins on that
    board move ``SUPPORT_STAGGER_MM`` in from the setback.

    Raises
    ------
    ValueError
        When no board touches one end of a shelf, or when a shelf is too
        shallow for its pins to move in.
    """
    holes: dict[str, list[Hole]] = {}
    updated = list(parts)
    # Read each part's bounds once from its vertices; trimesh's cached
    # ``bounds`` hashes the arrays on every access.
    boxes = [_bounds(part) for part in parts]
    for index, shelf in enumerate(parts):
        if shelf.name not in shelf_names:
            continue
        low, high = boxes[index]
        z = low[2] - SUPPORT_DROP_MM
        for end_x, axis in ((low[0], (-1.0, 0.0, 0.0)), (high[0], (1.0, 0.0, 0.0))):
            holder_index = _board_at(boxes, end_x, axis[0], low, high)
            holder = parts[holder_index]
            thickness = float(np.ptp(boxes[holder_index][:, 0]))
            drilled = holes.setdefault(holder.name, [])
            ys = _pin_depths(shelf.name, low[1], high[1], SUPPORT_SETBACK_MM)
            if _meets_other_face(drilled, ys, z, axis, thickness):
                inset = SUPPORT_SETBACK_MM + SUPPORT_STAGGER_MM
                ys = _pin_depths(shelf.name, low[1], high[1], inset)
            drilled.extend(
                Hole(
                    (float(end_x), float(y), float(z)),
                    axis,
                    SUPPORT_HOLE_MM,
                    SUPPORT_HOLE_DEPTH_MM,
                )
                for y in ys
            )
        updated[index] = replace(
            shelf, hardware=shelf.hardware + (HardwareUse("shelf_support_5", 4),)
        )
    return [
        replace(part, holes=part.holes + tuple(holes[part.name]))
        if part.name in holes
        else part
        for part in updated
    ]


def _pin_depths(
    shelf: str, front: float, rear: float, inset: float
) -> tuple[float, float]:
    """Return the Y of a shelf's front and rear pins, ``inset`` mm in from
    its front and rear edges.

    Raises
    ------
    ValueError
        When the two pins would come closer than one pin hole apart.
    """
    ys = (front + inset, rear - inset)
    if ys[1] - ys[0] < SUPPORT_HOLE_MM:
        raise ValueError(
            f"shelf {shelf!r} is {rear - front:.1f} mm deep, too shallow for "
            f"support pins {inset:g} mm in from its front and back edges; make "
            f"it at least {2.0 * inset + SUPPORT_HOLE_MM:g} mm deep"
        )
    return ys


def _meets_other_face(
    drilled: Sequence[Hole],
    ys: Sequence[float],
    z: float,
    axis: tuple[float, float, float],
    thickness: float,
) -> bool:
    """Return whether pin holes at ``ys`` and ``z`` along ``axis`` would meet
    a hole in ``drilled`` that is drilled from the board's other face."""
    for hole in drilled:
        if hole.axis[0] * axis[0] >= 0.0:
            continue
        if hole.depth + SUPPORT_HOLE_DEPTH_MM <= thickness:
            continue
        reach = (hole.diameter + SUPPORT_HOLE_MM) / 2.0
        for y in ys:
            if math.hypot(hole.centre[1] - y, hole.centre[2] - z) < reach:
                return True
    return False


def _bounds(part: BoardPart) -> np.ndarray:
    """Return the (2, 3) lowest and highest corners of a part, in mm."""
    return np.array(point_bounds(part.mesh.vertices))


def _board_at(
    boxes: Sequence[np.ndarray],
    x: float,
    direction: float,
    low: np.ndarray,
    high: np.ndarray,
) -> int:
    """Return the index of the board whose face at X = ``x`` supports a
    shelf's end; ``boxes`` contains each part's bounds."""
    for index, (part_low, part_high) in enumerate(boxes):
        face = part_low[0] if direction > 0 else part_high[0]
        if abs(face - x) > _TOUCH_MM:
            continue
        if part_low[2] <= low[2] and high[2] <= part_high[2]:
            return index
    raise ValueError(
        f"no board touches the shelf end at x = {x:.1f} mm from z = {low[2]:.1f} "
        f"to {high[2]:.1f} mm; a shelf needs a side or divider at each end"
    )


def run_drawers(fronts: Sequence[BoardPart], length: float) -> list[BoardPart]:
    """Return the drawer fronts, each with a pair of runners ``length`` mm
    long."""
    runners = HardwareUse("drawer_runner_full_extension", size_mm=length)
    return [replace(front, hardware=front.hardware + (runners,)) for front in fronts]


def screw_positions(length: float, end: float, pitch: float) -> np.ndarray:
    """Return screw positions along a joint ``length`` mm long, from its start.

    Screws sit ``end`` mm from each end and from ``MIN_SCREW_SPACING_MM`` to
    ``pitch`` mm apart; a joint too short for two gets one in its middle.
    """
    if length < 2.0 * end + MIN_SCREW_SPACING_MM:
        return np.array([length / 2.0])
    count = max(2, math.ceil((length - 2.0 * end) / pitch) + 1)
    return np.linspace(end, length - end, count)


def confirmat_for(thickness: float) -> tuple[str, float]:
    """Return the confirmat screw (hardware id, length in mm) for a face board.

    Raises
    ------
    ValueError
        When the board is thinner than ``CONFIRMAT_THINNEST_MM`` or thicker
        than the longest screw allows.
    """
    if thickness < CONFIRMAT_THINNEST_MM - _TOUCH_MM:
        raise ValueError(
            f"no confirmat screw for a {thickness:g} mm board; confirmat screws "
            f"join boards from {CONFIRMAT_THINNEST_MM:g} mm"
        )
    for limit, item, length in CONFIRMATS:
        if thickness <= limit + _TOUCH_MM:
            return item, length
    raise ValueError(
        f"no confirmat screw for a {thickness:g} mm board; boards up to "
        f"{CONFIRMATS[-1][0]:g} mm are joined with confirmat screws"
    )


def screw_joints(
    parts: Sequence[BoardPart], joints: Sequence[tuple[str, str]]
) -> list[BoardPart]:
    """Return ``parts`` with confirmat screws in each joint.

    Each joint names the board whose face the screws pass through, then
    the board whose end they go into. That end must lie on the face.

    Raises
    ------
    ValueError
        When two named boards do not meet face to end.
    """
    by_name = {part.name: index for index, part in enumerate(parts)}
    holes: dict[str, list[Hole]] = {}
    hardware: dict[str, dict[str, int]] = {}
    boxes = [_bounds(part) for part in parts]
    for face_name, end_name in joints:
        face_low, face_high = boxes[by_name[face_name]]
        end_low, end_high = boxes[by_name[end_name]]
        axis, sign = _meeting(face_name, end_name, boxes, by_name)
        thickness = float(face_high[axis] - face_low[axis])
        item, length = confirmat_for(thickness)
        outer = face_low[axis] if sign > 0 else face_high[axis]
        inner = face_high[axis] if sign > 0 else face_low[axis]
        low = np.maximum(face_low, end_low)
        high = np.minimum(face_high, end_high)
        others = [other for other in range(3) if other != axis]
        along = max(others, key=lambda other: high[other] - low[other])
        across = min(others, key=lambda other: high[other] - low[other])
        direction = tuple(float(sign) if i == axis else 0.0 for i in range(3))
        for offset in screw_positions(
            float(high[along] - low[along]), CONFIRMAT_END_MM, CONFIRMAT_PITCH_MM
        ):
            centre = np.empty(3)
            centre[along] = low[along] + offset
            centre[across] = (low[across] + high[across]) / 2.0
            for name, mouth, diameter, depth in (
                (face_name, outer, CONFIRMAT_FACE_HOLE_MM, thickness),
                (
                    end_name,
                    inner,
                    CONFIRMAT_PILOT_MM,
                    length - thickness + PILOT_EXTRA_MM,
                ),
            ):
                centre[axis] = mouth
                holes.setdefault(name, []).append(
                    Hole(tuple(float(v) for v in centre), direction, diameter, depth)
                )
            counts = hardware.setdefault(end_name, {})
            counts[item] = counts.get(item, 0) + 1
    return [_fitted(part, holes, hardware) for part in parts]


def screw_backs(
    parts: Sequence[BoardPart], backs: Sequence[str], fixed: Sequence[str]
) -> list[BoardPart]:
    """Return ``parts`` with wood screws on each back piece.

    Each back piece is screwed to the rear edge of every ``fixed`` board
    whose edge it covers. The screws are listed on the back piece; the thin
    back needs no drilling.
    """
    return screw_sheets(parts, backs, fixed, 1, BACK_SCREW)


def screw_sheets(
    parts: Sequence[BoardPart],
    sheets: Sequence[str],
    fixed: Sequence[str],
    axis: int,
    item: str,
) -> list[BoardPart]:
    """Return ``parts`` with wood screws through each thin sheet into the
    edges of the ``fixed`` boards it covers.

    A sheet covers a board's edge where its face touches that edge across
    ``axis`` (0, 1, 2 for X, Y, Z), as a back covers the carcass's rear
    edges (Y) or a drawer bottom the box's lower edges (Z). Screws of
    hardware id ``item`` sit ``BACK_SCREW_END_MM`` from each end of an edge
    and at most ``BACK_SCREW_PITCH_MM`` apart. They are listed on the
    sheet, which needs no drilling.
    """
    boxes = {part.name: _bounds(part) for part in parts}
    others = [other for other in range(3) if other != axis]
    hardware: dict[str, dict[str, int]] = {}
    for sheet in sheets:
        sheet_low, sheet_high = boxes[sheet]
        count = 0
        for name in fixed:
            low, high = boxes[name]
            touches = (
                abs(high[axis] - sheet_low[axis]) <= _TOUCH_MM
                or abs(low[axis] - sheet_high[axis]) <= _TOUCH_MM
            )
            if not touches:
                continue
            low = np.maximum(low, sheet_low)
            high = np.minimum(high, sheet_high)
            sizes = [high[other] - low[other] for other in others]
            if min(sizes) <= 0.0:
                continue
            count += len(
                screw_positions(max(sizes), BACK_SCREW_END_MM, BACK_SCREW_PITCH_MM)
            )
        if count:
            hardware[sheet] = {item: count}
    return [_fitted(part, {}, hardware) for part in parts]


def _meeting(
    face_name: str,
    end_name: str,
    boxes: Sequence[np.ndarray],
    by_name: dict[str, int],
) -> tuple[int, int]:
    """Return the axis along which the face board meets the end board, and
    the sign from the face board toward it."""
    face_low, face_high = boxes[by_name[face_name]]
    end_low, end_high = boxes[by_name[end_name]]
    for axis in range(3):
        others = [other for other in range(3) if other != axis]
        overlaps = all(
            min(face_high[o], end_high[o]) - max(face_low[o], end_low[o]) > _TOUCH_MM
            for o in others
        )
        if not overlaps:
            continue
        if abs(face_high[axis] - end_low[axis]) <= _TOUCH_MM:
            return axis, 1
        if abs(face_low[axis] - end_high[axis]) <= _TOUCH_MM:
            return axis, -1
    raise ValueError(
        f"board {end_name!r} does not end on a face of {face_name!r}, so no "
        "screw can join them; join boards that meet face to end"
    )


def _fitted(
    part: BoardPart,
    holes: dict[str, list[Hole]],
    hardware: dict[str, dict[str, int]],
) -> BoardPart:
    """Return ``part`` with its entries of ``holes`` and ``hardware`` added."""
    added = tuple(holes.get(part.name, ()))
    uses = tuple(
        HardwareUse(item, count) for item, count in hardware.get(part.name, {}).items()
    )
    if not added and not uses:
        return part
    return replace(part, holes=part.holes + added, hardware=part.hardware + uses)
