"""Last measurements and the sole's outline, measured on a shoe's parts.

Parts whose material family is ``sole`` form the sole; the others form the
upper, whose inside is the last's surface. The shoe's frame is that of
``models3d.shoe``: X from heel to toe, Z up, standing on Z = 0.

- Last length: the sole's X extent.
- Ball line: where the sole's outline is widest across X.
- Ball girth: the perimeter of the upper's inside in the vertical section
  through the ball line, closed across the foot bed (the sole's top there).
  NOTE: a shoemaker's tape runs obliquely over the ball joints, so a real
  last measures a few mm more than this vertical section.
- Heel height: the design's ``heel_height``, the last's heel above its
  ball tread. A design without one gets the highest point of the sole
  within the rear ``HEEL_REGION`` of its length, the heel seat above the
  floor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import trimesh
from shapely import box
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

from models3d.materials import material
from models3d.parts import Part

logger = logging.getLogger(__name__)

SOLE_FAMILY = "sole"

HEEL_REGION = 0.15
"""Rear share of the sole's length searched for the heel height."""

_WIDTH_SAMPLES = 241


@dataclass(frozen=True)
class LastRow:
    """Measurements of one size; lengths in mm, ``None`` where unknown."""

    size: str
    ordered: bool
    foot_length: float | None
    last_length: float | None
    ball_width: float | None
    ball_girth: float | None
    heel_height: float | None


def sole_parts(parts: Sequence[Part]) -> list[Part]:
    """Return the parts whose material is a sole material."""
    return [part for part in parts if material(part.material).family == SOLE_FAMILY]


def sole_outline(parts: Sequence[Part]) -> Polygon:
    """Return the sole's outline seen from below, as a polygon in mm.

    The outline is the sole parts' projection on the floor (Z = 0), so it
    is the bottom's outline wherever the sole's sides stand upright.

    Raises
    ------
    ValueError
        When no part is made of a sole material.
    """
    soles = sole_parts(parts)
    if not soles:
        raise ValueError(
            "no sole part to outline: a shoe needs a part whose material has "
            f"the family {SOLE_FAMILY!r} in materials.csv"
        )
    shadows = [
        trimesh.path.polygons.projected(part.mesh, normal=(0.0, 0.0, 1.0))
        for part in soles
    ]
    outline = unary_union([shadow for shadow in shadows if shadow is not None])
    if isinstance(outline, MultiPolygon):
        outline = max(outline.geoms, key=lambda piece: piece.area)
    return Polygon(outline.exterior)


def measure_shoe(parts: Sequence[Part]) -> dict[str, float | None]:
    """Measure the last length, ball girth and heel height of a shoe.

    Returns
    -------
    dict
        ``last_length``, ``ball_girth`` and ``heel_height`` in mm; the girth
        is ``None`` when the upper's section at the ball is not a closed
        arch.
    """
    outline = sole_outline(parts)
    low_x, _, high_x, _ = outline.bounds
    ball_x = _widest_x(outline)
    soles = sole_parts(parts)
    uppers = [part for part in parts if part not in soles]
    bed = max(_section_points(part.mesh, ball_x)[:, 1].max() for part in soles)
    return {
        "last_length": high_x - low_x,
        "ball_girth": _girth(uppers, ball_x, bed),
        "heel_height": _heel_height(soles, low_x, high_x),
    }


def last_table(
    sizes: Sequence[str],
    ordered: str,
    evaluate: Callable[[str], Mapping[str, Any]],
    build: Callable[[Mapping[str, Any]], list[Part]],
) -> list[LastRow]:
    """Measure every size of a size system.

    Parameters
    ----------
    sizes
        Size labels of the chosen system, in order.
    ordered
        The ordered size's label.
    evaluate
        Returns the design's values and derived values for a size label.
    build
        Builds the parts from those values.

    Returns
    -------
    list of LastRow
        One row per size. Foot length, last length, ball width and heel
        height come from the design's values when it has them. The girth is
        always measured, and so are the last length and heel height when
        the design has none.
    """
    rows = []
    for label in sizes:
        dims = evaluate(label)
        try:
            measured = measure_shoe(build(dims))
        except ValueError as error:
            logger.warning("size %s was not measured: %s", label, error)
            measured = {"last_length": None, "ball_girth": None, "heel_height": None}
        rows.append(
            LastRow(
                size=label,
                ordered=label == ordered,
                foot_length=_number(dims.get("foot_length")),
                last_length=_number(dims.get("last_length")) or measured["last_length"],
                ball_width=_number(dims.get("ball_width")),
                ball_girth=measured["ball_girth"],
                heel_height=_number(dims.get("heel_height")) or measured["heel_height"],
            )
        )
    return rows


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _widest_x(outline: Polygon) -> float:
    """Return the X of the outline's widest chord across Y, from samples."""
    ring = np.asarray(outline.exterior.coords, dtype=np.float64)
    start, end = ring[:-1], ring[1:]
    low_x, _, high_x, _ = outline.bounds
    x = np.linspace(low_x, high_x, _WIDTH_SAMPLES)[1:-1, None]
    spans = np.abs(end[:, 0] - start[:, 0])
    crosses = (np.minimum(start[:, 0], end[:, 0]) <= x) & (
        x <= np.maximum(start[:, 0], end[:, 0])
    )
    crosses &= spans > 0
    t = (x - start[:, 0]) / np.where(spans > 0, end[:, 0] - start[:, 0], 1.0)
    y = start[:, 1] + t * (end[:, 1] - start[:, 1])
    widths = np.where(crosses, y, -np.inf).max(axis=1) - np.where(
        crosses, y, np.inf
    ).min(axis=1)
    return float(x[int(np.argmax(widths)), 0])


def _section_points(mesh: trimesh.Trimesh, x: float) -> np.ndarray:
    """Return the (y, z) points of a mesh's section by the plane X = x."""
    segments = trimesh.intersections.mesh_plane(mesh, (1.0, 0.0, 0.0), (x, 0.0, 0.0))
    return np.asarray(segments, dtype=np.float64).reshape(-1, 3)[:, 1:]


def _girth(uppers: Sequence[Part], x: float, bed: float) -> float | None:
    loops = []
    for part in uppers:
        section = part.mesh.section(plane_origin=(x, 0.0, 0.0), plane_normal=(1, 0, 0))
        if section is not None:
            loops += [Polygon(loop[:, 1:]) for loop in section.discrete]
    arch = unary_union(
        [loop.buffer(0) for loop in loops if len(loop.exterior.coords) > 3]
    )
    if arch.is_empty:
        return None
    cavity = arch.convex_hull.difference(arch)
    low_y, _, high_y, high_z = arch.bounds
    last_section = cavity.intersection(box(low_y - 1.0, bed, high_y + 1.0, high_z))
    pieces = [
        piece
        for piece in getattr(last_section, "geoms", [last_section])
        if isinstance(piece, Polygon) and not piece.is_empty
    ]
    if not pieces:
        return None
    return float(max(pieces, key=lambda piece: piece.area).exterior.length)


def _heel_height(soles: Sequence[Part], low_x: float, high_x: float) -> float:
    limit = low_x + HEEL_REGION * (high_x - low_x)
    heights = []
    for part in soles:
        vertices = part.mesh.vertices
        heights.append(vertices[vertices[:, 0] <= limit, 2].max(initial=0.0))
    return float(max(heights))
