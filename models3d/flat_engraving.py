"""Engraving cut into a flat face in the face's plane, without a 3D boolean.

The face is the set of a mesh's triangles that lie in the plane Z =
``surface_z`` and face -Z, such as a pendant's back. When the text's glyphs
lie inside that face's outline, the cut is built from the same 2D outlines.
The face less the glyphs becomes the new surface and the glyphs the floor
of the cut, ``depth`` above it. Every glyph edge becomes a vertical wall
between the two. That is the solid that subtracting the extruded glyphs with manifold3d
gives, for a few milliseconds instead of a boolean over the whole mesh.

A face that is not one simple outline, glyphs that reach past it, or faces
that do not close return ``None``, and ``models3d.engrave.engrave_flat``
cuts the text with the 3D boolean instead.
"""

from __future__ import annotations

import logging

import manifold3d
import numpy as np
import shapely
import trimesh
from shapely import affinity
from shapely.geometry import Polygon

from models3d.glyphs import polygons_of, text_advance, text_outline
from models3d.meshing import (
    all_corners,
    any_corner,
    closes_hole,
    compact,
    open_edges,
)

logger = logging.getLogger(__name__)

FACE_CLEARANCE_MM = 0.05
"""Smallest gap between a glyph and the face's outline for a cut in the
plane, because closer glyphs would leave slivers of face along the edge."""


def cut_in_plane(
    mesh: trimesh.Trimesh,
    glyphs: list[Polygon],
    surface_z: float,
    depth: float,
    face: np.ndarray | None = None,
    face_border: np.ndarray | None = None,
) -> trimesh.Trimesh | None:
    """Cut glyphs into the flat face of ``mesh`` at ``Z = surface_z``.

    Parameters
    ----------
    mesh
        Closed mesh in mm, wound outward, whose faces on the plane Z =
        ``surface_z`` face -Z and have material above them.
    glyphs
        Disjoint polygons in the face's plane, in mm, as ``placed_glyphs``
        returns them; at least one.
    surface_z
        Height of the face, in mm.
    depth
        Cut depth into the material, in mm.
    face
        Indices of the faces to replace, when the caller knows them, such
        as the plane's faces clear of its outline, which the search from
        the mesh tries first. Where they do not all lie on the plane, or
        the glyphs do not fit them, the faces are found from the mesh.
    face_border
        The border of ``face`` as one loop of vertex indices that runs
        with the faces (clockwise seen from +Z), when the caller knows it,
        so that the cut does not trace it. The loop must be that border:
        the cut pairs the new faces with it and does not check it.

    Returns
    -------
    trimesh.Trimesh or None
        The engraved mesh, closed. ``None`` when the face is not one simple
        polygon, the glyphs do not lie ``FACE_CLEARANCE_MM`` inside it, or
        the new faces do not close the mesh.
    """
    vertices = np.asarray(mesh.vertices)
    faces = np.asarray(mesh.faces)
    if face is not None and np.all(vertices[faces[face], 2] == surface_z):
        region = np.zeros(len(faces), dtype=bool)
        region[face] = True
        engraved = _cut_region(
            vertices, faces, region, glyphs, surface_z, depth, face_border
        )
        if engraved is not None:
            return engraved
    on_face = _faces_on_plane(vertices, faces, surface_z)
    border = _outline_loop(faces[on_face])
    if border is None:
        logger.debug("the face at Z = %s mm is not one simple outline", surface_z)
        return None
    # The preview blends vertex normals across triangles, so new triangles
    # from the glyphs out to the face's border, whose vertices also take
    # the neighbouring faces' normals, would streak the face. The faces
    # with no vertex on the border are replaced first.
    on_border = np.zeros(len(vertices), dtype=bool)
    on_border[border] = True
    inner = on_face & ~any_corner(on_border, faces)
    for region in (inner, on_face):
        engraved = _cut_region(vertices, faces, region, glyphs, surface_z, depth)
        if engraved is not None:
            return engraved
    logger.debug("the glyphs do not fit the flat face at Z = %s mm", surface_z)
    return None


def _cut_region(
    vertices: np.ndarray,
    faces: np.ndarray,
    region: np.ndarray,
    glyphs: list[Polygon],
    surface_z: float,
    depth: float,
    border: np.ndarray | None = None,
) -> trimesh.Trimesh | None:
    """Replace the faces in the mask ``region`` by the face less the glyphs,
    the cut's floor and walls, or return ``None`` when the region is not
    one simple polygon around the glyphs or the result does not close.

    ``border`` is the region's border loop when the caller knows it, as
    ``_outline_loop`` would trace it."""
    if border is None:
        border = _outline_loop(faces[region]) if region.any() else None
    if border is None:
        return None
    # The loop runs with the faces, clockwise seen from +Z.
    border_edges = np.column_stack([border, np.roll(border, -1)])
    border = border[::-1]
    face_outline = Polygon(vertices[border, :2])
    if not face_outline.is_valid:
        return None
    # The glyphs lie inside the face and at least the clearance from its
    # outline, which is what a shrunk face containing them would check.
    text = shapely.MultiPolygon(glyphs)
    if not face_outline.contains(text):
        return None
    if face_outline.exterior.distance(text) < FACE_CLEARANCE_MM:
        return None

    new_vertices, new_faces = _cut_faces(
        vertices[border, :2], border, glyphs, len(vertices), surface_z, depth
    )
    if not closes_hole(new_faces, faces[region], border_edges):
        logger.debug("the cut did not close the face at Z = %s mm", surface_z)
        return None
    return compact(
        np.concatenate([vertices, new_vertices]),
        np.concatenate([faces[~region], new_faces]),
    )


def placed_glyphs(
    text: str, letter_height: float, centre: tuple[float, float]
) -> list[Polygon]:
    """Return the text's glyph polygons on a face that faces -Z, in mm.

    The text is placed as ``models3d.engrave.engrave_flat`` places it: its
    line box centred on ``centre`` and mirrored in X, so that it reads when
    the face is turned toward the viewer. Each polygon is oriented with its
    exterior counter-clockwise and its holes clockwise, so the glyph lies
    to the left of every ring.
    """
    outline = text_outline(text, letter_height)
    if outline.is_empty:
        return []
    half_length = text_advance(text) * letter_height / 2.0
    # Centre the line box on the origin, mirror it in X and move it to
    # ``centre``, in one transform: x' = -x + half_length + centre x.
    placed = affinity.affine_transform(
        outline,
        [
            -1.0,
            0.0,
            0.0,
            1.0,
            half_length + centre[0],
            centre[1] - letter_height / 2.0,
        ],
    )
    return list(shapely.orient_polygons(polygons_of(placed)))


def _faces_on_plane(
    vertices: np.ndarray, faces: np.ndarray, surface_z: float
) -> np.ndarray:
    """Return a mask of the faces whose corners all lie at ``surface_z`` and
    that face -Z."""
    on_plane = vertices[:, 2] == surface_z
    flat = all_corners(on_plane, faces)
    corners = vertices[faces[flat]]
    first, second, third = corners[:, 0], corners[:, 1], corners[:, 2]
    normal_z = (second[:, 0] - first[:, 0]) * (third[:, 1] - first[:, 1]) - (
        second[:, 1] - first[:, 1]
    ) * (third[:, 0] - first[:, 0])
    flat[flat] = normal_z < 0.0
    return flat


def _outline_loop(faces: np.ndarray) -> np.ndarray | None:
    """Return the border of ``faces`` as one loop of vertex indices, in the
    faces' direction, or ``None`` when the border is not one simple loop."""
    if len(faces) == 0:
        return None
    edges = open_edges(faces)
    following = dict(zip(edges[:, 0].tolist(), edges[:, 1].tolist(), strict=True))
    if len(following) != len(edges):
        return None
    start = int(edges[0, 0])
    loop = [start]
    while (point := following[loop[-1]]) != start:
        loop.append(point)
        if len(loop) > len(edges):
            return None
    return np.array(loop) if len(loop) == len(edges) else None


def _cut_faces(
    outline: np.ndarray,
    border: np.ndarray,
    glyphs: list[Polygon],
    vertex_count: int,
    surface_z: float,
    depth: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the new vertices and faces: the face less the glyphs, the cut's
    floor and its walls.

    ``outline`` is the face's (n, 2) outline, counter-clockwise, on the
    mesh's vertices ``border``. New vertices are numbered from
    ``vertex_count``: each glyph point at the surface, then the same points
    on the floor.
    """
    # Every ring's points without its closing point, glyph by glyph, each
    # glyph's exterior before its holes.
    coordinates, ring_of = shapely.get_coordinates(
        shapely.get_rings(glyphs), return_index=True
    )
    opening = np.r_[ring_of[1:] == ring_of[:-1], False]
    points, ring_of = coordinates[opening], ring_of[opening]
    sizes = np.bincount(ring_of)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rings = np.split(points, starts[1:])
    count = len(points)
    top = vertex_count + np.arange(count)
    floor = top + count

    # The surface: the outline with every glyph's exterior as a hole and
    # every glyph's hole as an island. Reversed, each ring runs as the
    # triangulator expects: holes clockwise, islands counter-clockwise.
    reversed_rings = [ring[::-1] for ring in rings]
    reversed_ids = [
        top[start : start + size][::-1]
        for start, size in zip(starts, sizes, strict=True)
    ]
    surface_ids = np.concatenate([border, *reversed_ids])
    surface = surface_ids[manifold3d.triangulate([outline, *reversed_rings])]
    floor_faces = floor[manifold3d.triangulate(rings)]

    # Every ring has its glyph on the left, so the wall from a -> b faces
    # left, into the cut: (a, b', b) and (a, a', b'), primes on the floor.
    index = np.arange(count)
    following = np.where(
        index + 1 < starts[ring_of] + sizes[ring_of], index + 1, starts[ring_of]
    )
    walls = np.concatenate(
        [
            np.column_stack([top[index], floor[following], top[following]]),
            np.column_stack([top[index], floor[index], floor[following]]),
        ]
    )
    # Both the surface and the floor face -Z, against the triangulator's
    # counter-clockwise triangles.
    faces = np.concatenate([surface[:, ::-1], floor_faces[:, ::-1], walls])
    vertices = np.concatenate(
        [
            np.column_stack([points, np.full(count, surface_z)]),
            np.column_stack([points, np.full(count, surface_z + depth)]),
        ]
    )
    return vertices, faces
