"""Solitaire ring: a band with a prong head holding one round brilliant.

Frame: the ring stands upright with the finger's axis along Y, centred on
the Z axis, its band resting on Z = 0 and the stone on top. The band is the
``models3d.ring`` band turned so that its top, at Z = ``outer_diameter``, is
the middle of the band's outside; an engraving sits inside at the bottom.

Head: a part of its own, as a jeweller solders a cast head onto a shank.
``prongs`` round prongs stand around the stone, each a rod that rises from
a round pedestal on the top of the band, leans out under the pavilion to a
knee below the girdle and runs straight up past the girdle to a round tip
above the crown. Each prong reaches over the girdle by ``PRONG_OVERHANG``
of its diameter and carries a seat cut for the stone there. Its lower leg
stays ``KNEE_CLEARANCE_MM`` clear of the pavilion at the knee, so on the
catalog's bands of 2.5 mm and wider the seat leaves at least
``MIN_PRONG_MM`` of metal across every prong. The stone sits
``SEAT_INTERFERENCE_MM`` deep in its seats and in the pedestal under its
culet, as a setter's seat cut grips it, and the pedestal sits as deep in
the band, so that the ring's parts unite into one solid. The band and the
head overlap in a thin layer under the pedestal, 0.05 to 0.5 mm³ of metal
growing with the pedestal. The head is joined to the band
(``Part.joined_to``), so ``models3d.solids.measure`` counts that layer
once, in the band: the head's volume, mass and surface area are what it
adds to the band, and the metal weight, price and casting weight are the
union's. The manifold3d intersection behind this added 15 to 30 ms to the
first measure of the default ring and of a 3 ct engraved one (median of
15 runs, 2-core AMD EPYC). The app measures in the background after the
preview's frame, and the result is cached. One prong always stands on
+Y, so the head's Y extent is
``head_width = stone_diameter + 1.8 * prong_diameter``.
The stone's culet clears the band by ``CULET_CLEARANCE_MM``, so its table
lies ``setting_height = CULET_CLEARANCE_MM + DEPTH_FRACTION *
stone_diameter`` above the band, higher than any prong tip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import manifold3d
import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.caching import MeshArrays, bounded_cache
from models3d.gems import (
    CROWN_FRACTION,
    DEPTH_FRACTION,
    PAVILION_FRACTION,
    round_brilliant_arrays,
)
from models3d.meshing import (
    all_corners,
    corner_count,
    ends_pair_up,
    loft_arrays,
    open_edges,
)
from models3d.parts import Part
from models3d.ring import PROFILES, band_profile, build_band_mesh
from models3d.solids import from_manifold, manifold_of, to_manifold

logger = logging.getLogger(__name__)

UNION = manifold3d.OpType.Add

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

KNEE_CLEARANCE_MM = 0.02
"""Gap between a prong's lower leg and the seat's pavilion at the knee, so
that the seat does not groove the leg below the girdle's notch. Near the
root, on a narrow band under a larger stone, the leg can still pass under
the pavilion and take a groove there, leaving at least 0.62 mm."""

SEAT_INTERFERENCE_MM = 0.02
"""Depth by which the stone sits in its metal: the prongs' seats are cut
this much inside the girdle's radius and the pedestal rises this much above
the culet. Faces that only touch would leave edges shared by four faces
once an STL reader merges vertices by position, so the parts must overlap
for their union to be one watertight solid."""

SPHERE_SEGMENTS = 16
"""Segments around a prong; a multiple of 4 puts vertices on the axes, so a
prong on +Y reaches exactly its radius past its centre."""

PEDESTAL_SEGMENTS = 32
"""Segments around the pedestal."""

PEDESTAL_RINGS = 6
"""Rings of the pedestal's underside, which follows the band's curved top.
Six, closer together toward the rim where the top falls away fastest, keep
it between ``SEAT_INTERFERENCE_MM`` and 0.05 mm below that surface on the
catalog's bands."""

MERGE_TOLERANCE_MM = 1e-7
"""Distance within which a vertex counts as lying on a plane where pieces of
the head are joined without a boolean. Vertices that a trim or a mirror
image puts on such a plane lie within about 1e-15 mm of it."""

PEDESTAL_TOP_MM = CULET_CLEARANCE_MM + SEAT_INTERFERENCE_MM
"""Height of the pedestal's top, on which the prongs stand, above the
band's top."""

ROOT_GAP_MM = 0.01
"""Narrowest strip of the pedestal's top left between the roots of two
prongs that are not joined to each other."""

PEDESTAL_EDGE_MM = 0.05
"""Clearance between the pedestal and the band's side faces, and between a
prong's root and the pedestal's wall."""


def _prong(points: list[np.ndarray], radius: float) -> manifold3d.Manifold:
    """Return a rod of ``radius`` from a root through a knee to a tip, as
    one solid built without a boolean.

    The rod's two straight lengths meet in a mitre at the knee: both end in
    the plane that halves the angle between them, where their sections are
    the same ellipse. The root ends in a level face through its centre,
    and the tip in a hemisphere of
    ``SPHERE_SEGMENTS`` around and a quarter as many rings from its equator
    to its pole. A section's point at angle a lies ``cos a`` across the
    bend and ``sin a`` along its outward side, so with ``SPHERE_SEGMENTS``
    a multiple of 4 the rod's outermost points are vertices.
    """
    root, knee, tip = (np.asarray(point, dtype=np.float64) for point in points)
    lower = (knee - root) / np.linalg.norm(knee - root)
    upper = (tip - knee) / np.linalg.norm(tip - knee)
    across = _cross(lower, upper)
    across /= np.linalg.norm(across)
    angle = 2.0 * np.pi * np.arange(SPHERE_SEGMENTS) / SPHERE_SEGMENTS
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]

    def rings(centres, axis, scales, shifts):
        # The rod's sections about ``axis`` round (k, 3) ``centres``, or
        # with a scale < 1 rings of the tip's hemisphere, each ``shift``
        # radii along ``axis`` from its centre.
        side = _cross(axis, across)
        around = cos * across + sin * side
        steps = scales[:, None, None] * around + shifts[:, None, None] * axis
        return centres[:, None] + radius * steps

    def cut(section, centre, normal):
        # The points where the rod's lines through ``section`` meet the
        # plane through ``centre`` with ``normal``.
        return section - np.outer((section - centre) @ normal / (lower @ normal), lower)

    bisector = lower + upper
    polar = np.pi / 2.0 * np.arange(1, SPHERE_SEGMENTS // 4) / (SPHERE_SEGMENTS // 4)
    legs = rings(np.stack([root, knee]), lower, np.ones(2), np.zeros(2))
    # The tip's section, then its hemisphere's rings up to the pole.
    scales = [1.0, *(np.sin(phi) for phi in polar[::-1])]
    shifts = [0.0, *(np.cos(phi) for phi in polar[::-1])]
    sections = np.concatenate(
        [
            cut(legs[0], root, np.array([0.0, 0.0, 1.0]))[None],
            cut(legs[1], knee, bisector)[None],
            rings(tip[None], upper, np.array(scales), np.array(shifts)),
        ]
    )
    # The root's ring lies exactly level, so that the pedestal's top can
    # share its vertices.
    sections[0, :, 2] = root[2]
    vertices, faces = loft_arrays(sections)
    # The loft closes each end with a fan around the end ring's centre. The
    # root's fan stays flat; the tip's centre moves to its pole.
    vertices[-2, 2] = root[2]
    vertices[-1] = tip + radius * upper
    return manifold_of(vertices, faces, "prong")


def _upright(band: trimesh.Trimesh, width: float, outer_radius: float):
    """Return a band built on the Z axis turned upright.

    A quarter turn about X takes the band frame's (x, y, z) to (x, -z, y),
    so its Z axis becomes -Y and its +Y side the top; the band is then
    centred on Y = 0 and lifted to rest on Z = 0.
    """
    x, y, z = np.asarray(band.vertices).T
    vertices = np.column_stack([x, width / 2.0 - z, y + outer_radius])
    return trimesh.Trimesh(vertices, band.faces, process=False)


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
        material, the head joined to the band. The head's pedestal sits
        ``SEAT_INTERFERENCE_MM`` deep in the band's top and the stone as
        deep in the head's seats and pedestal, so the parts unite into one
        solid for casting. The ring's X extent is ``outer_diameter``, its
        Y extent the larger of ``width`` and ``head_width``, and its Z
        extent ``outer_diameter + setting_height``. No point lies closer to
        the finger's axis than ``inner_diameter / 2``.

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
    inner_diameter = dimensions.length(dims, "inner_diameter", generator)
    depth = dimensions.length(dims, "depth", generator)
    width = dimensions.length(dims, "width", generator)
    profile = dimensions.choice(dims, "profile", generator, PROFILES)
    outer_radius = inner_diameter / 2.0 + depth

    band = build_band_mesh(dims, generator, engraving_angle=-np.pi / 2.0)
    top = (0.0, 0.0, 2.0 * outer_radius)
    head = _seated_head(
        stone_diameter, prong_diameter, prongs, profile, inner_diameter, depth, width
    ).mesh(offset=top)
    stone = _stone(stone_diameter).mesh(offset=top)
    logger.debug(
        "solitaire: %s prongs of %.2f mm around a %.2f mm stone",
        prongs,
        prong_diameter,
        stone_diameter,
    )
    return [
        Part(name="band", mesh=_upright(band, width, outer_radius), material=metal),
        Part(name="head", mesh=head, material=metal, joined_to="band"),
        Part(name="stone", mesh=stone, material=stone_material),
    ]


@bounded_cache(maxsize=32)
def _stone(stone_diameter: float) -> MeshArrays:
    """Return the stone with the band's top at Z = 0."""
    table_z = CULET_CLEARANCE_MM + DEPTH_FRACTION * stone_diameter
    return MeshArrays.of_arrays(*round_brilliant_arrays(stone_diameter, table_z))


@bounded_cache(maxsize=32)
def _seated_head(
    stone_diameter: float,
    prong_diameter: float,
    prongs: int,
    profile: str,
    inner_diameter: float,
    depth: float,
    width: float,
) -> MeshArrays:
    """Return the prongs and their pedestal as one solid, with the band's
    top at Z = 0.

    The pedestal's top rises ``SEAT_INTERFERENCE_MM`` above the culet, so
    the culet's point sinks into it and needs no cut. Its underside follows
    the band, so the head and the band overlap only under the pedestal.
    """
    section = band_profile(profile, inner_diameter, depth, width)
    radius = _pedestal_radius(stone_diameter, prong_diameter, width)
    pedestal = _pedestal(radius, PEDESTAL_TOP_MM, section, width)
    seated = _seated_prongs(stone_diameter, prong_diameter, prongs, width)
    return MeshArrays.of(_joined_to_pedestal(pedestal, PEDESTAL_TOP_MM, seated))


def _pedestal_radius(
    stone_diameter: float, prong_diameter: float, width: float
) -> float:
    """Return the pedestal's radius, within the band's width."""
    radius = prong_diameter / 2.0
    return min(
        max(0.0, min(width / 2.0 - radius, 0.45 * stone_diameter / 2.0)) + radius,
        width / 2.0 - PEDESTAL_EDGE_MM,
    )


@bounded_cache(maxsize=32)
def _seated_prongs(
    stone_diameter: float, prong_diameter: float, prongs: int, width: float
) -> MeshArrays:
    """Return the prongs with the stone's seat cut in, standing on the
    pedestal's top, with the band's top at Z = 0.

    They depend on the band only through its width, which bounds the
    pedestal, so a new ring size or profile builds only the pedestal. The
    seat is the stone narrowed by ``SEAT_INTERFERENCE_MM`` on each side, so
    the stone itself reaches that far into the prongs. Each prong's root
    lies on the pedestal's top as far out as its face allows.
    """
    stone_arrays = _stone(stone_diameter)
    stone = manifold_of(stone_arrays.vertices, stone_arrays.faces, "stone")
    narrowing = (stone_diameter - 2.0 * SEAT_INTERFERENCE_MM) / stone_diameter
    seat = stone.scale((narrowing, narrowing, 1.0))

    radius = prong_diameter / 2.0
    lines, root_reach = _prong_lines(stone_diameter, prong_diameter, prongs, width)
    root_circle = float(np.hypot(*lines[0, 0, :2]))

    def rod(index: int) -> manifold3d.Manifold:
        return _prong(list(lines[index]), radius)

    # Where the roots' faces would come closer than ``ROOT_GAP_MM`` to the
    # plane halfway between two prongs, the prongs overlap near the axis,
    # and the grooves of their seats would cross. Their union is then
    # built from one prong without a boolean, and the seat is cut from a
    # quarter of it.
    half = np.pi / prongs
    if (
        root_circle * np.sin(half)
        < np.hypot(root_reach * np.sin(half), radius * np.cos(half)) + ROOT_GAP_MM
    ):
        vertices, faces = _crowded_prongs(rod(0), prongs, seat)
    else:
        vertices, faces = _separate_prongs(rod, prongs, seat)
    return MeshArrays.of_arrays(vertices, faces)


def _prong_lines(
    stone_diameter: float, prong_diameter: float, prongs: int, width: float
) -> tuple[np.ndarray, float]:
    """Return the centre lines of the prongs, and how far a root's face
    reaches outward of the root's centre, in mm.

    The lines have shape ``(prongs, 3, 3)``: for each prong, from +Y
    counterclockwise seen from +Z, its root, knee and tip, with the band's
    top at Z = 0. Each root lies on the pedestal's top as far out as its
    face allows.
    """
    table_z = CULET_CLEARANCE_MM + DEPTH_FRACTION * stone_diameter
    radius = prong_diameter / 2.0
    prong_circle = stone_diameter / 2.0 + (1.0 - 2.0 * PRONG_OVERHANG) * radius
    girdle_top = table_z - CROWN_FRACTION * stone_diameter
    tip_z = min(
        girdle_top + PRONG_TIP_CROWN_FRACTION * CROWN_FRACTION * stone_diameter,
        table_z - radius,
    )
    knee_z = _knee_height(stone_diameter, prong_circle, radius)
    root_circle, root_reach = _root_circle(
        _pedestal_radius(stone_diameter, prong_diameter, width) - PEDESTAL_EDGE_MM,
        radius,
        prong_circle,
        knee_z - PEDESTAL_TOP_MM,
    )
    # On a 2 mm band the pedestal keeps the roots so near the culet that the
    # seat grooves each lower leg just above the pedestal, leaving 0.57 to
    # 0.59 mm up to 1 ct. The catalog's rules ask for 2.5 mm bands.
    angles = [np.pi / 2.0 + 2.0 * np.pi * index / prongs for index in range(prongs)]
    directions = np.array([[np.cos(angle), np.sin(angle), 0.0] for angle in angles])
    # Each prong's root, knee and tip: its direction times their distance
    # from the axis, raised to their height.
    distances = np.array([root_circle, prong_circle, prong_circle])
    raised = np.zeros((3, 3))
    raised[:, 2] = (PEDESTAL_TOP_MM, knee_z, tip_z)
    lines = directions[:, None, :] * distances[:, None] + raised
    return lines, root_reach


def _knee_height(stone_diameter: float, prong_circle: float, radius: float) -> float:
    """Return the height of a prong's knee above the band's top, below the
    girdle.

    In the prong's plane the seat's pavilion is a line from the culet out
    to the seat's girdle radius at the girdle's bottom. The seat's faceted
    pavilion lies inside the cone that this line sweeps. The knee, on
    ``prong_circle``, lies ``radius + KNEE_CLEARANCE_MM`` outside the line.
    Along the lower leg the distance changes linearly from this at the
    knee to the root's, so the seat can groove the leg only toward a root
    that lies closer than ``radius`` to the line.
    """
    seat_radius = stone_diameter / 2.0 - SEAT_INTERFERENCE_MM
    pavilion = PAVILION_FRACTION * stone_diameter
    slant = np.hypot(seat_radius, pavilion)
    clearance = radius + KNEE_CLEARANCE_MM
    return CULET_CLEARANCE_MM + (prong_circle * pavilion - clearance * slant) / (
        seat_radius
    )


def _separate_prongs(
    rod: Callable[[int], manifold3d.Manifold], count: int, seat: manifold3d.Manifold
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of ``count`` prongs that do not touch,
    ``rod(index)`` each, with ``seat`` cut from them.

    A turn by a multiple of 90 degrees maps the prong's sections and the
    stone's 8-sided table and 32-sided girdle onto themselves. So a prong
    that far round from a built one is a turned copy, seat included, which
    skips the boolean that cuts its seat. Other prongs are built in place,
    so that every cap keeps its facets. The prongs do not touch, so their
    arrays are joined in numpy, which takes a fraction of the time of
    manifold3d's ``compose`` and the mesh it then builds.
    """
    built: dict[float, tuple[np.ndarray, np.ndarray]] = {}
    pieces = []
    for index in range(count):
        turn = 360.0 * index / count
        earlier = [other for other in built if (turn - other) % 90.0 == 0.0]
        if earlier:
            vertices, faces = built[earlier[0]]
            pieces.append((_quarter_turned(vertices, turn - earlier[0]), faces))
            continue
        built[turn] = _arrays(rod(index) - seat)
        pieces.append(built[turn])
    offsets = np.cumsum([0] + [len(vertices) for vertices, _ in pieces[:-1]])
    return (
        np.concatenate([vertices for vertices, _ in pieces]),
        np.concatenate(
            [faces + offset for (_, faces), offset in zip(pieces, offsets, strict=True)]
        ),
    )


def _cross(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Return the cross product of two 3-vectors, without the overhead of
    ``np.cross``'s general axes."""
    return np.array(
        [
            first[1] * second[2] - first[2] * second[1],
            first[2] * second[0] - first[0] * second[2],
            first[0] * second[1] - first[1] * second[0],
        ]
    )


def _quarter_turned(vertices: np.ndarray, degrees: float) -> np.ndarray:
    """Return ``vertices`` turned about the Z axis by a multiple of 90
    ``degrees``, counter-clockwise seen from +Z.

    The turn's cosine and sine are exactly 0 or 1 in size, so the turned
    coordinates are the vertices' own, swapped and negated, as manifold3d's
    ``rotate`` gives them for such turns.
    """
    quarters = round(degrees / 90.0) % 4
    cos, sin = ((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0))[quarters]
    x, y, z = vertices.T
    return np.column_stack([cos * x - sin * y, sin * x + cos * y, z])


def _crowded_prongs(
    rod: manifold3d.Manifold, count: int, seat: manifold3d.Manifold
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of the union of ``count`` copies of
    ``rod`` turned evenly about the Z axis, with ``seat`` cut from it by a
    boolean on a quarter of it, or with 4 copies on an eighth.

    ``rod`` lies along the +Y axis and is mirror-symmetric about the YZ
    plane, and with 4 or 6 copies the prongs and the seat are symmetric
    about the XZ and YZ planes. Each copy is trimmed to its sector, the
    points no more than ``180 / count`` degrees round from its own axis. A
    point of a neighbour that lies in this sector is nearer this rod's
    centre line than the neighbour's, so for round rods the trimmed copies
    make up the same union. The sector's halves, ``rod``'s half on the +X
    side and its mirror image, turned in steps of a sector, fill the
    quarter between +X and +Y. Neighbours meet on a plane in mirrored, and
    so equal, sections, which are dropped and their vertices merged. The
    seat is cut from that quarter, or from the half before it is turned,
    and the quarter is then mirrored into the others in the same way.
    When a merged mesh is not a valid solid, the copies are joined by a
    boolean instead.
    """
    half = np.pi / count
    # The +X side of the sector: its plane shared with the next copy
    # clockwise seen from +Z, and its middle, the YZ plane.
    side = np.array([-np.cos(half), np.sin(half), 0.0])
    piece = rod.trim_by_plane(side.tolist(), 0.0).trim_by_plane([1.0, 0.0, 0.0], 0.0)
    # With 4 copies the halves are each other's mirror images in the YZ
    # and diagonal planes, and mirroring in these maps the stone's 8-sided
    # table and 32-sided girdle onto themselves. So the seat is cut from
    # the half before it is copied, a smaller boolean with no solid built
    # for the quarter.
    seat_first = count == 4
    if seat_first:
        piece = piece - seat
    vertices, faces = _arrays(piece)
    on_side = np.abs(vertices @ side) < MERGE_TOLERANCE_MM
    on_middle = np.abs(vertices[:, 0]) < MERGE_TOLERANCE_MM

    quarter, seams = _quarter(vertices, faces, on_side, on_middle, count)
    if not seat_first:
        # The boolean's result is a closed surface with no seams.
        quarter = _without_seat(*quarter, seat)
        seams = None
    if quarter is not None:
        joined = _mirrored_quarters(*quarter, seams)
        if joined is not None:
            return joined
    logger.warning(
        "joining %s prongs without a boolean left an invalid solid; "
        "using a boolean union",
        count,
    )
    turns = 360.0 * np.arange(count) / count
    copies = [rod.rotate((0.0, 0.0, float(turn))) for turn in turns]
    return _arrays(manifold3d.Manifold.batch_boolean(copies, UNION) - seat)


def _arrays(solid: manifold3d.Manifold) -> tuple[np.ndarray, np.ndarray]:
    """Return a manifold3d solid's vertices (float64, mm) and faces."""
    mesh = solid.to_mesh64()
    vertices = np.asarray(mesh.vert_properties, dtype=np.float64)[:, :3]
    return vertices, np.asarray(mesh.tri_verts, dtype=np.int64)


def _quarter(
    vertices: np.ndarray,
    faces: np.ndarray,
    on_side: np.ndarray,
    on_middle: np.ndarray,
    count: int,
) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    """Return the vertices and faces of the quarter between +X and +Y of
    ``count`` turned copies of a sector, built from the sector's half on
    the +X side, and a mask of the quarter's vertices that lie on the
    half's planes.

    ``on_side`` and ``on_middle`` mark the half's vertices on its sector's
    plane and on the YZ plane. Half ``k`` from +Y is the half turned
    clockwise by ``k // 2`` sectors when ``k`` is even, and its mirror image
    turned by ``(k + 1) // 2`` sectors when ``k`` is odd. A mirror image's
    vertex ``j`` lies where the half's vertex ``j`` is mirrored, so
    neighbours share the vertices of their common plane by index. When the
    half is a closed surface, only edges between the masked vertices can
    be left without a partner.
    """
    halves = count // 2
    size = len(vertices)
    step = 2.0 * np.pi / count
    side_faces = all_corners(on_side, faces)
    middle_faces = all_corners(on_middle, faces)

    # The halves' vertices, each half's mirrored in the YZ plane when odd
    # and turned by its sectors.
    turns = [-step * ((index + 1) // 2) for index in range(halves)]
    cos = np.array([np.cos(turn) for turn in turns])[:, None]
    sin = np.array([np.sin(turn) for turn in turns])[:, None]
    x, y = vertices[:, 0], vertices[:, 1]
    x = np.where((np.arange(halves) % 2 == 1)[:, None], -x, x)
    copies = np.empty((halves, size, 3))
    copies[..., 0] = cos * x - sin * y
    copies[..., 1] = sin * x + cos * y
    copies[..., 2] = vertices[:, 2]

    pieces = []
    labels = size * np.arange(halves)[:, None] + np.arange(size)
    for index in range(halves):
        mirrored = index % 2 == 1
        # Odd halves meet the one before on the sector's plane, even ones
        # on a prong's middle. The last half's far plane closes the quarter.
        if mirrored:
            before, after, shared = side_faces, middle_faces, on_side
        else:
            before, after, shared = middle_faces, side_faces, on_middle
        dropped = np.zeros(len(faces), dtype=bool)
        if index > 0:
            labels[index, shared] = labels[index - 1, shared]
            dropped |= before
        if index + 1 < halves:
            dropped |= after
        remaining = faces[~dropped]
        pieces.append(remaining[:, ::-1] if mirrored else remaining)

    joined = np.concatenate(
        [labels[index][piece] for index, piece in enumerate(pieces)]
    )
    used, index = _used_vertices(joined)
    seams = np.tile(on_side | on_middle, halves)[used]
    return (copies.reshape(-1, 3)[used], index), seams


def _without_seat(
    vertices: np.ndarray, faces: np.ndarray, seat: manifold3d.Manifold
) -> tuple[np.ndarray, np.ndarray] | None:
    """Return the vertices and faces of a solid with ``seat`` cut from it,
    or None when the arrays are not a valid solid."""
    solid = manifold3d.Manifold(
        manifold3d.Mesh64(
            vert_properties=np.ascontiguousarray(vertices),
            tri_verts=np.ascontiguousarray(faces, dtype=np.uint64),
        )
    )
    if solid.status() != manifold3d.Error.NoError:
        return None
    return _arrays(solid - seat)


def _mirrored_quarters(
    vertices: np.ndarray, faces: np.ndarray, seams: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """Return the vertices and faces of a quarter between +X and +Y and
    its mirror images in the XZ and YZ planes, joined, or None when they
    do not close into a surface.

    The quarter is a closed surface except, perhaps, along the edges
    between the vertices that the mask ``seams`` marks, where it was put
    together from pieces. Joining the copies changes only the faces and
    edges on the mirror planes, so only the edges between vertices on a
    seam or a mirror plane are checked.
    """
    on_x = np.abs(vertices[:, 0]) < MERGE_TOLERANCE_MM
    on_y = np.abs(vertices[:, 1]) < MERGE_TOLERANCE_MM
    faces = faces[~(all_corners(on_x, faces) | all_corners(on_y, faces))]
    size = len(vertices)
    labels = size * np.arange(4)[:, None] + np.arange(size)
    # Copies: the quarter, mirrored in the YZ plane, in the XZ plane, and
    # in both. Vertices on a mirror plane are shared with the copy across.
    labels[1, on_x] = labels[0, on_x]
    labels[2, on_y] = labels[0, on_y]
    labels[3, on_x] = labels[2, on_x]
    labels[3, on_y] = labels[1, on_y]
    signs = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
    scales = np.ones((4, 1, 3))
    scales[:, 0, :2] = signs
    copies = vertices * scales
    pieces = [
        labels[index][faces if x * y > 0 else faces[:, ::-1]]
        for index, (x, y) in enumerate(signs)
    ]
    used, joined = _used_vertices(np.concatenate(pieces))
    joints = on_x | on_y if seams is None else on_x | on_y | seams
    if not _closed_along(joined, np.tile(joints, 4)[used]):
        return None
    return copies.reshape(-1, 3)[used], joined


def _joined_to_pedestal(
    pedestal: tuple[np.ndarray, np.ndarray], top: float, prongs: MeshArrays
) -> trimesh.Trimesh:
    """Return ``prongs`` joined to the pedestal, as one solid built without
    a boolean.

    ``pedestal`` is the arrays of ``_pedestal``, and ``prongs`` rest on its
    top, at Z = ``top``, on level faces within its rim. Those faces
    go, and the pedestal's top becomes its rim's polygon less the holes
    they leave, so the two share the holes' vertices. Both are closed
    surfaces, so the result is one when the edges between the rim's and
    the level vertices pair up and every face of the new top faces +Z:
    then the top covers the rim's polygon outside the holes once. When it
    is not, they are joined by a boolean instead.
    """
    vertices, faces = pedestal
    prong_vertices, prong_faces = prongs.vertices, prongs.faces
    level = np.abs(prong_vertices[:, 2] - top) < MERGE_TOLERANCE_MM
    roots = all_corners(level, prong_faces)
    holes = _boundary_loops(prong_faces[roots])

    # The pedestal's last vertex is its top's centre, after its rim.
    top_centre = len(vertices) - 1
    rim = np.arange(top_centre - 1 - PEDESTAL_SEGMENTS, top_centre - 1)
    joined_vertices = np.concatenate([vertices[:top_centre], prong_vertices])
    outlines = [rim, *(hole + top_centre for hole in holes or [])]
    lid = _lid(joined_vertices, outlines) if holes is not None else None
    if lid is not None:
        off_centre = (
            (faces[:, 0] != top_centre)
            & (faces[:, 1] != top_centre)
            & (faces[:, 2] != top_centre)
        )
        joined_faces = np.concatenate(
            [
                np.compress(off_centre, faces, axis=0),
                np.compress(~roots, prong_faces, axis=0) + top_centre,
                lid,
            ]
        )
        seams = np.concatenate([np.zeros(top_centre, dtype=bool), level])
        seams[rim] = True
        if _closed_along(joined_faces, seams) and _faces_up(joined_vertices, lid):
            used, joined_faces = _used_vertices(joined_faces)
            return trimesh.Trimesh(joined_vertices[used], joined_faces, process=False)
    logger.warning(
        "joining the prongs to the pedestal without a boolean left an "
        "invalid solid; using a boolean union"
    )
    base = to_manifold(trimesh.Trimesh(vertices, faces, process=False), "pedestal")
    return from_manifold(base + to_manifold(prongs.mesh(), "prongs"))


def _used_vertices(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertex indices that ``faces`` use, rising, and the faces
    renumbered onto them.

    The same arrays as ``np.unique(faces, return_inverse=True)``, from a
    mask instead of a sort.
    """
    used = np.zeros(int(faces.max()) + 1, dtype=bool)
    used[faces] = True
    rank = np.cumsum(used) - 1
    return np.flatnonzero(used), rank[faces]


def _closed_along(faces: np.ndarray, seams: np.ndarray) -> bool:
    """Return whether the edges of ``faces`` between vertices that the mask
    ``seams`` marks each join exactly two faces that run along them in
    opposite directions.

    For faces put together from closed surfaces, dropping faces and
    adding others only among the seams' vertices, every other edge keeps
    the two faces it had, so the faces are then a closed surface.
    """
    # Only a face with two corners or more on the seams has such an edge.
    near = np.compress(corner_count(seams, faces) >= 2, faces, axis=0)
    start, end = near.ravel(), near[:, [1, 2, 0]].ravel()
    along = seams[start] & seams[end]
    return ends_pair_up(start[along], end[along])


def _faces_up(vertices: np.ndarray, faces: np.ndarray) -> bool:
    """Return whether no face turns clockwise seen from +Z."""
    x, y = vertices[:, 0], vertices[:, 1]
    first, second, third = faces[:, 0], faces[:, 1], faces[:, 2]
    turn = (x[second] - x[first]) * (y[third] - y[first])
    turn -= (y[second] - y[first]) * (x[third] - x[first])
    return bool(np.all(turn >= 0.0))


def _boundary_loops(faces: np.ndarray) -> list[np.ndarray] | None:
    """Return the closed loops of vertex indices along the edges that only
    one of ``faces`` uses, each in its faces' order, or None where two
    loops touch at a vertex."""
    boundary = open_edges(faces)
    following = dict(zip(boundary[:, 0].tolist(), boundary[:, 1].tolist(), strict=True))
    if len(following) != len(boundary):
        return None
    loops = []
    while following:
        start, point = next(iter(following.items()))
        loop = [start]
        del following[start]
        while point != start:
            loop.append(point)
            point = following.pop(point)
        loops.append(np.array(loop))
    return loops


def _lid(vertices: np.ndarray, outlines: list[np.ndarray]) -> np.ndarray | None:
    """Return the faces, facing +Z, of the level region within the first
    of ``outlines`` and outside the others, or None when an outline leaves
    the first.

    The outlines index ``vertices``. The first runs counterclockwise seen
    from +Z and the holes clockwise, and an outline inside a hole runs
    counterclockwise again.
    """
    rim = vertices[outlines[0], :2]
    reach = np.hypot(rim[:, 0], rim[:, 1]).min() * np.cos(np.pi / len(rim))
    inside = [vertices[outline, :2] for outline in outlines[1:]]
    if any(np.hypot(points[:, 0], points[:, 1]).max() >= reach for points in inside):
        return None
    triangles = manifold3d.triangulate([rim, *inside])
    return np.concatenate(outlines)[np.asarray(triangles, dtype=np.int64)]


def _root_circle(
    reach: float, radius: float, knee: float, height: float
) -> tuple[float, float]:
    """Return the distance from the axis of a prong's root, and how far its
    face reaches from its centre along that distance.

    The root's face is the prong's section cut level. It is an ellipse that
    reaches ``radius / cos(tilt)`` outward of the root's centre, where the
    tilt is that of the line from the root to the knee, ``knee`` from the
    axis and ``height`` above the root. The root lies as far out as keeps
    that ellipse within ``reach`` of the axis, and at least on the axis.
    """
    root = reach
    for _ in range(4):
        slope = (knee - root) / height
        root = max(0.0, reach - radius * np.sqrt(1.0 + slope * slope))
    slope = (knee - root) / height
    return root, radius * np.sqrt(1.0 + slope * slope)


def _pedestal(
    radius: float, top: float, section: np.ndarray, width: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of a round pedestal from
    ``SEAT_INTERFERENCE_MM`` inside the band's outer surface up to ``top``,
    with the band's top at Z = 0.

    They are a loft's arrays: ``PEDESTAL_RINGS + 1`` rings of
    ``PEDESTAL_SEGMENTS`` points, the last of them the top's rim, then
    the centres of the underside and of the top.

    Its underside follows the band's outer surface, the profile
    ``section`` revolved about the finger's axis, on ``PEDESTAL_RINGS``
    rings, so the pedestal and the band overlap by a thin layer only.
    """
    angle = 2.0 * np.pi * np.arange(PEDESTAL_SEGMENTS) / PEDESTAL_SEGMENTS
    steps = np.arange(1, PEDESTAL_RINGS + 1) / PEDESTAL_RINGS
    scale = np.sin(np.pi / 2.0 * steps)[:, None]
    x = radius * scale * np.cos(angle)
    y = radius * scale * np.sin(angle)
    # The band's outer radius under the rings' points, and at the middle of
    # its width, where the band's top lies.
    radii = _outer_radius(section, np.append(width / 2.0 - y, width / 2.0))
    outside, outer_radius = radii[:-1].reshape(y.shape), radii[-1]
    # The underside's rings, then the top's rim above the last of them.
    sections = np.empty((PEDESTAL_RINGS + 1, PEDESTAL_SEGMENTS, 3))
    sections[:-1, :, 0], sections[-1, :, 0] = x, x[-1]
    sections[:-1, :, 1], sections[-1, :, 1] = y, y[-1]
    below_top = np.sqrt(outside**2 - x**2) - outer_radius
    sections[:-1, :, 2] = below_top - SEAT_INTERFERENCE_MM
    sections[-1, :, 2] = top
    vertices, faces = loft_arrays(sections)
    # The loft closes its ends with fans around each end ring's centre; the
    # underside's centre goes onto the band's surface.
    vertices[-2] = (0.0, 0.0, -SEAT_INTERFERENCE_MM)
    return vertices, faces


def _outer_radius(section: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Return the band's outer radius at each axial position ``z``: the
    largest radius at which the profile polygon ``section`` crosses it."""
    start, end = section, np.concatenate([section[1:], section[:1]])
    low = np.minimum(start[:, 1], end[:, 1])
    high = np.maximum(start[:, 1], end[:, 1])
    along = np.asarray(z, dtype=np.float64).reshape(-1)[:, None]
    crosses = (low <= along) & (along <= high) & (high > low)
    share = (along - start[:, 1]) / np.where(high > low, end[:, 1] - start[:, 1], 1.0)
    radius = start[:, 0] + share * (end[:, 0] - start[:, 0])
    return np.where(crosses, radius, -np.inf).max(axis=1).reshape(np.shape(z))
