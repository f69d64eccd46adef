"""Round brilliant stones: diameter from carat weight, and the stone's solid.

Diameter by carat comes from ``resources/gems/round_brilliant.csv``, copied
from the rock2polish.com round-cut diamond size chart
(rock2polish.com/pages/round-cut-diamond-size-chart-mm); weights between its
rows are interpolated linearly.

The solid follows Tolkowsky's proportions as a fraction of the girdle
diameter D (niceice.com/tolkowsky-ideal-cut-diamonds): table 53 %, crown
16.2 %, pavilion 43.1 %. Tolkowsky's knife-edge girdle is given an assumed
2 % thickness, so the stone is 61.3 % of D deep. With diamond's specific
gravity of 3.52 this faceted shape weighs 0.0035 D³ carats, 0.98 ct at
6.5 mm; across the size chart it comes out 2 to 13 % lighter than the
chart's weights.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from resources import GEMS_DIR

if TYPE_CHECKING:
    import trimesh

logger = logging.getLogger(__name__)

ROUND_BRILLIANT_FILE = GEMS_DIR / "round_brilliant.csv"

TABLE_FRACTION = 0.53
CROWN_FRACTION = 0.162
GIRDLE_FRACTION = 0.02
PAVILION_FRACTION = 0.431
DEPTH_FRACTION = CROWN_FRACTION + GIRDLE_FRACTION + PAVILION_FRACTION
"""Stone depth, table to culet, as a fraction of the girdle diameter."""

GIRDLE_SEGMENTS = 32
"""Sides of the girdle polygon; a multiple of 4 puts vertices on X and Y."""

TABLE_SIDES = 8
"""Sides of the table, as on a cut brilliant."""

CARAT_G = 0.2
"""Mass of one metric carat in grams."""


@dataclass(frozen=True)
class StoneSize:
    """One row of the size chart: a carat weight and its girdle diameter."""

    carat: float
    diameter_mm: float
    source: str


@cache
def round_brilliant_table() -> tuple[StoneSize, ...]:
    """Read the carat-to-diameter chart, in increasing carat order."""
    with ROUND_BRILLIANT_FILE.open(encoding="utf-8", newline="") as handle:
        rows = tuple(
            StoneSize(float(row["carat"]), float(row["diameter_mm"]), row["source"])
            for row in csv.DictReader(handle)
        )
    logger.debug("read %s stone sizes from %s", len(rows), ROUND_BRILLIANT_FILE)
    return rows


def stone_diameter(carat: float) -> float:
    """Convert a round brilliant's weight to its girdle diameter.

    Parameters
    ----------
    carat
        Weight in metric carats, within the size chart's range.

    Returns
    -------
    float
        Girdle diameter in mm (1.0 ct gives 6.5 mm).

    Raises
    ------
    ValueError
        When the weight lies outside the chart; the message gives the range.
    """
    table = round_brilliant_table()
    weights = np.array([row.carat for row in table])
    diameters = np.array([row.diameter_mm for row in table])
    value = float(carat)
    if not weights[0] <= value <= weights[-1]:
        raise ValueError(
            f"a round brilliant of {carat!r} ct is outside the size chart; use "
            f"a weight from {weights[0]:g} to {weights[-1]:g} ct"
        )
    return float(np.interp(value, weights, diameters))


def round_brilliant(diameter: float, table_z: float) -> trimesh.Trimesh:
    """Build a round brilliant stone with its table up, centred on Z.

    Parameters
    ----------
    diameter, table_z
        As for ``round_brilliant_arrays``.

    Returns
    -------
    trimesh.Trimesh
        The mesh on the arrays of ``round_brilliant_arrays``.
    """
    # Imported here, because catalog rules read stone_diameter without
    # building a stone.
    import trimesh

    vertices, faces = round_brilliant_arrays(diameter, table_z)
    return trimesh.Trimesh(vertices, faces, process=False)


def round_brilliant_arrays(
    diameter: float, table_z: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of a round brilliant stone with its
    table up, centred on Z.

    Parameters
    ----------
    diameter
        Girdle diameter D in mm.
    table_z
        Height of the table facet, the stone's top, in mm. The culet, its
        bottom point, lies ``DEPTH_FRACTION * D`` lower.

    Returns
    -------
    tuple of numpy.ndarray
        (n, 3) vertices in mm and (m, 3) outward faces of a closed convex
        solid: an octagonal table, a crown, a ``GIRDLE_SEGMENTS``-sided
        girdle and a pavilion ending in a point. Its X and Y extents equal
        ``diameter``.
    """
    radius = diameter / 2.0
    girdle_top = table_z - CROWN_FRACTION * diameter
    girdle_bottom = girdle_top - GIRDLE_FRACTION * diameter
    culet = table_z - DEPTH_FRACTION * diameter

    girdle_angles = 2.0 * np.pi * np.arange(GIRDLE_SEGMENTS) / GIRDLE_SEGMENTS
    table_angles = 2.0 * np.pi * (np.arange(TABLE_SIDES) + 0.5) / TABLE_SIDES
    table_radius = TABLE_FRACTION * radius

    def circle(angles: np.ndarray, r: float, z: float) -> np.ndarray:
        return np.column_stack(
            [r * np.cos(angles), r * np.sin(angles), np.full(len(angles), z)]
        )

    points = np.concatenate(
        [
            circle(table_angles, table_radius, table_z),
            circle(girdle_angles, radius, girdle_top),
            circle(girdle_angles, radius, girdle_bottom),
            [[0.0, 0.0, culet]],
        ]
    )
    return convex_hull(points)


def convex_hull(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the convex hull of (n, 3) points as vertices and outward faces.

    For a stone's points these are the arrays that
    ``trimesh.convex.convex_hull`` (trimesh 5.2) builds with the same qhull
    options. They take a third of its time, because trimesh also merges
    vertices and checks normals, which a stone's hull does not need.
    """
    # Imported here for the same reason as trimesh in round_brilliant.
    from scipy.spatial import ConvexHull

    hull = ConvexHull(points, qhull_options="Qt QbB Pp")
    # The points that the simplices use, in the points' order: qhull's
    # vertices sorted, as trimesh takes them, from a mask instead of a sort.
    simplices = hull.simplices
    on_hull = np.zeros(len(points), dtype=bool)
    on_hull[simplices] = True
    index = np.cumsum(on_hull) - 1
    vertices = points[on_hull]
    faces = index[simplices]

    # qhull winds faces either way. On a convex solid, a face whose normal
    # points toward the centre is wound inward: its normal's dot product
    # with any of its corners, measured from the centre, is negative. The
    # centre lies well inside the stone, so the corner taken does not
    # change the sign.
    x, y, z = (vertices - vertices.mean(axis=0)).T
    first, second, third = faces.T
    ux, uy, uz = x[second] - x[first], y[second] - y[first], z[second] - z[first]
    vx, vy, vz = x[third] - x[first], y[third] - y[first], z[third] - z[first]
    outward = (
        x[first] * (uy * vz - uz * vy)
        + y[first] * (uz * vx - ux * vz)
        + z[first] * (ux * vy - uy * vx)
    )
    inward = outward < 0.0
    faces[inward] = faces[inward][:, ::-1]
    return vertices, faces
