"""Pendant: a disc or heart with polished edges and a bail, engraved on the back.

Frame: the pendant lies face up with its back on Z = 0 and its bail toward
+Y, centred on the Z axis. Worn, +Y points up and the chain runs along X
through the bail.

The body is the outline, ``thickness`` high, with its rim rounded as a
jeweller polishes it (``models3d.rounded_slab``): a quarter round of 0.4
of the thickness at each face, a straight band between them, and both faces
flat inside the rounds. Its outer edge is the outline itself, so the
body's extents are the outline's and the thickness.

The bail is a part of its own, as a jeweller solders a cast bail onto the
body, in the body's metal. It is a loop around an axis parallel to X, of
``BAIL_HOLE_MM`` inner diameter and ``BAIL_WALL_MM`` wall,
``BAIL_LENGTH_MM`` long, with fully rounded edges. It stands on Z = 0
above the outline's top at x = 0. A heart's notch is filled flat under the
bail and 0.35 mm past each of its ends (``HEART_FLAT_MM``), so the lobes
stay out of the hole and a chain leaving the bail passes them. The loop
sinks into the body as far as its hole stays ``HOLE_CLEARANCE_MM`` clear
of it (``bail_seat``): on a body 2.2 mm thick or more the hole sits on
the outline's top, and on thinner bodies the loop comes lower, so it
reaches at least a wall's depth into the body. So the pendant's Z extent
is the larger of ``thickness`` and the bail's outer diameter, and its Y
extent the outline's height plus whatever of the bail rises above it.

The two parts overlap, with no boolean between them, and their union, the
casting pattern, is one solid. Measured with manifold3d at widths of 12,
25 and 35 mm and thicknesses of 0.8, 1.5 and 3.0 mm, the overlap is 0.9
to 2.7 mm³, 1.0 mm³ (0.02 g of 18k gold) on the default 25 mm, 1.5 mm
disc or heart. The bail is joined to the body (``Part.joined_to``), so
``models3d.solids.measure`` counts the overlap once, in the body: the
bail's volume, mass and surface area are what it adds to the body, and
the metal weight, price and casting weight are the union's. The preview
builds no boolean for this, because measuring intersects the two meshes
after the frame, when the price needs it.

An engraving is cut 0.5 mm deep into the back, mirrored so that it reads
when the pendant is turned over, centred on the outline's centroid. Where
it lies inside the flat of the back, ``engrave_flat`` cuts it in the back's
plane, otherwise with a 3D boolean.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np
import trimesh
from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient

from models3d import dims as dimensions
from models3d.caching import MeshArrays, bounded_cache
from models3d.engrave import engrave_flat
from models3d.errors import BACK, EngravingError
from models3d.glyphs import text_advance
from models3d.meshing import revolve_profile
from models3d.parts import Part
from models3d.rounded_slab import rounded_slab

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

ENGRAVING_MARGIN_MM = 0.5
"""Smallest distance between an engraving and the outline's edge."""

BAIL_OUTER_DIAMETER_MM = BAIL_HOLE_MM + 2.0 * BAIL_WALL_MM

HOLE_CLEARANCE_MM = 0.1
"""Smallest gap in mm between the bail's hole and the body, so the chain
passes and the hole's wall and the body's face do not touch."""

CHAIN_ANGLE_DEG = 30.0
"""Largest angle from vertical of the chain where it leaves the bail, worn."""

CHAIN_CLEARANCE_MM = 0.3
"""Smallest gap, in the pendant's plane, between a heart's lobes and a chain
that leaves the bail's ends at the flat's height."""

HEART_FLAT_MM = BAIL_LENGTH_MM + 2.0 * CHAIN_CLEARANCE_MM / math.cos(
    math.radians(CHAIN_ANGLE_DEG)
)
"""Length of the flat that fills a heart's notch under the bail, 0.35 mm
longer than the bail at each end.

The flat's ends are the lobes' lowest points, and on every catalog heart
the lobes rise from them less steeply than the chain. So a chain that
leaves a bail's end at the flat's height and up to ``CHAIN_ANGLE_DEG``
from vertical passes nearest to the flat's end, ``CHAIN_CLEARANCE_MM``
away. Where the hole reaches below the flat it lies in front of the body's
face (``bail_seat``), so a chain there passes in front of the lobes."""


@cache
def _unit_heart(half_width: float) -> tuple[np.ndarray, float]:
    """Return a heart outline 1 wide, top at y = 0, with its notch filled
    flat where its sides lie ``half_width`` either side of x = 0, and the
    height of that flat.

    The curve is the classic x = 16 sin³ t, y = 13 cos t - 5 cos 2t - 2 cos
    3t - cos 4t, scaled so that its width is 1 and its highest point (the
    top of the lobes) is at y = 0. The outline follows it from the flat's
    right end around to its left end, mirrored about x = 0, in about
    ``OUTLINE_SEGMENTS`` points. The widest points and the tip are among
    them, so the outline's extents are the curve's. The flat closes it.
    """
    # Scaled to width 1 the curve's x is sin³ t / 2.
    start = float(np.arcsin((2.0 * half_width) ** (1.0 / 3.0)))
    step = 2.0 * (np.pi - start) / (OUTLINE_SEGMENTS - 1)
    side = round((np.pi / 2.0 - start) / step)
    lower = round(np.pi / 2.0 / step)
    t = np.concatenate(
        [
            np.linspace(start, np.pi / 2.0, side, endpoint=False),
            np.linspace(np.pi / 2.0, np.pi, lower, endpoint=False),
            np.linspace(np.pi, 1.5 * np.pi, lower, endpoint=False),
            np.linspace(1.5 * np.pi, 2.0 * np.pi - start, side + 1),
        ]
    )
    x = 16.0 * np.sin(t) ** 3
    y = 13.0 * np.cos(t) - 5.0 * np.cos(2 * t) - 2.0 * np.cos(3 * t) - np.cos(4 * t)
    scale = 1.0 / (x.max() - x.min())
    top = y.max()
    points = np.column_stack([x * scale, (y - top) * scale])
    return points, float(points[0, 1])


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
        Height in mm of the outline's top under the bail: 0 for a disc. A
        heart's notch is filled flat up to where its sides are
        ``HEART_FLAT_MM`` apart, a seat for the bail. Otherwise the lobes
        would rise into the bail's hole and against the chain beside it.
    """
    if shape == "disc":
        angles = 2.0 * np.pi * np.arange(OUTLINE_SEGMENTS) / OUTLINE_SEGMENTS
        radius = size / 2.0
        points = np.column_stack(
            [radius * np.cos(angles), radius * np.sin(angles) - radius]
        )
        return Polygon(points), 0.0
    points, seat = _unit_heart(HEART_FLAT_MM / 2.0 / size)
    return orient(Polygon(points * size), 1.0), seat * size


def bail_seat(attach_y: float, thickness: float) -> float:
    """Return the Y (mm) of the bail hole's lowest point on a body
    ``thickness`` mm thick whose top under the bail is at ``attach_y``.

    The hole stays ``HOLE_CLEARANCE_MM`` clear of the body, which lies
    below ``thickness``, and the loop sinks as far into the body as that
    allows. On a body 2.2 mm thick or more the hole sits on the body's top.
    On a 0.8 mm body the loop reaches 1.2 mm into it at the front face;
    sitting on the top, it would reach 0.24 mm.
    """
    inner = BAIL_HOLE_MM / 2.0
    outer = BAIL_OUTER_DIAMETER_MM / 2.0
    # The hole's half-width along Y at the height of the body's front face
    # plus the clearance. Above the hole's axis it is the whole radius.
    height = min(thickness + HOLE_CLEARANCE_MM, outer)
    half_width = np.sqrt(max(0.0, inner**2 - (outer - height) ** 2))
    return attach_y + float(half_width) - inner


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


def bail_mesh(attach_y: float) -> trimesh.Trimesh:
    """Return the bail loop with its hole's lowest point at ``attach_y``.

    ``bail_section`` revolved in ``BAIL_SEGMENTS`` steps around an axis
    parallel to X, standing on Z = 0; closed, normals outward.
    """
    inner = BAIL_HOLE_MM / 2.0
    outer = inner + BAIL_WALL_MM
    loop = _bail_loop()
    vertices = loop.vertices + [0.0, attach_y + inner, outer]
    return trimesh.Trimesh(vertices, loop.faces.copy(), process=False)


@cache
def _bail_loop() -> MeshArrays:
    """Return the bail's loop around the X axis, read-only.

    The loop depends on no design value, so it is revolved once.
    """
    loop = revolve_profile(bail_section(), BAIL_SEGMENTS)
    # The revolve runs around Z. Cycling the axes, (x, y, z) -> (z, x, y),
    # is a rotation that lays it along X.
    return MeshArrays.of_arrays(loop.vertices[:, [2, 0, 1]], loop.faces)


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
    # Inside the outline and the margin from its edge: what the outline
    # shrunk by the margin containing the box tests, without the shrinking.
    fits = shape_outline.contains(line_box) and (
        shape_outline.exterior.distance(line_box) >= ENGRAVING_MARGIN_MM
    )
    if not fits:
        raise EngravingError(BACK, text, length, letter_height, ENGRAVING_MARGIN_MM)
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
        Two parts in the metal: ``"pendant"``, the rounded body, whose X
        extent is ``size``, and ``"bail"``, which overlaps its rim and is
        joined to it.

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
    body, bail, shift_y, back_faces, back_border = _body_and_bail(
        shape, size, thickness
    )
    mesh = body.mesh()

    text = (dims.get("engraving", "") or "").strip()
    if text:
        letter_height = dimensions.length(dims, "letter_height", generator)
        try:
            centre = check_engraving_fits(shape_outline, text, letter_height)
            mesh = engrave_flat(
                mesh,
                text,
                letter_height,
                (centre[0], centre[1] + shift_y),
                face=back_faces,
                face_border=back_border,
            )
        except ValueError as error:
            raise dimensions.DimensionError(
                generator, "engraving", str(error), error.with_traceback(None)
            ) from None

    logger.debug("pendant %s %.1f mm: %s faces", shape, size, len(mesh.faces))
    return [
        Part(name="pendant", mesh=mesh, material=metal),
        Part(name="bail", mesh=bail.mesh(), material=metal, joined_to="pendant"),
    ]


@bounded_cache(maxsize=16)
def _body_and_bail(
    shape: str, size: float, thickness: float
) -> tuple[MeshArrays, MeshArrays, float, np.ndarray, np.ndarray]:
    """Return the rounded body and the bail, centred together on the Z axis,
    and the Y shift (mm) that centred them.

    The last two items are the indices of the body's faces on the back that
    keep clear of its flat's outline, where an engraving is cut first, and
    the border loop of those faces (``RoundedSlab.back_inner_border``).

    Cached on the values that shape them, so that a change of metal or
    engraving keeps them.
    """
    shape_outline, attach_y = outline(shape, size)
    slab = rounded_slab(shape_outline, thickness)
    body = slab.mesh()
    back_faces = slab.back_inner_faces()
    back_faces.flags.writeable = False
    back_border = slab.back_inner_border()
    back_border.flags.writeable = False
    bail = bail_mesh(bail_seat(attach_y, thickness))

    # Centre the whole pendant, bail included, on the Z axis.
    low_y = min(body.vertices[:, 1].min(), bail.vertices[:, 1].min())
    high_y = max(body.vertices[:, 1].max(), bail.vertices[:, 1].max())
    shift_y = -(low_y + high_y) / 2.0
    body.vertices[:, 1] += shift_y
    bail.vertices[:, 1] += shift_y
    return MeshArrays.of(body), MeshArrays.of(bail), shift_y, back_faces, back_border


def pendant_extents(shape: str, size: float, thickness: float) -> np.ndarray:
    """Return the pendant's X, Y and Z extents in mm, bail included."""
    shape_outline, attach_y = outline(shape, size)
    bottom = shape_outline.bounds[1]
    top = max(0.0, bail_seat(attach_y, thickness) + BAIL_HOLE_MM + BAIL_WALL_MM)
    return np.array([size, top - bottom, max(thickness, BAIL_OUTER_DIAMETER_MM)])
