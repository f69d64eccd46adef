"""Dining table: a rectangular top on four legs joined by aprons.

Frame: X along the table's width, Y along its depth, Z up; the top's upper
face is at Z = ``height`` and the feet stand on Z = 0. Each leg reaches
``LEG_OVERLAP_MM`` into the underside of the top, hidden inside it, so the
union of the parts is one clean solid. The top's edges, and a square or
tapered leg's, are rounded to ``models3d.boards.edge_radius``. A round leg
is eased at its foot only (``LEG_EDGE_RADIUS_MM``).

Aprons: four solid wood rails, ``APRON_MM`` thick and ``APRON_HEIGHT_MM``
high, run under the top between the legs, their outer faces
``APRON_SETBACK_MM`` behind the legs' outer faces. They keep the legs from
racking, which one bolt in the top per leg cannot. An apron's ends butt
against the legs' faces, and against a round leg they are coped to its
section. A tapered leg stays square beside the aprons and tapers below
them.

Fixing, as knock-down tables are made: a steel corner brace sits across
each corner, its flanges in saw kerfs in both aprons and screwed to them.
A hanger bolt screwed into the leg's inner corner passes through the brace
and is drawn tight with a wing nut, so the legs come off for delivery.
Tabletop fasteners screwed to the aprons' top edges hold the top and let a
solid top move across its grain.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.boards import BoardPart, board, edge_radius
from models3d.meshing import (
    ROUNDED_BOX_SEGMENTS,
    loft_arrays,
    prism,
    rounded_box,
    rounded_box_arrays,
)
from models3d.parts import HardwareUse, Hole, Kerf, Part, Shaping

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

LEG_EDGE_RADIUS_MM = edge_radius((LEG_SECTION_MM, LEG_SECTION_MM))
"""Radius that a leg's edges are rounded to, as a board's of its section:
every edge of a square or tapered leg, and the foot of a round one."""

APRON_MM = 25.0
"""Thickness of the aprons, a glued solid wood stock size."""

APRON_HEIGHT_MM = 90.0
"""Height of the aprons under the top."""

APRON_SETBACK_MM = 10.0
"""How far an apron's outer face sits behind the legs' outer faces."""

# NOTE: the brace's kerfs, screws and bolt follow common steel table corner
# braces, not a supplier's data sheet; match them to the brace bought.
BRACE_KERF_MM = 70.0
"""Distance from an apron's end, on its inner face, to the centre line of
the kerf that the corner brace's flange sits in. The aprons' inner faces
lie on the legs' centre lines. A brace between kerfs this far from the
legs' faces therefore crosses the hanger bolt about 25 mm from a square
leg's inner corner and 39 mm from a round leg's surface, both within the
bolt's 50 mm of machine thread."""

BRACE_KERF_WIDTH_MM = 3.0
"""Width of a brace kerf, one saw cut for the brace's 3 mm flange."""

BRACE_KERF_DEPTH_MM = 10.0
"""Depth of a brace kerf into the apron's inner face."""

MIN_APRON_MM = 2.0 * BRACE_KERF_MM + 20.0
"""Shortest apron between two legs' faces that takes a corner brace at each
end: its two kerfs stay 20 mm apart."""

FASTENER_SPACING_MM = 400.0
"""Largest spacing of the tabletop fasteners along an apron."""

FASTENER_END_MM = 40.0
"""Distance from an apron's end, on its inner face, to the centre of the
tabletop fastener nearest to it: between the leg and the brace's kerf."""

FASTENER_RECESS_MM = 19.0
"""Diameter of the recess that a tabletop fastener sits in, drilled into
the apron's top edge and centred in its thickness."""

FASTENER_RECESS_DEPTH_MM = 3.0
"""Depth of a fastener's recess, the fastener's steel thickness, so it sits
flush with the apron's top edge."""

SOLID_TOPS = ("oak", "walnut")
"""Top materials glued up from solid boards, which move across their grain
with the seasons; the others are sheet materials that do not."""

HANGER_BOLT_PILOT_MM = 6.5
"""Pilot hole for the M8 hanger bolt's wood thread, in the leg's inner
corner."""

HANGER_BOLT_PILOT_DEPTH_MM = 50.0


def _unit_circle() -> np.ndarray:
    """Return the (k, 2) points of a round leg's section on the unit
    circle, from +X counter-clockwise."""
    angles = 2.0 * np.pi * np.arange(ROUND_LEG_SEGMENTS) / ROUND_LEG_SEGMENTS
    return np.column_stack([np.cos(angles), np.sin(angles)])


_UNIT_CIRCLE = _unit_circle()


def _round_section(centre: tuple[float, float]) -> np.ndarray:
    """Return a round leg's (k, 2) section polygon around ``centre``, in mm."""
    return _UNIT_CIRCLE * (LEG_SECTION_MM / 2.0) + centre


def _leg_arrays(
    style: str, length: float, straight_from: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of a leg from Z = 0 to ``length``
    around the Z axis, in mm.

    A square leg's edges are rounded to ``LEG_EDGE_RADIUS_MM``. A tapered
    leg is the same from ``straight_from`` up and tapers below it, its
    edges rounded alike. A round leg is eased at its foot.
    """
    if style == "round":
        return _round_leg(length)
    half = LEG_SECTION_MM / 2.0
    low, high = (-half, -half, 0.0), (half, half, length)
    if style == "square":
        return rounded_box_arrays(low, high, LEG_EDGE_RADIUS_MM)
    return _tapered_leg(low, high, straight_from)


def _tapered_leg(
    low: tuple[float, ...], high: tuple[float, ...], straight_from: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return a tapered leg's arrays: the square leg from ``low`` to
    ``high``, with a ring of vertices at ``straight_from``, and each
    quarter of every section below that moved in toward the axis by the
    taper's inset at its height.

    Moving whole quarters keeps each round-over at its radius and each face
    flat between the rings, so every section from the foot's round-over up
    is the rounded square of the taper's side at that height.
    """
    vertices, faces = rounded_box_arrays(
        low, high, LEG_EDGE_RADIUS_MM, levels=(straight_from,)
    )
    taper = (LEG_SECTION_MM - TAPERED_FOOT_MM) / 2.0
    inset = taper * np.maximum(1.0 - vertices[:, 2] / straight_from, 0.0)
    vertices[:, :2] -= np.sign(vertices[:, :2]) * inset[:, None]
    return vertices, faces


def _round_leg(length: float) -> tuple[np.ndarray, np.ndarray]:
    """Return a round leg's arrays: a cylinder of ``LEG_SECTION_MM``
    diameter from Z = 0 to ``length``, its foot rounded over to
    ``LEG_EDGE_RADIUS_MM`` in the rounded box's steps.

    The top end stays square: it butts against the top's underside, and
    the aprons' ends are coped to the leg's full section right up to it.
    """
    radius = LEG_EDGE_RADIUS_MM
    angles = np.arange(ROUNDED_BOX_SEGMENTS + 1) * (np.pi / 2.0 / ROUNDED_BOX_SEGMENTS)
    # A ring for each step of the round-over from the floor up, then the top.
    insets = np.append(radius * (1.0 - np.sin(angles)), 0.0)
    heights = np.append(radius * (1.0 - np.cos(angles)), length)
    rings = np.empty((len(heights), ROUND_LEG_SEGMENTS, 3))
    for ring, inset, height in zip(rings, insets, heights, strict=True):
        ring[:, :2] = _UNIT_CIRCLE * (LEG_SECTION_MM / 2.0 - inset)
        ring[:, 2] = height
    # Counter-clockwise rings stacked upward: the loft's faces face out.
    return loft_arrays(rings, wound_outward=True)


def leg_centres(width: float, depth: float, span: float) -> np.ndarray:
    """Return the (4, 2) XY centres of the legs, in mm.

    Legs stand at x = +-span / 2 and y = +-(depth / 2 - ``LEG_INSET_MM``),
    each moved inward if needed so the whole leg stays under the top.
    """
    half_section = LEG_SECTION_MM / 2.0
    x = min(span / 2.0, width / 2.0 - half_section)
    y = min(max(depth / 2.0 - LEG_INSET_MM, 0.0), depth / 2.0 - half_section)
    return np.array([[x, y], [-x, y], [-x, -y], [x, -y]])


def fastener_count(apron_length: float) -> int:
    """Return the number of tabletop fasteners along an apron
    ``apron_length`` mm long: one near each end and at most
    ``FASTENER_SPACING_MM`` apart."""
    return math.ceil(apron_length / FASTENER_SPACING_MM) + 1


def fastener_positions(face_length: float, count: int) -> list[float]:
    """Return where ``count`` tabletop fasteners sit along an apron whose
    inner face is ``face_length`` mm long, in mm from one end of that face:
    ``FASTENER_END_MM`` from each end and evenly spaced between."""
    gap = (face_length - 2.0 * FASTENER_END_MM) / (count - 1)
    return [FASTENER_END_MM + number * gap for number in range(count)]


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
        ``"top"`` in the top material, then ``"leg_1"`` to ``"leg_4"``,
        ``"apron_long_1"`` and ``"apron_long_2"`` (along X) and
        ``"apron_end_1"`` and ``"apron_end_2"`` (along Y), in walnut under
        a walnut top and in oak otherwise. The table's extents are exactly
        ``width`` x ``depth`` x ``height``. Each leg carries its hanger
        bolt's pilot hole, the bolt, the corner brace across it and a felt
        glide. Every apron carries its tabletop fasteners with their
        recesses in its top edge, and the brace kerfs in its inner face.

    Raises
    ------
    DimensionError
        When a value is missing or invalid, the legs would have no length,
        or the legs stand too close for aprons; the message names the
        value.
    """
    width = dimensions.length(dims, "width", "table", LEG_SECTION_MM)
    depth = dimensions.length(dims, "depth", "table", LEG_SECTION_MM)
    height = dimensions.length(dims, "height", "table")
    thickness = dimensions.length(dims, "top_thickness", "table")
    span = dimensions.length(dims, "span", "table")
    top_material = dimensions.choice(dims, "top_material", "table", TOP_MATERIALS)
    style = dimensions.choice(dims, "leg_style", "table", LEG_STYLES)
    underside = height - thickness
    # A tapered leg starts its taper below the aprons, above the round-over
    # at its foot.
    least_underside = APRON_HEIGHT_MM + LEG_EDGE_RADIUS_MM
    if underside <= least_underside:
        raise dimensions.DimensionError(
            "table",
            "top_thickness",
            f"top_thickness ({thickness:g} mm) must leave more than "
            f"{least_underside:g} mm under a {height:g} mm high top, for the "
            f"{APRON_HEIGHT_MM:g} mm aprons and the legs' "
            f"{LEG_EDGE_RADIUS_MM:g} mm round-over at the foot; choose a "
            "thinner top or a higher table",
        )
    centres = leg_centres(width, depth, span)
    _check_apron_room(centres, span)

    top_radius = edge_radius((width, depth, thickness))
    top = rounded_box(
        [-width / 2.0, -depth / 2.0, underside],
        [width / 2.0, depth / 2.0, height],
        top_radius,
    )
    parts: list[Part] = [
        Part(name="top", mesh=top, material=top_material, edge_radius_mm=top_radius)
    ]
    wood = "walnut" if top_material == "walnut" else "oak"
    parts += _legs(style, wood, centres, underside)
    parts += _aprons(style, wood, centres, underside, top_material in SOLID_TOPS)
    logger.debug("table %sx%sx%s with %s legs", width, depth, height, style)
    return parts


def _check_apron_room(centres: np.ndarray, span: float) -> None:
    """Raise ``DimensionError`` when two legs stand too close for an apron
    between them."""
    x, y = centres[0]
    between = {
        "span": (2.0 * x - LEG_SECTION_MM, f"along the {span:g} mm span", "span"),
        "depth": (2.0 * y - LEG_SECTION_MM, "across the depth", "depth"),
    }
    for name, (room, where, fix) in between.items():
        if room < MIN_APRON_MM:
            raise dimensions.DimensionError(
                "table",
                name,
                f"the legs' inner faces are {room:g} mm apart {where}, leaving "
                f"no room for an apron of at least {MIN_APRON_MM:g} mm between "
                f"them; choose a larger {fix}",
            )


def _legs(style: str, wood: str, centres: np.ndarray, underside: float) -> list[Part]:
    """Return the four legs, each with its corner brace, hanger bolt and
    felt glide."""
    length = underside + LEG_OVERLAP_MM
    straight_from = underside - APRON_HEIGHT_MM
    hardware = (
        HardwareUse("table_corner_brace"),
        HardwareUse("hanger_bolt_m8x100"),
        HardwareUse("felt_glide_40"),
    )
    # One leg at the origin, moved to each centre: the four are the same.
    vertices, faces = _leg_arrays(style, length, straight_from)
    # A round leg's top end stays square, so its bill line states the eased
    # foot with the turning (_leg_shaping) instead of every edge rounded.
    radius = None if style == "round" else LEG_EDGE_RADIUS_MM
    shaping = _leg_shaping(style, straight_from)
    legs = []
    for number, (x, y) in enumerate(centres, start=1):
        mesh = trimesh.Trimesh(vertices + (x, y, 0.0), faces, process=False)
        legs.append(
            Part(
                name=f"leg_{number}",
                mesh=mesh,
                material=wood,
                holes=(_bolt_pilot(style, (x, y), underside),),
                hardware=hardware,
                edge_radius_mm=radius,
                hidden_mm=(0.0, 0.0, LEG_OVERLAP_MM),
                shaping=shaping,
            )
        )
    return legs


def _leg_shaping(style: str, straight_from: float) -> Shaping | None:
    """Return how a leg of ``style`` is shaped beyond its square blank."""
    if style == "round":
        sizes = (("diameter", LEG_SECTION_MM), ("foot_radius", LEG_EDGE_RADIUS_MM))
        return Shaping("turned", sizes)
    if style == "tapered":
        sizes = (
            ("top", LEG_SECTION_MM),
            ("straight", straight_from),
            ("foot", TAPERED_FOOT_MM),
        )
        return Shaping("tapered", sizes)
    return None


def _bolt_pilot(style: str, centre: tuple[float, float], underside: float) -> Hole:
    """Return the hanger bolt's pilot hole, drilled level into the leg's
    corner that faces the table's middle, halfway up the aprons."""
    outward = np.sign(centre) / math.sqrt(2.0)
    half = LEG_SECTION_MM / 2.0
    # The round leg's surface, or the square section's corner.
    reach = half if style == "round" else half * math.sqrt(2.0)
    mouth = np.asarray(centre) - outward * reach
    z = underside - APRON_HEIGHT_MM / 2.0
    return Hole(
        (float(mouth[0]), float(mouth[1]), z),
        (float(outward[0]), float(outward[1]), 0.0),
        HANGER_BOLT_PILOT_MM,
        HANGER_BOLT_PILOT_DEPTH_MM,
    )


def _aprons(
    style: str, wood: str, centres: np.ndarray, underside: float, solid_top: bool
) -> list[BoardPart]:
    """Return the two long aprons (along X), then the two end aprons
    (along Y), between the legs' faces.

    ``solid_top`` says whether the top is solid wood, which the tabletop
    fasteners let move (``HardwareUse.fixing``).
    """
    x, y = centres[0]
    half = LEG_SECTION_MM / 2.0
    low = underside - APRON_HEIGHT_MM
    outer = half - APRON_SETBACK_MM
    # Every apron's ends meet its legs across the same band of their section.
    chain = _facing_chain((outer - APRON_MM, outer)) if style == "round" else None
    aprons = []
    pairs = (("apron_long", "x", x, y), ("apron_end", "y", y, x))
    for prefix, along, leg_at, leg_across in pairs:
        band = (leg_across + outer - APRON_MM, leg_across + outer)
        place = _ApronPlace(along, leg_at, leg_across, band, low, underside)
        first = _apron(f"{prefix}_1", wood, place, solid_top, chain)
        aprons += [first, _mirrored(first, f"{prefix}_2", along)]
    return aprons


def _mirrored(apron: BoardPart, name: str, along: str) -> BoardPart:
    """Return ``apron`` mirrored to the table's other side, named ``name``,
    with its recesses and kerfs."""
    flip = np.ones(3)
    axis = 1 if along == "x" else 0
    flip[axis] = -1.0

    def mirror(point: tuple[float, float, float]) -> tuple[float, float, float]:
        flipped = [float(value) for value in point]
        flipped[axis] = -flipped[axis]
        return tuple(flipped)

    vertices = apron.mesh.vertices * flip
    # A mirror turns the faces inside out, so their winding is reversed.
    faces = apron.mesh.faces[:, ::-1]
    mesh = trimesh.Trimesh(vertices, faces, process=False)
    holes = tuple(
        replace(hole, centre=mirror(hole.centre), axis=mirror(hole.axis))
        for hole in apron.holes
    )
    kerfs = tuple(
        replace(
            kerf,
            start=mirror(kerf.start),
            end=mirror(kerf.end),
            axis=mirror(kerf.axis),
        )
        for kerf in apron.kerfs
    )
    return replace(apron, name=name, mesh=mesh, holes=holes, kerfs=kerfs)


@dataclass(frozen=True)
class _ApronPlace:
    """Placement of an apron: along ``along`` (``"x"`` or ``"y"``) between
    legs centred at (+-``leg_at``, ``leg_across``) in (along, across)
    coordinates, across ``band`` (its two faces) and from Z = ``low`` to
    ``high``, all in mm."""

    along: str
    leg_at: float
    leg_across: float
    band: tuple[float, float]
    low: float
    high: float


def _apron(
    name: str,
    wood: str,
    place: _ApronPlace,
    solid_top: bool,
    chain: np.ndarray | None,
) -> BoardPart:
    """Return one apron at ``place`` with its tabletop fasteners, their
    recesses and the brace kerfs: coped to round legs along ``chain``
    (``_facing_chain``), or square-ended where it is None."""
    half = LEG_SECTION_MM / 2.0
    along, band, low, high = place.along, place.band, place.low, place.high
    if chain is not None:
        apron = _coped_apron(name, wood, place, chain)
    else:
        ends = (-place.leg_at + half, place.leg_at - half)
        corners = [(ends[0], band[0], low), (ends[1], band[1], high)]
        if along == "y":
            corners = [(b, a, z) for a, b, z in corners]
        apron = board(name, wood, corners[0], corners[1], along)
    count = fastener_count(apron.length)
    fixing = "solid_top" if solid_top else "board_top"
    hardware = (HardwareUse("tabletop_fastener", count, fixing=fixing),)
    return BoardPart(
        name=apron.name,
        mesh=apron.mesh,
        material=apron.material,
        holes=_fastener_recesses(place, count),
        kerfs=_brace_kerfs(place),
        hardware=hardware,
        edge_radius_mm=apron.edge_radius_mm,
        length=apron.length,
        width=apron.width,
        thickness=apron.thickness,
        shaped=apron.shaped,
        shaping=apron.shaping,
    )


def _placed(place: _ApronPlace, along: float, across: float, z: float) -> tuple:
    """Return the product-frame point at (``along``, ``across``, ``z``) in
    the apron's coordinates, in mm."""
    if place.along == "x":
        return (float(along), float(across), float(z))
    return (float(across), float(along), float(z))


def _fastener_recesses(place: _ApronPlace, count: int) -> tuple[Hole, ...]:
    """Return the recesses of ``count`` tabletop fasteners, drilled down into
    the apron's top edge and centred in its thickness."""
    start = -place.leg_at + LEG_SECTION_MM / 2.0
    face_length = 2.0 * place.leg_at - LEG_SECTION_MM
    middle = (place.band[0] + place.band[1]) / 2.0
    down = _placed(place, 0.0, 0.0, -1.0)
    return tuple(
        Hole(
            _placed(place, start + position, middle, place.high),
            down,
            FASTENER_RECESS_MM,
            FASTENER_RECESS_DEPTH_MM,
        )
        for position in fastener_positions(face_length, count)
    )


def _brace_kerfs(place: _ApronPlace) -> tuple[Kerf, ...]:
    """Return the two brace kerfs, cut into the apron's inner face across its
    whole height, ``BRACE_KERF_MM`` from each end of that face."""
    inner = _inner_face(place)
    outer = max(place.band, key=abs)
    inward = _placed(place, 0.0, math.copysign(1.0, outer - inner), 0.0)
    reach = place.leg_at - LEG_SECTION_MM / 2.0 - BRACE_KERF_MM
    return tuple(
        Kerf(
            _placed(place, along, inner, place.low),
            _placed(place, along, inner, place.high),
            inward,
            BRACE_KERF_WIDTH_MM,
            BRACE_KERF_DEPTH_MM,
        )
        for along in (-reach, reach)
    )


def _facing_chain(band: tuple[float, float]) -> np.ndarray:
    """Return the (k, 2) points of a round leg's section, as (along,
    across) from the leg's centre, on its side toward -along, from across
    ``band[0]`` to ``band[1]``, in mm. A leg at +along turns that side to
    the table's middle.

    The ends lie on the section polygon's edges, so an apron cut along the
    points touches the leg all over.
    """
    section = _round_section((0.0, 0.0))
    # From 270 to 90 degrees the across coordinate rises steadily.
    quarter = ROUND_LEG_SEGMENTS // 4
    chain = section[np.arange(3 * quarter, quarter - 1, -1)]
    inside = (chain[:, 1] > band[0] + 1e-9) & (chain[:, 1] < band[1] - 1e-9)
    ends = [(float(np.interp(face, chain[:, 1], chain[:, 0])), face) for face in band]
    return np.concatenate([[ends[0]], chain[inside], [ends[1]]])


def _coped_apron(
    name: str, wood: str, place: _ApronPlace, chain: np.ndarray
) -> BoardPart:
    """Return an apron whose ends are coped to two round legs' sections
    along ``chain``, ``_facing_chain`` of ``place.band`` taken from the
    legs' centre line, so each end lies on its leg's surface without a gap
    or an overlap."""
    band, low, high = place.band, place.low, place.high
    # Work in (along, across) coordinates and map to (x, y) at the end.
    chain = chain + (place.leg_at, place.leg_across)
    mirrored = chain * (-1.0, 1.0)
    outline = np.concatenate([mirrored, chain[::-1]])
    vertices, faces = prism(outline, high - low)
    vertices[:, 2] += low
    if place.along == "y":
        # (u, v, w) -> (v, u, w) mirrors, so reverse the faces' winding.
        vertices = vertices[:, [1, 0, 2]]
        faces = faces[:, ::-1]
    length = float(outline[:, 0].max() - outline[:, 0].min())
    return BoardPart(
        name=name,
        mesh=trimesh.Trimesh(vertices, faces, process=False),
        material=wood,
        edge_radius_mm=0.0,
        length=length,
        width=high - low,
        thickness=band[1] - band[0],
        shaped=True,
        shaping=_cope_shaping(place, chain),
    )


def _cope_shaping(place: _ApronPlace, chain: np.ndarray) -> Shaping:
    """Return how an apron's ends are coped to round legs, with the length
    of its inner face between them. ``chain`` is the apron's end at +along,
    in (along, across) coordinates."""
    radius = ("radius", LEG_SECTION_MM / 2.0)
    # The chain of the apron's end runs from its first face to its second,
    # and the apron reaches as far the other way from the middle.
    at_face = {float(across): 2.0 * float(along) for along, across in chain[[0, -1]]}
    inner = ("inner", at_face[_inner_face(place)])
    offset = abs(place.leg_across - _inner_face(place))
    if offset < 1e-6:
        return Shaping("coped_on_face", (radius, inner))
    return Shaping("coped", (radius, ("offset", offset), inner))


def _inner_face(place: _ApronPlace) -> float:
    """Return the across coordinate of the apron's face toward the table's
    middle, in mm."""
    return min(place.band, key=abs)
