"""Oxford shoe: a shaped sole with a heel and a lofted, hollow upper.

Frame: X runs from the heel (-last_length / 2) to the toe (+last_length / 2),
Y across the shoe with the big toe (medial side) toward +Y, which makes it
a right shoe; Z is up, with the heel and the ball resting on Z = 0.

Sizes: the sole's outline is ``last_length`` long and ``ball_width + 6``
wide, because the sole extends ``WELT_MM`` beyond the upper on each side.
The heel seat is ``HEEL_STACK_MM`` above the floor and the forefoot sole
``FOREFOOT_MM`` thick. The upper's height above the sole follows a last of
about 0.2 x last length at the heel and instep, so the shoe's Z extent is
about 0.3 x ``last_length`` (83.5 mm for a 280 mm last).

The upper is a shell ``UPPER_WALL_MM`` thick with an opening from the heel
to the lacing. It sits ``OVERLAP_MM`` down into the sole, so the union of
the two parts is one clean solid.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import numpy as np
import trimesh
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

from models3d import dims as dimensions
from models3d.meshing import loft
from models3d.parts import Part
from models3d.solids import intersect, subtract

logger = logging.getLogger(__name__)

SOLES = ("leather_sole", "rubber_sole", "eva_sole")
UPPER_MATERIALS = ("calf_leather", "suede", "canvas", "mesh")

LAST_LENGTH_RANGE_MM = (150.0, 400.0)
"""Last lengths the shape is tested for; the catalog's sizes need 233-320."""

BALL_WIDTH_RATIO_RANGE = (0.2, 0.6)
"""Accepted ball width as a fraction of the last length (catalog: 0.33-0.37)."""

WELT_MM = 3.0
"""How far the sole extends beyond the upper on each side."""

HEEL_STACK_MM = 25.0
"""Height of the heel seat above the floor."""

FOREFOOT_MM = 10.0
"""Sole thickness under the ball and toes."""

TOE_SPRING_MM = 6.0
"""Rise of the sole's underside at the toe tip."""

UPPER_WALL_MM = 2.5
"""Thickness of the upper: leather and lining."""

OVERLAP_MM = 1.0
"""Depth of the upper's lower edge inside the sole."""

STATIONS = 64
"""Cross-sections along each loft."""

SECTION_POINTS = 48
"""Points around each cross-section."""

# Positions along the last, as fractions of its length from the heel.
_HEEL_SEAT_END = 0.18
_HEEL_BREAST = 0.26
_BALL = 0.62
_TOE_SPRING_START = 0.80
_THROAT = 0.38

# Half-widths of the outline on the lateral (-Y) and medial (+Y) sides, as
# fractions of half the sole's width, at fractions of the length. The medial
# side curves in at the arch; both reach their widest at the ball. The ends
# are rounded off by _end_rounding.
_OUTLINE_AT = np.array([0.0, 0.125, 0.25, 0.40, 0.55, 0.70, 0.80, 0.90, 1.0])
_LATERAL = np.array([0.64, 0.66, 0.68, 0.74, 0.86, 0.97, 0.95, 0.85, 0.65])
_MEDIAL = np.array([0.64, 0.66, 0.62, 0.56, 0.74, 1.00, 0.98, 0.90, 0.72])
_HEEL_ROUNDING = 0.125
_TOE_ROUNDING = 0.20
_TOE_SHIFT = 0.10

# Height of the upper above the sole, as fractions of the last length: heel
# counter, ankle, instep at the lacing, ball, toe box and toe tip.
_HEIGHT_AT = np.array([0.0, 0.10, 0.25, 0.40, 0.55, 0.70, 0.85, 1.0])
_HEIGHT = np.array([0.215, 0.215, 0.20, 0.235, 0.22, 0.17, 0.12, 0.08])
_TOE_BOX_LENGTH = 0.12

# Height of the collar's top line above the foot bed, as fractions of the
# last length: highest at the back of the heel, lowest under the ankle bone,
# rising again to the throat.
_COLLAR_AT = np.array([0.0, 0.08, 0.22, 0.32, _THROAT])
_COLLAR = np.array([0.20, 0.19, 0.155, 0.17, 0.26])

# Super-ellipse exponent of the upper's sections: boxy around the heel,
# rounder toward the toe.
_EXPONENT_AT = np.array([0.0, 0.35, 0.70, 1.0])
_EXPONENT = np.array([4.0, 4.0, 3.0, 2.6])


def _smooth(x: np.ndarray, knots: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Interpolate ``values`` at ``knots`` with a C1 cubic Hermite curve.

    Tangents come from ``numpy.gradient`` over the knots, as in a
    Catmull-Rom spline. Values of ``x`` outside the knots are clamped.
    """
    x = np.clip(np.asarray(x, dtype=np.float64), knots[0], knots[-1])
    tangents = np.gradient(values, knots)
    index = np.clip(np.searchsorted(knots, x, side="right") - 1, 0, len(knots) - 2)
    step = knots[index + 1] - knots[index]
    t = (x - knots[index]) / step
    t2, t3 = t * t, t * t * t
    return (
        (2 * t3 - 3 * t2 + 1) * values[index]
        + (t3 - 2 * t2 + t) * step * tangents[index]
        + (-2 * t3 + 3 * t2) * values[index + 1]
        + (t3 - t2) * step * tangents[index + 1]
    )


def _smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((np.asarray(x, dtype=np.float64) - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _end_rounding(u: np.ndarray) -> np.ndarray:
    """Scale half-widths to 0 at both ends along circular/elliptic arcs."""
    heel = np.clip(u / _HEEL_ROUNDING, 0.0, 1.0)
    toe = np.clip((1.0 - u) / _TOE_ROUNDING, 0.0, 1.0)
    return np.sqrt(1.0 - (1.0 - heel) ** 2) * np.sqrt(1.0 - (1.0 - toe) ** 2)


def sole_outline(last_length: float, sole_width: float) -> Polygon:
    """Return the sole's outline, seen from above.

    Parameters
    ----------
    last_length
        Length from heel to toe, in mm.
    sole_width
        Widest point across the ball, in mm.

    Returns
    -------
    shapely.geometry.Polygon
        Counter-clockwise outline with its bounding box exactly
        ``[-last_length / 2, last_length / 2] x [-sole_width / 2,
        sole_width / 2]``: rounded heel, narrower waist, widest at the ball,
        rounded toe pointing a little toward the big toe.
    """
    count = 90
    u = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, count))[1:-1]
    rounding = _end_rounding(u)
    centre = _TOE_SHIFT * _smoothstep(0.55, 1.0, u)
    medial = centre + _smooth(u, _OUTLINE_AT, _MEDIAL) * rounding
    lateral = centre - _smooth(u, _OUTLINE_AT, _LATERAL) * rounding

    along = np.concatenate([[0.0], u, [1.0], u[::-1]])
    across = np.concatenate([[0.0], medial, [_TOE_SHIFT], lateral[::-1]])
    low, high = across.min(), across.max()
    x = (along - 0.5) * last_length
    y = (across - (low + high) / 2.0) * (sole_width / (high - low))
    return orient(Polygon(np.column_stack([x, y])), sign=1.0)


def _span_at(outline: Polygon, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the lowest and highest Y of the outline on each line X = x."""
    ring = np.asarray(outline.exterior.coords)
    start, end = ring[:-1], ring[1:]
    x = np.asarray(x, dtype=np.float64)[:, None]
    low_x = np.minimum(start[:, 0], end[:, 0])
    high_x = np.maximum(start[:, 0], end[:, 0])
    crosses = (low_x <= x) & (x <= high_x) & (high_x > low_x)
    run = np.where(end[:, 0] != start[:, 0], end[:, 0] - start[:, 0], 1.0)
    t = (x - start[:, 0]) / run
    y = start[:, 1] + t * (end[:, 1] - start[:, 1])
    return np.where(crosses, y, np.inf).min(axis=1), np.where(crosses, y, -np.inf).max(
        axis=1
    )


class _Last:
    """Heights of the sole and upper along the last, for one shoe length.

    ``x`` is in mm in the shoe's frame. Fractions of the length run from 0
    at the heel to 1 at the toe.
    """

    def __init__(self, last_length: float) -> None:
        self.length = last_length

    def fraction(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=np.float64) / self.length + 0.5

    def sole_top(self, x: np.ndarray) -> np.ndarray:
        """Height of the sole's upper face (the foot bed), in mm."""
        u = self.fraction(x)
        drop = (HEEL_STACK_MM - FOREFOOT_MM) * _smoothstep(_HEEL_SEAT_END, _BALL, u)
        return HEEL_STACK_MM - drop + self.toe_spring(x)

    def toe_spring(self, x: np.ndarray) -> np.ndarray:
        u = self.fraction(x)
        rise = np.clip((u - _TOE_SPRING_START) / (1.0 - _TOE_SPRING_START), 0.0, None)
        return TOE_SPRING_MM * rise**2

    def upper_height(self, x: np.ndarray, toe_end: float) -> np.ndarray:
        """Height of the upper above the foot bed, in mm.

        The toe box is rounded down over its last ``_TOE_BOX_LENGTH`` of
        length, ending at ``toe_end`` (mm, the upper's tip).
        """
        u = self.fraction(x)
        height = _smooth(u, _HEIGHT_AT, _HEIGHT) * self.length
        box = _TOE_BOX_LENGTH * self.length
        t = np.clip((np.asarray(x) - (toe_end - box)) / box, 0.0, 1.0)
        return height * np.maximum(np.sqrt(1.0 - t * t), 0.3)

    def exponent(self, x: np.ndarray) -> np.ndarray:
        return _smooth(self.fraction(x), _EXPONENT_AT, _EXPONENT)


def _side_prism(points: np.ndarray, half_width: float) -> trimesh.Trimesh:
    """Extrude a side-view polygon across the shoe.

    Parameters
    ----------
    points
        (k, 2) polygon in the (X, Z) plane, in mm, either winding.
    half_width
        The prism spans Y from -half_width to +half_width.
    """
    outline = orient(Polygon(points), sign=1.0)
    prism = trimesh.creation.extrude_polygon(outline, height=2.0 * half_width)
    # Stand the drawing upright: its Y becomes Z and the extrusion runs along
    # Y. The matrix is a proper rotation, so the winding stays outward.
    prism.apply_transform(
        [[1, 0, 0, 0], [0, 0, -1, half_width], [0, 1, 0, 0], [0, 0, 0, 1]]
    )
    return prism


def _sole_side_view(last: _Last) -> np.ndarray:
    """Return the sole's side view as (X, Z) points, longer than the sole.

    The underside is flat under the heel block and the ball, rises at the
    heel breast to follow the waist (the shank) and curls up at the toe.
    """
    length = last.length
    margin = 5.0
    breast = (_HEEL_BREAST - 0.5) * length
    ball = (_BALL - 0.5) * length
    top_x = np.linspace(-length / 2.0 - margin, length / 2.0 + margin, 161)
    waist_x = np.linspace(breast, ball, 41)
    toe_x = np.linspace((_TOE_SPRING_START - 0.5) * length, top_x[-1], 21)

    waist_z = np.clip(last.sole_top(waist_x) - FOREFOOT_MM, 0.0, None)
    bottom = np.concatenate(
        [
            [[top_x[0], 0.0], [breast, 0.0]],
            np.column_stack([waist_x, waist_z]),
            np.column_stack([toe_x, last.toe_spring(toe_x)]),
        ]
    )
    top = np.column_stack([top_x, last.sole_top(top_x)])
    return np.concatenate([bottom, top[::-1]])


def _collar_side_view(last: _Last) -> np.ndarray:
    """Return the region above the collar's top line as (X, Z) points.

    Everything of the upper in this region is cut away, which opens the
    shoe from the heel to the throat of the lacing.
    """
    length = last.length
    x = np.linspace(-length / 2.0 - 5.0, (_THROAT - 0.5) * length, 61)
    z = last.sole_top(x) + _smooth(last.fraction(x), _COLLAR_AT, _COLLAR) * length
    # At the throat the line is above the upper, so the cut closes there.
    ceiling = HEEL_STACK_MM + length
    return np.concatenate(
        [np.column_stack([x, z]), [[x[-1], ceiling], [x[0], ceiling]]]
    )


def _build_sole(outline: Polygon, last: _Last, sole_width: float) -> trimesh.Trimesh:
    plan = trimesh.creation.extrude_polygon(
        outline, height=HEEL_STACK_MM + TOE_SPRING_MM + 20.0
    )
    plan.apply_translation([0.0, 0.0, -1.0])
    return intersect(plan, _side_prism(_sole_side_view(last), sole_width))


def _stations(plan: Polygon) -> np.ndarray:
    """Return X positions for loft sections, closer together near the ends."""
    low, _, high, _ = plan.bounds
    inset = 0.02 * (high - low) / STATIONS
    t = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, STATIONS))
    return low + inset + t * (high - low - 2.0 * inset)


def _section(
    x: float, low: float, high: float, base: float, height: float, exponent: float
) -> np.ndarray:
    """Return one closed (SECTION_POINTS, 3) ring: a super-ellipse dome on a flat base.

    The dome spans Y from ``low`` to ``high`` and rises ``height`` above the
    base at Z = ``base``.
    """
    arc_count = SECTION_POINTS - 4
    theta = np.linspace(0.0, np.pi, arc_count)
    cos, sin = np.cos(theta), np.sin(theta)
    power = 2.0 / exponent
    half, middle = (high - low) / 2.0, (high + low) / 2.0
    arc_y = middle + half * np.sign(cos) * np.abs(cos) ** power
    arc_z = base + height * np.abs(sin) ** power
    floor_y = middle + half * np.array([-0.6, -0.2, 0.2, 0.6])
    y = np.concatenate([arc_y, floor_y])
    z = np.concatenate([arc_z, np.full(4, base)])
    return np.column_stack([np.full(SECTION_POINTS, x), y, z])


def _dome_loft(
    plan: Polygon, last: _Last, toe_end: float, base_drop: float, top_offset: float
) -> trimesh.Trimesh:
    """Loft super-ellipse domes over ``plan``, following the last.

    Each dome's flat base is ``base_drop`` mm below the foot bed and its top
    ``top_offset`` mm above the upper's height there.
    """
    x = _stations(plan)
    low, high = _span_at(plan, x)
    bed = last.sole_top(x)
    base = bed - base_drop
    top = bed + last.upper_height(x, toe_end) + top_offset
    exponent = last.exponent(x)
    sections = [
        _section(x[i], low[i], high[i], base[i], top[i] - base[i], exponent[i])
        for i in range(len(x))
    ]
    return loft(sections)


def _build_upper(outline: Polygon, last: _Last, sole_width: float) -> trimesh.Trimesh:
    outer_plan = outline.buffer(-WELT_MM)
    cavity_plan = outer_plan.buffer(-UPPER_WALL_MM)
    toe_end = outer_plan.bounds[2]
    outer = _dome_loft(outer_plan, last, toe_end, OVERLAP_MM, 0.0)
    # The cavity is the outer shape shrunk by the wall. Its base drops below
    # the upper's, so the upper is an open shell standing on the foot bed.
    cavity = _dome_loft(cavity_plan, last, toe_end, OVERLAP_MM + 2.0, -UPPER_WALL_MM)
    collar = _side_prism(_collar_side_view(last), sole_width)
    return subtract(outer, [cavity, collar])


def _check_proportions(last_length: float, ball_width: float) -> None:
    low, high = LAST_LENGTH_RANGE_MM
    if not low <= last_length <= high:
        raise dimensions.DimensionError(
            "shoe",
            "last_length",
            f"last_length must be {low:g} to {high:g} mm, got {last_length:g}",
        )
    low, high = BALL_WIDTH_RATIO_RANGE
    if not low <= ball_width / last_length <= high:
        raise dimensions.DimensionError(
            "shoe",
            "ball_width",
            f"ball_width must be {low:g} to {high:g} times last_length "
            f"({low * last_length:.1f} to {high * last_length:.1f} mm), "
            f"got {ball_width:g} mm",
        )


def build_shoe(dims: Mapping[str, Any]) -> list[Part]:
    """Build an oxford shoe from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``last_length`` and ``ball_width`` (mm), ``sole`` (one of
        ``SOLES``), ``upper_material`` (one of ``UPPER_MATERIALS``) and
        ``upper_colour`` (``#rrggbb``). Other names, such as
        ``construction`` or ``width_fitting``, are ignored: their effect on
        size is already in ``ball_width``.

    Returns
    -------
    list of Part
        ``"sole"`` in the sole material and ``"upper"`` in the upper
        material with the chosen colour. Together they are exactly
        ``last_length`` long (X) and ``ball_width + 6`` wide (Y).

    Raises
    ------
    DimensionError
        When a value is missing or invalid; the message names it.
    """
    last_length = dimensions.length(dims, "last_length", "shoe")
    ball_width = dimensions.length(dims, "ball_width", "shoe")
    _check_proportions(last_length, ball_width)
    sole_material = dimensions.choice(dims, "sole", "shoe", SOLES)
    upper_material = dimensions.choice(dims, "upper_material", "shoe", UPPER_MATERIALS)
    upper_colour = dimensions.colour(dims, "upper_colour", "shoe")

    sole_width = ball_width + 2.0 * WELT_MM
    outline = sole_outline(last_length, sole_width)
    last = _Last(last_length)
    sole = _build_sole(outline, last, sole_width)
    upper = _build_upper(outline, last, sole_width)
    logger.debug(
        "shoe %s x %s mm: sole %s faces, upper %s faces",
        last_length,
        sole_width,
        len(sole.faces),
        len(upper.faces),
    )
    return [
        Part(name="sole", mesh=sole, material=sole_material),
        Part(name="upper", mesh=upper, material=upper_material, colour=upper_colour),
    ]
