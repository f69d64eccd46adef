"""Ring band: a cross-section revolved around the finger's axis.

Frame: the band's axis is Z, and it rests on Z = 0 like a short tube whose
height is the band's width. Radii in the profile run from ``inner_diameter
/ 2`` to ``inner_diameter / 2 + depth``. A non-blank engraving is cut into
the bore on the unrolled bore (``models3d.bore_engraving``), or with a 3D
boolean (``models3d.engrave``) when the text reaches beyond the bore.

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
from collections.abc import Mapping, Sequence
from typing import Any

import manifold3d
import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.bore_engraving import bore_patch
from models3d.caching import bounded_cache
from models3d.engrave import (
    ENGRAVING_DEPTH_MM,
    ENGRAVING_WALL_MM,
    bore_radius_function,
    bore_tool,
)
from models3d.parts import Part
from models3d.sectors import Patch, Tool, revolve_with_tools

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


@bounded_cache(maxsize=32)
def band_profile(
    profile: str,
    inner_diameter: float,
    depth: float,
    width: float,
    segments: int = SEGMENTS,
) -> np.ndarray:
    """Return the band's cross-section as (radius, z) points in mm.

    Parameters
    ----------
    profile
        One of ``PROFILES``.
    inner_diameter, depth, width
        Smallest bore diameter, radial thickness on the centre line and
        axial width, in mm.
    segments
        Steps around the axis that the profile will be revolved with.

    Returns
    -------
    numpy.ndarray
        (k, 2) closed polygon, counter-clockwise in the (radius, z) plane,
        read-only. It is cached, because a band's engraving and a
        solitaire's head each need the section again.
    """
    inner = inner_diameter / 2.0
    points = _PROFILE_BUILDERS[profile](inner, depth, width)

    # A polygonal bore touches its nominal circle only at its vertices, and
    # its flat facets lie up to r (1 - cos(pi / n)) inside it. Stretching
    # radii near the inside by 1 / cos(pi / n), and by nothing at the
    # outside, makes the facets touch the nominal bore while the outer
    # vertices keep the exact outer radius.
    outer = inner + depth
    growth = inner * (1.0 / np.cos(np.pi / segments) - 1.0)
    points[:, 0] += growth * (outer - points[:, 0]) / depth
    points.flags.writeable = False
    return points


def engraving_text(dims: Mapping[str, Any], generator: str) -> str:
    """Return the design's engraving with surrounding spaces removed.

    A missing ``engraving`` counts as none.
    """
    text = dims.get("engraving", "") or ""
    if not isinstance(text, str):
        raise dimensions.DimensionError(
            generator, "engraving", f"engraving must be text, got {text!r}"
        )
    return text.strip()


def build_band_mesh(
    dims: Mapping[str, Any],
    generator: str,
    engraving_angle: float,
    tools: Sequence[Tool] = (),
) -> trimesh.Trimesh:
    """Build a band with its axis on Z, engraved inside when asked for.

    Parameters
    ----------
    dims
        Needs ``inner_diameter``, ``depth``, ``width`` and ``profile``; and
        ``letter_height`` (mm) when ``engraving`` is not blank.
    generator
        Name used in error messages.
    engraving_angle
        Angle around Z, in radians from +X, of the middle of the engraving.
    tools
        Solids to add to or cut from the band after the engraving, in the
        band's frame, such as a solitaire's head.

    Returns
    -------
    trimesh.Trimesh
        Closed band resting on Z = 0, as ``build_ring`` describes.
    """
    inner_diameter = dimensions.length(dims, "inner_diameter", generator)
    depth = dimensions.length(dims, "depth", generator)
    width = dimensions.length(dims, "width", generator)
    profile = dimensions.choice(dims, "profile", generator, PROFILES)
    section = band_profile(profile, inner_diameter, depth, width)

    text = engraving_text(dims, generator)
    engraving = []
    patches = []
    if text:
        letter_height = dimensions.length(dims, "letter_height", generator)
        if letter_height > width:
            raise dimensions.DimensionError(
                generator,
                "letter_height",
                f"letter_height {letter_height:g} mm exceeds the band width "
                f"{width:g} mm; use the catalog's letter_height",
            )
        try:
            cut = _engraving(
                text, letter_height, profile, inner_diameter, depth, width,
                engraving_angle,
            )  # fmt: skip
        except ValueError as error:
            raise dimensions.DimensionError(
                generator, "engraving", str(error), error.with_traceback(None)
            ) from None
        if isinstance(cut, Patch):
            patches.append(cut)
        elif cut is not None:
            engraving.append(Tool(cut, manifold3d.OpType.Subtract))
    return revolve_with_tools(section, SEGMENTS, [*engraving, *tools], patches)


@bounded_cache(maxsize=16)
def _engraving(
    text: str,
    letter_height: float,
    profile: str,
    inner_diameter: float,
    depth: float,
    width: float,
    angle: float,
) -> Patch | manifold3d.Manifold | None:
    """Return what cuts ``text`` into a band's bore.

    That is the bore's faces with the text cut in
    (``models3d.bore_engraving.bore_patch``), or, for a text that reaches
    beyond the bore, the solid to subtract (``models3d.engrave.bore_tool``),
    which is ``None`` for a text without glyphs.

    Cached on the values that shape it, so that changing the metal, or a
    solitaire's stone, keeps the engraving.
    """
    section = band_profile(profile, inner_diameter, depth, width)
    cut = engraving_cut_depth(section, width / 2.0, letter_height)
    placement = {"centre_z": width / 2.0, "centre_angle": angle, "depth": cut}
    patch = bore_patch(section, SEGMENTS, text, letter_height, **placement)
    if patch is not None:
        return patch
    bore = bore_radius_function(section)
    return bore_tool(text, letter_height, bore, **placement)


def engraving_cut_depth(
    section: np.ndarray, centre_z: float, letter_height: float
) -> float:
    """Return how deep (mm) to cut an engraving into a band's bore.

    That is ``ENGRAVING_DEPTH_MM``, or less where the band is too thin to
    keep ``ENGRAVING_WALL_MM`` of metal behind the cut on the mesh. The
    bore is pushed out to make its facets touch the nominal bore
    (``band_profile``), and the outside's facets lie up to
    r (1 - cos(pi / SEGMENTS)) inside its radius. So a flat band at the
    catalog's 1.3 mm minimum would keep 0.797 mm behind a 0.5 mm cut, and
    its cut is made about 0.005 mm shallower instead. NOTE: that cut is
    under the 0.5 mm cast-engraving minimum by as much.

    Parameters
    ----------
    section
        The band's (radius, z) profile, from ``band_profile``.
    centre_z, letter_height
        Middle height and height of the engraving's line box, in mm.

    Raises
    ------
    DimensionError
        When the band's depth leaves no room for a cut behind the letters.
    """
    low, high = centre_z - letter_height / 2.0, centre_z + letter_height / 2.0
    corners = section[:, 1]
    z = np.concatenate([[low, high], corners[(corners > low) & (corners < high)]])
    bore = bore_radius_function(section)(z)
    # The outside is the largest radius at each height: the smallest radius
    # of the profile mirrored in its axis, negated.
    outside = -bore_radius_function(section * [-1.0, 1.0])(z)
    facet = np.cos(np.pi / SEGMENTS)
    thinnest = float(np.min(outside * facet - bore))
    cut = min(ENGRAVING_DEPTH_MM, thinnest - ENGRAVING_WALL_MM)
    if cut <= 0.0:
        raise dimensions.DimensionError(
            "ring",
            "depth",
            f"the band is {thinnest:.2f} mm thick under the engraving, too thin "
            f"for a cut that keeps {ENGRAVING_WALL_MM} mm of metal behind it; "
            f"choose a band at least {ENGRAVING_DEPTH_MM + ENGRAVING_WALL_MM} mm "
            "deep",
        )
    return cut


def build_ring(dims: Mapping[str, Any]) -> list[Part]:
    """Build a ring band from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``inner_diameter``, ``depth`` and ``width`` (mm), ``profile``
        (one of ``PROFILES``) and ``metal`` (a material id). A non-blank
        ``engraving`` is cut 0.5 mm deep inside the band, centred on the
        -Y side, and then needs ``letter_height`` (mm). Other names, such as
        ``size``, are ignored.

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
        When a value is missing or invalid, or the engraving does not fit;
        the message names the value.
    """
    metal = dimensions.material_id(dims, "metal", "ring")
    mesh = build_band_mesh(dims, "ring", engraving_angle=-np.pi / 2.0)
    logger.debug("ring band %s: %s faces", dims["profile"], len(mesh.faces))
    return [Part(name="band", mesh=mesh, material=metal)]
