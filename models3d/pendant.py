"""Pendant: a disc or heart with polished edges and a bail, engraved on the back.

Frame: the pendant lies face up with its back on Z = 0 and its bail toward
+Y, centred on the Z axis. Worn, +Y points up and the chain runs along X
through the bail.

The body is the outline, ``thickness`` high, with its rim rounded as a
jeweller polishes it: a quarter round of ``EDGE_RADIUS_FRACTION`` of the
thickness at each face, a straight band between them, and both faces flat
inside the rounds. Its outer edge is the outline itself, so the body's
extents are the outline's and the thickness.

The bail is a loop around an axis parallel to X, of ``BAIL_HOLE_MM`` inner
diameter and ``BAIL_WALL_MM`` wall, ``BAIL_LENGTH_MM`` long, with fully
rounded edges. It stands on Z = 0 with its hole just above the outline's
top at x = 0 (the notch of a heart), where it fuses with the body. So the
pendant's Z extent is the larger of ``thickness`` and the bail's outer
diameter, and its Y extent the outline's height plus whatever of the bail
rises above it.

An engraving is cut 0.5 mm deep into the back, mirrored so that it reads
when the pendant is turned over, centred on the outline's centroid. Where
it lies inside the flat of the back, ``engrave_flat`` cuts it in the back's
plane, otherwise with a 3D boolean.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from typing import Any

import manifold3d
import numpy as np
import trimesh
from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

from models3d import dims as dimensions
from models3d.caching import MeshArrays, bounded_cache
from models3d.engrave import EngravingError, engrave_flat
from models3d.glyphs import text_advance
from models3d.parts import Part
from models3d.solids import from_manifold, to_manifold

logger = logging.getLogger(__name__)

SHAPES = ("disc", "heart")

OUTLINE_SEGMENTS = 128
"""Points around the outline; a multiple of 4 puts a disc's points on X, Y."""

BAIL_HOLE_MM = 3.0
"""Inner diameter of the bail, enough for chains up to about 2.5 mm."""

BAIL_WALL_MM = 0.8
"""Bail wall: the cast-metal minimum wall (caster's CAD guidelines,
gemwares.com)."""

BAIL_LENGTH_MM = 2.5
"""Length of the bail along the chain (X)."""

BAIL_SEGMENTS = 48
"""Steps around the bail's loop; a multiple of 4."""

BAIL_END_STEPS = 8
"""Steps around each half-round end of the bail's cross-section."""

EDGE_RADIUS_FRACTION = 0.4
"""Radius of the rim's rounds over the thickness: a 1.5 mm pendant has
0.6 mm rounds and a 0.3 mm straight band between them."""

FLAT_BORDER_FRACTION = 0.5
"""Width of the ring of each flat face next to its round, over the round's
radius (see ``rim_profile``)."""

CENTRE_TOLERANCE_MM = 0.01
"""Tolerance of the search for the point from which the rim's rings are
sampled (see ``inset_ring``)."""

EDGE_STEPS = 6
"""Steps across each of the rim's two quarter rounds, 15 degrees each, so
that the preview shades the rim smoothly."""

ENGRAVING_MARGIN_MM = 0.5
"""Smallest distance between an engraving and the outline's edge."""

BAIL_OUTER_DIAMETER_MM = BAIL_HOLE_MM + 2.0 * BAIL_WALL_MM


@cache
def _unit_heart() -> tuple[np.ndarray, float]:
    """Return a heart outline 1 wide, top at y = 0, and its notch depth.

    The curve is the classic x = 16 sin³ t, y = 13 cos t - 5 cos 2t - 2 cos
    3t - cos 4t, scaled so that its width is 1 and its highest point (the
    top of the lobes) is at y = 0. The notch, at x = 0, lies ``notch``
    below the top.
    """
    t = np.linspace(0.0, 2.0 * np.pi, OUTLINE_SEGMENTS, endpoint=False)
    x = 16.0 * np.sin(t) ** 3
    y = 13.0 * np.cos(t) - 5.0 * np.cos(2 * t) - 2.0 * np.cos(3 * t) - np.cos(4 * t)
    scale = 1.0 / (x.max() - x.min())
    top = y.max()
    points = np.column_stack([x * scale, (y - top) * scale])
    notch = (top - y[0]) * scale
    return points, float(notch)


def heart_height_ratio() -> float:
    """Return a heart outline's height over its width."""
    points, _ = _unit_heart()
    return float(np.ptp(points[:, 1]))


def outline(shape: str, size: float) -> tuple[Polygon, float]:
    """Return the pendant's outline and the height where the bail attaches.

    Parameters
    ----------
    shape
        One of ``SHAPES``.
    size
        Width of the outline in mm (a disc's diameter).

    Returns
    -------
    outline
        Closed polygon in mm, its top at y = 0 and centred on x = 0.
    attach_y
        Height of the outline's edge at x = 0, in mm: 0 for a disc, the
        bottom of the notch for a heart.
    """
    if shape == "disc":
        angles = 2.0 * np.pi * np.arange(OUTLINE_SEGMENTS) / OUTLINE_SEGMENTS
        radius = size / 2.0
        points = np.column_stack(
            [radius * np.cos(angles), radius * np.sin(angles) - radius]
        )
        return Polygon(points), 0.0
    points, notch = _unit_heart()
    return orient(Polygon(points * size), 1.0), -notch * size


def bail_section() -> np.ndarray:
    """Return the bail's cross-section as (radius, axial) points in mm.

    A stadium: the wall runs from the hole's radius to the outer radius and
    ``BAIL_LENGTH_MM`` along the axis, with a half round of the wall's
    thickness at each end. Its straight sides keep the hole's and the outer
    diameters exact, counter-clockwise, without a repeated point.
    """
    inner = BAIL_HOLE_MM / 2.0
    half_wall = BAIL_WALL_MM / 2.0
    middle = inner + half_wall
    straight = BAIL_LENGTH_MM / 2.0 - half_wall
    angles = np.linspace(-np.pi / 2.0, np.pi / 2.0, BAIL_END_STEPS + 1)
    # The end at +axial, from the hole's side over to the outer side.
    end = np.column_stack(
        [middle + half_wall * np.sin(angles), straight + half_wall * np.cos(angles)]
    )
    return np.concatenate([end * [1.0, -1.0], end[::-1]])


def _bail(attach_y: float) -> manifold3d.Manifold:
    """Return the bail loop with its hole's lowest point at ``attach_y``."""
    inner = BAIL_HOLE_MM / 2.0
    outer = inner + BAIL_WALL_MM
    section = manifold3d.CrossSection([bail_section()])
    loop = manifold3d.Manifold.revolve(section, BAIL_SEGMENTS)
    # The revolve runs around Z. A quarter turn about Y lays it along X
    # (z -> x, x -> -z), and the loop then stands on Z = 0 above the
    # attachment point.
    turned = loop.rotate((0.0, 90.0, 0.0))
    return turned.translate((0.0, attach_y + inner, outer))


def rim_profile(thickness: float) -> tuple[np.ndarray, np.ndarray]:
    """Return the rim's cross-section from the back's edge to the front's.

    Each face starts with a ring on the flat ``FLAT_BORDER_FRACTION`` of
    the radius inside the round. The preview shades a smooth surface by
    blending vertex normals across each triangle, and without that ring
    the round's tilted normals would streak across the face's long fan
    triangles.

    Returns
    -------
    insets
        (k,) distances in mm inside the outline: the flat's border ring,
        then ``radius`` where each round meets its face, and 0 along the
        straight band.
    heights
        (k,) heights in mm, from 0 to ``thickness``.
    """
    radius = EDGE_RADIUS_FRACTION * thickness
    angles = np.linspace(0.0, np.pi / 2.0, EDGE_STEPS + 1)
    insets = radius - radius * np.sin(angles)
    heights = radius - radius * np.cos(angles)
    # Exact ends, so that the straight band lies on the outline.
    insets[-1], heights[-1] = 0.0, radius
    insets = np.concatenate([[radius * (1.0 + FLAT_BORDER_FRACTION)], insets])
    heights = np.concatenate([[0.0], heights])
    return (
        np.concatenate([insets, insets[::-1]]),
        np.concatenate([heights, thickness - heights[::-1]]),
    )


def ray_angles(points: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Return the angles (radians, rising) of ``points`` seen from ``centre``.

    Raises
    ------
    ValueError
        When the points do not run once counter-clockwise around the
        centre, so that rays from it would meet the outline more than once.
    """
    offsets = points - centre
    angles = np.unwrap(np.arctan2(offsets[:, 1], offsets[:, 0]))
    if np.any(np.diff(angles) <= 0.0) or angles[-1] - angles[0] >= 2.0 * np.pi:
        raise ValueError(
            "the pendant's outline is not star-shaped around the point "
            f"({centre[0]:.3f}, {centre[1]:.3f}) mm, so its rim cannot be rounded"
        )
    return angles


def inset_ring(
    shape_outline: Polygon, inset: float, centre: np.ndarray, angles: np.ndarray
) -> np.ndarray:
    """Return where rays from ``centre`` first meet the outline shrunk by
    ``inset``.

    The shrunk outline contains every point at least ``inset`` mm inside the
    outline (a negative buffer), so it stays simple past a heart's point,
    where moving each point along its normal would cross over. Around a
    heart's notch it opens a slot whose walls run almost straight away
    from the centre; the first meeting along each ray cuts that slot off,
    so each ring stays star-shaped. Every ring is sampled on the same rays,
    with the same number of points in order, so the loft's quads never
    cross: along each ray a deeper inset lies closer to the centre.

    Returns
    -------
    numpy.ndarray
        (len(angles), 2) points in mm, counter-clockwise.
    """
    shrunk = shape_outline.buffer(-inset)
    if shrunk.geom_type != "Polygon":
        raise ValueError(
            f"the pendant's outline splits when shrunk by {inset:.3f} mm for "
            "its rounded rim; choose a thinner pendant or a larger size"
        )
    corners = np.asarray(shrunk.exterior.coords)
    start, along = corners[:-1], np.diff(corners, axis=0)
    offset = start - centre

    # centre + t * direction = start + s * along, for every ray and edge.
    direction = np.column_stack([np.cos(angles), np.sin(angles)])
    determinant = np.outer(direction[:, 0], along[:, 1]) - np.outer(
        direction[:, 1], along[:, 0]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = (offset[:, 0] * along[:, 1] - offset[:, 1] * along[:, 0]) / (
            determinant
        )
        share = (
            np.outer(direction[:, 1], offset[:, 0])
            - np.outer(direction[:, 0], offset[:, 1])
        ) / determinant
    # A ray through a corner meets both its edges within rounding.
    meets = (share >= -1e-9) & (share <= 1.0 + 1e-9) & (distance > 0.0)
    first = np.where(meets, distance, np.inf).min(axis=1)
    if not np.all(np.isfinite(first)):
        raise ValueError(
            f"the pendant's outline shrunk by {inset:.3f} mm does not surround "
            f"the point ({centre[0]:.3f}, {centre[1]:.3f}) mm its rim is built "
            "around; choose a thinner pendant or a larger size"
        )
    return centre + first[:, None] * direction


def rounded_body(shape_outline: Polygon, thickness: float) -> trimesh.Trimesh:
    """Return the outline's slab with its rim rounded, as a closed mesh.

    Parameters
    ----------
    shape_outline
        Simple polygon in mm, symmetric about the Y axis and star-shaped
        around the point on that axis level with the centre of its largest
        inscribed circle.
    thickness
        Height in mm; the back lies on Z = 0.

    Returns
    -------
    trimesh.Trimesh
        Rings of ``rim_profile`` lofted around the outline and each face
        closed by a fan around that point; normals outward. Its widest
        rings are the outline's own points, so its X and Y extents are the
        outline's.
    """
    outline_points = np.asarray(shape_outline.exterior.coords)[:-1]
    if not shape_outline.exterior.is_ccw:
        outline_points = outline_points[::-1]
    # The rays start on the Y axis, level with the centre of the largest
    # circle inside the outline, because a heart's centroid lies so close
    # under its notch that the deeper insets leave it outside.
    centre = np.array([0.0, polylabel(shape_outline, CENTRE_TOLERANCE_MM).y])
    angles = ray_angles(outline_points, centre)
    insets, heights = rim_profile(thickness)

    plans = {0.0: outline_points}
    for inset in np.unique(insets[insets > 0.0]):
        plans[float(inset)] = inset_ring(shape_outline, inset, centre, angles)
    count, size = len(insets), len(outline_points)
    rings = np.empty((count, size, 3))
    for index, (inset, height) in enumerate(zip(insets, heights, strict=True)):
        rings[index, :, :2] = plans[float(inset)]
        rings[index, :, 2] = height
    vertices = np.concatenate(
        [rings.reshape(-1, 3), [[*centre, 0.0], [*centre, thickness]]]
    )

    # Ring k runs counter-clockwise and ring k + 1 lies above or outside it,
    # so (a, b, c) and (b, d, c) face outward.
    ring = np.arange(count - 1)[:, None]
    point = np.arange(size)[None, :]
    a = ring * size + point
    b = ring * size + (point + 1) % size
    c, d = a + size, b + size
    around = np.arange(size)
    following = (around + 1) % size
    last = (count - 1) * size
    faces = np.concatenate(
        [
            np.stack([a, b, c], -1).reshape(-1, 3),
            np.stack([b, d, c], -1).reshape(-1, 3),
            np.stack([np.full(size, count * size), following, around], -1),
            np.stack(
                [np.full(size, count * size + 1), around + last, following + last], -1
            ),
        ]
    )
    return trimesh.Trimesh(vertices, faces, process=False)


def _engraving_centre(shape_outline: Polygon) -> tuple[float, float]:
    centroid = shape_outline.centroid
    return float(centroid.x), float(centroid.y)


def check_engraving_fits(
    shape_outline: Polygon, text: str, letter_height: float
) -> tuple[float, float]:
    """Check that the engraving's line box fits on the back; return its centre.

    Raises
    ------
    EngravingError
        When the line box, centred on the outline's centroid, comes closer
        than ``ENGRAVING_MARGIN_MM`` to the edge.
    """
    centre = _engraving_centre(shape_outline)
    length = text_advance(text) * letter_height
    line_box = box(
        centre[0] - length / 2.0,
        centre[1] - letter_height / 2.0,
        centre[0] + length / 2.0,
        centre[1] + letter_height / 2.0,
    )
    if not shape_outline.buffer(-ENGRAVING_MARGIN_MM).contains(line_box):
        raise EngravingError(
            f"the engraving {text!r} is {length:.1f} mm long and "
            f"{letter_height:g} mm high, which does not fit on the back with "
            f"{ENGRAVING_MARGIN_MM} mm to spare; shorten the text or choose a "
            "larger pendant"
        )
    return centre


def build_pendant(dims: Mapping[str, Any]) -> list[Part]:
    """Build a pendant from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``shape`` (one of ``SHAPES``), ``size`` (outline width, mm),
        ``thickness`` (mm) and ``metal``. A non-blank ``engraving`` is cut
        into the back and then needs ``letter_height`` (mm).

    Returns
    -------
    list of Part
        One part, ``"pendant"``, in the metal: the rounded body and its
        bail as one solid. Its X extent is ``size``.

    Raises
    ------
    DimensionError
        When a value is missing or invalid, or the engraving does not fit;
        the message names the value.
    """
    generator = "pendant"
    shape = dimensions.choice(dims, "shape", generator, SHAPES)
    size = dimensions.length(dims, "size", generator)
    thickness = dimensions.length(dims, "thickness", generator)
    metal = dimensions.material_id(dims, "metal", generator)

    shape_outline, _ = outline(shape, size)
    body, shift_y = _body(shape, size, thickness)
    mesh = body.mesh()

    text = (dims.get("engraving", "") or "").strip()
    if text:
        letter_height = dimensions.length(dims, "letter_height", generator)
        try:
            centre = check_engraving_fits(shape_outline, text, letter_height)
            mesh = engrave_flat(
                mesh, text, letter_height, (centre[0], centre[1] + shift_y)
            )
        except ValueError as error:
            raise dimensions.DimensionError(
                generator, "engraving", str(error)
            ) from None

    logger.debug("pendant %s %.1f mm: %s faces", shape, size, len(mesh.faces))
    return [Part(name="pendant", mesh=mesh, material=metal)]


@bounded_cache(maxsize=16)
def _body(shape: str, size: float, thickness: float) -> tuple[MeshArrays, float]:
    """Return the rounded body and its bail as one solid, centred on the Z
    axis, and the Y shift (mm) that centred it.

    Cached on the values that shape it, so that a change of metal or
    engraving keeps it.
    """
    shape_outline, attach_y = outline(shape, size)
    body = to_manifold(rounded_body(shape_outline, thickness), "pendant body")
    solid = body + _bail(attach_y)

    # Centre the whole pendant, bail included, on the Z axis.
    low_y, high_y = solid.bounding_box()[1], solid.bounding_box()[4]
    shift_y = -(low_y + high_y) / 2.0
    mesh = from_manifold(solid.translate((0.0, shift_y, 0.0)))
    return MeshArrays.of(mesh), shift_y


def pendant_extents(shape: str, size: float, thickness: float) -> np.ndarray:
    """Return the pendant's X, Y and Z extents in mm, bail included."""
    shape_outline, attach_y = outline(shape, size)
    bottom = shape_outline.bounds[1]
    top = max(0.0, attach_y + BAIL_HOLE_MM + BAIL_WALL_MM)
    return np.array([size, top - bottom, max(thickness, BAIL_OUTER_DIAMETER_MM)])
