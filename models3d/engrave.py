"""Engraving cut into a part with a boolean difference.

The text's outline (``models3d.glyphs``) becomes a manifold3d cross-section,
is extruded to the cut depth plus a small overshoot outside the surface, and
is subtracted from the part:

- inside a ring band, the extruded text is bent around the band's axis so
  that its floor follows the bore ``ENGRAVING_DEPTH_MM`` below the surface,
  and it reads from inside the ring with the tops of the letters toward
  Z = ``width``;
- on a flat face, such as a pendant's back, the text is mirrored so that it
  reads when the face is turned toward the viewer. Where the glyphs lie
  inside the face, ``engrave_flat`` builds the same cut in the face's plane
  (``models3d.flat_engraving``) and uses the boolean only otherwise.

A ring's studio builds cut the bore with ``models3d.bore_engraving``, which
gives the same solid without a 3D boolean and falls back to ``bore_tool``.

The cut depth is the cast-engraving minimum of 0.5 mm (caster's CAD
guidelines, gemwares.com), which also sets the catalogs' minimum thickness
under an engraving: 0.5 mm cut plus 0.8 mm of cast wall.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import manifold3d
import numpy as np
import trimesh

from models3d.caching import bounded_cache
from models3d.errors import BORE, EngravingError
from models3d.flat_engraving import cut_in_plane, placed_glyphs
from models3d.glyphs import polygons_of, text_advance, text_outline
from models3d.solids import from_manifold, to_manifold

logger = logging.getLogger(__name__)

ENGRAVING_DEPTH_MM = 0.5
"""Depth of an engraving below the surface (cast-engraving minimum)."""

ENGRAVING_WALL_MM = 0.8
"""Cast metal kept behind an engraving's floor (casters' minimum wall)."""

OVERSHOOT_MM = 0.05
"""How far the cutting tool starts outside the surface, so that the cut
leaves no face coplanar with the surface it opens."""

BEND_EDGE_MM = 0.2
"""Longest tool edge before it is bent around a bore; a 0.2 mm chord on a
7 mm radius lies 0.0007 mm inside its arc."""

REFINE_HEIGHT_MM = 0.01
"""Height of the extruded text that ``bore_tool`` refines before the bend
stretches it to the cut's full depth. It is far below ``BEND_EDGE_MM``, so
the refinement splits no edge along the depth."""

MAX_ARC_FRACTION = 0.9
"""Largest share of the bore's circumference one engraving may cover."""


def text_cross_section(text: str, letter_height: float) -> manifold3d.CrossSection:
    """Return the text's outline centred on the origin, in mm.

    The text's line box spans ``-letter_height / 2 <= y <= letter_height /
    2`` and its advance is centred on x = 0.
    """
    outline = text_outline(text, letter_height)
    half_length = text_advance(text) * letter_height / 2.0
    contours = []
    for polygon in polygons_of(outline):
        rings = [polygon.exterior, *polygon.interiors]
        for ring in rings:
            points = np.asarray(ring.coords, dtype=np.float64)[:-1]
            contours.append(points - [half_length, letter_height / 2.0])
    # The polygons are disjoint, so the even-odd rule fills exactly the
    # glyphs and leaves their holes open.
    return manifold3d.CrossSection(contours, manifold3d.FillRule.EvenOdd)


@bounded_cache(maxsize=32)
def _extruded(text: str, letter_height: float, height: float) -> manifold3d.Manifold:
    """Return the text's outline extruded from z = 0 to ``height`` (mm).

    Cached on its values, so that moving or resizing the part it cuts keeps
    the extruded glyphs.
    """
    section = text_cross_section(text, letter_height)
    if section.is_empty():
        return manifold3d.Manifold()
    return manifold3d.Manifold.extrude(section, height)


def text_area(text: str, letter_height: float) -> float:
    """Return the area of the text's glyphs in mm², for cut-volume estimates."""
    return float(text_outline(text, letter_height).area)


def bore_radius_function(profile: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Return the bore's radius as a function of height, from a band profile.

    Parameters
    ----------
    profile
        (k, 2) closed band cross-section as (radius, z) in mm, as
        ``models3d.ring.band_profile`` returns it.

    Returns
    -------
    callable
        Maps an array of heights z (mm), within the band's width, to the
        smallest radius (mm) at which the profile's edges cross that height.
    """
    start = np.asarray(profile, dtype=np.float64)
    end = np.concatenate([start[1:], start[:1]])
    low = np.minimum(start[:, 1], end[:, 1])
    high = np.maximum(start[:, 1], end[:, 1])
    rise = end[:, 1] - start[:, 1]
    slope = np.divide(
        end[:, 0] - start[:, 0], rise, out=np.zeros_like(rise), where=rise != 0
    )

    def radius_at(z: np.ndarray) -> np.ndarray:
        heights = np.asarray(z, dtype=np.float64)[:, None]
        crossing = start[:, 0] + (heights - start[:, 1]) * slope
        crossing = np.where(rise != 0, crossing, np.minimum(start[:, 0], end[:, 0]))
        inside = (heights >= low) & (heights <= high)
        return np.where(inside, crossing, np.inf).min(axis=1)

    return radius_at


def engrave_bore(
    band: trimesh.Trimesh,
    text: str,
    letter_height: float,
    bore_radius: Callable[[np.ndarray], np.ndarray],
    centre_z: float,
    centre_angle: float,
    depth: float = ENGRAVING_DEPTH_MM,
) -> trimesh.Trimesh:
    """Cut text into the inside of a band whose axis is Z.

    Parameters
    ----------
    band
        Closed band mesh in mm, axis Z.
    text
        Text to cut; an empty text or one of spaces returns ``band``.
    letter_height, bore_radius, centre_z, centre_angle, depth
        As for ``bore_tool``.

    Returns
    -------
    trimesh.Trimesh
        The engraved band, closed.

    Raises
    ------
    EngravingError
        When the text would wrap more than ``MAX_ARC_FRACTION`` of the way
        around the bore.
    """
    tool = bore_tool(text, letter_height, bore_radius, centre_z, centre_angle, depth)
    if tool is None:
        return band
    return from_manifold(to_manifold(band, "band") - tool)


def bore_tool(
    text: str,
    letter_height: float,
    bore_radius: Callable[[np.ndarray], np.ndarray],
    centre_z: float,
    centre_angle: float,
    depth: float = ENGRAVING_DEPTH_MM,
) -> manifold3d.Manifold | None:
    """Return the solid that cuts text into the inside of a band, axis Z.

    Parameters
    ----------
    text
        Text to cut.
    letter_height
        Height of the text's line box, along Z, in mm.
    bore_radius
        The bore's radius (mm) as a function of height, from
        ``bore_radius_function``.
    centre_z
        Height of the middle of the line box, in mm.
    centre_angle
        Angle around Z of the middle of the text, in radians from +X.
    depth
        Cut depth below the bore surface, in mm.

    Returns
    -------
    manifold3d.Manifold or None
        The text bent around the bore, from ``depth`` below its surface to
        ``OVERSHOOT_MM`` above it; ``None`` when the text shows no glyph.

    Raises
    ------
    EngravingError
        When the text would wrap more than ``MAX_ARC_FRACTION`` of the way
        around the bore.
    """
    reference = float(bore_radius(np.array([centre_z]))[0])
    check_engraving_length(text, letter_height, reference)
    span = OVERSHOOT_MM + depth
    # The bend moves a point along a line through the axis as its z
    # changes, so the side walls stay flat along the depth and need
    # splitting only along the text. A thin extrusion, refined and then
    # stretched in the bend, gives the walls a third of the triangles that
    # refining the full 0.55 mm height gives them.
    tool = _extruded(text, letter_height, REFINE_HEIGHT_MM)
    if tool.is_empty():
        return None
    stretch = span / REFINE_HEIGHT_MM

    def bend(points: np.ndarray) -> np.ndarray:
        # x runs along the text, y up the letters, z from 0 (the floor of
        # the cut) to span (outside the surface) once stretched. Reading
        # from the axis with +Z up, the text's +x runs clockwise seen from
        # +Z. This map keeps the tool's orientation, so its volume stays
        # positive.
        z = centre_z + points[:, 1]
        radius = bore_radius(z) + depth - stretch * points[:, 2]
        angle = centre_angle - points[:, 0] / reference
        return np.column_stack([radius * np.cos(angle), radius * np.sin(angle), z])

    bent = tool.refine_to_length(BEND_EDGE_MM).warp_batch(bend)
    logger.debug(
        "bent %r around a bore of radius %.2f mm: %s tool triangles",
        text,
        reference,
        bent.num_tri(),
    )
    return bent


def check_engraving_length(text: str, letter_height: float, radius: float) -> None:
    """Refuse a text that would wrap too far around a bore of ``radius`` (mm).

    Raises
    ------
    EngravingError
        When the text is longer than ``MAX_ARC_FRACTION`` of the bore's
        circumference, naming both lengths and the fix.
    """
    length = text_advance(text) * letter_height
    if length > MAX_ARC_FRACTION * 2.0 * np.pi * radius:
        circumference = 2.0 * np.pi * radius
        raise EngravingError(
            BORE, text, length, letter_height, circumference, MAX_ARC_FRACTION
        )


def engrave_flat(
    mesh: trimesh.Trimesh,
    text: str,
    letter_height: float,
    centre: tuple[float, float],
    surface_z: float = 0.0,
    depth: float = ENGRAVING_DEPTH_MM,
    in_plane: bool = True,
    face: np.ndarray | None = None,
    face_border: np.ndarray | None = None,
) -> trimesh.Trimesh:
    """Cut text into a flat face at ``Z = surface_z`` that faces -Z.

    The text is mirrored in X so that it reads with its tops toward +Y when
    the face is turned toward the viewer, as on the back of a pendant that
    lies face up.

    Parameters
    ----------
    mesh
        Closed mesh in mm whose face at ``surface_z`` has material above it.
    text
        Text to cut; an empty text or one of spaces returns ``mesh``.
    letter_height
        Height of the text's line box, along Y, in mm.
    centre
        (x, y) of the middle of the line box, in mm.
    surface_z
        Height of the face, in mm.
    depth
        Cut depth into the material, in mm.
    in_plane
        Build the cut in the face's plane where the glyphs lie inside the
        face (``models3d.flat_engraving.cut_in_plane``); ``False`` always
        subtracts the extruded text with a 3D boolean.
    face
        Indices of the mesh's faces that the in-plane cut replaces, when
        the caller knows them (see ``cut_in_plane``).
    face_border
        The border loop of ``face``, when the caller knows it (see
        ``cut_in_plane``).

    Returns
    -------
    trimesh.Trimesh
        The engraved mesh, closed.
    """
    if in_plane:
        glyphs = placed_glyphs(text, letter_height, centre)
        if not glyphs:
            return mesh
        engraved = cut_in_plane(mesh, glyphs, surface_z, depth, face, face_border)
        if engraved is not None:
            return engraved
        logger.debug("engraving %r cut with a 3D boolean", text)
    tool = _extruded(text, letter_height, OVERSHOOT_MM + depth)
    if tool.is_empty():
        return mesh
    placed = tool.mirror((1.0, 0.0, 0.0)).translate(
        (centre[0], centre[1], surface_z - OVERSHOOT_MM)
    )
    return from_manifold(to_manifold(mesh, "engraved part") - placed)
