"""Room for the chain beside a heart pendant's bail.

Worn, the chain leaves each end of the bail and hangs at up to
``CHAIN_ANGLE_DEG`` from vertical, in a plane parallel to the pendant's.
Only a chain at the body's depth can meet the lobes, and there the hole
lies no lower than the flat under the bail (``bail_seat``). So in the
pendant's plane a chain leaving a bail's end at the flat's height, or at
the hole's bottom where that is higher, must pass the lobes, the outline
that rises above the flat, with ``CHAIN_CLEARANCE_MM`` to spare. The check
runs on the built meshes for every catalog size and thickness.
"""

import numpy as np
import pytest
import shapely
import trimesh
from shapely.geometry import LineString, box

from models3d.generators import build
from models3d.pendant import (
    BAIL_HOLE_MM,
    BAIL_WALL_MM,
    CHAIN_ANGLE_DEG,
    CHAIN_CLEARANCE_MM,
)
from tests.models3d.helpers import numeric_range

SIZES = numeric_range("pendant-disc", "size")
THICKNESSES = numeric_range("pendant-disc", "thickness")

CHAIN_LENGTH_MM = 40.0
"""Length of the straight chain checked, longer than any heart is wide."""

TOLERANCE_MM = 1e-6


def body_outline(body, thickness):
    """Return the body's outline, its section halfway through, in (x, y) mm."""
    segments = trimesh.intersections.mesh_plane(
        body, [0.0, 0.0, 1.0], [0.0, 0.0, thickness / 2.0]
    )
    lines = shapely.linestrings(segments[..., :2].round(9))
    return shapely.unary_union(shapely.get_parts(shapely.polygonize(lines)))


def lowest_hole_point(bail, depth):
    """Return the lowest Y (mm) of the bail's hole at heights up to ``depth``.

    The loop rests on Z = 0 around an axis parallel to X, so its bounds
    give the axis.
    """
    outer = BAIL_HOLE_MM / 2.0 + BAIL_WALL_MM
    axis_y, axis_z = bail.bounds[0][1] + outer, bail.bounds[0][2] + outer
    below_axis = axis_z - min(depth, axis_z)
    return axis_y - np.sqrt(max(0.0, (BAIL_HOLE_MM / 2.0) ** 2 - below_axis**2))


def chain_gap(lobes, end_x, start_y):
    """Return the least gap in mm between the lobes and a straight chain
    that leaves either end of the bail at ``start_y``, over its angles."""
    gap = np.inf
    for angle in np.radians(np.linspace(0.0, CHAIN_ANGLE_DEG, 31)):
        for side in (-1.0, 1.0):
            start = np.array([side * end_x, start_y])
            direction = np.array([side * np.sin(angle), np.cos(angle)])
            chain = LineString([start, start + CHAIN_LENGTH_MM * direction])
            gap = min(gap, lobes.distance(chain))
    return gap


@pytest.mark.parametrize("size", SIZES)
def test_chain_clears_heart_lobes(size):
    for thickness in THICKNESSES:
        dims = {
            "shape": "heart",
            "size": size,
            "thickness": thickness,
            "metal": "gold_18k_yellow",
        }
        body, bail = (part.mesh for part in build("pendant", dims))
        section = body_outline(body, thickness)
        end_x = bail.bounds[1][0]
        flat_y = section.intersection(box(-end_x, -1e3, end_x, 1e3)).bounds[3]
        lobes = section.intersection(box(-1e3, flat_y + TOLERANCE_MM, 1e3, 1e3))
        hole_bottom = bail.bounds[0][1] + BAIL_WALL_MM
        start_y = max(hole_bottom, flat_y)
        case = (size, thickness)

        assert lowest_hole_point(bail, thickness) >= flat_y - TOLERANCE_MM, case
        assert len(shapely.get_parts(lobes)) == 2, case
        gap = chain_gap(lobes, end_x, start_y)
        assert gap >= CHAIN_CLEARANCE_MM - TOLERANCE_MM, (*case, gap)
