"""Chelsea ankle boot: a stitched sole with a stacked heel, an upper whose
shaft rises above the ankle, and elastic gussets in both sides of the shaft,
on the studio's last (``models3d.last``).

The upper is lofted over the last like the shoes' uppers (``models3d.
footwear``), one arch per station along the length. Behind the instep the
arches rise above the shaft's top, grow boxier so the shaft's walls stand
nearly upright, and widen upward round the ankle. So the vamp runs up the
instep into the shaft's front in one smooth surface. The shaft's opening
is then cut flat at ``shaft_height`` above the foot bed at the heel, and
the gussets are split off along a V in each side. Both cuts clip the
upper's triangles directly (``models3d.clipping``), with no boolean.

Sizes: the sole's outline is exactly ``last_length`` long (X) and
``ball_width + 2 * WELT_MM`` wide (Y).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import numpy as np

from models3d import dims as dimensions
from models3d.caching import MeshArrays, bounded_cache
from models3d.clipping import AboveLine, UnsupportedCut, split_arrays
from models3d.footwear import (
    COLLAR_FRONT_STEP_MM,
    Dome,
    UpperShape,
    UpperStyle,
    heeled_sole_arrays,
    log_parts,
    side_prism,
    upper_shape,
)
from models3d.last import Last, smoothstep
from models3d.meshing import compact_arrays, corner_max, corner_min, rows_where
from models3d.opening import front_stations
from models3d.parts import Part
from models3d.solids import from_manifold, to_manifold

logger = logging.getLogger(__name__)

SOLES = ("leather_sole", "rubber_sole")
UPPER_MATERIALS = ("calf_leather", "suede")
GUSSET_MATERIAL = "elastic"

SHAFT_HEIGHT_RANGE_MM = (80.0, 200.0)
"""Accepted shaft heights above the foot bed at the heel."""

WELT_MM = 3.5
"""How far the sole extends beyond the upper on each side."""

FOREFOOT_MM = 12.0
"""Sole thickness under the ball and toes."""

UPPER_WALL_MM = 2.5
"""Thickness of the upper: leather and lining."""

SHAFT_OPEN = 0.28
"""Fraction of the length from the heel up to which the arches' crowns stand
``SHAFT_HEADROOM`` above the shaft's top."""

INSTEP = 0.50
"""Fraction of the length from which the arches follow the last again. From
``SHAFT_OPEN`` to here the crowns fall along the shin to the instep, so the
opening's front lies between the two."""

SHAFT_HEADROOM = 0.4
"""How far the arches' crowns reach above the shaft's top behind the
instep, as a fraction of the shaft's height above the foot bed, so the cut
crosses the arches' walls below their crowns, where they stand upright."""

SHAFT_EXPONENT = 6.0
"""Super-ellipse exponent of the shaft's arches: boxy, so their walls stand
nearly upright up to the opening."""

SHAFT_FLARE = 0.45
"""How much the shaft's arches widen upward (see ``models3d.footwear.
arch``): a boot is wider round the ankle than at its heel."""

GUSSET_DEPTH = 0.55
"""How far down the shaft the gussets reach, as a fraction of its height."""

GUSSET_WIDTH = 0.16
"""Width of a gusset at the top, as a fraction of the last length."""

GUSSET_MIDDLE = 0.22
"""Fraction of the length from the heel where the gussets' V is centred."""

GUSSET_TIP_MM = 6.0
"""Radius of the rounded tip of a gusset's V."""

SHIN_STEP_MM = 3.0
"""Spacing of the loft stations from the opening's front to the instep, so
the crowns' bend from the shin into the vamp shows no crease."""

TIP_STATIONS = 9
"""Loft stations across the gussets' tips, so the cut follows their curve."""

FOOT = UpperStyle(at=(), height=())
"""The upper's style for the shoes' loft: no collar line and no laces,
because the boot cuts its own opening at the shaft's top."""


def build_boot(dims: Mapping[str, Any]) -> list[Part]:
    """Build a Chelsea ankle boot from the design's dimensions.

    Parameters
    ----------
    dims
        Needs the last's values (see ``Last.from_dims``), ``shaft_height``
        (mm above the foot bed at the heel), ``sole`` (one of ``SOLES``),
        ``upper_material`` (one of ``UPPER_MATERIALS``), ``upper_colour``
        and ``gusset_colour`` (``#rrggbb``).

    Returns
    -------
    list of Part
        ``"sole"`` in the sole material, ``"upper"`` in the upper material
        and colour, and ``"gusset_medial"`` (toward +Y, the big toe's side)
        and ``"gusset_lateral"`` in elastic, each one piece as it is cut.
        Together they are exactly ``last_length`` long (X) and
        ``ball_width + 2 * WELT_MM`` wide (Y).

    Raises
    ------
    DimensionError
        When a value is missing or invalid; the message names it.
    """
    last = Last.from_dims(dims, "ankle_boot")
    shaft_height = dimensions.length(dims, "shaft_height", "ankle_boot")
    low, high = SHAFT_HEIGHT_RANGE_MM
    if not low <= shaft_height <= high:
        raise dimensions.DimensionError(
            "ankle_boot",
            "shaft_height",
            f"shaft_height must be {low:g} to {high:g} mm, got {shaft_height:g}",
        )
    _check_shaft_clears_instep(last, shaft_height)
    sole_material = dimensions.choice(dims, "sole", "ankle_boot", SOLES)
    material = dimensions.choice(dims, "upper_material", "ankle_boot", UPPER_MATERIALS)
    colour = dimensions.colour(dims, "upper_colour", "ankle_boot")
    gusset_colour = dimensions.colour(dims, "gusset_colour", "ankle_boot")

    upper, medial, lateral = _upper_and_gussets(last, shaft_height)
    elastic = {"material": GUSSET_MATERIAL, "colour": gusset_colour}
    parts = [
        Part(name="sole", mesh=_sole(last).mesh(), material=sole_material),
        Part(name="upper", mesh=upper.mesh(), material=material, colour=colour),
        Part(name="gusset_medial", mesh=medial.mesh(), **elastic),
        Part(name="gusset_lateral", mesh=lateral.mesh(), **elastic),
    ]
    log_parts("ankle boot", last, parts)
    return parts


@bounded_cache(maxsize=8)
def _sole(last: Last) -> MeshArrays:
    """Return the sole, cached on the last, so that a change of shaft,
    leather, colour or sole material keeps it."""
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    return MeshArrays.of_arrays(*heeled_sole_arrays(outline, last, FOREFOOT_MM))


@bounded_cache(maxsize=8)
def _upper_and_gussets(last: Last, shaft_height: float) -> tuple[MeshArrays, ...]:
    """Return the upper and the medial and lateral gussets split from it.

    Cached on the last and the shaft, so that a change of leather, colour or
    sole keeps them.
    """
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    top = FOREFOOT_MM + last.heel_height + shaft_height
    stations = _tip_stations(last) + _front_stations(last, top)
    foot = upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT, stations
    )
    shape = UpperShape(
        _with_shaft(foot.outer, last, top),
        _with_shaft(foot.inner, last, top - UPPER_WALL_MM),
        (_opening(last, top, outline.bounds[3] - outline.bounds[1]),),
    )
    upper = shape.shell
    gusset_cut = _gusset_cut(last, top, shaft_height)
    try:
        shaft, gussets = split_arrays(upper.vertices, upper.faces, gusset_cut)
    except UnsupportedCut as error:
        logger.warning(
            "direct split of the boot's gussets failed, using a boolean: %s", error
        )
        whole = to_manifold(upper.mesh(), "boot upper")
        prism = side_prism(gusset_cut.side_view(), gusset_cut.half_width)
        tool = to_manifold(prism, "gusset cut")
        shaft, gussets = (
            (np.asarray(mesh.vertices), np.asarray(mesh.faces))
            for mesh in (from_manifold(whole - tool), from_manifold(whole ^ tool))
        )
    # The two gussets lie in the shaft's opposite walls, either side of the
    # crown's middle.
    middle = shape.outer.crown(np.array([last.at(GUSSET_MIDDLE)]))[0]
    vertices, faces = gussets
    y = vertices[:, 1]
    medial = corner_min(y, faces) > middle
    lateral = corner_max(y, faces) < middle
    if not np.all(medial | lateral):
        raise UnsupportedCut("a gusset crosses the middle of the shaft")
    return (
        MeshArrays.of_arrays(*shaft),
        MeshArrays.of_arrays(*compact_arrays(vertices, rows_where(medial, faces))),
        MeshArrays.of_arrays(*compact_arrays(vertices, rows_where(lateral, faces))),
    )


INSTEP_CLEARANCE_MM = 5.0
"""How far the shaft's top must lie above the instep's crown, so the
opening's front lies behind the instep."""


def _check_shaft_clears_instep(last: Last, shaft_height: float) -> None:
    """Raise ``DimensionError`` unless the shaft's top lies
    ``INSTEP_CLEARANCE_MM`` above the instep's crown on this last."""
    crown = float(_foot_crown(last, np.array([last.at(INSTEP)]))[0])
    lowest = crown + INSTEP_CLEARANCE_MM - FOREFOOT_MM - last.heel_height
    if shaft_height < lowest:
        raise dimensions.DimensionError(
            "ankle_boot",
            "shaft_height",
            f"shaft_height {shaft_height:g} mm puts the shaft's top below the "
            f"instep on this last; choose at least {np.ceil(lowest):g} mm",
        )


def _tip_stations(last: Last) -> tuple[float, ...]:
    """Return extra loft stations (mm) across the gussets' round tips.

    The cut follows a straight chord where the V bends inside a triangle,
    and the walls' triangles are wider than the tip, so without these
    stations the tip would come out blunt.
    """
    middle = last.at(GUSSET_MIDDLE)
    return tuple(middle + np.linspace(-GUSSET_TIP_MM, GUSSET_TIP_MM, TIP_STATIONS))


def _foot_crown(last: Last, x: np.ndarray) -> np.ndarray:
    """Return the Z (mm) of the outer loft's crown at ``x`` before it is
    raised into the shaft, as ``models3d.footwear.dome`` builds it.

    The toe box rounds down only over the front fifth of the last, so the
    tip taken here, the last's end less the welt, gives the dome's values
    wherever the shaft and the instep lie.
    """
    toe_end = last.length / 2.0 - WELT_MM
    return FOREFOOT_MM + last.bottom(x) + last.height(x, toe_end, FOOT.toe_box)


def _front_stations(last: Last, top: float) -> tuple[float, ...]:
    """Return the stations (mm) around the front of the shaft's opening on
    both lofts, where their raised crowns fall through the shaft's top.

    Stations follow every ``SHIN_STEP_MM`` from there to the instep, where
    the crowns bend from the shin into the vamp.
    """
    x = np.arange(last.at(SHAFT_OPEN), last.at(INSTEP), COLLAR_FRONT_STEP_MM)
    foot = _foot_crown(last, x)
    stations: tuple[float, ...] = ()
    for wall in (0.0, UPPER_WALL_MM):
        crown = _shaft_crown(last, x, foot - wall, top - wall)
        # The crowns fall toward the toe, so the clearance rises.
        stations += front_stations(x, top - crown)
    if stations:
        shin = np.arange(stations[0] + SHIN_STEP_MM, last.at(INSTEP), SHIN_STEP_MM)
        stations += tuple(shin.tolist())
    return stations


def _shaft_crown(
    last: Last, x: np.ndarray, crown: np.ndarray, crown_top: float
) -> np.ndarray:
    """Return the crowns' Z (mm) at ``x`` raised into the shaft: behind
    ``SHAFT_OPEN`` ``SHAFT_HEADROOM`` of the shaft's height above
    ``crown_top``, falling back to ``crown`` toward ``INSTEP`` along a
    smooth step."""
    heel_bed = FOREFOOT_MM + last.heel_height
    raised = crown_top + SHAFT_HEADROOM * (crown_top - heel_bed)
    return crown + (raised - crown) * _shaft_share(last, x)


def _shaft_share(last: Last, x: np.ndarray) -> np.ndarray:
    """Return how far each X lies in the shaft: 1 behind ``SHAFT_OPEN``,
    0 ahead of ``INSTEP``."""
    return 1.0 - smoothstep(last.at(SHAFT_OPEN), last.at(INSTEP), x)


def _with_shaft(dome: Dome, last: Last, crown_top: float) -> Dome:
    """Return the dome with its arches raised into the shaft behind the
    instep.

    Behind ``SHAFT_OPEN`` the crowns stand ``SHAFT_HEADROOM`` of the
    shaft's height above ``crown_top``, and toward ``INSTEP`` they fall back
    to the dome's own along a smooth step. The arches' exponents and flare
    blend the same way.
    """
    shaft = _shaft_share(last, dome.x)
    crown = _shaft_crown(last, dome.x, dome.base + dome.height, crown_top)
    return Dome(
        dome.x,
        dome.low,
        dome.high,
        dome.base,
        crown - dome.base,
        dome.exponent + (SHAFT_EXPONENT - dome.exponent) * shaft,
        SHAFT_FLARE * shaft,
    )


def _opening(last: Last, top: float, half_width: float) -> AboveLine:
    """Return the region above the shaft's top, ``half_width`` mm to either
    side of the last's axis.

    The line is flat at ``top`` up to the instep, where the arches follow
    the last again, then rises steeply out of the upper.
    """
    heel, toe = -last.length / 2.0 - 5.0, last.length / 2.0 + 5.0
    instep = last.at(INSTEP)
    x = np.array([heel, instep, toe])
    z = np.array([top, top, top + 10.0 * (toe - instep)])
    return AboveLine(x, z, z[-1] + 10.0, half_width)


def _gusset_cut(last: Last, top: float, shaft_height: float) -> AboveLine:
    """Return the region above the gussets' V, across the whole shaft.

    Seen from the side, the V reaches ``GUSSET_DEPTH`` of the shaft down
    from its top, ends in a round tip and rises 20 mm above the top.
    """
    middle, half = last.at(GUSSET_MIDDLE), GUSSET_WIDTH * last.length / 2.0
    radius = GUSSET_TIP_MM
    centre = top - GUSSET_DEPTH * shaft_height + radius
    high = top + 20.0
    # Each arm runs from its top corner to the point where it touches the
    # tip's circle, and the tip follows the circle between the two points.
    reach = np.hypot(half, high - centre)
    left = np.arctan2(high - centre, -half) + np.arccos(radius / reach)
    angle = np.linspace(left, 3.0 * np.pi - left, 13)
    x = np.concatenate(
        [[middle - half], middle + radius * np.cos(angle), [middle + half]]
    )
    z = np.concatenate([[high], centre + radius * np.sin(angle), [high]])
    return AboveLine(x, z, high + 10.0, last.length)
