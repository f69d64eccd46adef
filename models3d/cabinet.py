"""Cabinet: a board carcass on a plinth with overlay doors or drawer fronts.

Frame: X along the width, Y along the depth with the front at -Y, Z up; the
cabinet is centred on the Z axis and stands on Z = 0. Its extents are
exactly ``width`` x ``depth`` x ``height`` but for the handles, which stand
out in front of it (``models3d.handles``): the fronts, one board thick,
take the first ``board_thickness`` of the depth and a back panel the last
``back_thickness``.

The fronts cover the carcass from the top of the plinth to the top, with
``front_gap`` between neighbours and half of it at the outer edges. Behind
doors there is one shelf at mid height; behind each drawer front a drawer
box on runners (``models3d.drawers``). Every board is a box that butts
against its neighbours without overlapping them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from models3d import dims as dimensions
from models3d.boards import (
    BoardPart,
    Carcass,
    back_seams,
    check_room,
    read_count,
)
from models3d.drawers import BOX_BOARD_MM, drawer_boxes, runner_length
from models3d.fittings import (
    CARCASS_JOINTS,
    hinge_doors,
    run_drawers,
    screw_backs,
    screw_joints,
    support_shelves,
)
from models3d.handles import HANDLES, drill_behind, fit_handles
from models3d.parts import Part

logger = logging.getLogger(__name__)

BOARD_MATERIALS = ("oak", "birch_plywood", "mdf", "particleboard")
FRONT_TYPES = ("doors", "drawers")

PLINTH_SETBACK_MM = 25.0
"""How far the plinth board sits behind the carcass front, which is itself
one board behind the fronts: the toe kick."""

MIN_FRONT_MM = 30.0
"""Smallest front the generator accepts; the catalog's rules ask for more."""


def build_cabinet(dims: Mapping[str, Any]) -> list[Part]:
    """Build a cabinet from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``width``, ``height``, ``depth``, ``board_thickness``,
        ``back_thickness``, ``plinth_height`` and ``front_gap`` (mm),
        ``front_type`` (``"doors"`` or ``"drawers"``), the counts ``doors``
        and ``drawers``, ``board_material`` (one of ``BOARD_MATERIALS``) and
        ``handle`` (one of ``models3d.handles.HANDLES``). Only the count
        that matches ``front_type`` is read.

    Returns
    -------
    list of Part
        ``"side_left"``, ``"side_right"``, ``"top"``, ``"bottom"``,
        ``"plinth"``, ``"shelf"`` (doors only), ``"door_1"`` ... or
        ``"drawer_front_1"`` ... (from the left or from the bottom) in the
        board material, and ``"back"`` in birch plywood. Behind each drawer
        front n come the birch plywood boards of its box,
        ``"drawer_<n>_bottom"``, ``"drawer_<n>_side_left"``,
        ``"drawer_<n>_side_right"``, ``"drawer_<n>_sub_front"`` and
        ``"drawer_<n>_back"``. Doors carry their hinges and cups, drawer
        fronts their runners with the chosen length, and the shelf its
        support pins, whose holes are in the sides (``models3d.fittings``).
        Each front with a handle is followed by ``"<front>_handle"`` in
        steel.

    Raises
    ------
    DimensionError
        When a value is missing or invalid, a front would be smaller than
        ``MIN_FRONT_MM``, the back would fit no plywood sheet, or the
        carcass is too shallow for the shortest drawer runner; the message
        names the value.
    """
    width = dimensions.length(dims, "width", "cabinet")
    height = dimensions.length(dims, "height", "cabinet")
    depth = dimensions.length(dims, "depth", "cabinet")
    t = dimensions.length(dims, "board_thickness", "cabinet")
    back = dimensions.length(dims, "back_thickness", "cabinet")
    plinth = dimensions.length(dims, "plinth_height", "cabinet")
    gap = dimensions.length(dims, "front_gap", "cabinet")
    front_type = dimensions.choice(dims, "front_type", "cabinet", FRONT_TYPES)
    count_name = "doors" if front_type == "doors" else "drawers"
    count = read_count(dims, count_name, "cabinet", 1)
    material = dimensions.choice(dims, "board_material", "cabinet", BOARD_MATERIALS)
    handle = dimensions.choice(dims, "handle", "cabinet", HANDLES)

    carcass = Carcass(
        material,
        width,
        height,
        -depth / 2.0 + t,
        depth / 2.0,
        t,
        back,
        plinth,
        PLINTH_SETBACK_MM,
    )
    parts = screw_joints(carcass.boards(), CARCASS_JOINTS)
    fronts = Fronts(carcass, gap, -depth / 2.0)
    if front_type == "doors":
        middle = (plinth + height) / 2.0 - t / 2.0
        parts.append(carcass.across("shelf", middle))
        parts = support_shelves(parts, ["shelf"])
        hinge = "hinge_concealed_35_free" if handle == "push" else "hinge_concealed_35"
        doors = hinge_doors(fronts.doors(count), hinge)
        parts += fit_handles(doors, handle, upright=True)
    else:
        parts += _drawers(carcass, fronts.drawer_fronts(count), handle)
    # The cabinet has no upright to join a split back on, so the back is
    # one piece, and the catalog's width range keeps it within a sheet.
    backs = carcass.back_panels(back_seams("cabinet", width, height, ()))
    fixed = ["side_left", "side_right", "top", "bottom"]
    parts = screw_backs([*parts, *backs], [back.name for back in backs], fixed)
    logger.debug("cabinet %sx%sx%s with %s %s", width, depth, height, count, front_type)
    return parts


def _drawers(carcass: Carcass, fronts: list[BoardPart], handle: str) -> list[Part]:
    """Return the drawer fronts with their runners and handles, then the
    drawer boxes, their sub-fronts drilled for the handles' screws."""
    length = runner_length(carcass)
    runners = run_drawers(fronts, length)
    fitted = fit_handles(runners, handle, upright=False, behind_mm=BOX_BOARD_MM)
    by_name = {part.name: part for part in fitted}
    boxes = []
    for part in drawer_boxes(carcass, fronts, length):
        if part.name.endswith("_sub_front"):
            number = part.name.removeprefix("drawer_").removesuffix("_sub_front")
            part = drill_behind(part, by_name[f"drawer_front_{number}"])
        boxes.append(part)
    return [*fitted, *boxes]


@dataclass(frozen=True)
class Fronts:
    """Overlay fronts over a carcass from the top of its plinth to its top,
    ``gap`` mm apart and half that from the outer edges, one board thick
    from Y = ``face``."""

    carcass: Carcass
    gap: float
    face: float

    def doors(self, count: int) -> list[BoardPart]:
        """Return ``count`` doors side by side, from the left."""
        return self._row("door", count, axis=0)

    def drawer_fronts(self, count: int) -> list[BoardPart]:
        """Return ``count`` equal drawer fronts stacked from the bottom."""
        return self._row("drawer_front", count, axis=2)

    def _row(self, name: str, count: int, axis: int) -> list[BoardPart]:
        """Split the front area into ``count`` equal fronts along ``axis``
        (0 for X, 2 for Z)."""
        carcass, gap = self.carcass, self.gap
        half = carcass.width / 2.0
        low = np.array([-half, self.face, carcass.plinth]) + gap / 2.0
        high = np.array([half, self.face, carcass.height]) - gap / 2.0
        low[1], high[1] = self.face, self.face + carcass.thickness
        size = (high[axis] - low[axis] - (count - 1) * gap) / count
        label = name.replace("_", " ")
        check_room(
            "cabinet",
            "width" if axis == 0 else "height",
            size,
            MIN_FRONT_MM,
            f"for each of {count} {label}s",
        )
        grain = "z" if axis == 0 else "x"
        fronts = []
        for number in range(count):
            start, end = low.copy(), high.copy()
            start[axis] = low[axis] + number * (size + gap)
            end[axis] = start[axis] + size
            fronts.append(carcass.panel(f"{name}_{number + 1}", start, end, grain))
        return fronts
