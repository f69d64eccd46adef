"""Dining table: a rectangular top on four legs.

Frame: X along the table's width, Y along its depth, Z up; the top's upper
face is at Z = ``height`` and the feet stand on Z = 0. Each leg reaches
``LEG_OVERLAP_MM`` into the underside of the top, hidden inside it, so the
union of the parts is one clean solid. The top's edges and a square leg's
are rounded to ``models3d.boards.edge_radius``.

Fixing: each leg carries an M8 hanger bolt screwed into a pilot hole in its
top end. The bolt's machine thread goes into an M8 threaded insert set in a
blind hole in the underside of the top, so the legs come off for delivery.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.boards import edge_radius
from models3d.meshing import prism, rounded_box
from models3d.parts import HardwareUse, Hole, Part

logger = logging.getLogger(__name__)

TOP_MATERIALS = ("oak", "walnut", "birch_plywood", "mdf")
LEG_STYLES = ("square", "round", "tapered")

LEG_SECTION_MM = 70.0
"""Side of a square leg, diameter of a round one, top of a tapered one."""

TAPERED_FOOT_MM = 45.0
"""Side of a tapered leg at the floor."""

LEG_INSET_MM = 100.0
"""Leg centres sit this far in from the top's long edges."""

LEG_OVERLAP_MM = 1.0
"""How far each leg reaches up into the top."""

ROUND_LEG_SEGMENTS = 64

# NOTE: the insert hole must match the supplier's insert; 10 mm suits common
# M8 inserts for hardwood but is not taken from a data sheet.
INSERT_HOLE_MM = 10.0
"""Diameter of the blind hole for a leg's M8 threaded insert in the top."""

INSERT_HOLE_DEPTH_MM = 13.0
"""Depth of the insert hole, less where the top leaves under 5 mm above it."""

HANGER_BOLT_PILOT_MM = 6.5
"""Pilot hole for the M8 hanger bolt's wood thread, in the leg's top end."""

HANGER_BOLT_PILOT_DEPTH_MM = 45.0


def _square_frustum(
    bottom: float, top: float, z_top: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of a square-section leg from Z = 0 to
    ``z_top``, centred on Z.

    ``bottom`` and ``top`` are the side lengths at each end, in mm.
    """
    corners = np.array([[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])
    lower = np.column_stack([corners * (bottom / 2.0), np.zeros(4)])
    upper = np.column_stack([corners * (top / 2.0), np.full(4, z_top)])
    vertices = np.concatenate([lower, upper])
    # Bottom (looking up), top (looking down), then the four sides.
    faces = [[0, 2, 1], [0, 3, 2], [4, 5, 6], [4, 6, 7]]
    for i in range(4):
        j = (i + 1) % 4
        faces += [[i, j, j + 4], [i, j + 4, i + 4]]
    return vertices, np.array(faces)


def _leg_mesh(
    style: str, length: float, centre: tuple[float, float]
) -> trimesh.Trimesh:
    """Return a leg from Z = 0 to ``length`` around the vertical line
    through ``centre`` (x, y), in mm.

    A square leg's edges are rounded to ``leg_edge_radius``. Round and
    tapered legs keep sharp edges.
    """
    if style == "square":
        half = LEG_SECTION_MM / 2.0
        low = (centre[0] - half, centre[1] - half, 0.0)
        high = (centre[0] + half, centre[1] + half, length)
        return rounded_box(low, high, leg_edge_radius(style))
    if style == "round":
        angles = 2.0 * np.pi * np.arange(ROUND_LEG_SEGMENTS) / ROUND_LEG_SEGMENTS
        circle = np.column_stack([np.cos(angles), np.sin(angles)])
        vertices, faces = prism(circle * (LEG_SECTION_MM / 2.0), length)
    else:
        vertices, faces = _square_frustum(TAPERED_FOOT_MM, LEG_SECTION_MM, length)
    vertices[:, :2] += centre
    return trimesh.Trimesh(vertices, faces, process=False)


def leg_edge_radius(style: str) -> float:
    """Return the edge radius in mm of a leg of ``style``: 0 for the round
    and tapered legs, whose meshes keep sharp edges."""
    if style == "square":
        return edge_radius((LEG_SECTION_MM, LEG_SECTION_MM))
    return 0.0


def leg_centres(width: float, depth: float, span: float) -> np.ndarray:
    """Return the (4, 2) XY centres of the legs, in mm.

    Legs stand at x = +-span / 2 and y = +-(depth / 2 - ``LEG_INSET_MM``),
    each moved inward if needed so the whole leg stays under the top.
    """
    half_section = LEG_SECTION_MM / 2.0
    x = min(span / 2.0, width / 2.0 - half_section)
    y = min(max(depth / 2.0 - LEG_INSET_MM, 0.0), depth / 2.0 - half_section)
    return np.array([[x, y], [-x, y], [-x, -y], [x, -y]])


def build_table(dims: Mapping[str, Any]) -> list[Part]:
    """Build a dining table from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``width``, ``depth``, ``height``, ``top_thickness`` and
        ``span`` (mm), ``top_material`` (one of ``TOP_MATERIALS``) and
        ``leg_style`` (one of ``LEG_STYLES``).

    Returns
    -------
    list of Part
        ``"top"`` in the top material, then ``"leg_1"`` to ``"leg_4"`` in
        walnut under a walnut top and in oak otherwise. The table's extents
        are exactly ``width`` x ``depth`` x ``height``. The top carries the
        insert holes and inserts, each leg its pilot hole, hanger bolt and
        felt glide.

    Raises
    ------
    DimensionError
        When a value is missing or invalid, or the legs would have no
        length; the message names the value.
    """
    width = dimensions.length(dims, "width", "table", LEG_SECTION_MM)
    depth = dimensions.length(dims, "depth", "table", LEG_SECTION_MM)
    height = dimensions.length(dims, "height", "table")
    thickness = dimensions.length(dims, "top_thickness", "table")
    span = dimensions.length(dims, "span", "table")
    top_material = dimensions.choice(dims, "top_material", "table", TOP_MATERIALS)
    style = dimensions.choice(dims, "leg_style", "table", LEG_STYLES)
    if thickness >= height:
        raise dimensions.DimensionError(
            "table",
            "top_thickness",
            f"top_thickness ({thickness:g} mm) must be less than height "
            f"({height:g} mm) to leave room for legs",
        )

    centres = leg_centres(width, depth, span)
    top_radius = edge_radius((width, depth, thickness))
    top = rounded_box(
        [-width / 2.0, -depth / 2.0, height - thickness],
        [width / 2.0, depth / 2.0, height],
        top_radius,
    )
    insert_depth = min(INSERT_HOLE_DEPTH_MM, thickness - 5.0)
    insert_holes = tuple(
        Hole((x, y, height - thickness), (0.0, 0.0, 1.0), INSERT_HOLE_MM, insert_depth)
        for x, y in centres
    )
    parts = [
        Part(
            name="top",
            mesh=top,
            material=top_material,
            holes=insert_holes,
            hardware=(HardwareUse("threaded_insert_m8", len(centres)),),
            edge_radius_mm=top_radius,
        )
    ]

    leg_material = "walnut" if top_material == "walnut" else "oak"
    leg_length = height - thickness + LEG_OVERLAP_MM
    leg_hardware = (HardwareUse("hanger_bolt_m8x80"), HardwareUse("felt_glide_40"))
    for number, (x, y) in enumerate(centres, start=1):
        leg = _leg_mesh(style, leg_length, (x, y))
        pilot = Hole(
            (x, y, leg_length),
            (0.0, 0.0, -1.0),
            HANGER_BOLT_PILOT_MM,
            HANGER_BOLT_PILOT_DEPTH_MM,
        )
        parts.append(
            Part(
                name=f"leg_{number}",
                mesh=leg,
                material=leg_material,
                holes=(pilot,),
                hardware=leg_hardware,
                edge_radius_mm=leg_edge_radius(style),
                hidden_mm=(0.0, 0.0, LEG_OVERLAP_MM),
            )
        )

    logger.debug("table %sx%sx%s with %s legs", width, depth, height, style)
    return parts
