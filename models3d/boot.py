"""Chelsea ankle boot: a stitched sole with a stacked heel, an upper whose
shaft rises above the ankle, and elastic gussets in both sides of the shaft,
on the studio's last (``models3d.last``).

The foot of the upper is lofted over the last like the shoes' uppers, with
no opening. The shaft is lofted upward through horizontal sections, from
the upper's plan behind the instep up to an oval opening ``shaft_height``
above the foot bed at the heel. Its bottom follows the foot's floor, and
its hollow opens the foot from the heel to the instep. A V-shaped cut on
each side of the shaft makes room for the gussets, which are the cut-out
pieces themselves. The shaft and the foot are built without booleans, and
manifold3d booleans only split off the gussets and fuse the shaft with the
foot around the instep, where the foot comes out of the shaft's front.

Sizes: the sole's outline is exactly ``last_length`` long (X) and
``ball_width + 2 * WELT_MM`` wide (Y).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import trimesh
from shapely.geometry import Point, Polygon, box

from models3d import dims as dimensions
from models3d.caching import MeshArrays, bounded_cache
from models3d.footwear import (
    OVERLAP_MM,
    Dome,
    UpperStyle,
    heeled_sole,
    log_parts,
    side_prism,
    split_hollow,
    upper_shape,
)
from models3d.last import Last, smoothstep
from models3d.meshing import bridge_rings, join_at, loft, loft_arrays
from models3d.parts import Part
from models3d.solids import from_manifold, to_manifold

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

COUNTER = 0.22
"""Height of the heel counter above the foot bed, as a fraction of the last
length: the shaft keeps the foot's plan up to it."""

ACHILLES_MM = 6.0
"""How far the shaft's back comes forward over the Achilles tendon."""

FIT_MM = 0.5
"""How far the shaft's lower sections stand outside the upper's plan. The
sections are polygons through points this far out, and their sides cut
inside the plan by up to about 0.3 mm where the heel curves most, so this
keeps the foot's walls inside the shaft's walls."""

SHAFT_FRONT = 0.44
"""Fraction of the length from the heel where the shaft's front starts."""

SHAFT_TOP_DEPTH = 0.37
"""Front-to-back size of the shaft's opening, as a fraction of the length."""

SHAFT_TOP_WIDTH = 0.31
"""Side-to-side size of the shaft's opening, as a fraction of the length."""

SHAFT_LEVELS = 16
"""Horizontal sections of the shaft."""

SHAFT_POINTS = 40
"""Points around each shaft section."""

SHAFT_EXPONENT = 2.4
"""Super-ellipse exponent of the shaft's sections: an oval, squarer than
an ellipse."""

GUSSET_DEPTH = 0.55
"""How far down the shaft the gussets reach, as a fraction of its height."""

GUSSET_WIDTH = 0.16
"""Width of a gusset at the top, as a fraction of the last length."""

JOINT_MM = 6.0
"""How far in front of the shaft the foot of the upper is split from its
toe piece, which no boolean touches."""

FOOT_START = 0.32
"""Fraction of the length from the heel where the foot's piece fused with
the shaft starts. Behind it the foot lies inside the shaft, whose bottom
follows the foot's floor, so that part of the foot is not built."""

SHAFT_SEAT_MM = 0.3
"""How far the shaft's bottom lies below the foot's floor, so that the two
do not nearly meet."""

CLEARANCE_MM = 0.05
"""How far the boolean tools reach past the surfaces they cut to."""

FOOT = UpperStyle(at=(), height=())
"""The foot of the upper: closed, since the shaft opens it."""


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
        and colour, and ``"gussets"`` (both sides) in elastic. Together they
        are exactly ``last_length`` long (X) and ``ball_width + 2 *
        WELT_MM`` wide (Y).

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
    sole_material = dimensions.choice(dims, "sole", "ankle_boot", SOLES)
    material = dimensions.choice(dims, "upper_material", "ankle_boot", UPPER_MATERIALS)
    colour = dimensions.colour(dims, "upper_colour", "ankle_boot")
    gusset_colour = dimensions.colour(dims, "gusset_colour", "ankle_boot")

    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    sole = heeled_sole(outline, last, FOREFOOT_MM)
    upper, gussets = _upper_and_gussets(last, shaft_height)
    parts = [
        Part(name="sole", mesh=sole, material=sole_material),
        Part(name="upper", mesh=upper.mesh(), material=material, colour=colour),
        Part(
            name="gussets",
            mesh=gussets.mesh(),
            material=GUSSET_MATERIAL,
            colour=gusset_colour,
        ),
    ]
    log_parts("ankle boot", last, parts)
    return parts


@bounded_cache(maxsize=8)
def _upper_and_gussets(last: Last, shaft_height: float) -> tuple[MeshArrays, ...]:
    """Return the upper and the gussets cut from it.

    The shaft is a tube built without booleans, and the gussets are split
    off it alone. The foot of the upper is built without booleans too.
    Behind ``FOOT_START`` it lies inside the shaft, so that part is not
    built. The piece from there to ``JOINT_MM`` in front of the shaft is
    fused with the tube, and the toe piece is joined to the result.

    Cached on the last and the shaft, so that a change of leather, colour or
    sole keeps them.
    """
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    start, joint = last.at(FOOT_START), last.at(SHAFT_FRONT) + JOINT_MM
    foot = upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT, (start, joint)
    )
    top = FOREFOOT_MM + last.heel_height + shaft_height
    outer_rings, hollow_rings, cutter_rings = _shaft_rings(
        last, outline.buffer(-WELT_MM), top
    )
    tube = _tube(outer_rings, hollow_rings, top)
    gusset_tool = side_prism(_gusset_side_view(last, top, shaft_height), last.length)
    gussets, shaft = to_manifold(tube, "boot shaft").split(
        to_manifold(gusset_tool, "gusset cut")
    )

    # NOTE: the booleans here take about 17 ms of CPU, 7.5 of them for the
    # union around the instep, and turning the pieces into solids 4 ms
    # (2-core AMD EPYC). So a new boot's first build misses 10 ms per
    # 20,000 triangles. Removing them would take joining the foot's and the
    # shaft's walls directly along the curves where they meet, and cutting
    # the gussets' V from the tube's sides.
    middle, toe = split_hollow(foot.outer, foot.inner, joint, start)
    # The foot's roof inside the shaft is cut away, and the foot's cavity
    # is cut through the shaft's front. Each tool reaches CLEARANCE_MM past
    # the other piece's surface, so the cut faces lie inside that piece's
    # leather, where the union covers them, and no faces coincide.
    cavity = _grown(foot.inner, start, joint, CLEARANCE_MM).mesh()
    foot_piece = to_manifold(middle, "boot foot") - to_manifold(loft(cutter_rings))
    upper = (shaft - to_manifold(cavity, "boot cavity")) + foot_piece
    joined = join_at(from_manifold(upper), toe, joint)
    return MeshArrays.of(joined), MeshArrays.of(from_manifold(gussets))


def _grown(dome: Dome, start: float, end: float, margin: float) -> Dome:
    """Return the dome's stations from ``start`` to ``end`` (mm), widened and
    raised by ``margin`` mm on the same base."""
    keep = (dome.x >= start) & (dome.x <= end)
    return Dome(
        dome.x[keep],
        dome.low[keep] - margin,
        dome.high[keep] + margin,
        dome.base[keep],
        dome.height[keep] + margin,
        dome.exponent[keep],
    )


def _tube(outer: np.ndarray, hollow: np.ndarray, top: float) -> trimesh.Trimesh:
    """Build the shaft's outer solid less its hollow without a boolean.

    Parameters
    ----------
    outer, hollow
        (levels, points, 3) rings from ``_shaft_rings``, counter-clockwise
        in plan. The hollow's first and last rings lie below the outer's
        first and above ``top``, its others at the outer's levels.
    top
        Z of the shaft's top in mm, the outer's last level.

    Returns
    -------
    trimesh.Trimesh
        A closed tube in mm: both walls and the bands at the bottom and the
        top between them. The hollow's wall is cut where each of its columns
        of points crosses the height of the outer's matching bottom point and
        the top.
    """
    inner = hollow.copy()
    for end, next_ring, level in ((0, 1, outer[0, :, 2]), (-1, -2, top)):
        t = (level - hollow[next_ring, :, 2]) / (
            hollow[end, :, 2] - hollow[next_ring, :, 2]
        )
        inner[end] = hollow[next_ring] + t[:, None] * (hollow[end] - hollow[next_ring])
        inner[end, :, 2] = level
    count, size = outer.shape[:2]
    walls = 2 * (count - 1) * size
    outside, outside_faces = loft_arrays(outer)
    inside, inside_faces = loft_arrays(inner)
    vertices = np.concatenate([outside[: count * size], inside[: count * size]])
    offset = count * size
    # A ring's clockwise order in plan, as bridge_rings needs it.
    clockwise = np.arange(size)[::-1]
    top_row = (count - 1) * size
    faces = np.concatenate(
        [
            outside_faces[:walls],
            inside_faces[:walls, ::-1] + offset,
            bridge_rings(vertices, clockwise, clockwise + offset)[:, ::-1],
            bridge_rings(vertices, clockwise + top_row, clockwise + top_row + offset),
        ]
    )
    return trimesh.Trimesh(vertices, faces, process=False)


def _shaft_rings(
    last: Last, plan: Polygon, top: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the rings of the shaft's outer solid, of its hollow and of the
    hollow widened by ``CLEARANCE_MM``, the tool that cuts the foot.

    The shaft rises from the upper's plan behind ``SHAFT_FRONT``, with its
    bottom ``SHAFT_SEAT_MM`` below the foot's floor, and keeps that shape up
    to the heel counter, so the foot's walls stay inside it. Above, its
    sections blend into an oval opening. The hollow is the outer solid
    shrunk by the wall, reaching 2 mm below the bottom and 10 mm above the
    top, so the shaft is open.

    Returns
    -------
    tuple of numpy.ndarray
        Three (``SHAFT_LEVELS``, ``SHAFT_POINTS``, 3) arrays of points in
        mm, each ring counter-clockwise in plan.
    """
    length = last.length
    base = FOREFOOT_MM + last.heel_height - OVERLAP_MM
    front = last.at(SHAFT_FRONT)
    heel = plan.intersection(box(-length, -length, front, length))
    back, low, _, high = heel.bounds
    centre = np.array([back + SHAFT_TOP_DEPTH * length / 2.0, (low + high) / 2.0])
    angle = np.linspace(0.0, 2.0 * np.pi, SHAFT_POINTS, endpoint=False)

    t = np.linspace(0.0, 1.0, SHAFT_LEVELS)[:, None]
    counter = min(COUNTER * length / (top - base), 0.8)
    # The back and sides keep the plan up to the heel counter, so the foot's
    # walls stay inside. The front leans back along the shin from the start.
    behind = (1.0 - np.cos(angle)) / 2.0
    blend = behind * smoothstep(counter, 1.0, t) + (1.0 - behind) * smoothstep(
        0.0, 1.0, t
    )
    # Above the counter the back comes forward over the Achilles tendon,
    # then flares a little toward the calf.
    rise = np.clip((t - counter) / (1.0 - counter), 0.0, 1.0)
    achilles = (
        ACHILLES_MM
        * smoothstep(0.0, 0.5, rise)
        * (1.0 - 0.5 * smoothstep(0.5, 1.0, rise))
    )
    pull = achilles * np.clip(-np.cos(angle), 0.0, None) ** 2
    z = base + t[:, 0] * (top - base)

    def rings(inset: float, below: float, above: float) -> np.ndarray:
        bottom = _rays(heel.buffer(FIT_MM - inset), centre, angle)
        opening = _oval(centre, length, inset, angle)
        shapes = (1.0 - blend[..., None]) * bottom + blend[..., None] * opening
        shapes[..., 0] += pull
        levels = np.concatenate([[base], z[1:-1], [top + above]])
        heights = np.repeat(levels[:, None], SHAFT_POINTS, axis=1)
        # The bottom follows the foot's floor down the shank.
        heights[0] = floor(shapes[0, :, 0]) - below
        return np.concatenate([shapes, heights[..., None]], axis=2)

    def floor(x: np.ndarray) -> np.ndarray:
        return FOREFOOT_MM + last.bottom(x) - OVERLAP_MM - SHAFT_SEAT_MM

    return (
        rings(0.0, 0.0, 0.0),
        rings(UPPER_WALL_MM, 2.0, 10.0),
        rings(UPPER_WALL_MM - CLEARANCE_MM, 2.0, 10.0),
    )


def _rays(polygon: Polygon, centre: np.ndarray, angle: np.ndarray) -> np.ndarray:
    """Return where rays from ``centre`` at each angle leave the polygon,
    as (len(angle), 2) points; the polygon must be star-shaped around it."""
    ring = np.asarray(polygon.exterior.coords)
    start, edge = ring[:-1] - centre, np.diff(ring, axis=0)
    direction = np.column_stack([np.cos(angle), np.sin(angle)])

    # Solve centre + r * direction = start + s * edge for every ray and edge
    # with 2D cross products.
    def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]

    rays, edges, starts = direction[:, None, :], edge[None, :, :], start[None, :, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        denominator = cross(rays, edges)
        r = cross(starts, edges) / denominator
        s = cross(starts, rays) / denominator
    hits = (s >= 0.0) & (s <= 1.0) & (r > 0.0) & np.isfinite(r)
    distance = np.where(hits, r, 0.0).max(axis=1)
    return centre + distance[:, None] * direction


def _oval(centre: np.ndarray, length: float, inset: float, angle: np.ndarray):
    """Return the shaft's opening, a super-ellipse, as (len(angle), 2) points."""
    cos, sin = np.cos(angle), np.sin(angle)
    power = 2.0 / SHAFT_EXPONENT
    half_x = SHAFT_TOP_DEPTH * length / 2.0 - inset
    half_y = SHAFT_TOP_WIDTH * length / 2.0 - inset
    x = centre[0] + half_x * np.sign(cos) * np.abs(cos) ** power
    y = centre[1] + half_y * np.sign(sin) * np.abs(sin) ** power
    return np.column_stack([x, y])


def _gusset_side_view(last: Last, top: float, shaft_height: float) -> np.ndarray:
    """Return the gussets' V shape, with a rounded tip, as (X, Z) points."""
    depth = GUSSET_DEPTH * shaft_height
    half = GUSSET_WIDTH * last.length / 2.0
    middle = last.at(0.22)
    tip = Point(middle, top - depth + 6.0).buffer(6.0, quad_segs=6)
    wedge = Polygon(
        [
            (middle - 6.0, top - depth + 6.0),
            (middle + 6.0, top - depth + 6.0),
            (middle + half, top + 20.0),
            (middle - half, top + 20.0),
        ]
    )
    return np.asarray(wedge.union(tip).exterior.coords)[:-1]
