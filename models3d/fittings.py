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
  back edges and just below it.
- Drawer runners: one pair per drawer front.

TODO: the carcass joints (confirmat screws or dowels) and the screws that
hold the back panel are not listed yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from models3d.boards import BoardPart
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

_TOUCH_MM = 0.01


def hinge_count(door_height: float) -> int:
    """Return how many concealed hinges a door of this height needs."""
    for limit, count in HINGE_COUNT_LIMITS_MM:
        if door_height <= limit:
            return count
    return 5


def hinge_doors(doors: Sequence[BoardPart]) -> list[BoardPart]:
    """Return the doors with hinge cups and hinges on their outer edge.

    Doors left of the Z axis hinge on their left edge, the others on their
    right. The inside face is the one toward +Y, the back of the product.
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
                hardware=door.hardware + (HardwareUse("hinge_concealed_35", count),),
            )
        )
    return hinged


def support_shelves(
    parts: Sequence[BoardPart], shelf_names: Sequence[str]
) -> list[BoardPart]:
    """Return ``parts`` with support pins under the named shelves.

    Each shelf gets four pins; their holes go into the boards whose faces
    touch the shelf's left and right ends.

    Raises
    ------
    ValueError
        When no board touches one end of a shelf.
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
        ys = (low[1] + SUPPORT_SETBACK_MM, high[1] - SUPPORT_SETBACK_MM)
        for end_x, axis in ((low[0], (-1.0, 0.0, 0.0)), (high[0], (1.0, 0.0, 0.0))):
            holder = _board_at(parts, boxes, end_x, axis[0], low, high)
            holes.setdefault(holder.name, []).extend(
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


def _bounds(part: BoardPart) -> np.ndarray:
    """Return the (2, 3) lowest and highest corners of a part, in mm."""
    vertices = np.asarray(part.mesh.vertices)
    return np.array([vertices.min(axis=0), vertices.max(axis=0)])


def _board_at(
    parts: Sequence[BoardPart],
    boxes: Sequence[np.ndarray],
    x: float,
    direction: float,
    low: np.ndarray,
    high: np.ndarray,
) -> BoardPart:
    """Return the board whose face at X = ``x`` supports a shelf's end;
    ``boxes`` contains each part's bounds."""
    for part, (part_low, part_high) in zip(parts, boxes, strict=True):
        face = part_low[0] if direction > 0 else part_high[0]
        if abs(face - x) > _TOUCH_MM:
            continue
        if part_low[2] <= low[2] and high[2] <= part_high[2]:
            return part
    raise ValueError(
        f"no board touches the shelf end at x = {x:.1f} mm from z = {low[2]:.1f} "
        f"to {high[2]:.1f} mm; a shelf needs a side or divider at each end"
    )


def run_drawers(fronts: Sequence[BoardPart]) -> list[BoardPart]:
    """Return the drawer fronts, each with a pair of runners."""
    return [
        replace(
            front,
            hardware=front.hardware + (HardwareUse("drawer_runner_full_extension"),),
        )
        for front in fronts
    ]
