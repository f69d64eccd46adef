"""Oxford shoe: a stitched sole with a heel, a closed-laced upper, a tongue
and straight-bar laces, all on the studio's last (``models3d.last``).

Sizes: the sole's outline is exactly ``last_length`` long (X) and
``ball_width + 2 * WELT_MM`` wide (Y), because the sole extends ``WELT_MM``
beyond the upper on each side. The foot bed is ``FOREFOOT_MM`` above the
tread and ``FOREFOOT_MM + heel_height`` above the floor at the heel.

The upper is a shell ``UPPER_WALL_MM`` thick with an opening from the heel
to the lacing and a tapering slot from there to the throat. It sits
``OVERLAP_MM`` down into the sole. The toe cap, facings and tongue are set
``SEAM_MM`` into the upper and the laces into the facings, so the union of
all parts is one clean solid.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from models3d import dims as dimensions
from models3d.footwear import (
    UpperStyle,
    heeled_sole,
    laced_upper,
    log_parts,
    toe_cap,
    upper_shape,
)
from models3d.last import Last
from models3d.parts import Part

SOLES = ("leather_sole", "rubber_sole", "eva_sole")
UPPER_MATERIALS = ("calf_leather", "suede", "canvas", "mesh")
TOE_STYLES = ("plain", "cap_toe")

WELT_MM = 3.0
"""How far the sole extends beyond the upper on each side."""

FOREFOOT_MM = 10.0
"""Sole thickness under the ball and toes."""

UPPER_WALL_MM = 2.5
"""Thickness of the upper: leather and lining."""

TONGUE_MM = 2.0
"""Thickness of the tongue."""

TOE_CAP_FROM = 0.79
"""Fraction of the length from the heel where a toe cap's seam runs across."""

UPPER = UpperStyle(
    at=(0.0, 0.08, 0.20, 0.28, 0.34),
    height=(0.20, 0.19, 0.155, 0.175, 0.27),
    slot=(0.27, 0.56),
    slot_width=(9.0, 2.0),
    lace_from=0.34,
    lace_pairs=5,
)
"""A collar line low under the ankle bone, and closed lacing with the
facings nearly meeting."""


def build_shoe(dims: Mapping[str, Any]) -> list[Part]:
    """Build an oxford shoe from the design's dimensions.

    Parameters
    ----------
    dims
        Needs the last's values (``last_length``, ``ball_width``,
        ``toe_shape``, ``heel_height`` and ``toe_spring``, see
        ``Last.from_dims``), ``sole`` (one of ``SOLES``),
        ``upper_material`` (one of ``UPPER_MATERIALS``), ``upper_colour``
        and ``lace_colour`` (``#rrggbb``) and ``toe_style`` (one of
        ``TOE_STYLES``). Other
        names, such as ``construction`` or ``width_fitting``, are ignored:
        their effect on size is already in ``ball_width``.

    Returns
    -------
    list of Part
        ``"sole"`` in the sole material; ``"upper"``, ``"toe_cap"`` (cap
        toe only), ``"facings"`` and ``"tongue"`` in the upper material and
        colour; ``"laces"`` in waxed cotton of the lace colour.
        Together they are exactly ``last_length`` long (X) and
        ``ball_width + 2 * WELT_MM`` wide (Y).

    Raises
    ------
    DimensionError
        When a value is missing or invalid; the message names it.
    """
    last = Last.from_dims(dims, "shoe")
    sole_material = dimensions.choice(dims, "sole", "shoe", SOLES)
    upper_material = dimensions.choice(dims, "upper_material", "shoe", UPPER_MATERIALS)
    upper_colour = dimensions.colour(dims, "upper_colour", "shoe")
    lace_colour = dimensions.colour(dims, "lace_colour", "shoe")
    toe_style = dimensions.choice(dims, "toe_style", "shoe", TOE_STYLES)

    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    sole = heeled_sole(outline, last, FOREFOOT_MM)
    cap_seam = last.at(TOE_CAP_FROM)
    shape = upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, UPPER, (cap_seam,)
    )
    parts = [
        Part(name="sole", mesh=sole, material=sole_material),
        *laced_upper(
            last, shape, UPPER, upper_material, upper_colour, lace_colour, TONGUE_MM
        ),
    ]
    if toe_style == "cap_toe":
        cap = toe_cap(shape, cap_seam)
        leather = {"material": upper_material, "colour": upper_colour}
        parts.insert(2, Part(name="toe_cap", mesh=cap, **leather))
    log_parts("oxford", last, parts)
    return parts
