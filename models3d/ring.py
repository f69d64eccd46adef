"""Ring band: a cross-section revolved around the finger's axis.

Frame: the band's axis is Z, and it rests on Z = 0 like a short tube whose
height is the band's width. Radii in the profile run from ``inner_diameter
/ 2`` to ``inner_diameter / 2 + depth``.

Profiles
--------
flat
    Rectangle with 0.2 mm rounded edges.
court
    Comfort fit: inside and outside are both convex arcs, so the band is
    ``depth`` thick on its centre line and thinner at its edges, but never
    under the 0.8 mm casting minimum when ``depth`` allows it. The inside
    bulges toward the finger, so its smallest diameter is ``inner_diameter``.
d_shape
    Flat inside, domed outside, with edges at least 0.8 mm thick.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import numpy as np

from models3d import dims as dimensions
from models3d.meshing import revolve_profile
from models3d.parts import Part

logger = logging.getLogger(__name__)

PROFILES = ("flat", "court", "d_shape")

SEGMENTS = 128
"""Steps around the axis; a multiple of 4 puts vertices on the X and Y axes."""

ARC_POINTS = 25
"""Points along each curved face, odd so one falls on the centre line."""

FLAT_EDGE_RADIUS_MM = 0.2
"""Rounding of the flat profile's four edges."""

MIN_EDGE_MM = 0.8
"""Thinnest cast metal at a band's edge (casters' design guidelines)."""

_ARC_FLATNESS = 0.9
"""Shape of the arcs: 0 gives a parabola-like dome, values toward 1 an
ellipse that meets the band's side faces more steeply."""


def _dome(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Sample a symmetric arc: offsets u in [-1, 1] and heights in [0, 1].

    The height is 1 at u = 0 and 0 at u = +-1, on an elliptical arc.
    """
    offsets = np.linspace(-1.0, 1.0, count)
    floor = np.sqrt(1.0 - _ARC_FLATNESS**2)
    heights = (np.sqrt(1.0 - (_ARC_FLATNESS * offsets) ** 2) - floor) / (1.0 - floor)
    return offsets, heights


def _flat_profile(inner: float, depth: float, width: float) -> np.ndarray:
    outer = inner + depth
    radius = min(FLAT_EDGE_RADIUS_MM, depth / 4.0, width / 4.0)
    quarter = np.linspace(0.0, np.pi / 2.0, 5)
    corners = [
        (inner + radius, radius, np.pi),
        (outer - radius, radius, 1.5 * np.pi),
        (outer - radius, width - radius, 0.0),
        (inner + radius, width - radius, 0.5 * np.pi),
    ]
    points = [
        np.column_stack(
            [r + radius * np.cos(start + quarter), z + radius * np.sin(start + quarter)]
        )
        for r, z, start in corners
    ]
    profile = np.concatenate(points)
    # Snap the faces that set the extents to their exact values.
    profile[:, 0] = np.clip(profile[:, 0], inner, outer)
    profile[:, 1] = np.clip(profile[:, 1], 0.0, width)
    return profile


def _court_profile(inner: float, depth: float, width: float) -> np.ndarray:
    outer = inner + depth
    total_sagitta = max(0.0, min(0.4 * depth, depth - MIN_EDGE_MM))
    outer_sagitta = 0.6 * total_sagitta
    inner_sagitta = total_sagitta - outer_sagitta
    offsets, heights = _dome(ARC_POINTS)
    z = (offsets + 1.0) * (width / 2.0)
    outside = np.column_stack([outer - outer_sagitta * (1.0 - heights), z])
    inside = np.column_stack([inner + inner_sagitta * (1.0 - heights), z])[::-1]
    return np.concatenate([outside, inside])


def _d_shape_profile(inner: float, depth: float, width: float) -> np.ndarray:
    edge = min(depth, max(MIN_EDGE_MM, 0.5 * depth))
    offsets, heights = _dome(ARC_POINTS)
    z = (offsets + 1.0) * (width / 2.0)
    outside = np.column_stack([inner + edge + (depth - edge) * heights, z])
    return np.concatenate([[[inner, 0.0]], outside, [[inner, width]]])


_PROFILE_BUILDERS = {
    "flat": _flat_profile,
    "court": _court_profile,
    "d_shape": _d_shape_profile,
}


def band_profile(
    profile: str, inner_diameter: float, depth: float, width: float
) -> np.ndarray:
    """Return the band's cross-section as (radius, z) points in mm.

    Parameters
    ----------
    profile
        One of ``PROFILES``.
    inner_diameter, depth, width
        Smallest bore diameter, radial thickness on the centre line and
        axial width, in mm.

    Returns
    -------
    numpy.ndarray
        (k, 2) closed polygon, counter-clockwise in the (radius, z) plane.
    """
    inner = inner_diameter / 2.0
    points = _PROFILE_BUILDERS[profile](inner, depth, width)

    # A polygonal bore touches its nominal circle only at its vertices, and
    # its flat facets lie up to r (1 - cos(pi / n)) inside it. Stretching
    # radii near the inside by 1 / cos(pi / n), and by nothing at the
    # outside, makes the facets touch the nominal bore while the outer
    # vertices keep the exact outer radius.
    outer = inner + depth
    growth = inner * (1.0 / np.cos(np.pi / SEGMENTS) - 1.0)
    points[:, 0] += growth * (outer - points[:, 0]) / depth
    return points


def build_ring(dims: Mapping[str, Any]) -> list[Part]:
    """Build a ring band from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``inner_diameter``, ``depth`` and ``width`` (mm), ``profile``
        (one of ``PROFILES``) and ``metal`` (a material id). Other names,
        such as ``size`` or ``engraving``, are ignored.

    Returns
    -------
    list of Part
        One part, ``"band"``, in the metal. Its X and Y extents equal
        ``inner_diameter + 2 * depth``, its Z extent ``width``, and no
        point of the mesh lies closer to the Z axis than
        ``inner_diameter / 2``.

    Raises
    ------
    DimensionError
        When a value is missing or invalid; the message names it.
    """
    inner_diameter = dimensions.length(dims, "inner_diameter", "ring")
    depth = dimensions.length(dims, "depth", "ring")
    width = dimensions.length(dims, "width", "ring")
    profile = dimensions.choice(dims, "profile", "ring", PROFILES)
    metal = dimensions.material_id(dims, "metal", "ring")

    # NOTE: the engraving is not cut into the mesh; it is too shallow to
    # change the preview and its text is checked by models3d.engraving.
    mesh = revolve_profile(
        band_profile(profile, inner_diameter, depth, width), SEGMENTS
    )
    logger.debug("ring band %s: %s faces", profile, len(mesh.faces))
    return [Part(name="band", mesh=mesh, material=metal)]
