"""Bookshelf: a board carcass on a plinth, split into bays by dividers,
with evenly spaced shelves in every bay and a thin back panel.

Frame: X along the width, Y along the depth with the front at -Y, Z up; the
shelf is centred on the Z axis and stands on Z = 0. Its extents are exactly
``width`` x ``depth`` x ``height``.

Every board is a box of the board's thickness that butts against its
neighbours without overlapping them, so the parts are also the cut list
(see ``models3d.boards``): two sides, a top, a bottom raised on a plinth
board set back from the front, ``bays - 1`` dividers, ``shelves`` shelves
per bay and a back panel over the whole back.

A back wider and taller than a plywood sheet's width is split into the
fewest pieces that fit a sheet, with each seam behind a divider. Above the
plinth the divider, the top and the bottom carry both pieces' edges. Below
the bottom a plinth rail under the divider carries them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from models3d import dims as dimensions
from models3d.boards import (
    BoardPart,
    Carcass,
    back_seams,
    check_room,
    read_count,
)
from models3d.fittings import (
    CARCASS_JOINTS,
    screw_backs,
    screw_joints,
    support_shelves,
)

logger = logging.getLogger(__name__)

BOARD_MATERIALS = ("oak", "birch_plywood", "mdf", "particleboard")

PLINTH_SETBACK_MM = 15.0
"""How far the plinth board sits behind the front edge of the sides."""

MIN_CLEAR_MM = 20.0
"""Smallest clear space the generator accepts between boards; the catalog's
rules ask for much more."""


def build_bookshelf(dims: Mapping[str, Any]) -> list[BoardPart]:
    """Build a bookshelf from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``width``, ``height``, ``depth``, ``board_thickness``,
        ``back_thickness`` and ``plinth_height`` (mm), ``shelves`` (shelves
        per bay, 0 or more), ``bays`` (1 or more) and ``board_material``
        (one of ``BOARD_MATERIALS``).

    Returns
    -------
    list of BoardPart
        ``"side_left"``, ``"side_right"``, ``"top"``, ``"bottom"``,
        ``"plinth"``, ``"divider_1"`` ..., ``"shelf_1_1"`` ... (bay, then
        shelf from the bottom) and a ``"plinth_rail_1"`` ... under each
        divider with a seam of the back behind it, in the board material;
        then ``"back"``, or ``"back_1"`` ... from the left when the back is
        split, in birch plywood. Each shelf carries four support pins, whose
        holes are in the sides and dividers beside it
        (``models3d.fittings``).

    Raises
    ------
    DimensionError
        When a value is missing or invalid, the boards leave less than
        ``MIN_CLEAR_MM`` between them, or no divider can carry the seam of a
        back that fits no plywood sheet; the message names the value.
    """
    width = dimensions.length(dims, "width", "bookshelf")
    height = dimensions.length(dims, "height", "bookshelf")
    depth = dimensions.length(dims, "depth", "bookshelf")
    t = dimensions.length(dims, "board_thickness", "bookshelf")
    back = dimensions.length(dims, "back_thickness", "bookshelf")
    plinth = dimensions.length(dims, "plinth_height", "bookshelf")
    shelves = read_count(dims, "shelves", "bookshelf", 0)
    bays = read_count(dims, "bays", "bookshelf", 1)
    material = dimensions.choice(dims, "board_material", "bookshelf", BOARD_MATERIALS)

    span = (width - (bays + 1) * t) / bays
    inner_bottom, inner_top = plinth + t, height - t
    clear = (inner_top - inner_bottom - shelves * t) / (shelves + 1)
    between = f"between boards with {bays} bays of {t:g} mm boards"
    check_room("bookshelf", "width", span, MIN_CLEAR_MM, between)
    between = f"between boards with {shelves} shelves and a {plinth:g} mm plinth"
    check_room("bookshelf", "height", clear, MIN_CLEAR_MM, between)
    behind = depth - back - PLINTH_SETBACK_MM - t
    check_room("bookshelf", "depth", behind, MIN_CLEAR_MM, "behind the plinth")

    carcass = Carcass(
        material,
        width,
        height,
        -depth / 2.0,
        depth / 2.0,
        t,
        back,
        plinth,
        PLINTH_SETBACK_MM,
    )
    parts = carcass.boards()
    left = carcass.inside[0]
    centres = []
    for number in range(1, bays):
        x = left + number * span + (number - 1) * t
        centres.append(x + t / 2.0)
        parts.append(
            carcass.panel(
                f"divider_{number}",
                (x, carcass.front, inner_bottom),
                (x + t, carcass.rear, inner_top),
                "z",
            )
        )
    for bay in range(bays):
        x = left + bay * (span + t)
        for level in range(1, shelves + 1):
            z = inner_bottom + level * clear + (level - 1) * t
            parts.append(
                carcass.panel(
                    f"shelf_{bay + 1}_{level}",
                    (x, carcass.front, z),
                    (x + span, carcass.rear, z + t),
                    "x",
                )
            )
    parts = support_shelves(
        parts, [p.name for p in parts if p.name.startswith("shelf")]
    )
    seams = back_seams("bookshelf", width, height, centres)
    for number, seam in enumerate(seams, start=1):
        parts.append(carcass.plinth_rail(f"plinth_rail_{number}", seam))
    dividers = [p.name for p in parts if p.name.startswith("divider")]
    rails = [p.name for p in parts if p.name.startswith("plinth_rail")]
    parts = screw_joints(
        parts,
        [
            *CARCASS_JOINTS,
            *((board, name) for name in dividers for board in ("top", "bottom")),
            # A rail under a divider is screwed through the plinth only: the
            # divider's screws come up through the bottom where the rail sits.
            *(("plinth", name) for name in rails),
        ],
    )
    backs = carcass.back_panels(seams)
    fixed = ["side_left", "side_right", "top", "bottom", *dividers, *rails]
    parts = screw_backs([*parts, *backs], [back.name for back in backs], fixed)
    logger.debug(
        "bookshelf %sx%sx%s: %s bays of %.1f mm, %s shelves each, back in %s",
        width,
        depth,
        height,
        bays,
        span,
        shelves,
        len(seams) + 1,
    )
    return parts
