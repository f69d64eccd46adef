"""Drawer boxes behind a cabinet's drawer fronts, hung on ball-bearing runners.

Frame as in ``models3d.cabinet``: X along the width, Y along the depth with
the front at -Y, Z up. Each box is five birch plywood boards: two sides
that run its whole depth, a sub-front and a back between the sides, joined
to them with confirmat screws, and a thin bottom screwed up under all four.
The box's sub-front butts against the back face of its overlay front, which
is screwed to it from inside.

Sizes come from the carcass interior:

- width: the opening between the carcass sides less the runner's side
  space on each side (``RUNNER_SIDE_SPACE_MM``);
- depth: the runner's nominal length, the longest of ``RUNNER_LENGTHS_MM``
  that fits the depth between the carcass front edges and the back panel
  with ``RUNNER_REAR_SPACE_MM`` to spare;
- height: the interior height is split into one bay per drawer at the
  middle of each gap between fronts. Every box is as high as the lowest
  bay allows with ``BOX_SPACE_BELOW_MM`` free under it and
  ``BOX_SPACE_ABOVE_MM`` over it, so all boxes of a cabinet are cut
  alike, and each sits ``BOX_SPACE_BELOW_MM`` above the bottom of its bay.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.boards import BoardPart, Carcass, board, check_room
from models3d.fittings import screw_joints, screw_sheets
from models3d.meshing import point_bounds
from models3d.parts import HardwareUse

logger = logging.getLogger(__name__)

RUNNER_SIDE_SPACE_MM = 13.0
"""Gap between a box side and the carcass side, which the runner fills.
Accuride's 3832 full-extension ball-bearing runner is 12.7 mm thick and
needs 12.9 to 13.2 mm of side space (Accuride Europe, "Understanding side
space", help.accuride-europe.com/knowledge/understanding-side-space)."""

RUNNER_LENGTHS_MM = (300.0, 350.0, 400.0, 450.0, 500.0, 550.0)
"""Nominal lengths of full-extension ball-bearing runners, shortest first:
RAM Industrie's Q53 full-extension runner is sold at 300 to 550 mm in 50 mm
steps (ram-industrie-erp.odoo.com, Q53 product page)."""

# NOTE: studio assumption; no runner datasheet at hand gave the room a
# runner needs behind its rear end.
RUNNER_REAR_SPACE_MM = 10.0
"""Room left between a runner's rear end and the back panel."""

# NOTE: studio assumptions for a box on side-mounted runners, which carry
# it by its sides and so need no room under it beyond the tolerance.
BOX_SPACE_BELOW_MM = 10.0
BOX_SPACE_ABOVE_MM = 15.0
"""Free height under and over each box within its bay."""

BOX_MATERIAL = "birch_plywood"
BOX_BOARD_MM = 18.0
"""Thickness of the box's sides, sub-front and back: a stock birch plywood
board, within the 16 to 19 mm that the corners' confirmat screws take."""

BOX_BOTTOM_MM = 6.5
"""Thickness of the bottom, screwed up under the other four boards."""

MIN_BOX_HEIGHT_MM = 50.0
"""Lowest box the generator builds; the catalog's rules ask for more."""

BOTTOM_SCREW = "screw_4x25"
FRONT_SCREWS = 4
"""Screws through each sub-front into its overlay front, one near each
corner."""

BOX_JOINTS = (
    ("side_left", "sub_front"),
    ("side_right", "sub_front"),
    ("side_left", "back"),
    ("side_right", "back"),
)
"""Joints of one box, named without the ``drawer_<n>_`` prefix: each side's
face into the ends of the sub-front and the back."""


def runner_length(carcass: Carcass) -> float:
    """Choose the longest standard runner that fits behind the fronts.

    Raises
    ------
    DimensionError
        When even the shortest runner does not fit, naming the depth.
    """
    room = carcass.rear - carcass.front - RUNNER_REAR_SPACE_MM
    fitting = [length for length in RUNNER_LENGTHS_MM if length <= room]
    if not fitting:
        shortest = RUNNER_LENGTHS_MM[0]
        raise dimensions.DimensionError(
            "cabinet",
            "depth",
            f"the {carcass.rear - carcass.front:g} mm between the fronts and the "
            f"back panel leave no room for the shortest {shortest:g} mm drawer "
            f"runner and {RUNNER_REAR_SPACE_MM:g} mm behind it; increase depth "
            f"by {shortest - room:g} mm or choose doors",
        )
    return fitting[-1]


def drawer_boxes(
    carcass: Carcass, fronts: Sequence[BoardPart], length: float
) -> list[BoardPart]:
    """Build a box behind each drawer front, numbered like the fronts.

    Parameters
    ----------
    carcass
        The cabinet's carcass; the boxes fill its interior.
    fronts
        The drawer fronts from the bottom, as ``Fronts.drawer_fronts``
        returns them.
    length
        The runners' nominal length in mm, from ``runner_length``: the
        boxes' depth.

    Returns
    -------
    list of BoardPart
        For each drawer n: ``drawer_<n>_bottom``, ``drawer_<n>_side_left``,
        ``drawer_<n>_side_right``, ``drawer_<n>_sub_front`` and
        ``drawer_<n>_back``, with their screws and holes.

    Raises
    ------
    DimensionError
        When the opening is too narrow or the lowest bay too low for a box.
    """
    left, right = carcass.inside
    left, right = left + RUNNER_SIDE_SPACE_MM, right - RUNNER_SIDE_SPACE_MM
    check_room("cabinet", "width", right - left, 4.0 * BOX_BOARD_MM, "for a drawer box")
    corners = [point_bounds(front.mesh.vertices) for front in fronts]
    tops = [float(high[2]) for _, high in corners]
    bottoms = [float(low[2]) for low, _ in corners]
    edges = [
        carcass.plinth + carcass.thickness,
        *(
            (top + bottom) / 2.0
            for top, bottom in zip(tops[:-1], bottoms[1:], strict=True)
        ),
        carcass.height - carcass.thickness,
    ]
    bays = list(pairwise(edges))
    height = min(high - low for low, high in bays)
    height -= BOX_SPACE_BELOW_MM + BOX_SPACE_ABOVE_MM
    check_room("cabinet", "height", height, MIN_BOX_HEIGHT_MM, "for each drawer box")
    # The boxes are alike, so the first is built once and moved up into
    # each bay, holes and all.
    first = bays[0][0] + BOX_SPACE_BELOW_MM
    box = _box("drawer_1", (left, right), carcass.front, length, first, first + height)
    box = _fasten(box, "drawer_1")
    parts: list[BoardPart] = []
    for number, (low, _) in enumerate(bays, start=1):
        rise = low + BOX_SPACE_BELOW_MM - first
        parts += [_raised(part, number, rise) for part in box]
    logger.debug(
        "%s drawer boxes %.1f mm wide, %g mm deep", len(fronts), right - left, length
    )
    return parts


def _raised(part: BoardPart, number: int, rise: float) -> BoardPart:
    """Return a board of the first box renamed for box ``number`` and moved
    ``rise`` mm up, with its holes."""
    if number == 1:
        return part
    offset = np.array([0.0, 0.0, rise])
    mesh = trimesh.Trimesh(part.mesh.vertices + offset, part.mesh.faces, process=False)
    holes = tuple(
        replace(hole, centre=(hole.centre[0], hole.centre[1], hole.centre[2] + rise))
        for hole in part.holes
    )
    name = f"drawer_{number}_" + part.name.removeprefix("drawer_1_")
    return replace(part, name=name, mesh=mesh, holes=holes)


def _box(
    prefix: str,
    span: tuple[float, float],
    front: float,
    length: float,
    bottom: float,
    top: float,
) -> list[BoardPart]:
    """Return the five boards of one box from X ``span``, Y ``front`` to
    ``front + length`` and Z ``bottom`` to ``top``."""
    left, right = span
    rear, t = front + length, BOX_BOARD_MM
    floor = bottom + BOX_BOTTOM_MM
    bottom_grain = "x" if right - left >= length else "y"
    return [
        _board(
            f"{prefix}_bottom",
            (left, front, bottom),
            (right, rear, floor),
            bottom_grain,
        ),
        _board(f"{prefix}_side_left", (left, front, floor), (left + t, rear, top), "y"),
        _board(
            f"{prefix}_side_right", (right - t, front, floor), (right, rear, top), "y"
        ),
        _board(
            f"{prefix}_sub_front",
            (left + t, front, floor),
            (right - t, front + t, top),
            "x",
        ),
        _board(
            f"{prefix}_back", (left + t, rear - t, floor), (right - t, rear, top), "x"
        ),
    ]


def _board(name: str, low, high, grain_axis: str) -> BoardPart:
    """Return a box board; only its top edge, seen when the drawer is open,
    is banded, and the bottom is not banded at all. The closed front hides
    the box, so the preview does not draw it."""
    banded = () if name.endswith("_bottom") else ("+z",)
    return replace(
        board(name, BOX_MATERIAL, low, high, grain_axis),
        banded_edges=banded,
        concealed=True,
    )


def _fasten(box: list[BoardPart], prefix: str) -> list[BoardPart]:
    """Return one box's boards with confirmat screws in its corners, the
    bottom's screws and the screws that hold the overlay front."""
    joints = [(f"{prefix}_{face}", f"{prefix}_{end}") for face, end in BOX_JOINTS]
    box = screw_joints(box, joints)
    walls = [part.name for part in box if not part.name.endswith("_bottom")]
    box = screw_sheets(box, [f"{prefix}_bottom"], walls, 2, BOTTOM_SCREW)
    return [
        _with_front_screws(part) if part.name.endswith("_sub_front") else part
        for part in box
    ]


def _with_front_screws(part: BoardPart) -> BoardPart:
    """Return a sub-front with the screws that hold its overlay front."""
    use = HardwareUse(BOTTOM_SCREW, FRONT_SCREWS)
    return replace(part, hardware=part.hardware + (use,))
