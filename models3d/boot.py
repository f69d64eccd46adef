"""Chelsea ankle boot: a stitched sole with a stacked heel, an upper whose
shaft rises above the ankle, and elastic gussets in both sides of the shaft,
on the studio's last (``models3d.last``).

The foot of the upper is lofted over the last like the shoes' uppers, with
no opening. The shaft is lofted upward through horizontal sections, from
the upper's plan behind the instep up to an oval opening ``shaft_height``
above the foot bed at the heel. Its hollow opens the foot from the heel to
the instep. A V-shaped cut on each side of the shaft
makes room for the gussets, which are the cut-out pieces themselves. The
foot is built in two pieces without booleans, and only its heel piece is
fused with the shaft and cut with manifold3d booleans.

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
    UpperStyle,
    heeled_sole,
    log_parts,
    side_prism,
    split_hollow,
    upper_shape,
)
from models3d.last import Last, smoothstep
from models3d.meshing import join_at, loft
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

FIT_MM = 0.1
"""How far the shaft's lower sections stand outside the upper's plan, so
its walls do not meet the foot's walls along a shared edge."""

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
"""How far in front of the shaft the foot of the upper is split, so that
only the heel half goes through booleans with the shaft."""

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

    The foot of the upper is built in two pieces without booleans, split
    ``JOINT_MM`` in front of the shaft. Only the heel piece is fused with
    the shaft and hollowed with manifold3d booleans. Nothing cuts the toe
    piece, so it is joined to the result afterwards.

    Cached on the last and the shaft, so that a change of leather, colour or
    sole keeps them.
    """
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    # The shaft ends at front + FIT_MM, so the joint and the end of the
    # cavity's tool lie clear of it. Both are added as loft stations.
    front = last.at(SHAFT_FRONT)
    cavity_end, joint = front + JOINT_MM / 2.0, front + JOINT_MM
    foot = upper_shape(
        outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, FOOT, (cavity_end, joint)
    )
    top = FOREFOOT_MM + last.heel_height + shaft_height
    outer_shaft, inner_shaft = _shaft(last, outline.buffer(-WELT_MM), top)
    gusset_tool = side_prism(_gusset_side_view(last, top, shaft_height), last.length)

    # NOTE: these booleans on the heel half still take about 34 ms of CPU
    # (2-core AMD EPYC), so a new boot's first build misses 10 ms per
    # 20,000 triangles. Removing them would take joining the foot's and the
    # shaft's surfaces directly along the curves where they meet.
    heel, toe = split_hollow(foot.outer, foot.inner, joint)
    # The foot's cavity runs out through the shaft's front wall, and at the
    # back of the heel the inner loft lies a little outside the shaft's
    # hollow, so the cavity is cut from the shaft too.
    cavity = foot.inner.up_to(cavity_end).mesh()
    shell = to_manifold(heel, "boot heel") + to_manifold(outer_shaft)
    shell = shell - to_manifold(inner_shaft) - to_manifold(cavity)
    cut = to_manifold(gusset_tool, "gusset cut")
    upper, gussets = shell.split(cut)[::-1]
    joined = join_at(from_manifold(upper), toe, joint)
    return MeshArrays.of(joined), MeshArrays.of(from_manifold(gussets))


def _shaft(
    last: Last, plan: Polygon, top: float
) -> tuple[trimesh.Trimesh, trimesh.Trimesh]:
    """Return the shaft's outer solid and its hollow.

    The shaft rises from the upper's plan behind ``SHAFT_FRONT``, as deep in
    the sole as the foot of the upper, and keeps that shape up to the heel
    counter, so the foot's walls stay inside it. Above, its sections blend
    into an oval opening. The hollow is the outer solid shrunk by the wall,
    reaching 10 mm above the top, so the shaft is open.
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

    def rings(inset: float, below: float, above: float) -> list[np.ndarray]:
        bottom = _rays(heel.buffer(FIT_MM - inset), centre, angle)
        opening = _oval(centre, length, inset, angle)
        shapes = (1.0 - blend[..., None]) * bottom + blend[..., None] * opening
        shapes[..., 0] += pull
        levels = np.concatenate([[base - below], z[1:-1], [top + above]])
        return [
            np.column_stack([shape, np.full(SHAFT_POINTS, level)])
            for shape, level in zip(shapes, levels, strict=True)
        ]

    return loft(rings(0.0, 0.0, 0.0)), loft(rings(UPPER_WALL_MM, 2.0, 10.0))


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
