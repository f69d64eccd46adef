"""The parametric last that every shoe in the catalog is built on.

A last is the foot-shaped form a shoe is made over. This one is described by
five values: its length (foot length plus toe allowance, from the size
tables), its ball width (from the width fitting), a toe shape, a heel height
and a toe spring.

Frame: X runs from the heel (-length / 2) to the toe (+length / 2), Y across
with the big toe (medial side) toward +Y, which makes it a right last; Z is
up. Positions along the last are often given as fractions ``u`` of its
length, 0 at the heel and 1 at the toe.

Side profile: the last's bottom is ``heel_height`` above its ball tread at
the heel seat, falls along the shank to the tread, and rises
``toe_spring`` to the toe tip. Lasts with a higher heel usually have less
toe spring, and thick or stiff soles need more (shoemaking.wiki, "Toe
Spring"); the catalog's rules bound both.

Plan: the outline is widest at the ball and narrows at the waist, more on
the medial side. The toe shape sets how the outline closes at the front,
the toe box height and how boxy its cross-sections are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from shapely.geometry import Polygon

from models3d import dims as dimensions
from models3d.caching import bounded_cache

TOE_SHAPES = ("round", "almond", "square")

LAST_LENGTH_RANGE_MM = (150.0, 400.0)
"""Last lengths the shape is tested for; the catalog's sizes need 235-320."""

BALL_WIDTH_RATIO_RANGE = (0.2, 0.6)
"""Accepted ball width as a fraction of the last length (catalog: 0.33-0.39)."""

HEEL_HEIGHT_RANGE_MM = (0.0, 60.0)
"""Accepted heel heights: flat to a 60 mm heel."""

TOE_SPRING_RANGE_MM = (0.0, 30.0)
"""Accepted toe springs; a stiff hiking boot has about 15 mm (sneakerfactory.net)."""

HEEL_SEAT_END = 0.16
"""Fraction of the length where the flat heel seat ends and the shank begins."""

HEEL_BREAST = 0.25
"""Front of the heel: the heel length is about a quarter of the last length
(oneandawl.org, "Last Measurements")."""

TREAD = 0.68
"""Ball tread: where the last's bottom is lowest and the toe spring begins."""

_OUTLINE_AT = np.array([0.0, 0.125, 0.25, 0.40, 0.55, 0.70, 0.80, 0.90, 1.0])
"""Fractions of the length at which the outline's half-widths are given."""

_LATERAL = np.array([0.64, 0.66, 0.68, 0.74, 0.86, 0.97, 0.95])
_MEDIAL = np.array([0.64, 0.66, 0.62, 0.56, 0.74, 1.00, 0.98])
"""Half-widths from the heel to 0.80 of the length, as fractions of half the
outline's width; the toe shape adds the last two."""

_HEEL_ROUNDING = 0.125
"""Fraction of the length over which the outline closes around the heel."""

# Height of the last's top above its bottom, as fractions of the length:
# heel counter, ankle, instep, vamp and ball. The toe shape adds the toe box.
_HEIGHT_AT = np.array([0.0, 0.10, 0.25, 0.40, 0.55, 0.70, 0.85, 1.0])
_HEIGHT = np.array([0.215, 0.215, 0.20, 0.235, 0.22, 0.17])

# Super-ellipse exponent of the cross-sections: boxy around the heel,
# rounder toward the toe; the toe shape sets the value at the tip.
_EXPONENT_AT = np.array([0.0, 0.35, 0.70, 1.0])
_EXPONENT = np.array([4.0, 4.0, 3.0])


@dataclass(frozen=True)
class ToeShape:
    """The shape of a last's front for one toe shape.

    Attributes
    ----------
    rounding
        Fraction of the length over which the outline closes at the tip.
    corner
        Super-ellipse exponent of that closing: 2 is elliptic, 4 nearly
        square.
    shift
        Offset of the tip toward the big toe, as a fraction of half the
        width before centring.
    lateral, medial
        Half-widths at 0.90 and 1.0 of the length, as fractions of half the
        width, before the closing is applied.
    box
        Height of the toe box at 0.85 and 1.0 of the length, as fractions of
        the length.
    box_length
        Fraction of the length over which the toe box rounds down.
    box_corner
        Super-ellipse exponent of the toe box's side profile over that
        length: 2 is a quarter ellipse, more keeps the front taller. Either
        way the profile falls to the tip upright, so the front rounds
        into the tip with no flat face.
    section
        Super-ellipse exponent of the cross-sections at the tip.
    """

    rounding: float
    corner: float
    shift: float
    lateral: tuple[float, float]
    medial: tuple[float, float]
    box: tuple[float, float]
    box_length: float
    box_corner: float
    section: float


TOES: dict[str, ToeShape] = {
    "round": ToeShape(
        0.13, 2.0, 0.10, (0.84, 0.66), (0.90, 0.72), (0.12, 0.085), 0.14, 2.0, 2.6
    ),
    "almond": ToeShape(
        0.22, 2.0, 0.06, (0.80, 0.50), (0.86, 0.55), (0.11, 0.065), 0.20, 2.0, 2.3
    ),
    "square": ToeShape(
        0.07, 4.0, 0.05, (0.88, 0.84), (0.93, 0.88), (0.125, 0.09), 0.07, 3.0, 3.6
    ),
}
"""Toe shapes by the name the catalog uses."""


class HermiteCurve:
    """A C1 cubic Hermite curve through ``values`` at ``knots``.

    Tangents come from ``numpy.gradient`` over the knots, as in a
    Catmull-Rom spline. They are worked out once, when the curve is made,
    so a curve through fixed knots costs only its evaluation per call.
    """

    def __init__(self, knots: np.ndarray, values: np.ndarray) -> None:
        knots = np.asarray(knots, dtype=np.float64)
        values = np.asarray(values, dtype=np.float64)
        tangents = np.gradient(values, knots)
        self.knots = knots
        # Per segment: its start, length, end values and end tangents, so
        # that one gather fetches all six for every point.
        self._segments = np.stack(
            [
                knots[:-1],
                knots[1:] - knots[:-1],
                values[:-1],
                values[1:],
                tangents[:-1],
                tangents[1:],
            ]
        )

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Return the curve's values at ``x``, with ``x`` clamped to the
        knots."""
        x = np.asarray(x, dtype=np.float64)
        x = np.minimum(np.maximum(x, self.knots[0]), self.knots[-1])
        # x is clamped, so only its top end can fall past the last segment.
        index = np.minimum(
            np.searchsorted(self.knots, x, side="right") - 1, len(self.knots) - 2
        )
        start, step, value0, value1, tangent0, tangent1 = np.take(
            self._segments, index, axis=1
        )
        t = (x - start) / step
        t2, t3 = t * t, t * t * t
        return (
            (2 * t3 - 3 * t2 + 1) * value0
            + (t3 - 2 * t2 + t) * step * tangent0
            + (-2 * t3 + 3 * t2) * value1
            + (t3 - t2) * step * tangent1
        )


def smooth(x: np.ndarray, knots: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Interpolate ``values`` at ``knots`` with a C1 cubic Hermite curve.

    Tangents come from ``numpy.gradient`` over the knots, as in a
    Catmull-Rom spline. Values of ``x`` outside the knots are clamped.
    ``HermiteCurve`` gives the same values and suits knots that stay fixed.
    """
    return HermiteCurve(knots, values)(x)


def smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    """Rise from 0 at ``edge0`` to 1 at ``edge1`` with zero slope at both."""
    t = (np.asarray(x, dtype=np.float64) - edge0) / (edge1 - edge0)
    t = np.minimum(np.maximum(t, 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def _end_rounding(toe: ToeShape, u: np.ndarray) -> np.ndarray:
    """Scale half-widths to 0 at both ends: elliptic at the heel, per toe
    shape at the tip."""
    heel = np.clip(u / _HEEL_ROUNDING, 0.0, 1.0)
    tip = np.clip((1.0 - u) / toe.rounding, 0.0, 1.0)
    power = toe.corner
    return np.sqrt(1.0 - (1.0 - heel) ** 2) * (1.0 - (1.0 - tip) ** power) ** (
        1.0 / power
    )


@dataclass(frozen=True)
class _ToeProfile:
    """The parts of a last's shape that depend only on its toe shape, worked
    out once per toe shape when the module loads.

    Attributes
    ----------
    along, across
        The outline's points, counter-clockwise from the heel: X as a
        fraction of the length from the middle, and Y in units of
        ``span`` from the middle of the outline's width.
    span
        Width of the outline in the units of ``across``.
    height, exponent
        The curves of ``Last.height`` and ``Last.exponent`` over fractions
        of the length, before the toe box is rounded down.
    """

    along: np.ndarray
    across: np.ndarray
    span: float
    height: HermiteCurve
    exponent: HermiteCurve


def _toe_profile(toe: ToeShape) -> _ToeProfile:
    u = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, 90))[1:-1]
    rounding = _end_rounding(toe, u)
    centre = toe.shift * smoothstep(0.55, 1.0, u)
    lateral_knots = np.concatenate([_LATERAL, toe.lateral])
    medial_knots = np.concatenate([_MEDIAL, toe.medial])
    medial = centre + smooth(u, _OUTLINE_AT, medial_knots) * rounding
    lateral = centre - smooth(u, _OUTLINE_AT, lateral_knots) * rounding

    # From the heel forward along the lateral side (-Y), round the tip and
    # back along the medial side: counter-clockwise in plan.
    along = np.concatenate([[0.0], u, [1.0], u[::-1]])
    across = np.concatenate([[0.0], lateral, [toe.shift], medial[::-1]])
    low, high = across.min(), across.max()
    return _ToeProfile(
        along=along - 0.5,
        across=across - (low + high) / 2.0,
        span=high - low,
        height=HermiteCurve(_HEIGHT_AT, np.concatenate([_HEIGHT, toe.box])),
        exponent=HermiteCurve(_EXPONENT_AT, np.append(_EXPONENT, toe.section)),
    )


_TOE_PROFILES = {name: _toe_profile(toe) for name, toe in TOES.items()}
"""Each toe shape's ``_ToeProfile``, by the name the catalog uses."""


@dataclass(frozen=True)
class Last:
    """A last's size and shape; see the module notes for the frame.

    Attributes
    ----------
    length
        Last length from heel to toe, in mm.
    ball_width
        Width of the last's bottom across the ball, in mm.
    toe_shape
        One of ``TOE_SHAPES``.
    heel_height
        Height of the heel seat above the ball tread, in mm.
    toe_spring
        Height of the toe tip above the ball tread, in mm.
    """

    length: float
    ball_width: float
    toe_shape: str = "round"
    heel_height: float = 15.0
    toe_spring: float = 10.0

    @classmethod
    def from_dims(cls, dims, generator: str) -> Last:
        """Read and check a last from a design's values.

        Raises
        ------
        DimensionError
            When a value is missing or outside the ranges above; the message
            names the value and the accepted range.
        """
        length = dimensions.length(dims, "last_length", generator)
        ball_width = dimensions.length(dims, "ball_width", generator)
        toe_shape = dimensions.choice(dims, "toe_shape", generator, TOE_SHAPES)
        heel = dimensions.length(dims, "heel_height", generator, -1e-9)
        spring = dimensions.length(dims, "toe_spring", generator, -1e-9)
        _check_range(generator, "last_length", length, LAST_LENGTH_RANGE_MM, "mm")
        _check_range(generator, "heel_height", heel, HEEL_HEIGHT_RANGE_MM, "mm")
        _check_range(generator, "toe_spring", spring, TOE_SPRING_RANGE_MM, "mm")
        low, high = BALL_WIDTH_RATIO_RANGE
        if not low <= ball_width / length <= high:
            raise dimensions.DimensionError(
                generator,
                "ball_width",
                f"ball_width must be {low:g} to {high:g} times last_length "
                f"({low * length:.1f} to {high * length:.1f} mm), "
                f"got {ball_width:g} mm",
            )
        return cls(length, ball_width, toe_shape, heel, spring)

    @property
    def toe(self) -> ToeShape:
        return TOES[self.toe_shape]

    def fraction(self, x: np.ndarray) -> np.ndarray:
        """Convert X in mm to fractions of the length from the heel."""
        return np.asarray(x, dtype=np.float64) / self.length + 0.5

    def at(self, u: float) -> float:
        """Convert a fraction of the length from the heel to X in mm."""
        return (u - 0.5) * self.length

    def outline(self, width: float) -> Polygon:
        """Return the last's outline seen from above, scaled to ``width``.

        Parameters
        ----------
        width
            Widest point across the ball, in mm; a sole passes the ball
            width plus its welt on both sides.

        Returns
        -------
        shapely.geometry.Polygon
            Counter-clockwise outline whose bounding box is exactly
            ``[-length / 2, length / 2] x [-width / 2, width / 2]``. Both
            sides are sampled at the same X positions, which include both
            ends, so the polygon's vertices carry its extremes. It is
            cached, because a shoe's generator and its cached parts request
            the same outline, so callers share the returned polygon.
        """
        return _outline(self, width)

    def _build_outline(self, width: float) -> Polygon:
        profile = _TOE_PROFILES[self.toe_shape]
        x = profile.along * self.length
        y = profile.across * (width / profile.span)
        return Polygon(np.column_stack([x, y]))

    def bottom(self, x: np.ndarray) -> np.ndarray:
        """Height of the last's bottom above its ball tread, in mm.

        ``heel_height`` over the heel seat, falling along the shank to 0 at
        the tread, then rising as a parabola to ``toe_spring`` at the tip.
        """
        u = self.fraction(x)
        pitch = self.heel_height * (1.0 - smoothstep(HEEL_SEAT_END, TREAD, u))
        return pitch + self._spring_at(u)

    def spring(self, x: np.ndarray) -> np.ndarray:
        """Rise of the toe above the tread line, in mm; 0 behind the tread."""
        return self._spring_at(self.fraction(x))

    def _spring_at(self, u: np.ndarray) -> np.ndarray:
        rise = np.maximum((u - TREAD) / (1.0 - TREAD), 0.0)
        return self.toe_spring * rise**2

    def height(self, x: np.ndarray, toe_end: float, toe_box: float = 1.0) -> np.ndarray:
        """Height of the last's top above its bottom, in mm.

        The toe box rounds down over its last ``box_length`` of the length,
        ending at ``toe_end`` (mm, the tip of the shape being built). Its
        height is multiplied by ``toe_box``, blending in from the vamp
        (0.55 of the length) to the ball (0.75), for styles that need a
        roomier toe than the last's own.
        """
        toe = self.toe
        u = self.fraction(x)
        height = _TOE_PROFILES[self.toe_shape].height(u)
        height = height * (1.0 + (toe_box - 1.0) * smoothstep(0.55, 0.75, u))
        box = toe.box_length * self.length
        t = (np.asarray(x) - (toe_end - box)) / box
        t = np.minimum(np.maximum(t, 0.0), 1.0)
        power = toe.box_corner
        return height * self.length * (1.0 - t**power) ** (1.0 / power)

    def exponent(self, x: np.ndarray) -> np.ndarray:
        """Super-ellipse exponent of the cross-section at each X."""
        return _TOE_PROFILES[self.toe_shape].exponent(self.fraction(x))


def _check_range(
    generator: str, name: str, value: float, bounds: tuple[float, float], unit: str
) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise dimensions.DimensionError(
            generator, name, f"{name} must be {low:g} to {high:g} {unit}, got {value:g}"
        )


@bounded_cache(maxsize=8)
def _outline(last: Last, width: float) -> Polygon:
    return last._build_outline(width)
