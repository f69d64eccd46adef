"""An upper's opening, built into its lofts instead of cut out.

An upper is lofted from super-ellipse arches, one per station along the
last (``models3d.footwear.Dome``). Its opening is the region above the
collar line, seen from the side, together with a laced upper's slot along
the instep's crown. On every station that the opening crosses, the arch
has a gap between two edge angles: where the arch reaches the collar
line's height, or the slot's edges where the slot is wider. Half of the
arch's points spread from its foot to the gap's edge on one side, the
other half from the other edge down the other side. So the gap is the
strip of faces between the two middle points, and dropping that strip
from the outer and inner lofts and joining the lofts' edges with a rim
opens the upper without clipping a triangle. The closed arches next to the
gap blend their points toward that spread (``EASE_MM``), so the faces from
an open arch to a closed one do not fold. Where a laced upper's collar
opening narrows into its slot, the gap's edges turn fast round the arches,
so there the points are held back by their neighbours on the station
behind (``SHEAR_SLOPE``). Between the gap's stations the loft's quads
split along their shorter diagonals
(``models3d.footwear.split_shorter_diagonals``).

Between stations the opening's edge is straight, where a cut would follow
the collar line across each triangle, so on a collar line that bends
between stations the two differ by the bend's sagitta. The lofts whose
tops the collar line cuts therefore get more stations wherever the line
bends away from its chord by more than
``models3d.footwear.SAGITTA_MM`` (``sagitta_stations``). On the catalog's
oxfords and sneakers the edge then lies at most 0.21 mm from the lofts'
crossing with the collar line, where it lay 0.4 to 1 mm off on stations
up to 9 mm apart along the heel's sides. Points added on the edge alone
would not do: there the dip can reach the corners of the faces along the
edge and fold them over. The slot's edges are straight between stations
anyway, and its round end is drawn by ``END_ANGLES``: stations at those
angles around the end's centre, with the slot's half-width shrinking as
the cosine. The last one leaves a short straight end, a fifth of the
throat's width across.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from models3d.footwear import Dome

END_ANGLES = np.radians([0.0, 30.0, 60.0, 78.0])
"""Angles around the slot's round end's centre of the stations that draw
it, from the throat forward."""


FRONT_OFFSETS_MM = (0.05, -0.5, -2.0)
"""Offsets in mm of the stations around the front of a collar opening from
the X where the collar line meets the crown, ahead of it positive.

Just behind that point an arch cut a little below its flat crown is
already wide open, so the front edge runs nearly straight across. The
station ahead of it keeps the arch closed, and the two behind draw the
edge's turn, so no station interval cuts it off on a slant."""


COLLAR_FRONT_OFFSETS_MM = (0.05, -0.5, -1.5, -3.0, -5.0, -8.0)
"""Offsets in mm of a laced upper's stations around its collar's front,
as ``FRONT_OFFSETS_MM``.

There the collar's wide gap narrows into the slot's, and the gap's edges
turn about 45 degrees round the arch in the last 8 mm, most of it in the
last millimetre. Stations closer together toward the front keep each
interval's turn to about two of the arch's point spacings, which
``SHEAR_SLOPE`` and the loft's shorter diagonals then absorb. Each loft
takes its own front's stations and the other's first one, but a lining
whose front the slot runs through leaves out its own first one
(``models3d.footwear.upper_shape``)."""


COLLAR_BACK_OFFSETS_MM = (-3.0, -1.5, -0.05, 0.5, 1.5, 3.0, 5.0, 8.0)
"""Offsets in mm, ahead of it positive, of a loft's stations around the
back of its collar opening, where a collar line that passes above the
loft's crown at the heel comes down through it.

There the gap opens from nothing, and its edges turn round the arch as
fast as at a laced upper's collar front, the other way. So the stations
from the one just behind mirror ``COLLAR_FRONT_OFFSETS_MM``: that one
keeps the arch closed, and those ahead draw the edges' turn. The line
comes down through the rise out of the lining's dip
(``models3d.footwear.LINING_DIP_MM``), and the two stations further
behind draw the rise's lower half; without them the lining's faces
there folded by up to 22 degrees."""


BACK_SPLIT_MM = 16.0
"""Distance in mm from the start of a gap that opens at the heel over
which the loft's quads split along their shorter diagonals.

The gap's edges turn fastest over the stations of
``COLLAR_BACK_OFFSETS_MM``, but still by about a point spacing per
station over the next two. Split as the loft splits them, the faces
there folded by up to 20 degrees."""


STATION_CLEARANCE_MM = 1.0
"""Distance in mm within which a loft's own stations around its collar's
front take the place of the stations spaced along the last. A station a
tenth of a millimetre from them joins two arches whose gap edges differ by
a point spacing or more, and its faces fold however they are split."""


SHEAR_SLOPE = np.radians(0.5)
"""Angle in radians per mm of X by which a laced upper's arch points may
pass the angle of their neighbour on the station behind, toward the
crown, where the collar's gap narrows into the slot's.

Each arch spreads its points evenly from its foot to the gap's edge, so
where the edge turns fast round the arch every point turns with it.
Between stations a millimetre apart the faces then shear along the arch
and fold. Held back to their neighbour's angle, the points move at most
one spacing per station there, plus this slope on longer intervals."""


EASE_MM = 12.0
"""Distance in mm from a gap's end over which the closed arches' points
move from the gap's edge angles back to their own.

An arch just past a wide gap's end spreads its points evenly round its
crown, but the gap's last arch spreads them only up to the gap's edges.
Joined point to point, the faces between the two shear along the arch and
fold across its curve, and the preview shades the folds as a line of
creases from the gap's corner down the side. 12 mm spreads the shift over
four of the boot's shin stations (``models3d.boot.SHIN_STEP_MM``), and
ahead of the boot's opening neighbouring faces then turn by at most 12
degrees across the catalog's sizes and shaft heights."""


class OpeningDoesNotFit(ValueError):
    """An opening that the lofts' points cannot follow, such as a collar
    line that leaves the upper and enters it again, or a slot wider than
    the arch it runs along."""


@dataclass(frozen=True)
class Slot:
    """A lacing slot centred on the instep's crown.

    Attributes
    ----------
    start, throat
        X in mm where the slot starts and where its round end is centred.
    width
        Half-widths in mm at the start and at the throat, which is also the
        round end's radius. The half-width changes linearly between them.
    """

    start: float
    throat: float
    width: tuple[float, float]

    def stations(self) -> tuple[float, ...]:
        """Return the loft stations (mm) the slot needs: its start and the
        stations that draw its round end."""
        end = self.throat + self.width[1] * np.sin(END_ANGLES)
        return (self.start, *end.tolist())

    @property
    def end(self) -> float:
        """X in mm of the slot's straight end, its frontmost station."""
        return self.throat + self.width[1] * float(np.sin(END_ANGLES[-1]))

    def half_width(self, x: np.ndarray) -> np.ndarray:
        """Return the slot's half-width in mm at each X from its start to
        its end."""
        x = np.asarray(x, dtype=np.float64)
        start, throat = self.width
        t = np.clip((x - self.start) / (self.throat - self.start), 0.0, 1.0)
        taper = start + t * (throat - start)
        # Past the throat the end's circle: a station at sin(angle) * radius
        # ahead of the centre is cos(angle) * radius wide.
        ahead = np.clip((x - self.throat) / throat, 0.0, 1.0)
        return np.where(x > self.throat, throat * np.sqrt(1.0 - ahead**2), taper)


def front_stations(
    x: np.ndarray,
    clearance: np.ndarray,
    offsets: tuple[float, ...] = FRONT_OFFSETS_MM,
) -> tuple[float, ...]:
    """Return the stations (mm) around the front of a collar opening.

    ``clearance`` is the collar line's height less the crown's at each of
    ``x``, increasing in X. The front is the first X where it turns from
    negative to zero or more, found straight between the samples. The
    stations lie ``offsets`` (mm) from it, and without such an X there
    are none.
    """
    turns = np.flatnonzero((clearance[:-1] < 0.0) & (clearance[1:] >= 0.0))
    if len(turns) == 0:
        return ()
    i = turns[0]
    t = -clearance[i] / (clearance[i + 1] - clearance[i])
    front = x[i] + t * (x[i + 1] - x[i])
    return tuple(float(front + offset) for offset in offsets)


def back_stations(
    x: np.ndarray,
    clearance: np.ndarray,
    offsets: tuple[float, ...] = COLLAR_BACK_OFFSETS_MM,
) -> tuple[float, ...]:
    """Return the stations (mm) around the back of a collar opening.

    ``clearance`` is the collar line's height less the crown's at each of
    ``x``, increasing in X, as ``front_stations`` takes it. The back is the
    first X where it turns from positive to zero or less: where the line
    comes down into the loft. Without such an X there are none.
    """
    return front_stations(x, -clearance, offsets)


def edge_angles(
    middle: np.ndarray,
    half: np.ndarray,
    exponent: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Return the arch angles at which super-ellipse arches reach two Y
    values.

    Parameters
    ----------
    middle, half, exponent
        (n,) each arch's middle and half-width in Y (mm) and its exponent,
        as ``models3d.footwear.arch`` draws it without flare.
    edges
        (n,) Y in mm of the slot's edge on the high side (toward +Y) and on
        the low side, inside each arch.

    Returns
    -------
    tuple of numpy.ndarray
        The angles of the high and the low edge, below and above pi / 2.

    Raises
    ------
    OpeningDoesNotFit
        When an edge lies outside its arch.
    """
    high = (edges[0] - middle) / half
    low = (middle - edges[1]) / half
    reach = np.concatenate([high, low])
    if np.any(reach <= 0.0) or np.any(reach >= 1.0):
        raise OpeningDoesNotFit("the slot's edges do not lie inside the arches")
    # y = middle + half * cos(theta) ** (2 / exponent) on the high side.
    power = exponent / 2.0
    return np.arccos(high**power), np.pi - np.arccos(low**power)


def opening_theta(
    dome: Dome,
    crown: np.ndarray,
    collar: np.ndarray | None,
    slot: Slot | None,
    theta: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Return a loft's arch angles with the opening's gap in every arch it
    crosses.

    Parameters
    ----------
    dome
        The loft: its stations' X, arch spans, bases, heights and exponents.
    crown
        (stations,) Y in mm of the slot's centre line at each station: the
        outer loft's crown, on the inner loft too. Past the throat the
        slot's round end keeps the crown's Y at the throat.
    collar
        (stations,) Z in mm of the collar line at each station, or
        ``None`` for an upper without one.
    slot
        The lacing slot, or ``None``.
    theta
        (stations, points) the loft's angles without the opening, an even
        number of points per arch from its foot on the high side to its
        foot on the low side. They are not changed.

    Returns
    -------
    tuple of numpy.ndarray
        The new angles, with the closed arches within ``EASE_MM`` of the
        gap eased toward its edges and, with a slot, the points up to its
        throat held back by ``SHEAR_SLOPE``, and the indices of the
        stations the opening crosses, which follow each other.

    Raises
    ------
    OpeningDoesNotFit
        When the opening crosses stations with a gap between them, reaches
        an arch's foot, misses a station the slot needs, or its slot's
        edges lie outside an arch.
    """
    count, points = theta.shape
    high_edge = np.full(count, np.inf)
    low_edge = np.full(count, -np.inf)
    if collar is not None:
        rise = (collar - dome.base) / dome.height
        under = rise < 1.0
        angle = np.arcsin(
            np.clip(rise[under], 0.0, 1.0) ** (dome.exponent[under] / 2.0)
        )
        high_edge[under] = angle
        low_edge[under] = np.pi - angle
    if slot is not None:
        rows = np.flatnonzero((dome.x >= slot.start) & (dome.x <= slot.end))
        ends = dome.x[rows[[0, -1]]] if len(rows) > 1 else None
        if ends is None or ends[0] != slot.start or ends[1] != slot.end:
            raise OpeningDoesNotFit(
                "the loft has no station at the slot's start or end"
            )
        half_width = slot.half_width(dome.x[rows])
        # The round end is a circle about the crown at the throat, as the
        # slot's cutter draws it. Centred on the crown at each of its
        # stations, it followed the crown's drift toward the big toe, a
        # few tenths of a millimetre, and bent into a hook.
        centre = np.where(
            dome.x[rows] > slot.throat,
            np.interp(slot.throat, dome.x, crown),
            crown[rows],
        )
        edges = edge_angles(
            (dome.low[rows] + dome.high[rows]) / 2.0,
            (dome.high[rows] - dome.low[rows]) / 2.0,
            dome.exponent[rows],
            (centre + half_width, centre - half_width),
        )
        high_edge[rows] = np.minimum(high_edge[rows], edges[0])
        low_edge[rows] = np.maximum(low_edge[rows], edges[1])
    rows = np.flatnonzero(np.isfinite(high_edge))
    if len(rows) == 0:
        return theta, rows
    if np.any(np.diff(rows) != 1):
        raise OpeningDoesNotFit("the opening crosses the loft in more than one piece")
    start, end = theta[rows, 0], theta[rows, -1]
    if np.any(high_edge[rows] <= start) or np.any(low_edge[rows] >= end):
        raise OpeningDoesNotFit("the opening reaches the foot of an arch")
    eased = _eased_split(dome.x, theta, rows, high_edge, low_edge)
    sheared = held_rows(dome.x, rows, slot)
    if len(sheared) > 1:
        eased[sheared] = _held_back(dome.x[sheared], eased[sheared])
    return eased, rows


def held_rows(x: np.ndarray, rows: np.ndarray, slot: Slot | None) -> np.ndarray:
    """Return the gap stations among ``rows`` whose points ``opening_theta``
    holds back by ``SHEAR_SLOPE``: those from the slot's start to its
    throat, where the collar's gap narrows into the slot's, and none
    without a slot."""
    if slot is None:
        return rows[:0]
    return rows[(x[rows] >= slot.start) & (x[rows] <= slot.throat)]


def split_rows(x: np.ndarray, rows: np.ndarray, slot: Slot | None) -> np.ndarray:
    """Return the stations from which to the next a loft's quads split
    along their shorter diagonals, where its gap's edges turn fast round
    the arches.

    Those are the stations that ``held_rows`` returns, but their last. A
    gap can also open ahead of the loft's first station, where the collar
    line comes down into the loft at the heel. Then the closed station
    behind the gap and the gap's stations within ``BACK_SPLIT_MM`` of its
    start are split too. ``x`` are the loft's stations in mm and ``rows``
    the gap's.
    """
    narrowing = held_rows(x, rows, slot)[:-1]
    if len(rows) == 0 or rows[0] == 0:
        return narrowing
    within = rows[x[rows] <= x[rows[0]] + BACK_SPLIT_MM]
    opening = np.arange(rows[0] - 1, min(within[-1] + 1, len(x) - 1))
    return np.union1d(narrowing, opening)


def _eased_split(
    x: np.ndarray,
    theta: np.ndarray,
    rows: np.ndarray,
    high_edge: np.ndarray,
    low_edge: np.ndarray,
) -> np.ndarray:
    """Return ``theta`` split at the gap's edge angles on the stations
    ``rows`` and eased toward them on the closed stations within
    ``EASE_MM`` of the gap.

    A gap station's arch takes half of its points evenly from its foot to
    its high edge and the other half from its low edge to its other foot. A
    closed station's arch blends its own angles with that split at the
    nearest gap station's edges, by a weight that falls from 1 at the gap
    to 0 at ``EASE_MM`` along a smooth step. Both spreads increase along
    the arch, so the blend does too, and its two middle points stay either
    side of the crown.
    """
    # The stations increase in X, so those within reach are one run.
    near = np.flatnonzero((x > x[rows[0]] - EASE_MM) & (x < x[rows[-1]] + EASE_MM))
    nearest = np.clip(near, rows[0], rows[-1])
    own = theta[near]
    start, end = own[:, 0], own[:, -1]
    high, low = high_edge[nearest], low_edge[nearest]
    t = np.abs(x[near] - x[nearest]) / EASE_MM
    # Where a gap's edge lies beyond a closed arch's foot, the split runs
    # backward, so that arch keeps its own angles.
    fits = (start < high) & (end > low)
    weight = ((1.0 - t * t * (3.0 - 2.0 * t)) * fits)[:, None]
    # A weight of exactly 1 or 0 gives the split or the arch's own angles
    # exactly.
    split = _split(start, high, low, end, theta.shape[1])
    eased = theta.copy()
    eased[near] = weight * split + (1.0 - weight) * own
    return eased


def _held_back(x: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Return gap arches' angles with each point held back toward the
    crown by its neighbour on the station behind.

    ``x`` (n,) are consecutive gap stations in mm and ``theta`` (n, points)
    their angles, split at the gap's edges. Going forward, a point on the
    low side (above pi / 2) keeps at least the angle of the point before
    it on the station behind, less ``SHEAR_SLOPE`` times the stations'
    distance. A point on the high side keeps at most the angle of the
    point after it, plus as much. The feet and the gap's edges keep their
    angles.
    """
    rows, half = len(x), theta.shape[1] // 2
    slope = SHEAR_SLOPE * x[:, None]
    # Each side from its edge to the point before its foot, the high side
    # negated so that its bound is a lower one too. With the slope added,
    # a point's bound is its diagonal neighbour behind, so unrolled each
    # point is the maximum along the diagonal that ends at it.
    columns = half - 1
    sides, running = _diagonal_layout(rows, columns)
    np.add(theta[:, half:-1], slope, out=sides[0])
    np.subtract(slope, theta[:, half - 1 : 0 : -1], out=sides[1])
    np.maximum.accumulate(running, axis=1, out=running)
    held = theta.copy()
    np.subtract(sides[0, :, 1:], slope, out=held[:, half + 1 : -1])
    np.subtract(slope, sides[1, :, 1:], out=held[:, half - 2 : 0 : -1])
    return held


def _diagonal_layout(rows: int, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Return two views of one new array of -inf: (2, rows, columns)
    blocks, and (2, rows, width) lines along which each block's diagonals
    run down the rows, one column each.

    A running maximum of the lines down their rows is then each block
    entry's maximum along the diagonal up and to the left of it.
    """
    # Rows stored ``width`` apart and read ``width + 1`` apart shift each
    # row r left by r, which lines the diagonals up in columns.
    width = columns + 2 * rows - 2
    flat = np.full((2, rows * (width + 1)), -np.inf)
    stored = flat[:, : rows * width].reshape(2, rows, width)
    return stored[:, :, rows - 1 : rows - 1 + columns], flat.reshape(2, rows, -1)


@functools.cache
def _fractions(points: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the fractions of its run at which ``_split`` puts each half's
    points, for arches of ``points`` points."""
    half = points // 2
    rise = np.arange(half) / (half - 1)
    fall = np.arange(points - half) / (points - half - 1)
    rise.flags.writeable = fall.flags.writeable = False
    return rise, fall


def _split(
    start: np.ndarray,
    high: np.ndarray,
    low: np.ndarray,
    end: np.ndarray,
    points: int,
) -> np.ndarray:
    """Return (n, points) arch angles with half of each arch's points evenly
    from ``start`` to ``high`` and the rest evenly from ``low`` to ``end``,
    each (n,).

    These are the values of two ``numpy.linspace`` calls, which took about
    three times as long for the boot's 34 gap arches (numpy 2.4).
    """
    half = points // 2
    rise, fall = _fractions(points)
    start, high, low, end = (angle[:, None] for angle in (start, high, low, end))
    angles = np.empty((len(start), points))
    angles[:, :half] = start + (high - start) * rise
    angles[:, half:] = low + (end - low) * fall
    # The last point of each run exactly, as numpy.linspace gives it.
    angles[:, half - 1 : half] = high
    angles[:, -1:] = end
    return angles


def zipper(
    first: np.ndarray, first_x: np.ndarray, second: np.ndarray, second_x: np.ndarray
) -> np.ndarray:
    """Triangulate the band between two polylines that run the same way in X.

    ``first`` and ``second`` are vertex indices with their X (mm), each in
    increasing order. Each triangle advances one of the polylines by one
    vertex, the one whose next X comes first, so the band starts across the
    two first vertices and ends across the two last.

    Returns
    -------
    numpy.ndarray
        (len(first) + len(second) - 2, 3) faces, each running from the
        first polyline to the second.
    """
    steps = np.concatenate([first_x[1:], second_x[1:]])
    order = np.argsort(steps, kind="stable")
    on_first = order < len(first) - 1
    at_first = np.cumsum(on_first)
    at_second = np.cumsum(~on_first)
    # Before each step the band's edge runs from first[at_first - on_first]
    # to second[at_second - ~on_first].
    before_first = at_first - on_first
    before_second = at_second - ~on_first
    return np.where(
        on_first[:, None],
        np.column_stack([first[before_first], first[at_first], second[before_second]]),
        np.column_stack(
            [first[before_first], second[at_second], second[before_second]]
        ),
    )


END_TRIANGLES = {
    4: np.array([[0, 1, 2], [0, 2, 3]]),
    6: np.array([[0, 1, 5], [1, 4, 5], [1, 2, 4], [2, 3, 4]]),
}
"""Triangles of the rim's end by its number of corners, which run around
it: the quadrilateral and the hexagon that takes in a ladder's first step."""


def rim(
    faces: np.ndarray,
    outer: tuple[np.ndarray, np.ndarray],
    inner: tuple[np.ndarray, np.ndarray],
    size: int,
) -> np.ndarray:
    """Return the rim that joins the outer and inner lofts' edges around the
    opening.

    Parameters
    ----------
    faces
        The lofts' faces along the gaps' edges, wound outward, which the
        rim's winding follows.
    outer, inner
        Each loft's first vertex index of every station's arch that the
        opening crosses, and those stations' X in mm.
    size
        Points in each arch.

    Returns
    -------
    numpy.ndarray
        The rim's faces: a band along each side of the opening and a
        quadrilateral across each end. Where the outer loft's gap reaches
        past the inner's, as where the collar line passes between the two
        crowns at the heel, the outer gap's two edges are joined straight
        across, station by station, by a ladder, whose step next to the
        inner gap's end takes in that end as a hexagon.
    """
    (outer_rows, outer_x), (inner_rows, inner_x) = outer, inner
    middle = size // 2
    high, low = outer_rows + middle - 1, outer_rows + middle
    # The outer stations the bands start and end at: the last one behind
    # the inner gap's start and the first one ahead of its end.
    first = max(int(np.searchsorted(outer_x, inner_x[0], side="right")) - 1, 0)
    last = min(
        int(np.searchsorted(outer_x, inner_x[-1], side="left")), len(outer_x) - 1
    )
    if last - first < 1:
        raise OpeningDoesNotFit("the inner gap lies within one outer station")
    along = slice(first, last + 1)
    pieces = []
    # Each piece is wound by an edge it shares with a loft. A band runs
    # along the outer loft's edge from one station to the next, and a
    # quadrilateral across the inner gap's end from its low side's point to
    # its high side's. A ladder runs back along the outer gap's high edge.
    for edge in (high, low):
        band = zipper(
            edge[along], outer_x[along], edge[0] - outer_rows[0] + inner_rows, inner_x
        )
        pieces.append((band, edge[first], edge[first + 1]))
    ladders = []
    for outer_end, inner_end, step in ((first, 0, -1), (last, -1, 1)):
        # The inner gap's end, an edge of the inner loft, runs from its
        # high side's point to its low side's.
        inner_high = inner_rows[inner_end] + middle - 1
        corners = [high[outer_end], inner_high, inner_high + 1, low[outer_end]]
        # The outer stations from this end outward, where a ladder goes on
        # while the outer gap reaches past the inner's.
        rows = np.arange(outer_end, -1 if step < 0 else len(outer_x), step)
        if len(rows) > 1 and np.isclose(outer_x[outer_end], inner_x[inner_end]):
            # Both gaps end on this station, so all four points lie on the
            # collar line there, on one line across. The end and the
            # ladder's first step are one hexagon instead.
            corners += [low[rows[1]], high[rows[1]]]
            rows = rows[1:]
        piece = np.array(corners)[END_TRIANGLES[len(corners)]]
        pieces.append((piece, inner_high, inner_high + 1))
        ladders.append(rows)
    for rows in ladders:
        if len(rows) < 2:
            continue
        # Across the outer gap, from its high edge to its low one.
        ladder = np.concatenate(
            [
                np.column_stack([high[rows[:-1]], low[rows[:-1]], low[rows[1:]]]),
                np.column_stack([high[rows[:-1]], low[rows[1:]], high[rows[1:]]]),
            ]
        )
        pieces.append((ladder, high[rows[1]], high[rows[0]]))
    following = np.roll(faces, -1, axis=1)
    wound = []
    for piece, start, end in pieces:
        # A closed mesh's faces run along a shared edge in opposite ways.
        same_way = np.any((faces == start) & (following == end))
        wound.append(piece[:, ::-1] if same_way else piece)
    return np.concatenate(wound)
