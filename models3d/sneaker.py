"""Sneaker: a rubber cupsole with a foam midsole inside, a padded upper, a
tongue and laces, on the studio's last (``models3d.last``).

The cupsole is a rubber tray: a floor ``OUTSOLE_MM`` thick whose sidewall
rises ``SIDEWALL_MM`` above the foot bed around the upper, the way a court
shoe's sole wraps its upper. The midsole fills the tray up to the foot bed.
Its top is ``sole_height`` above the tread and ``sole_height +
heel_height`` above the floor at the heel. The underside is flat from the
heel to the tread and rises with the toe spring.

Sizes: the cupsole's outline is exactly ``last_length`` long (X) and
``ball_width + 2 * WELT_MM`` wide (Y).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import trimesh
from shapely.geometry import Polygon

from models3d import dims as dimensions
from models3d.caching import MeshArrays, bounded_cache
from models3d.footwear import (
    SEAM_MM,
    UpperStyle,
    laced_upper,
    log_parts,
    sole_loft,
    sole_sections,
    upper_shape,
)
from models3d.last import Last
from models3d.meshing import bridge_rings, edge_ring, without
from models3d.parts import Part

UPPER_MATERIALS = ("canvas", "mesh", "calf_leather", "suede")
CUPSOLE_MATERIAL = "rubber_sole"
MIDSOLE_MATERIAL = "eva_sole"

SOLE_HEIGHT_RANGE_MM = (12.0, 45.0)
"""Accepted foot bed heights above the tread."""

WELT_MM = 4.0
"""How far the cupsole extends beyond the upper on each side."""

OUTSOLE_MM = 4.0
"""Thickness of the cupsole's floor under the midsole."""

SIDEWALL_MM = 8.0
"""Height of the cupsole's sidewall above the foot bed."""

BEVEL_MM = 4.0
"""Chamfer along the cupsole's bottom edge."""

UPPER_WALL_MM = 3.0
"""Thickness of the upper: outer, padding and lining."""

TONGUE_MM = 4.0
"""Thickness of the padded tongue."""

UPPER = UpperStyle(
    at=(0.0, 0.08, 0.18, 0.28, 0.33),
    height=(0.21, 0.20, 0.165, 0.18, 0.27),
    slot=(0.27, 0.62),
    slot_width=(11.0, 5.0),
    facing_width=16.0,
    eyelet_inset=8.0,
    lace_from=0.33,
    lace_pairs=6,
    tongue_rise_deg=50.0,
    tongue_length=0.06,
    toe_box=1.2,
)
"""A padded collar that rises at the heel tab, and open lacing far down the
vamp over a wide tongue."""


def build_sneaker(dims: Mapping[str, Any]) -> list[Part]:
    """Build a sneaker from the design's dimensions.

    Parameters
    ----------
    dims
        Needs the last's values (see ``Last.from_dims``), ``sole_height``
        (mm, the foot bed above the tread), ``upper_material`` (one of
        ``UPPER_MATERIALS``), ``upper_colour``, ``sole_colour`` and
        ``lace_colour`` (``#rrggbb``).

    Returns
    -------
    list of Part
        ``"cupsole"`` in rubber of the sole colour, ``"midsole"`` in EVA
        foam, ``"upper"``, ``"facings"`` and ``"tongue"`` in the upper
        material and colour, and ``"laces"`` in the lace colour. Together
        they are exactly ``last_length`` long (X) and ``ball_width + 2 *
        WELT_MM`` wide (Y).

    Raises
    ------
    DimensionError
        When a value is missing or invalid; the message names it.
    """
    last = Last.from_dims(dims, "sneaker")
    stack = dimensions.length(dims, "sole_height", "sneaker")
    low, high = SOLE_HEIGHT_RANGE_MM
    if not low <= stack <= high:
        raise dimensions.DimensionError(
            "sneaker",
            "sole_height",
            f"sole_height must be {low:g} to {high:g} mm, got {stack:g}",
        )
    material = dimensions.choice(dims, "upper_material", "sneaker", UPPER_MATERIALS)
    colour = dimensions.colour(dims, "upper_colour", "sneaker")
    sole_colour = dimensions.colour(dims, "sole_colour", "sneaker")
    lace_colour = dimensions.colour(dims, "lace_colour", "sneaker")

    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    shape = upper_shape(outline, last, stack, WELT_MM, UPPER_WALL_MM, UPPER)
    cupsole, midsole = _cupsole(last, stack)
    parts = [
        Part(
            name="cupsole",
            mesh=cupsole.mesh(),
            material=CUPSOLE_MATERIAL,
            colour=sole_colour,
        ),
        Part(name="midsole", mesh=midsole.mesh(), material=MIDSOLE_MATERIAL),
        *laced_upper(last, shape, UPPER, material, colour, lace_colour, TONGUE_MM),
    ]
    log_parts("sneaker", last, parts)
    return parts


@bounded_cache(maxsize=8)
def _cupsole(last: Last, stack: float) -> tuple[MeshArrays, MeshArrays]:
    """Return the rubber cupsole and the midsole cemented into it.

    The tray's hollow ends halfway through the upper's wall, so the wall
    stands partly in the sidewall and partly on the midsole. The midsole
    reaches ``SEAM_MM`` into the tray's walls and floor: glued faces that
    overlap, rather than coincide, keep the union of the parts clean.
    """
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    hollow_plan = outline.buffer(-(WELT_MM + UPPER_WALL_MM / 2.0))

    def floor(x: np.ndarray) -> np.ndarray:
        return last.spring(x) + OUTSOLE_MM

    def bed(x: np.ndarray) -> np.ndarray:
        return stack + last.bottom(x)

    def rim(x: np.ndarray) -> np.ndarray:
        return bed(x) + SIDEWALL_MM

    tray = _tray(outline, hollow_plan, last.spring, floor, rim)
    midsole_plan = hollow_plan.buffer(SEAM_MM)
    midsole = sole_loft(sole_sections(midsole_plan, lambda x: floor(x) - SEAM_MM, bed))
    return MeshArrays.of(tray), MeshArrays.of(midsole)


def _tray(
    outline: Polygon,
    hollow_plan: Polygon,
    under: Callable[[np.ndarray], np.ndarray],
    floor: Callable[[np.ndarray], np.ndarray],
    rim: Callable[[np.ndarray], np.ndarray],
) -> trimesh.Trimesh:
    """Build the cupsole's tray: a sole over ``outline`` from ``under(x)`` to
    ``rim(x)``, hollowed over ``hollow_plan`` down to ``floor(x)``.

    The tray is built without a boolean. The outer sole and the hollow's
    walls and floor are lofted without their tops, and the rim between the
    two top edges is triangulated in plan and lifted onto them.
    ``hollow_plan`` must lie inside ``outline``.
    """
    outer = sole_loft(sole_sections(outline, under, rim, bevel=BEVEL_MM))
    # Without a bevel the hollow's sections are (low, floor), (high, floor),
    # (high, rim) and (low, rim).
    hollow_sections = sole_sections(hollow_plan, floor, rim)
    hollow = sole_loft(hollow_sections)
    outer_top = edge_ring(len(outer.vertices), 6, 3, 4)
    hollow_top = edge_ring(len(hollow.vertices), 4, 2, 3) + len(outer.vertices)
    vertices = np.concatenate([outer.vertices, hollow.vertices])

    # The hollow's faces turn inward, as they bound the tray's cavity.
    faces = np.concatenate(
        [
            without(outer.faces, outer_top),
            bridge_rings(vertices, outer_top, hollow_top),
            without(hollow.faces, hollow_top - len(outer.vertices))[:, ::-1]
            + len(outer.vertices),
        ]
    )
    return trimesh.Trimesh(vertices, faces, process=False)
