"""Solitaire ring: a band with a prong head holding one round brilliant.

Frame: the ring stands upright with the finger's axis along Y, centred on
the Z axis, its band resting on Z = 0 and the stone on top. The band is the
``models3d.ring`` band turned so that its top, at Z = ``outer_diameter``, is
the middle of the band's outside; an engraving sits inside at the bottom.

Head: ``prongs`` round prongs stand around the stone, each a sphere-capped
rod that rises from a pedestal set into the top of the band, leans out to
the girdle and runs straight up past it to a tip above the crown. Each prong
reaches over the girdle by ``PRONG_OVERHANG`` of its diameter. Each prong
carries a seat cut for the stone, and the stone sits ``SEAT_INTERFERENCE_MM``
deep in its seats and in the pedestal under its culet, as a setter's seat
cut grips it, so that the ring's parts unite into one solid. One prong
always stands on +Y, so the head's Y extent is
``head_width = stone_diameter + 1.8 * prong_diameter``.
The stone's culet clears the band by ``CULET_CLEARANCE_MM``, so its table
lies ``setting_height = CULET_CLEARANCE_MM + DEPTH_FRACTION *
stone_diameter`` above the band, higher than any prong tip.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import manifold3d
import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.caching import MeshArrays, bounded_cache
from models3d.gems import CROWN_FRACTION, DEPTH_FRACTION, round_brilliant
from models3d.parts import Part
from models3d.ring import build_band_mesh
from models3d.sectors import Tool
from models3d.solids import to_manifold

logger = logging.getLogger(__name__)

PRONG_COUNTS = (4, 6)

MIN_PRONG_MM = 0.6
"""Thinnest prong a caster accepts (caster's CAD guidelines, gemwares.com)."""

PRONG_OVERHANG = 0.1
"""Share of a prong's diameter that reaches over the stone's girdle, the
10 % that casters' guidelines (gemwares.com) leave for the setter."""

CULET_CLEARANCE_MM = 0.3
"""Gap between the stone's culet and the top of the band."""

PRONG_TIP_CROWN_FRACTION = 0.35
"""Height of a prong tip's centre above the girdle, as a share of the
crown's height."""

SEAT_INTERFERENCE_MM = 0.02
"""Depth by which the stone sits in its metal: the prongs' seats are cut
this much inside the girdle's radius and the pedestal rises this much above
the culet. Faces that only touch would leave edges shared by four faces
once an STL reader merges vertices by position, so the parts must overlap
for their union to be one watertight solid."""

SPHERE_SEGMENTS = 16
"""Segments around a prong's sphere caps; a multiple of 4 puts vertices on
the axes, so a prong on +Y reaches exactly its radius past its centre."""


def _prong(points: list[np.ndarray], radius: float) -> manifold3d.Manifold:
    """Return a rod of ``radius`` through ``points``, capped with spheres."""
    spheres = [
        manifold3d.Manifold.sphere(radius, SPHERE_SEGMENTS).translate(tuple(point))
        for point in points
    ]
    pieces = [
        manifold3d.Manifold.batch_hull([first, second])
        for first, second in zip(spheres, spheres[1:], strict=False)
    ]
    return manifold3d.Manifold.batch_boolean(pieces, manifold3d.OpType.Add)


def _upright(band: trimesh.Trimesh, width: float, outer_radius: float):
    """Return a band built on the Z axis turned upright.

    A quarter turn about X takes the band frame's (x, y, z) to (x, -z, y),
    so its Z axis becomes -Y and its +Y side the top; the band is then
    centred on Y = 0 and lifted to rest on Z = 0.
    """
    x, y, z = np.asarray(band.vertices).T
    vertices = np.column_stack([x, width / 2.0 - z, y + outer_radius])
    return trimesh.Trimesh(vertices, band.faces, process=False)


def _band_frame(width: float, outer_radius: float) -> np.ndarray:
    """Return the 3 x 4 matrix from the upright ring, lowered so that the
    band's top is at Z = 0, back to the band frame; ``_upright`` undoes it.
    """
    # Upright (X, Y, Z) is (x, width / 2 - z, y + outer_radius) and the top
    # of the band is at Z = 2 outer_radius, so x = X, y = Z + outer_radius
    # and z = width / 2 - Y.
    return np.array(
        [
            [1.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, outer_radius],
            [0.0, -1.0, 0.0, width / 2.0],
        ]
    )


def build_solitaire(dims: Mapping[str, Any]) -> list[Part]:
    """Build a solitaire ring from the design's dimensions.

    Parameters
    ----------
    dims
        Needs the band's ``inner_diameter``, ``depth``, ``width``,
        ``profile`` and ``metal`` (see ``models3d.ring.build_ring``), the
        stone's ``stone_diameter`` (mm) and ``stone`` material, and the
        head's ``prongs`` (4 or 6) and ``prong_diameter`` (mm, at least
        ``MIN_PRONG_MM``). A non-blank ``engraving`` with ``letter_height``
        is cut inside the band, at the bottom.

    Returns
    -------
    list of Part
        ``"band"`` and ``"head"`` in the metal and ``"stone"`` in the stone
        material; the stone overlaps the head by ``SEAT_INTERFERENCE_MM``
        at its seats and culet. The ring's X extent is
        ``outer_diameter``, its Y extent the larger of ``width`` and
        ``head_width``, and its Z extent ``outer_diameter +
        setting_height``; no point lies closer to the finger's axis than
        ``inner_diameter / 2``.

    Raises
    ------
    DimensionError
        When a value is missing or invalid; the message names it.
    """
    generator = "solitaire"
    metal = dimensions.material_id(dims, "metal", generator)
    stone_material = dimensions.material_id(dims, "stone", generator)
    stone_diameter = dimensions.length(dims, "stone_diameter", generator)
    prong_diameter = dimensions.length(
        dims, "prong_diameter", generator, minimum=MIN_PRONG_MM - 1e-9
    )
    prongs = dimensions.choice(dims, "prongs", generator, PRONG_COUNTS)
    inner_radius = dimensions.length(dims, "inner_diameter", generator) / 2.0
    depth = dimensions.length(dims, "depth", generator)
    width = dimensions.length(dims, "width", generator)
    outer_radius = inner_radius + depth

    # The stone's culet clears the band, so only the head carries its seat,
    # and the head is joined to the band's top alone.
    on_band = _head_on_band(
        stone_diameter, prong_diameter, prongs, width, depth, outer_radius
    )
    band = build_band_mesh(
        dims,
        generator,
        engraving_angle=-np.pi / 2.0,
        tools=[Tool(on_band, manifold3d.OpType.Add)],
    )
    mounting = _upright(band, width, outer_radius)

    stone = _stone(stone_diameter).mesh(offset=(0.0, 0.0, 2.0 * outer_radius))
    logger.debug(
        "solitaire: %s prongs of %.2f mm around a %.2f mm stone",
        prongs,
        prong_diameter,
        stone_diameter,
    )
    return [
        Part(name="mounting", mesh=mounting, material=metal),
        Part(name="stone", mesh=stone, material=stone_material),
    ]


@bounded_cache(maxsize=32)
def _stone(stone_diameter: float) -> MeshArrays:
    """Return the stone with the band's top at Z = 0."""
    table_z = CULET_CLEARANCE_MM + DEPTH_FRACTION * stone_diameter
    return MeshArrays.of(round_brilliant(stone_diameter, table_z))


@bounded_cache(maxsize=32)
def _head_on_band(
    stone_diameter: float,
    prong_diameter: float,
    prongs: int,
    width: float,
    depth: float,
    outer_radius: float,
) -> manifold3d.Manifold:
    """Return the seated head in the band's frame.

    Cached so that the same head is the same object from build to build,
    which lets the band keep its wedge with the head joined on.
    """
    head = _seated_head(stone_diameter, prong_diameter, prongs, width, depth)
    return head.transform(_band_frame(width, outer_radius))


@bounded_cache(maxsize=32)
def _seated_head(
    stone_diameter: float,
    prong_diameter: float,
    prongs: int,
    width: float,
    depth: float,
) -> manifold3d.Manifold:
    """Return the head with the stone's seat cut in, the band's top at Z = 0.

    The seat is the stone narrowed by ``SEAT_INTERFERENCE_MM`` on each side,
    so the stone itself reaches that far into the prongs. The head does not
    depend on the ring size, so a size change keeps it.
    """
    stone = to_manifold(_stone(stone_diameter).mesh(), "stone")
    narrowing = (stone_diameter - 2.0 * SEAT_INTERFERENCE_MM) / stone_diameter
    seat = stone.scale((narrowing, narrowing, 1.0))
    return _head(stone_diameter, prong_diameter, prongs, width, depth, seat)


def _head(
    stone_diameter: float,
    prong_diameter: float,
    prongs: int,
    width: float,
    depth: float,
    seat: manifold3d.Manifold,
) -> manifold3d.Manifold:
    """Return the prongs and their pedestal as one solid, with the band's
    top at Z = 0.

    ``seat`` is cut from each prong. The pedestal's top rises
    ``SEAT_INTERFERENCE_MM`` above the culet, so the culet's point sinks
    into it and needs no cut.
    """
    band_top = 0.0
    table_z = band_top + CULET_CLEARANCE_MM + DEPTH_FRACTION * stone_diameter
    radius = prong_diameter / 2.0
    stone_radius = stone_diameter / 2.0
    prong_circle = stone_radius + (1.0 - 2.0 * PRONG_OVERHANG) * radius
    girdle_top = table_z - CROWN_FRACTION * stone_diameter
    tip_z = min(
        girdle_top + PRONG_TIP_CROWN_FRACTION * CROWN_FRACTION * stone_diameter,
        table_z - radius,
    )

    # The feet gather on a circle that stays within the band's width, at a
    # height that keeps their spheres out of the finger's bore.
    foot_circle = max(0.0, min(width / 2.0 - radius, 0.45 * stone_radius))
    foot_z = band_top - depth + radius + 0.1
    seat_z = girdle_top - 0.5 * stone_diameter * 0.02

    # A turn by a multiple of 90 degrees maps a sphere's tessellation and
    # the stone's 8-sided table and 32-sided girdle onto themselves. So a
    # prong that far round from a built one is a turned copy, seat included,
    # which skips the booleans that join its two pieces and cut its seat.
    # Other prongs are built in place, so that every cap keeps its facets.
    built: dict[float, manifold3d.Manifold] = {}
    rods = []
    for index in range(prongs):
        turn = 360.0 * index / prongs
        earlier = [other for other in built if (turn - other) % 90.0 == 0.0]
        if earlier:
            rods.append(built[earlier[0]].rotate((0.0, 0.0, turn - earlier[0])))
            continue
        angle = np.pi / 2.0 + 2.0 * np.pi * index / prongs
        direction = np.array([np.cos(angle), np.sin(angle), 0.0])
        points = [
            direction * foot_circle + [0.0, 0.0, foot_z],
            direction * prong_circle + [0.0, 0.0, seat_z],
            direction * prong_circle + [0.0, 0.0, tip_z],
        ]
        built[turn] = _prong(points, radius) - seat
        rods.append(built[turn])

    pedestal_radius = foot_circle + radius
    pedestal = manifold3d.Manifold.cylinder(
        band_top + CULET_CLEARANCE_MM + SEAT_INTERFERENCE_MM - foot_z,
        pedestal_radius,
        circular_segments=32,
    ).translate((0.0, 0.0, foot_z))
    return manifold3d.Manifold.batch_boolean([pedestal, *rods], manifold3d.OpType.Add)
