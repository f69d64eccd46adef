"""Building blocks shared by the shoes: soles, uppers, tongues and laces.

Every shoe is built in the last's frame (see ``models3d.last``) with its
sole on Z = 0. The foot bed, the sole's upper face, is ``forefoot`` mm above the
last's bottom curve, so it sits ``forefoot`` above the tread and
``forefoot + heel_height`` above the floor at the heel.

An upper is a shell lofted over the last: super-ellipse arches on a flat
base, one per station along X. Its inside is the same loft shrunk by the
wall thickness. The two lofts are joined by a floor between their base
edges, and the collar line and the lacing slot are cut out of the shell.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
import trimesh
from shapely.geometry import Polygon

from models3d.caching import MeshArrays, bounded_cache
from models3d.clipping import (
    AboveLine,
    AbovePlan,
    Tool,
    UnsupportedCut,
    check_closed,
    cut,
)
from models3d.last import HEEL_BREAST, Last, smooth, smoothstep
from models3d.meshing import (
    any_corner,
    bridge_rings,
    concatenate,
    edge_ring,
    gradient,
    interp_rows,
    loft,
    loft_arrays,
    prism,
    rows_where,
    turned,
)
from models3d.opening import (
    COLLAR_FRONT_OFFSETS_MM,
    STATION_CLEARANCE_MM,
    OpeningDoesNotFit,
    Slot,
    back_stations,
    front_stations,
    opening_theta,
    rim,
    split_rows,
)
from models3d.parts import Part
from models3d.solids import subtract
from models3d.sweep import band_loft, band_loft_arrays, tubes

logger = logging.getLogger(__name__)

OVERLAP_MM = 1.0
"""Depth of an upper's lower edge inside the sole, so their union is clean."""

SEAM_MM = 0.3
"""Depth by which a tongue or lace is set into the leather it is sewn to."""

END_HALF_WIDTH_MM = 0.01
"""Half-width given to a sole's pointed ends, so no face has zero area."""

HEELED_SOLE_BEVEL_MM = 1.0
"""Chamfer along the bottom edge of a sole with a heel."""

HEEL_BREAST_RUN_MM = 0.05
"""X distance over which the heel breast rises, short enough to look vertical."""

STATIONS = 48
"""Cross-sections along each upper loft."""

SECTION_POINTS = 40
"""Points around each upper cross-section."""

ARCH_THETA = np.linspace(0.0, np.pi, SECTION_POINTS - 4)
"""Angles of an upper section's arch points; the last four close its floor."""

# The sine and cosine terms of ``arch`` at ``ARCH_THETA``, worked out once
# for ``Dome._arch_terms``.
_ARCH_ABS_SIN = np.abs(np.sin(ARCH_THETA))
_ARCH_SIGN_COS = np.sign(np.cos(ARCH_THETA))
_ARCH_ABS_COS = np.abs(np.cos(ARCH_THETA))

TONGUE_MARGIN_MM = 14.0
"""How far the tongue reaches under the facings beyond the slot's widest
point."""

TONGUE_SHARE = 0.6
"""Largest fraction of the upper's half-width the tongue covers, so on
small sizes it stays on the instep instead of running down the sides."""

FACING_SHARE = 0.65
"""Largest fraction of the upper's half-width a facing reaches from the
instep's crown."""

LACE_RADIUS_MM = 1.4
"""Radius of a lace bar."""

OVERLAY_MM = 1.5
"""Thickness of a facing or toe cap laid over the upper."""

CUTTING_LOSS = {
    "calf_leather": 0.15,
    "suede": 0.15,
    "canvas": 0.08,
    "mesh": 0.02,
    "elastic": 0.05,
}
"""Fraction of material lost between cut pieces. Cutting loss runs from 2 %
for mesh to 15 % for leather (sneakerfactory.net, "Cutting loss"). The
canvas and elastic values are estimates between the two."""


@dataclass(frozen=True)
class UpperStyle:
    """The features of an upper that differ between styles: its opening, its
    lacing and the room in its toe box.

    Attributes
    ----------
    at, height
        Knots of the collar's top line: fractions of the last length from
        the heel, and heights above the foot bed as fractions of the length.
        The line must end above the upper so the opening closes there.
        Empty for an upper that a boot's shaft opens instead.
    slot
        ``(start, throat)`` fractions of the length between which the
        lacing slot runs, or ``None`` for a shoe without laces.
    slot_width
        Half-widths of the slot at its start and at the throat, in mm.
    facing_width
        Width of each lacing facing beside the slot, in mm.
    eyelet_inset
        Distance of the eyelets from the slot's edges, in mm.
    lace_from
        Fraction of the length of the rearmost lace bar.
    lace_pairs
        Number of lace bars, evenly spaced from ``lace_from`` to just
        behind the throat.
    tongue_rise_deg
        Angle to the floor at which the tongue's top rises out of the shoe.
    tongue_length
        Length of that rising top, as a fraction of the last length.
    toe_box
        Factor on the last's height over the toe box; see ``Last.height``.
    """

    at: tuple[float, ...]
    height: tuple[float, ...]
    slot: tuple[float, float] | None = None
    slot_width: tuple[float, float] = (8.0, 2.0)
    facing_width: float = 14.0
    eyelet_inset: float = 7.0
    lace_from: float = 0.37
    lace_pairs: int = 5
    tongue_rise_deg: float = 35.0
    tongue_length: float = 0.09
    toe_box: float = 1.0


def span_at(outline: Polygon, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the lowest and highest Y of the outline on each line X = x."""
    return _ring_span_at(shapely.get_coordinates(outline.exterior), x)


def _ring_span_at(ring: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``span_at`` for a closed ring of (k, 2) points."""
    x = np.asarray(x, dtype=np.float64)
    start_x, start_y = ring[:-1, 0], ring[:-1, 1]
    end_x, end_y = ring[1:, 0], ring[1:, 1]
    low_x = np.minimum(start_x, end_x)
    high_x = np.maximum(start_x, end_x)
    sloped = np.flatnonzero(high_x > low_x)
    # Pair each sloped edge with every line X = x between its ends.
    order = np.argsort(x, kind="stable")
    first = np.searchsorted(x[order], low_x[sloped], side="left")
    counts = np.searchsorted(x[order], high_x[sloped], side="right") - first
    edge = np.repeat(sloped, counts)
    # Pair k of an edge is pair ends - counts + k of all the pairs, and its
    # line is the one at sorted position first + k.
    ends = np.cumsum(counts)
    line = order[np.arange(counts.sum()) + np.repeat(first - ends + counts, counts)]
    t = (x[line] - start_x[edge]) / (end_x - start_x)[edge]
    y = start_y[edge] + t * (end_y - start_y)[edge]
    low = np.full(len(x), np.inf)
    high = np.full(len(x), -np.inf)
    np.minimum.at(low, line, y)
    np.maximum.at(high, line, y)
    return low, high


def side_prism(points: np.ndarray, half_width: float) -> trimesh.Trimesh:
    """Extrude a side-view polygon across the shoe.

    Parameters
    ----------
    points
        (k, 2) polygon in the (X, Z) plane, in mm, either winding.
    half_width
        The prism spans Y from -half_width to +half_width.
    """
    vertices, faces = prism(points, 2.0 * half_width)
    # Stand the drawing upright: its Y becomes Z and the extrusion runs along
    # Y, (u, v, w) -> (u, half_width - w, v). That is a proper rotation, so
    # the winding stays outward.
    upright = np.column_stack(
        [vertices[:, 0], half_width - vertices[:, 2], vertices[:, 1]]
    )
    return trimesh.Trimesh(upright, faces, process=False)


STATION_GAP_MM = 1e-3
"""Stations of a sole closer than this in X are one station.

A buffered outline can end in two points 3e-5 mm apart in X and 0.02 mm
apart in Y, and its end point is then widened to ``END_HALF_WIDTH_MM``
about its own middle. The faces between the two stations stood almost
square to X, and on the midsoles of round toes two of them folded back
onto the end cap by 178 to 180 degrees."""


def sole_sections(
    outline: Polygon,
    under: Callable[[np.ndarray], np.ndarray],
    over: Callable[[np.ndarray], np.ndarray],
    extra_x: Sequence[float] = (),
    bevel: float = 0.0,
) -> np.ndarray:
    """Return the cross-sections of a sole, the outline filled from
    ``under(x)`` to ``over(x)``, for ``models3d.meshing.loft``.

    Stations sit at the outline's vertices, so the sole's plan is exactly
    the outline and its extents are the outline's bounds. ``extra_x`` adds
    stations, for example either side of a step in ``under``. ``bevel``
    (mm) cuts the bottom edge at 45 degrees, less where the sole is too
    narrow or thin for it.

    Returns
    -------
    numpy.ndarray
        (stations, 6, 3) points (X, Y, Z) in mm. Each section runs (low +
        cut, bottom), (high - cut, bottom), (high, bottom + cut), (high,
        top), (low, top) and (low, bottom + cut) in (Y, Z), so points 3
        and 4 are its top edge. Without a bevel each section has only its
        four corners, (low, bottom), (high, bottom), (high, top) and (low,
        top), its top edge points 2 and 3, because the cut's points would
        repeat corners and the loft would get triangles of no area.
    """
    ring = shapely.get_coordinates(outline.exterior)
    extra = np.asarray(extra_x, dtype=np.float64)
    x = np.unique(ring[:, 0])
    # Outline points a rounding error apart in X give one station, since
    # two would be joined by faces without area or folded, and an extra
    # station takes the place of outline points that close to it. Of
    # each group the last station stays, but the first one at the back
    # end, so the sole keeps the outline's bounds.
    keep = np.diff(x, append=np.inf) > STATION_GAP_MM
    if not keep[0]:
        keep[np.argmax(keep)] = False
        keep[0] = True
    x = x[keep]
    if len(extra):
        near = np.abs(x[:, None] - extra[None, :]).min(axis=1) <= STATION_GAP_MM
        x = np.unique(np.concatenate([x[~near], extra]))
    low, high = _ring_span_at(ring, x)
    pointed = (high - low) < 2.0 * END_HALF_WIDTH_MM
    middle = (low + high) / 2.0
    low = np.where(pointed, middle - END_HALF_WIDTH_MM, low)
    high = np.where(pointed, middle + END_HALF_WIDTH_MM, high)
    bottom, top = under(x), over(x)
    cut = np.minimum(bevel, 0.4 * np.minimum(high - low, top - bottom))
    sections = np.empty((len(x), 6, 3))
    sections[:, :, 0] = x[:, None]
    sections[:, :, 1] = np.column_stack([low + cut, high - cut, high, high, low, low])
    sections[:, :, 2] = np.column_stack(
        [bottom, bottom, bottom + cut, top, top, bottom + cut]
    )
    if bevel <= 0.0:
        return sections[:, [0, 1, 3, 4]]
    return sections


def heeled_sole(outline: Polygon, last: Last, forefoot: float) -> trimesh.Trimesh:
    """Build a sole with a heel block, a lifted waist and a sprung toe.

    The underside is flat under the heel, steps up at the heel breast to
    follow the shank, and rises with the toe spring. From the breast
    forward the sole is ``forefoot`` mm thick.
    """
    return trimesh.Trimesh(*heeled_sole_arrays(outline, last, forefoot), process=False)


def heeled_sole_arrays(
    outline: Polygon, last: Last, forefoot: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of ``heeled_sole`` without making a
    mesh."""
    breast = last.at(HEEL_BREAST)

    def under(x: np.ndarray) -> np.ndarray:
        return np.where(x <= breast, 0.0, last.bottom(x))

    def over(x: np.ndarray) -> np.ndarray:
        return forefoot + last.bottom(x)

    extra = (breast, breast + HEEL_BREAST_RUN_MM)
    sections = sole_sections(outline, under, over, extra, HEELED_SOLE_BEVEL_MM)
    # As ``sole_loft`` winds them, the faces face outward.
    return loft_arrays(sections, wound_outward=True)


def sole_loft(sections: np.ndarray) -> trimesh.Trimesh:
    """Loft ``sole_sections``' sections into a closed mesh, as
    ``models3d.meshing.loft`` does.

    Each section runs counter-clockwise seen from +X, forward along its
    bottom, and the stations run toward +X, so the loft's faces as wound
    face outward and need no volume to check them.
    """
    vertices, faces = loft_arrays(sections, wound_outward=True)
    return trimesh.Trimesh(vertices, faces, process=False)


PLAN_TURN_DEG = 16.0
"""Largest angle in degrees by which a loft's plan may turn from one
station's interval to the next before ``dome`` splits the two intervals.

The stations close in toward the ends along a cosine, which follows a
round or almond toe: on the catalog's shortest and longest lasts, in the
narrowest and widest fittings, the plan turns by 15 degrees per station
at most. A square toe turns through its corners over a few millimetres,
by up to 29 degrees per station, and the upper's walls folded there by
up to 40 degrees."""

_PLAN_TURN = float(np.radians(PLAN_TURN_DEG))


def _split_at_turns(
    plan: Polygon, x: np.ndarray, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return stations ``x`` (mm) and the plan's Y spans ``low`` and
    ``high`` there, with intervals split where the plan turns fast.

    Where the plan turns by more than ``PLAN_TURN_DEG`` at a station, the
    intervals on either side are split into equal parts, as many as the
    turn is that angle's multiple, rounded up."""
    step = x[1:] - x[:-1]
    sides = np.stack([high, low])
    # X increases, so each side's heading over an interval is the arc
    # tangent of its slope.
    heading = np.arctan((sides[:, 1:] - sides[:, :-1]) / step)
    turn = np.abs(heading[:, 1:] - heading[:, :-1]).max(axis=0)
    if turn.max() <= _PLAN_TURN:
        return x, low, high
    # An interval takes the larger turn at its two ends.
    ends = np.concatenate([[0.0], turn, [0.0]])
    parts = np.ceil(np.maximum(ends[:-1], ends[1:]) / _PLAN_TURN).astype(np.int64)
    parts = np.maximum(parts, 1)
    # Each interval's start repeated once per part, moved on by its share.
    start = np.repeat(np.arange(len(step)), parts)
    share = np.arange(len(start)) - np.repeat(np.cumsum(parts) - parts, parts)
    split = np.append(x[start] + step[start] * share / parts[start], x[-1])
    return (split, *span_at(plan, split))


HEEL_END_SHARES = np.array([1.0 / 36.0, 1.0 / 4.0])
"""Distances of a loft's first two stations from the plan's back end, as
fractions of the distance of the station after them.

They are the squares of a sixth and a half, because a round end's
half-width grows as the square root of the distance from it, so the
three stations split its turn into even steps. Across the catalog's
sizes and fittings the loft's flat back end is then 0.5 to 1 mm wide,
and the faces beside it turn by at most 5 degrees. With one station 0.1
mm from the end instead, where the cosine spacing puts it, the flat end
was 3.9 to 6 mm wide. The faces beside it turned by 6 to 13 degrees, so
the heel showed a flat strip down its centre back."""


def stations(plan: Polygon, count: int = STATIONS) -> np.ndarray:
    """Return X positions for loft sections, closer together near the ends,
    with the first ones at ``HEEL_END_SHARES`` round the heel."""
    low, _, high, _ = plan.bounds
    inset = 0.02 * (high - low) / count
    x = low + inset + _station_shares(count) * (high - low - 2.0 * inset)
    return np.concatenate([low + (x[1] - low) * HEEL_END_SHARES, x[1:]])


@functools.cache
def _station_shares(count: int) -> np.ndarray:
    """Return ``stations``' fractions of the span, from 0 to 1 along a
    cosine, read-only."""
    shares = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, count))
    shares.flags.writeable = False
    return shares


def arch(
    low: float,
    high: float,
    base: float,
    height: float,
    exponent: float,
    theta: np.ndarray,
    flare: float | np.ndarray = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the (Y, Z) points of a super-ellipse arch at angles ``theta``.

    The arch spans Y from ``low`` to ``high`` at Z = ``base`` (theta 0 and
    pi) and rises ``height`` above it (theta pi / 2). ``flare`` widens it
    upward: at a fraction f of the height its width grows by a factor
    ``1 + flare * f``.
    """
    cos, sin = np.cos(theta), np.sin(theta)
    power = 2.0 / exponent
    rise = np.abs(sin) ** power
    across = np.sign(cos) * np.abs(cos) ** power
    return _arch_points(low, high, base, height, rise, across, flare)


def _arch_points(
    low: float | np.ndarray,
    high: float | np.ndarray,
    base: float | np.ndarray,
    height: float | np.ndarray,
    rise: np.ndarray,
    across: np.ndarray,
    flare: float | np.ndarray = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``arch``'s points from the two terms that its angles and
    exponents give: ``rise``, |sin| to the power 2 / exponent, and
    ``across``, |cos| to that power with the sign of cos."""
    half, middle = (high - low) / 2.0, (high + low) / 2.0
    if np.ndim(flare) == 0 and flare == 0.0:
        # 1 + 0 * rise is exactly 1, so the width needs no factor.
        y = middle + half * across
    else:
        y = middle + half * (1.0 + flare * rise) * across
    z = base + height * rise
    return y, z


@dataclass(frozen=True)
class Dome:
    """An upper's outer or inner surface: one arch per station.

    Arrays are (stations,) in mm: X, the arch's Y span, the Z of its base
    and its height above the base. ``exponent`` holds the super-ellipse
    exponents and ``flare`` how much each arch widens upward (see
    ``arch``), 0 for none.
    """

    x: np.ndarray
    low: np.ndarray
    high: np.ndarray
    base: np.ndarray
    height: np.ndarray
    exponent: np.ndarray
    flare: np.ndarray | None = None

    @functools.cached_property
    def arches(self) -> tuple[np.ndarray, np.ndarray]:
        """Y and Z of every station's arch, each (stations, points) in mm,
        at the angles ``ARCH_THETA``."""
        y, z = self._arch_stack
        return y, z

    @functools.cached_property
    def _arch_stack(self) -> np.ndarray:
        """``arches`` as one read-only (2, stations, points) array."""
        column = (slice(None), None)
        points = np.stack(
            _arch_points(
                self.low[column],
                self.high[column],
                self.base[column],
                self.height[column],
                *self._arch_terms,
                0.0 if self.flare is None else self.flare[column],
            )
        )
        points.flags.writeable = False
        return points

    @functools.cached_property
    def _arch_terms(self) -> tuple[np.ndarray, np.ndarray]:
        """``rise`` and ``across`` of ``_arch_points`` at ``ARCH_THETA`` for
        every station, each (stations, points)."""
        power = 2.0 / self.exponent[:, None]
        return _ARCH_ABS_SIN**power, _ARCH_SIGN_COS * _ARCH_ABS_COS**power

    def arches_at(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return Y and Z of every station's arch at the angles ``theta``.

        ``theta`` is (points,) for the same angles at every station or
        (stations, points). Y and Z are each (stations, points) in mm.
        """
        column = (slice(None), None)
        return arch(
            self.low[column],
            self.high[column],
            self.base[column],
            self.height[column],
            self.exponent[column],
            theta,
            0.0 if self.flare is None else self.flare[column],
        )

    def mesh(self) -> trimesh.Trimesh:
        """Loft the arches, each closed by a flat floor, into a solid."""
        floor = np.array([-0.6, -0.2, 0.2, 0.6])
        arch_y, arch_z = self.arches
        middle = (self.low + self.high)[:, None] / 2.0
        half = (self.high - self.low)[:, None] / 2.0
        y = np.concatenate([arch_y, middle + half * floor], axis=1)
        z = np.concatenate([arch_z, np.repeat(self.base[:, None], 4, axis=1)], axis=1)
        x = np.repeat(self.x[:, None], y.shape[1], axis=1)
        return loft(np.stack([x, y, z], axis=-1))

    def surface_theta(self, floor: np.ndarray | None = None) -> np.ndarray:
        """Return the arch angles at which ``open_surface`` samples each
        station, as a (stations, len(ARCH_THETA)) array."""
        if floor is None:
            start = np.zeros(len(self.x))
        else:
            # The angle where base + height * sin(theta) ** (2 / exponent)
            # reaches the floor.
            rise = np.clip((floor - self.base) / self.height, 0.0, 1.0)
            start = np.arcsin(rise ** (self.exponent / 2.0))
        return start[:, None] + ARCH_THETA * (1.0 - 2.0 * start / np.pi)[:, None]

    def open_surface(
        self,
        floor: np.ndarray | None = None,
        theta: np.ndarray | None = None,
        gap_rows: np.ndarray | None = None,
        sheared_rows: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Loft the arches with an open bottom, cut at ``floor`` if given,
        and return the vertices and faces.

        ``floor`` gives a Z in mm per station, at or above the base. Each
        arch is cut where it crosses that Z and its ``len(ARCH_THETA)``
        points are spread between the two cuts. ``theta`` replaces those
        points' angles, for example to open a gap in the arches; it must
        start and end with ``surface_theta(floor)``'s. ``gap_rows`` are
        consecutive stations whose two middle points are a gap's edges, and
        the faces between those points are left out. From each of
        ``sheared_rows``, stations, to the next, a quad whose points shift
        along the arch is split along its shorter diagonal
        (``split_shorter_diagonals``). The end caps stay, so the open
        bottom's edge is the ring that ``base_ring`` returns.
        """
        if theta is None:
            theta = self.surface_theta(floor)
        y, z = self.arches_at(theta)
        if floor is not None:
            z[:, [0, -1]] = floor[:, None]
        x = np.repeat(self.x[:, None], y.shape[1], axis=1)
        # Each arch runs from +Y over its crown to -Y and the stations run
        # toward +X, so from a point to the next, crossed with the step to
        # the next station, points out of the upper.
        vertices, faces = loft_arrays(np.stack([x, y, z], axis=-1), True)
        # Each quad between two sections is two faces, one in each half of
        # the loft's sides (see ``meshing.loft_arrays``). The quads between
        # an arch's last point and its first lie on the open bottom.
        size = len(ARCH_THETA)
        sides = (len(self.x) - 1) * size
        if sheared_rows is not None and len(sheared_rows) > 0:
            split_shorter_diagonals(faces, theta, sheared_rows, sides)
        quads = [np.arange(len(self.x) - 1) * size + size - 1]
        if gap_rows is not None:
            quads.append(gap_rows[:-1] * size + size // 2 - 1)
        dropped = np.concatenate(quads)
        keep = np.ones(len(faces), dtype=bool)
        keep[dropped] = False
        keep[sides + dropped] = False
        return vertices, rows_where(keep, faces)

    def up_to(self, x: float) -> Dome:
        """Return the stations up to ``x`` (mm), which must be a station, as
        a shorter loft that follows this one exactly."""
        keep = self.x <= x
        return Dome(
            self.x[keep],
            self.low[keep],
            self.high[keep],
            self.base[keep],
            self.height[keep],
            self.exponent[keep],
            None if self.flare is None else self.flare[keep],
        )

    def base_ring(self) -> np.ndarray:
        """Return the vertex indices of ``open_surface``'s bottom edge, a
        clockwise ring in plan."""
        size = len(ARCH_THETA)
        return edge_ring(len(self.x) * size + 2, size, 0, size - 1)

    def crown(self, x: np.ndarray) -> np.ndarray:
        """Return the Y of the arches' middle at each X: the instep's crown."""
        return np.interp(x, self.x, (self.low + self.high) / 2.0)

    def sections(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the arches of the lofted mesh at each of ``x`` (mm).

        Between two stations the mesh joins matching arch points with
        straight lines, so blending the two stations' points gives the
        mesh's own cross-section. Y and Z are each (len(x), points) in mm,
        and Y falls from ``high`` to ``low`` along each row.
        """
        x = np.asarray(x, dtype=np.float64)
        i = np.searchsorted(self.x, x) - 1
        i = np.minimum(np.maximum(i, 0), len(self.x) - 2)
        t = ((x - self.x[i]) / (self.x[i + 1] - self.x[i]))[:, None]
        before = np.take(self._arch_stack, i, axis=1)
        after = np.take(self._arch_stack, i + 1, axis=1)
        y, z = (1.0 - t) * before + t * after
        return y, z

    def layers(
        self,
        x: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        count: int,
        offsets: Sequence[float],
    ) -> list[np.ndarray]:
        """Return points of the surface at each station moved along its normal.

        Parameters
        ----------
        x
            (n,) stations in mm.
        start, end
            (n,) Y limits in mm, ``start < end``, inside each station's
            arch. The points are evenly spaced along the arch between them,
            so they stay close together where the arch curves down steeply.
        count
            Number of points per station, at least 2.
        offsets
            Distances in mm along the outward normal, negative inward.

        Returns
        -------
        list of numpy.ndarray
            One (n, count, 3) array per offset, Y increasing along each row.
        """
        x = np.asarray(x, dtype=np.float64)
        start = np.asarray(start, dtype=np.float64)[:, None]
        end = np.asarray(end, dtype=np.float64)[:, None]
        arch_y, arch_z = self.sections(x)
        arch_y, arch_z = arch_y[:, ::-1], arch_z[:, ::-1]
        # Arch points outside the limits move onto them. They repeat the
        # ends' points, so they add segments of zero length that change
        # neither the run along the arch nor the spaced points.
        inside = np.minimum(np.maximum(arch_y, start), end)
        y = np.concatenate([start, inside, end], axis=1)
        z = interp_rows(y, arch_y, arch_z)
        points = np.stack([y, z])
        dy, dz = points[:, :, 1:] - points[:, :, :-1]
        run = np.zeros(y.shape)
        np.cumsum(np.hypot(dy, dz), axis=1, out=run[:, 1:])
        # The values of numpy.linspace(0, run[:, -1], count, axis=1), with
        # fewer calls.
        spaced = np.arange(count) * (run[:, -1:] / (count - 1))
        spaced[:, -1] = run[:, -1]
        points = interp_rows(spaced, run, points)
        y, z = points
        dy, dz = gradient(points, axis=2)
        norm = np.hypot(dy, dz)
        # With Y increasing, turning the tangent (dy, dz) a quarter to the
        # left, to (-dz, dy), points away from the arch's inside.
        normal_y, normal_z = -dz / norm, dy / norm
        stations = np.broadcast_to(x[:, None], y.shape)
        return [
            np.stack([stations, y + offset * normal_y, z + offset * normal_z], axis=-1)
            for offset in offsets
        ]


DIAGONAL_MARGIN = 0.25
"""Fraction of a quad's point spacing by which its other diagonal must
span a smaller angle before ``split_shorter_diagonals`` splits along it,
so that quads whose diagonals differ by a rounding error keep the loft's
split."""


def split_shorter_diagonals(
    faces: np.ndarray, theta: np.ndarray, rows: np.ndarray, sides: int
) -> None:
    """Split a loft's quads from each of ``rows``, stations, to the next
    along the diagonal that spans the smaller arch angle, in place.

    ``faces`` are ``meshing.loft_arrays``' faces of arches at the angles
    ``theta`` (stations, points), as wound, ``sides`` of them in each half
    of the sides. The loft splits quad (a, b) on one station and (c, d) on
    the next along b-c, into (a, b, c) and (b, d, c). Where the points
    shift along the arch toward a, that diagonal spans the shift and a
    spacing, and on stations closer than the shift its two faces fold
    across the arch's curve. a-d then spans less: the shift less a
    spacing.
    """
    size = theta.shape[1]
    first, second = theta[rows], theta[rows + 1]
    # (b - c) - (d - a) is the pair a, b's sum less c, d's.
    shift = (first[:, :-1] + first[:, 1:]) - (second[:, :-1] + second[:, 1:])
    spacing = first[:, 1:] - first[:, :-1]
    row, point = np.nonzero(shift > DIAGONAL_MARGIN * spacing)
    if len(row) == 0:
        return
    # Quad j from a station's point j starts at that point's vertex.
    quad = (rows[row] * size + point)[:, None]
    faces[quad[:, 0]] = quad + np.array([0, 1, size + 1])
    faces[sides + quad[:, 0]] = quad + np.array([0, size + 1, size])


def dome(
    plan: Polygon,
    last: Last,
    forefoot: float,
    toe_end: float,
    base_drop: float,
    top_offset: float,
    toe_box: float = 1.0,
    extra_x: tuple[float, ...] = (),
    front_x: tuple[float, ...] = (),
    top_drop: Callable[[np.ndarray], np.ndarray] | None = None,
    collar: AboveLine | None = None,
) -> Dome:
    """Return the arches of a loft over ``plan`` that follows the last.

    Each arch's flat base is ``base_drop`` mm below the foot bed and its top
    ``top_offset`` mm above the last's height there. ``toe_end`` is the X of
    the toe tip the toe box rounds down to, and ``toe_box`` scales its
    height. ``extra_x`` adds stations, such as the seam of a toe cap.
    ``front_x`` adds stations around a collar's front or back, which take
    the place of the plan's stations within ``STATION_CLEARANCE_MM`` of
    them. ``top_drop`` returns how far (mm) the arches' tops drop at
    each X, such as a lining's ``lining_drop``; ``None`` drops none.
    Where a ``collar`` line cuts the tops, stations are added where it
    bends away from its chords (``sagitta_stations``).
    """
    x = stations(plan)
    if front_x:
        front = np.asarray(front_x)
        apart = np.abs(x[:, None] - front).min(axis=1) > STATION_CLEARANCE_MM
        x = x[apart]
    x = np.union1d(x, extra_x + front_x)
    if collar is not None:
        top = forefoot + last.bottom(x) + last.height(x, toe_end, toe_box) + top_offset
        if top_drop is not None:
            top = top - top_drop(x)
        x = np.union1d(x, sagitta_stations(x, top, collar))
    low, high = span_at(plan, x)
    x, low, high = _split_at_turns(plan, x, low, high)
    bed = forefoot + last.bottom(x)
    base = bed - base_drop
    top = bed + last.height(x, toe_end, toe_box) + top_offset
    if top_drop is not None:
        top = top - top_drop(x)
    return Dome(x, low, high, base, top - base, last.exponent(x))


SAGITTA_MM = 0.15
"""Distance in mm by which a collar line may bend away from its chord
between two stations of a loft whose top it cuts, as sampled at seven
points between them (``sagitta_stations``).

Between the samples the line can bend a little further: up to 0.185 mm
on the catalog's oxfords and sneakers, sampled at 39 points. The
opening's edge runs straight between stations, so it lies off the
loft's crossing with the line by about the sagitta, more where the arch
slopes. On stations 7 to 9 mm apart along the heel's sides the edge lay
0.4 to 1 mm off on the catalog's oxfords and sneakers. Split where the
line bends more than this, it lies 0.21 mm off at most."""


def sagitta_stations(x: np.ndarray, top: np.ndarray, collar: AboveLine) -> np.ndarray:
    """Return stations (mm) that split each interval of the stations ``x``
    in equal parts where ``collar``'s line lies under the loft's ``top``
    (mm) at both ends and bends away from its chord by more than
    ``SAGITTA_MM``.

    A sagitta shrinks as the square of the interval, so an interval is
    split into the square root of its sagitta over ``SAGITTA_MM`` parts,
    rounded up. The sagitta is sampled at seven points per interval.
    """
    line = collar.height(x)
    cut = line < top
    inside = np.flatnonzero(cut[:-1] & cut[1:])
    start, step = x[inside], (x[inside + 1] - x[inside])[:, None]
    share = np.arange(1, 8) / 8.0
    chord = line[inside, None] + (line[inside + 1] - line[inside])[:, None] * share
    bend = np.abs(collar.height(start[:, None] + step * share) - chord).max(axis=1)
    parts = np.ceil(np.sqrt(bend / SAGITTA_MM)).astype(np.int64)
    split = parts > 1
    parts, start, step = parts[split], start[split], step[split, 0]
    # Part k of each split interval, k from 1 to its parts less one.
    count = parts - 1
    interval = np.repeat(np.arange(len(parts)), count)
    k = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + 1
    return start[interval] + step[interval] * k / parts[interval]


HEEL_ROUNDING_MM = 8.0
"""Radius of the rounding between a lining's top and its back, where the
collar line passes above the lining at the heel.

The arches keep their height up to the loft's back end, which is a flat
cap as tall as they are. Where the collar leaves the lining closed there,
the cap met the lining's top at a right angle. The arches are a few
millimetres wide at the back and twice as wide a third of a millimetre
ahead, so the faces beside the top folded by 50 to 65 degrees."""


def heel_drop(x: np.ndarray, back: float, radius: float) -> np.ndarray:
    """Return how far (mm) a loft's top drops at each X to round into its
    back end at X = ``back``: a quarter circle of ``radius`` mm in side
    view, from the full height ``radius`` ahead of the end down to
    ``radius`` below it at the end. A radius of 0 drops nothing."""
    if radius <= 0.0:
        return np.zeros(np.shape(x))
    t = np.clip((back + radius - np.asarray(x, dtype=np.float64)) / radius, 0.0, 1.0)
    return radius * (1.0 - np.sqrt(1.0 - t * t))


LINING_DIP_MM = 3.0
"""Depth in mm by which a lining's top dips under a collar line that
passes above it at the heel, before it rises through the line.

The sneaker's collar line passes 0.2 to 1 mm above the lining's flat
crown at the heel. Into the full-height top it came down at 8 to 14
degrees. The wall between the collar's rim and the lining's closed top
was under 1 mm thick over the last 3 mm before the lining's gap. At the
gap's start the rim met the lining at a knife edge, where 9 pairs of
faces folded by 150 to 172 degrees. Risen through the line at the
middle of ``LINING_RISE_MM``, at 36 to 38 degrees on the catalog's
sneakers, the top leaves that wall more than 2 mm thick behind the rise
and meets the rim at 36 degrees or more."""

LINING_RISE_MM = 8.0
"""Length in mm of the smooth step along which a lining's top rises out
of its dip (``LINING_DIP_MM``) to its full height.

Its steepest slope, at its middle where the collar line crosses it, is
1.5 times the dip over this length, about 29 degrees. A shorter rise
folded the lining's faces between its stations by more than 20 degrees,
and a longer one met the rim at a shallower angle."""

LINING_GAP_MM = 7.5
"""Distance in mm from a lining's back end to the middle of its top's
rise (``LINING_RISE_MM``), where a collar line that passes above the
lining at the heel crosses the top and the lining's gap opens.

Here the heel's plan still curves: on the default sneaker the lining is
37 mm wide there and 56 mm at most over the heel's last 40 mm. So the
gap's end follows the heel's curve in a U. Where the line crossed the
rise at half the dip under the lining's full height instead, 15 to 16
mm from the back, the lining was almost full width. The gap ended in a
straight edge across it, behind a flat shelf of the lining's top."""

LINING_LIFT_FADE_MM = 12.0
"""Length in mm of the smooth step ahead of a lining's rise along which
its top comes down from the height it is raised to at the rise (see
``lining_drop``) to its full height.

Over the catalog's sneakers a step of 6 mm folded up to 16 pairs of the
upper's faces by more than 150 degrees, and one of 8 mm folded them by
up to 149 degrees."""


def lining_drop(x: np.ndarray, back: float, rise: float, lift: float) -> np.ndarray:
    """Return how far (mm) a lining's top drops at each X where a collar
    line passes above it at the heel. A negative value raises the top.

    Behind ``rise`` (mm) the top lies ``LINING_DIP_MM`` below its full
    height, and rises to it along a smooth step ``LINING_RISE_MM`` long
    centred there. Toward the back end at X = ``back`` it rounds down
    from there as ``heel_drop`` rounds the full height, reaching the
    same depth at the end, ``HEEL_ROUNDING_MM``. All of this is raised
    by ``lift`` (mm) up to the rise's end, and ahead of it the lift
    fades out along ``LINING_LIFT_FADE_MM``.
    """
    rounding = heel_drop(x, back, HEEL_ROUNDING_MM)
    half = LINING_RISE_MM / 2.0
    dip = LINING_DIP_MM * (1.0 - smoothstep(rise - half, rise + half, x))
    end = rise + half
    raised = lift * (1.0 - smoothstep(end, end + LINING_LIFT_FADE_MM, x))
    return dip + rounding * (1.0 - dip / HEEL_ROUNDING_MM) - raised


@dataclass(frozen=True, eq=False)
class UpperShape:
    """The outer and inner surfaces of an upper and the tools that open it.

    ``cutters`` contains the collar's ``AboveLine`` first, if the style has a
    collar line, then the lacing slot's ``AbovePlan``, if it has laces.
    """

    outer: Dome
    inner: Dome
    cutters: tuple[Tool, ...]
    slot: Slot | None = None
    """The lacing slot, also the last of ``cutters``, or ``None``."""
    laced: dict = field(default_factory=dict, repr=False)
    """Facings, tongue and laces built on this shape, by ``laced_upper``'s
    last, style and tongue thickness."""

    @property
    def tools(self) -> tuple[trimesh.Trimesh, ...]:
        """The cutters as closed meshes, for a boolean."""
        return tuple(
            side_prism(cutter.side_view(), cutter.half_width)
            if isinstance(cutter, AboveLine)
            else cutter.mesh()
            for cutter in self.cutters
        )

    @functools.cached_property
    def shell(self) -> MeshArrays:
        """The upper: the outer loft less the inner loft and the cutters.

        The opening is built into the lofts (``opened_hollow``). Where the
        lofts' points cannot follow it, it is cut without a boolean
        (``models3d.clipping.cut``). When that cut fails its checks, a
        manifold3d boolean cuts the opening instead and a warning is
        logged.
        """
        # NOTE: on lasts far outside the catalog (150 or 400 mm long, a ball
        # width of 0.2 or 0.6 of the length, a 60 mm heel) the direct cut
        # differed from the boolean by up to 0.5 % of the volume. Once two of
        # its triangles crossed, and no check caught it.
        if self.cutters:
            collar = next((c for c in self.cutters if isinstance(c, AboveLine)), None)
            try:
                vertices, faces = opened_hollow(
                    self.outer, self.inner, collar, self.slot
                )
                return MeshArrays.of_arrays(vertices, faces)
            except (OpeningDoesNotFit, UnsupportedCut) as error:
                logger.debug("cutting the opening instead: %s", error)
        mesh = hollow(self.outer, self.inner)
        if not self.cutters:
            return MeshArrays.of(mesh)
        try:
            shell = cut(mesh.vertices, mesh.faces, self.cutters)
        except UnsupportedCut as error:
            logger.warning(
                "direct cut of the upper's opening failed, using a boolean: %s", error
            )
            return MeshArrays.of(subtract(mesh, self.tools))
        return MeshArrays.of(shell)


def hollow(outer: Dome, inner: Dome) -> trimesh.Trimesh:
    """Build the outer loft less the inner one without a boolean.

    The inner surface reaches below the outer one's floor, so it is cut at
    that floor, which runs straight between the outer stations. The floor
    left between the two base edges is triangulated in plan. ``inner`` must
    lie inside ``outer`` above the floor.

    Returns
    -------
    trimesh.Trimesh
        A closed mesh in mm: both surfaces and the floor between their base
        edges. The foot's space inside the inner base edge stays open.
    """
    vertices, outside, floor, inside = _hollow_pieces(outer, inner)
    faces = np.concatenate([outside, floor, inside])
    return trimesh.Trimesh(vertices, faces, process=False)


def _hollow_pieces(
    outer: Dome,
    inner: Dome,
    outer_theta: np.ndarray | None = None,
    inner_theta: np.ndarray | None = None,
    outer_gap: np.ndarray | None = None,
    inner_gap: np.ndarray | None = None,
    sheared: tuple[np.ndarray | None, np.ndarray | None] = (None, None),
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return ``hollow``'s vertices and its outer, floor and inner faces,
    the surfaces sampled at ``open_surface``'s ``theta`` and left open
    along its ``gap_rows`` if given, with the outer and inner
    ``sheared_rows`` in ``sheared``.

    The inner surface's vertices follow the outer one's, and its faces
    face inward, toward the foot.
    """
    outside, outside_faces = outer.open_surface(
        None, outer_theta, outer_gap, sheared[0]
    )
    inside, inside_faces = inner.open_surface(
        np.interp(inner.x, outer.x, outer.base), inner_theta, inner_gap, sheared[1]
    )
    offset = len(outside)
    vertices = np.concatenate([outside, inside])
    # The floor faces down.
    floor = bridge_rings(vertices, outer.base_ring(), inner.base_ring() + offset)
    return vertices, outside_faces, turned(floor), turned(inside_faces) + offset


def opening_thetas(
    outer: Dome,
    inner: Dome,
    collar: AboveLine | None,
    slot: Slot | None,
    floor: np.ndarray | None = None,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Return both lofts' arch angles with the opening's gaps, and the
    stations the opening crosses on each, as ``opening_theta`` does.

    ``floor`` cuts the inner loft's arches as ``Dome.surface_theta`` does.

    Raises
    ------
    OpeningDoesNotFit
        When the lofts' points cannot follow the opening, or it crosses
        fewer than two stations of a loft.
    """
    thetas, rows = [], []
    for dome, theta in (
        (outer, outer.surface_theta()),
        (inner, inner.surface_theta(floor)),
    ):
        line = None if collar is None else _collar_heights(collar, dome)
        theta, row = opening_theta(dome, outer.crown(dome.x), line, slot, theta)
        if len(row) < 2:
            raise OpeningDoesNotFit("the opening crosses fewer than two stations")
        thetas.append(theta)
        rows.append(row)
    return thetas, rows


def _collar_heights(collar: AboveLine, dome: Dome) -> np.ndarray:
    """Return the collar line's Z (mm) at each of the loft's stations,
    infinite outside the line's ends.

    Raises
    ------
    OpeningDoesNotFit
        When the region above the line ends inside the loft: the loft's
        crown reaches above one of the line's ends.
    """
    within = (dome.x >= collar.x[0]) & (dome.x <= collar.x[-1])
    line = np.where(within, collar.height(dome.x), np.inf)
    crown = dome.base + dome.height
    for end in (0, -1):
        inside = dome.x[0] < collar.x[end] < dome.x[-1]
        if inside and collar.z[end] < np.interp(collar.x[end], dome.x, crown):
            raise OpeningDoesNotFit("the collar line ends inside the upper")
    return line


def opened_hollow(
    outer: Dome, inner: Dome, collar: AboveLine | None, slot: Slot | None
) -> tuple[np.ndarray, np.ndarray]:
    """Build ``hollow(outer, inner)`` with its opening built in.

    The opening is the region above the collar line together with the
    lacing slot, whose edges lie ``slot.half_width`` either side of the
    outer loft's crown on both lofts (see ``models3d.opening``). Both lofts
    need stations at ``slot.stations()``.

    Returns
    -------
    tuple of numpy.ndarray
        The vertices in mm and the faces of a closed mesh.

    Raises
    ------
    OpeningDoesNotFit
        When the lofts' points cannot follow the opening, as
        ``opening_theta`` explains.
    UnsupportedCut
        When the mesh around the opening is not closed.
    """
    floor = np.interp(inner.x, outer.x, outer.base)
    thetas, rows = opening_thetas(outer, inner, collar, slot, floor)
    sheared = (split_rows(outer.x, rows[0], slot), split_rows(inner.x, rows[1], slot))
    vertices, outside, floor_faces, inside = _hollow_pieces(
        outer, inner, *thetas, *rows, sheared
    )
    size = len(ARCH_THETA)
    offset = len(outer.x) * size + 2
    surface = np.concatenate([outside, floor_faces, inside])
    outer_edge = (rows[0] * size, outer.x[rows[0]])
    inner_edge = (rows[1] * size + offset, inner.x[rows[1]])
    # Only edges at the gaps' edges can be open.
    middle = size // 2
    labels = np.zeros(len(vertices), dtype=np.int64)
    for start, _ in (outer_edge, inner_edge):
        labels[start + middle - 1] = labels[start + middle] = 1
    near = rows_where(any_corner(labels != 0, surface), surface)
    walls = rim(near, outer_edge, inner_edge, size)
    check_closed(np.concatenate([near, walls]), labels)
    return vertices, np.concatenate([surface, walls])


def upper_shape(
    outline: Polygon,
    last: Last,
    forefoot: float,
    welt: float,
    wall: float,
    style: UpperStyle,
    extra_x: tuple[float, ...] = (),
) -> UpperShape:
    """Return the lofts and cutting tools of an upper set ``welt`` inside the
    sole's outline with a wall ``wall`` mm thick.

    The inner surface's base drops below the outer one, so the upper is an
    open shell standing on the foot bed once the tools are subtracted.
    ``extra_x`` adds loft stations (mm) where an overlay must start.

    The shape is cached on these values, the outline by its exact
    coordinates, so that a change of colour or material keeps the shell.
    """
    return _upper_shape(outline.wkb, last, forefoot, welt, wall, style, tuple(extra_x))


@bounded_cache(maxsize=8)
def _upper_shape(
    outline_wkb: bytes,
    last: Last,
    forefoot: float,
    welt: float,
    wall: float,
    style: UpperStyle,
    extra_x: tuple[float, ...],
) -> UpperShape:
    outline = shapely.from_wkb(outline_wkb)
    outer_plan = outline.buffer(-welt)
    inner_plan = outer_plan.buffer(-wall)
    toe_end = outer_plan.bounds[2]
    box = style.toe_box
    half_width = outline.bounds[3] - outline.bounds[1]
    cutters: list[Tool] = []
    slot = None
    if style.slot is not None:
        start, throat = (last.at(u) for u in style.slot)
        slot = Slot(start, throat, style.slot_width)
        extra_x = extra_x + slot.stations()
    top_drop = None
    if style.at:
        collar = _collar_cutter(last, forefoot, style, half_width)
        cutters.append(collar)
        # The opening's front edge needs stations where the collar line
        # meets each loft's crown, mostly on that loft alone, because the
        # other loft's lie where this one's gap edges turn fastest. Each
        # loft also closes where the other does, so the rim between the
        # two gaps' edges turns its corner there on both, above the inner
        # loft's crown. Without that station the rim crossed the crown on
        # large lasts with high heels.
        x = np.arange(last.at(0.0), collar.x[-1], COLLAR_FRONT_STEP_MM)
        crown = forefoot + last.bottom(x) + last.height(x, toe_end, box)
        clearance = collar.height(x) - crown
        outer_front, inner_front = (
            front_stations(x, clearance - offset, COLLAR_FRONT_OFFSETS_MM)
            for offset in (0.0, -wall)
        )
        # Where the slot goes on through the lining's front, the lining
        # leaves out its own station ahead of it. There the slot's edge
        # lies on the lining's flat crown just under the line, and the rim
        # from the outer gap's edge at the line's height lay almost flat
        # over the lining, folded onto it by up to 153 degrees. Without
        # it the rim runs down to the lining from the outer edge's
        # stations, which climb with the line.
        if outer_front and inner_front:
            own = inner_front
            if slot is not None and slot.start < own[0] < slot.end:
                own = own[1:]
            outer_front, inner_front = (
                outer_front + inner_front[:1],
                own + outer_front[:1],
            )
        # A collar line that passes above the lining's crown at its back
        # end leaves the lining's top closed there, so that top rounds
        # into the back. It dips under the line and rises through it
        # ``LINING_GAP_MM`` from the back, where the lining's gap opens.
        # There the line lies within about 0.2 mm of the lining's full
        # height, so the top is raised until the line crosses the rise at
        # half the dip's depth: by 1.3 to 1.6 mm on the catalog's
        # sneakers. The collar cuts away what rises above the line.
        back = inner_plan.bounds[0]
        lining_clearance = clearance + wall
        if np.interp(back, x, lining_clearance) > 0.0:
            rise = back + LINING_GAP_MM
            lift = np.interp(rise, x, lining_clearance) + LINING_DIP_MM / 2.0
            top_drop = functools.partial(
                lining_drop, back=back, rise=rise, lift=max(lift, 0.0)
            )
            lining_clearance = lining_clearance + top_drop(x)
        inner_front = inner_front + back_stations(x, lining_clearance)
    else:
        outer_front = inner_front = ()
    line = cutters[0] if style.at else None
    outer = dome(
        outer_plan,
        last,
        forefoot,
        toe_end,
        OVERLAP_MM,
        0.0,
        box,
        extra_x,
        outer_front,
        collar=line,
    )
    inner = dome(
        inner_plan,
        last,
        forefoot,
        toe_end,
        OVERLAP_MM + 2.0,
        -wall,
        box,
        extra_x,
        inner_front,
        top_drop,
        collar=line,
    )
    if style.slot is not None:
        cutters.append(_slot_cutter(last, forefoot, style, outer))
    return UpperShape(outer, inner, tuple(cutters), slot)


COLLAR_FRONT_STEP_MM = 0.2
"""Spacing of the samples along which the collar line's meeting with the
crown is found."""


def _collar_cutter(
    last: Last, forefoot: float, style: UpperStyle, half_width: float
) -> AboveLine:
    """Return the region above the collar's top line, ``half_width`` mm to
    either side of the last's axis."""
    length = last.length
    x = np.linspace(-length / 2.0 - 5.0, last.at(style.at[-1]), 61)
    line = smooth(last.fraction(x), np.array(style.at), np.array(style.height))
    z = forefoot + last.bottom(x) + line * length
    ceiling = forefoot + last.heel_height + 2.0 * length
    return AboveLine(x, z, ceiling, half_width)


def slot_half_width(last: Last, style: UpperStyle, x: np.ndarray) -> np.ndarray:
    """Half-width of the lacing slot at each X, in mm."""
    start, throat = (last.at(u) for u in style.slot)
    t = np.clip((np.asarray(x) - start) / (throat - start), 0.0, 1.0)
    return style.slot_width[0] + t * (style.slot_width[1] - style.slot_width[0])


def _slot_cutter(
    last: Last, forefoot: float, style: UpperStyle, outer: Dome
) -> AbovePlan:
    """Return a vertical prism that cuts the lacing slot through the roof.

    The slot follows the instep's crown, tapers from its start to a rounded
    end at the throat and cuts only material higher than a tenth of the
    length above the foot bed.
    """
    start, throat = (last.at(u) for u in style.slot)
    x = np.linspace(start, throat, 12)
    middle, half = outer.crown(x), slot_half_width(last, style, x)
    # Counter-clockwise in plan: forward along the low edge, round the
    # front half of the end's circle and back along the high edge. The
    # slot tapers toward the throat, so the circle's back half lies inside
    # the edges, and this ring is their union.
    angle = SLOT_END_ANGLES[1:-1]
    end = np.column_stack(
        [throat + half[-1] * np.cos(angle), middle[-1] + half[-1] * np.sin(angle)]
    )
    outline = np.concatenate(
        [
            np.column_stack([x, middle - half]),
            end,
            np.column_stack([x, middle + half])[::-1],
        ]
    )
    floor = forefoot + float(last.bottom(np.array([throat]))[0]) + 0.1 * last.length
    return AbovePlan(outline, floor, last.length)


SLOT_END_ANGLES = np.linspace(-np.pi / 2.0, np.pi / 2.0, 17)
"""Angles from +X of the points on the front half of the slot cutter's
round end: a circle of 32 segments."""


def tongue(
    last: Last, shape: UpperShape, style: UpperStyle, thickness: float
) -> trimesh.Trimesh:
    """Build the tongue: a curved strip under the lacing that rises out of
    the collar opening.

    From the throat back to the first lace it lies against the upper's inner
    surface, ``SEAM_MM`` into it. Behind that it keeps the arch it had at
    the first lace and rises at ``style.tongue_rise_deg`` to the floor.
    """
    throat = last.at(style.slot[1])
    lace_start = last.at(style.lace_from)
    front = _lacing_stations(shape.inner, lace_start, throat + 12.0)[::-1]
    back = lace_start - np.linspace(0.0, style.tongue_length * last.length, 8)[1:]
    slope = np.tan(np.radians(style.tongue_rise_deg))

    x = np.concatenate([front, back])
    station = np.maximum(x, lace_start)
    arch_y, _ = shape.inner.sections(station)
    middle = (arch_y[:, 0] + arch_y[:, -1]) / 2.0
    span = (arch_y[:, 0] - arch_y[:, -1]) / 2.0
    half = np.minimum(style.slot_width[0] + TONGUE_MARGIN_MM, TONGUE_SHARE * span)
    face, back_face = shape.inner.layers(
        station, middle - half, middle + half, 25, (SEAM_MM, -thickness)
    )
    lift = np.stack([x - station, np.zeros(len(x)), (station - x) * slope], axis=-1)
    return band_loft(face + lift[:, None], back_face + lift[:, None])


def _lacing_stations(surface: Dome, start: float, end: float) -> np.ndarray:
    """Return X positions from ``start`` to ``end`` that include the
    surface's own stations, so strips laid on it follow its facets."""
    inside = surface.x[(surface.x > start + 0.5) & (surface.x < end - 0.5)]
    return np.concatenate([[start], inside, [end]])


def facings(last: Last, shape: UpperShape, style: UpperStyle) -> trimesh.Trimesh:
    """Build the lacing facings: two strips laid over the upper along the
    slot's edges, ``style.facing_width`` wide and ``OVERLAY_MM`` proud of it.

    Each strip overhangs the slot's edge by ``SEAM_MM``, so its side does
    not lie in the plane of the slot's cut. On small sizes a strip ends at
    ``FACING_SHARE`` of the upper's half-width, on the instep.
    """
    x = _lacing_stations(
        shape.outer, last.at(style.lace_from) - 1.0, last.at(style.slot[1])
    )
    edge = slot_half_width(last, style, x) - SEAM_MM
    middle = shape.outer.crown(x)
    span = np.interp(x, shape.outer.x, (shape.outer.high - shape.outer.low) / 2.0)
    reach = np.minimum(edge + style.facing_width, FACING_SHARE * span)
    # One pass builds both strips' stations, those of the +Y strip first.
    sides = np.repeat([1.0, -1.0], len(x))
    first = sides * np.tile(edge, 2)
    second = sides * np.tile(reach, 2)
    centre = np.tile(middle, 2)
    faces, backs = shape.outer.layers(
        np.tile(x, 2),
        centre + np.minimum(first, second),
        centre + np.maximum(first, second),
        9,
        (OVERLAY_MM, -SEAM_MM),
    )
    strips = [
        band_loft(faces[rows], backs[rows])
        for rows in (slice(None, len(x)), slice(len(x), None))
    ]
    return concatenate(strips)


def _lace_paths(last: Last, shape: UpperShape, style: UpperStyle) -> list[np.ndarray]:
    """Return the centre line of each lace bar, from the rearmost pair forward.

    Each bar runs between two eyelets ``style.eyelet_inset`` mm outside the
    slot's edges, following the upper's surface and set ``SEAM_MM`` into
    the facings. Each path is a (17, 3) array in mm, Y increasing, so its
    first and last points are the eyelets.
    """
    throat = last.at(style.slot[1])
    positions = np.linspace(last.at(style.lace_from), throat - 6.0, style.lace_pairs)
    reach = slot_half_width(last, style, positions) + style.eyelet_inset
    middle = shape.outer.crown(positions)
    lift = OVERLAY_MM + LACE_RADIUS_MM - SEAM_MM
    (paths,) = shape.outer.layers(
        positions, middle - reach, middle + reach, 17, (lift,)
    )
    return list(paths)


def lace_bars(last: Last, shape: UpperShape, style: UpperStyle) -> trimesh.Trimesh:
    """Build straight-bar lacing: bars across the slot, lying on the facings."""
    return tubes(_lace_paths(last, shape, style), LACE_RADIUS_MM)


LACE_END_MM = 250.0
"""Length of each lace end, from the middle of the bow's knot to the tip:
the 250 mm that Ian Fieggen calls usually ideal for the bow
(fieggen.com/shoelace/accuratelengths.htm)."""


def lace_length(last: Last, shape: UpperShape, style: UpperStyle) -> float:
    """Return the length of one lace for the upper's straight bar lacing, in mm.

    Ian Fieggen's lace length formulas (fieggen.com/shoelace/lengthformulas.htm)
    add the lacing path across and along the throat to two ends of length
    L, for example ``(H + sqrt(H² + V²) (P - 1) + L) 2`` for criss-cross
    lacing through P eyelet pairs H apart across and V apart along the
    throat. In straight bar lacing the path is the P visible bars across
    the throat, and each end climbs hidden under one facing from the lowest
    pair to the highest: ``P H + 2 V (P - 1) + 2 L``. Here each bar is
    measured along the upper's surface and each climb from eyelet to
    eyelet, so the length grows with the shoe size, and L is
    ``LACE_END_MM``.
    """
    return _lacing_length(_lace_paths(last, shape, style))


def _lacing_length(paths: Sequence[np.ndarray]) -> float:
    """Return ``lace_length`` for the lace bars' centre lines, in mm."""
    paths = np.asarray(paths)
    bars = sum(np.linalg.norm(np.diff(paths, axis=1), axis=2).sum(axis=1).tolist())
    # The medial and lateral rows of eyelets: each bar's first and last point.
    rows = np.linalg.norm(np.diff(paths[:, [0, -1]], axis=0), axis=2).sum(axis=0)
    medial, lateral = rows.tolist()
    # The two ends' climbs together run once up the medial and once up the
    # lateral row of eyelets.
    # NOTE: the turns through the eyelets' leather are not added.
    return bars + medial + lateral + 2.0 * LACE_END_MM


def toe_cap(shape: UpperShape, start: float) -> trimesh.Trimesh:
    """Build a toe cap: a layer ``OVERLAY_MM`` thick over the upper from X =
    ``start`` (mm) to the tip, reaching down into the sole like the upper.

    The cap is closed in front of the upper's tip (``_close_cap_front``).
    """
    outer = shape.outer
    keep = outer.x >= start
    # The cap's arches have the upper's exponents, so the same terms.
    rise, across = (terms[keep] for terms in outer._arch_terms)
    layers = []
    for offset in (OVERLAY_MM, -SEAM_MM):
        y, z = _arch_points(
            outer.low[keep, None] - offset,
            outer.high[keep, None] + offset,
            outer.base[keep, None],
            outer.height[keep, None] + offset,
            rise,
            across,
        )
        x = np.broadcast_to(outer.x[keep, None], y.shape)
        layers.append(np.stack([x, y, z], axis=-1))
    vertices, faces = _close_cap_front(*band_loft_arrays(*layers), outer)
    return trimesh.Trimesh(vertices, faces, process=False)


def _close_cap_front(
    vertices: np.ndarray, faces: np.ndarray, outer: Dome
) -> tuple[np.ndarray, np.ndarray]:
    """Replace the toe cap's front end with a closed nose over the tip.

    ``band_loft_arrays`` ends the cap with a strip between its face and back
    arches at the last station. The upper's last arch lies between them,
    so that strip framed a notch through which the upper's tip showed,
    and the cap's back, which faces the foot, folded back onto the strip.
    Here the face's last arch is fanned to a point ``OVERLAY_MM`` in front
    of the tip and the back's to a point ``SEAM_MM`` behind it, both at
    the arch's base, and the base between the two fans is filled.

    Returns
    -------
    vertices, faces
        A closed mesh's arrays in mm: ``band_loft_arrays``' vertices, then
        the front and back points, and its faces without the end strip,
        then the nose's.
    """
    points = len(ARCH_THETA)
    last = len(vertices) - 2 * points
    # The end strip is the last 2 * (points - 1) faces. Unturned, its first
    # face runs from face point 0 to face point 1 (``band_loft_arrays``).
    strip = len(faces) - 2 * (points - 1)
    nose = _nose_faces(points) + last
    if faces[strip, 0] != last:
        nose = nose[:, ::-1]

    middle = (outer.low[-1] + outer.high[-1]) / 2.0
    tips = np.array(
        [
            [outer.x[-1] + OVERLAY_MM, middle, outer.base[-1]],
            [outer.x[-1] - SEAM_MM, middle, outer.base[-1]],
        ]
    )
    return np.concatenate([vertices, tips]), np.concatenate([faces[:strip], nose])


@functools.cache
def _nose_faces(points: int) -> np.ndarray:
    """Return ``_close_cap_front``'s faces, wound as ``band_loft``'s unturned
    end strip, numbered from the last station's first vertex, read-only.

    That station has ``points`` face points, then the back points in
    reverse order. The front and back points follow.
    """
    face = np.arange(points)
    back = 2 * points - 1 - face
    front_point, back_point = 2 * points, 2 * points + 1
    i = np.arange(points - 1)
    fans = [
        np.stack([face[i], face[i + 1], np.full(points - 1, front_point)], -1),
        np.stack([back[i + 1], back[i], np.full(points - 1, back_point)], -1),
    ]
    # The base between the fans: two triangles beside each end of the arches.
    base = np.array(
        [
            [back[0], face[0], front_point],
            [back_point, back[0], front_point],
            [front_point, face[-1], back[-1]],
            [back[-1], back_point, front_point],
        ]
    )
    faces = np.concatenate([*fans, base])
    faces.flags.writeable = False
    return faces


LACE_MATERIAL = "waxed_cotton"
"""Material of the laces. The design's ``lace_colour`` sets their colour."""


def laced_upper(
    last: Last,
    shape: UpperShape,
    style: UpperStyle,
    material: str,
    colour: str,
    lace_colour: str,
    tongue_thickness: float,
) -> list[Part]:
    """Build a laced upper's parts: the shell, its facings, tongue and laces.

    Returns
    -------
    list of Part
        ``"upper"``, ``"facings"`` and ``"tongue"`` in ``material`` and
        ``colour``, because the tongue is cut from the upper's leather, and
        ``"laces"`` in waxed cotton of ``lace_colour``, with the length of
        one lace from ``lace_length``.
    """
    key = (last, style, tongue_thickness)
    if key not in shape.laced:
        paths = _lace_paths(last, shape, style)
        shape.laced[key] = (
            MeshArrays.of(facings(last, shape, style)),
            MeshArrays.of(tongue(last, shape, style, tongue_thickness)),
            MeshArrays.of(tubes(paths, LACE_RADIUS_MM)),
            _lacing_length(paths),
        )
    facing_strips, tongue_strip, laces, laces_length = shape.laced[key]
    return [
        Part(name="upper", mesh=shape.shell.mesh(), material=material, colour=colour),
        Part(
            name="facings",
            mesh=facing_strips.mesh(),
            material=material,
            colour=colour,
        ),
        Part(
            name="tongue",
            mesh=tongue_strip.mesh(),
            material=material,
            colour=colour,
        ),
        Part(
            name="laces",
            mesh=laces.mesh(),
            material=LACE_MATERIAL,
            colour=lace_colour,
            length_mm=laces_length,
            diameter_mm=2.0 * LACE_RADIUS_MM,
        ),
    ]


@dataclass(frozen=True)
class ShoeQuantities:
    """Material quantities of one shoe.

    Attributes
    ----------
    upper_area_dm2
        Outer surface area of the upper pieces by material, in dm². A thin
        shell has two faces, so this is estimated as half the pieces' total
        surface area.
    cutting_area_dm2
        The upper area plus each material's ``CUTTING_LOSS``, in dm²: what
        the cutting room needs per shoe.
    sole_volume_cm3
        Volume of the sole parts by material, in cm³.
    """

    upper_area_dm2: dict[str, float]
    cutting_area_dm2: dict[str, float]
    sole_volume_cm3: dict[str, float]


def shoe_quantities(
    parts: Sequence[Part],
    upper_parts: Sequence[str] = (
        "upper",
        "tongue",
        "gusset_medial",
        "gusset_lateral",
    ),
    sole_parts: Sequence[str] = ("sole", "cupsole", "midsole"),
) -> ShoeQuantities:
    """Measure the upper's material area and the sole's volume.

    Parameters
    ----------
    parts
        A shoe's parts as its generator returns them.
    upper_parts, sole_parts
        Names of the parts cut from sheet material and of the sole parts;
        names a shoe lacks are skipped.
    """
    area: dict[str, float] = {}
    volume: dict[str, float] = {}
    for part in parts:
        if part.name in upper_parts:
            area[part.material] = area.get(part.material, 0.0) + part.mesh.area / 2e4
        elif part.name in sole_parts:
            volume[part.material] = volume.get(part.material, 0.0) + (
                part.mesh.volume / 1e3
            )
    cutting = {
        name: value * (1.0 + CUTTING_LOSS.get(name, max(CUTTING_LOSS.values())))
        for name, value in area.items()
    }
    return ShoeQuantities(area, cutting, volume)


def log_parts(style: str, last: Last, parts: Sequence[Part]) -> None:
    """Log the size of each part of a shoe at debug level."""
    logger.debug(
        "%s on a %s x %s mm %s last: %s",
        style,
        last.length,
        last.ball_width,
        last.toe_shape,
        ", ".join(f"{part.name} {len(part.mesh.faces)} faces" for part in parts),
    )
