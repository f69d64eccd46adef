"""Booleans on a surface of revolution that touch only a sector of it.

A ring's head or engraving changes a small part of the band, but a boolean
in manifold3d costs time in proportion to every triangle of both solids.
``revolve_with_tools`` cuts the revolved band into a closed wedge around
each tool, runs the boolean on the wedge alone and sews the result back
into the untouched rest of the band along the wedge's two flat faces.

The wedge's flat faces lie in planes through the axis at vertex angles of
the revolve, beyond the tool's bounding box, so the boolean leaves them and
their edges as they were. When a tool reaches too far around the axis, or
the result does not sew into a closed surface, the boolean runs on the
whole band instead, which gives the same shape.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import manifold3d
import mapbox_earcut
import numpy as np
import trimesh

from models3d.caching import MeshArrays, bounded_cache
from models3d.meshing import all_corners, revolve_arrays, signed_area
from models3d.solids import to_manifold, without_slivers

logger = logging.getLogger(__name__)

MARGIN_STEPS = 1
"""Whole steps of the revolve kept between a tool's bounding box and the
wedge's flat faces."""

ON_PLANE_MM = 1e-9
"""Largest distance from a wedge's flat face of a vertex that lies on it."""


@dataclass(frozen=True)
class Tool:
    """A solid to add to, or remove from, a surface of revolution.

    Attributes
    ----------
    solid
        Closed solid in the revolve's frame (axis Z), in mm. Its bounding
        box must not contain the axis.
    operation
        ``manifold3d.OpType.Add`` or ``manifold3d.OpType.Subtract``.
    """

    solid: manifold3d.Manifold
    operation: manifold3d.OpType


@dataclass(frozen=True, eq=False)
class Patch:
    """Faces that replace some of a revolved band's faces, such as an
    engraving cut into its bore without a 3D boolean.

    Attributes
    ----------
    removed
        Indices of the faces of ``revolve_profile``'s band that the patch
        replaces.
    vertices
        (n, 3) new vertices in mm.
    faces
        (m, 3) faces that close the hole the removed faces leave. An index
        below the band's vertex count is a band vertex; the band's count
        plus ``i`` is ``vertices[i]``.
    """

    removed: np.ndarray
    vertices: np.ndarray
    faces: np.ndarray


def revolve_with_tools(
    profile: np.ndarray,
    segments: int,
    tools: Sequence[Tool],
    patches: Sequence[Patch] = (),
) -> trimesh.Trimesh:
    """Revolve a profile, replace faces by patches and apply boolean tools.

    Parameters
    ----------
    profile, segments
        As for ``models3d.meshing.revolve_profile``.
    tools
        Solids to add or subtract, in order; those whose wedges overlap are
        applied to one wedge together.
    patches
        Faces that replace some of the band's faces before the tools run;
        patches must not share a removed face.

    Returns
    -------
    trimesh.Trimesh
        The closed result, the same shape as applying every tool to the
        whole patched solid.
    """
    grid, faces = revolve_arrays(profile, segments)
    patches = [patch for patch in patches if len(patch.removed)]
    if not tools and not patches:
        return trimesh.Trimesh(grid, faces, process=False)
    if not tools:
        return _patched(grid, faces, patches)
    sectors = _sectors(tools, segments)
    if sectors is not None:
        sewn = _sew(grid, faces, profile, segments, sectors, patches)
        if sewn is not None:
            return sewn
    logger.debug("applying %s tools to the whole revolve", len(tools))
    if patches:
        whole = _patched(grid, faces, patches)
    else:
        whole = trimesh.Trimesh(grid, faces, process=False)
    solid = to_manifold(whole, "revolved profile")
    for tool in tools:
        solid = _apply(solid, tool)
    return without_slivers(solid)


def _patched(
    grid: np.ndarray, faces: np.ndarray, patches: Sequence[Patch]
) -> trimesh.Trimesh:
    """Return the band of ``revolve_arrays`` with each patch's faces in
    place of those it removes."""
    kept = np.ones(len(faces), dtype=bool)
    pieces, extra = [], []
    next_index = len(grid)
    for patch in patches:
        kept[patch.removed] = False
        pieces.append(_patch_faces(patch, len(grid), next_index))
        extra.append(patch.vertices)
        next_index += len(patch.vertices)
    return _compact(
        np.concatenate([grid, *extra]),
        np.concatenate([np.compress(kept, faces, axis=0), *pieces]),
    )


def _patch_faces(patch: Patch, grid_size: int, next_index: int) -> np.ndarray:
    """Return a patch's faces with its own vertices from ``next_index`` on."""
    faces = patch.faces.astype(np.int64)
    return np.where(faces < grid_size, faces, faces - grid_size + next_index)


def _compact(vertices: np.ndarray, faces: np.ndarray) -> trimesh.Trimesh:
    """Return a mesh of the faces without the vertices none of them uses."""
    # np.compress selects the same rows of an (n, 3) array as a boolean
    # index, in a fifth of the time on a band's arrays (numpy 2.4).
    used = np.zeros(len(vertices), dtype=bool)
    used[faces] = True
    index = np.cumsum(used) - 1
    return trimesh.Trimesh(
        np.compress(used, vertices, axis=0), np.take(index, faces), process=False
    )


def _apply(solid: manifold3d.Manifold, tool: Tool) -> manifold3d.Manifold:
    if tool.operation == manifold3d.OpType.Add:
        return solid + tool.solid
    return solid - tool.solid


def _sectors(
    tools: Sequence[Tool], segments: int
) -> list[tuple[int, int, list[Tool]]] | None:
    """Return each wedge as (first step, steps, tools), or ``None`` when a
    tool's bounding box contains the axis or wraps half a turn."""
    spans = []
    for tool in tools:
        low_x, low_y, _, high_x, high_y, _ = tool.solid.bounding_box()
        if low_x <= 0.0 <= high_x and low_y <= 0.0 <= high_y:
            return None
        corners = np.array([[low_x, low_y], [high_x, low_y], [high_x, high_y]])
        corners = np.concatenate([corners, [[low_x, high_y]]])
        angles = np.arctan2(corners[:, 1], corners[:, 0])
        middle = np.arctan2(np.sin(angles).sum(), np.cos(angles).sum())
        offsets = np.angle(np.exp(1j * (angles - middle)))
        step = 2.0 * np.pi / segments
        first = int(np.floor((middle + offsets.min()) / step)) - MARGIN_STEPS
        last = int(np.ceil((middle + offsets.max()) / step)) + MARGIN_STEPS
        spans.append([first, last, [tool]])

    spans.sort(key=lambda span: span[0])
    merged: list[list] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
            merged[-1][2] = merged[-1][2] + span[2]
        else:
            merged.append(span)
    total = sum(last - first for first, last, _ in merged)
    widest = max(last - first for first, last, _ in merged)
    wraps = merged[-1][1] - merged[0][0] >= segments and len(merged) > 1
    if 2 * widest >= segments or total >= segments or wraps:
        return None
    # Keep each sector's tools in the order they were given.
    order = {id(tool): index for index, tool in enumerate(tools)}
    return [
        (first % segments, last - first, sorted(group, key=lambda t: order[id(t)]))
        for first, last, group in merged
    ]


def _sew(
    grid: np.ndarray,
    faces: np.ndarray,
    profile: np.ndarray,
    segments: int,
    sectors: list[tuple[int, int, list[Tool]]],
    patches: Sequence[Patch] = (),
) -> trimesh.Trimesh | None:
    """Apply each sector's tools to its wedge and sew the wedges and the
    patches into the rest of the band of ``revolve_arrays``.

    Returns ``None`` when a seam does not close or a patch reaches into a
    wedge.
    """
    count = len(grid) // segments
    face_step = (np.arange(len(faces)) % (segments * count)) // count
    touched = np.zeros(segments, dtype=bool)
    for first, steps, _ in sectors:
        touched[(first + np.arange(steps)) % segments] = True
    untouched = ~touched[face_step]
    for patch in patches:
        if touched[face_step[patch.removed]].any():
            logger.debug("a patch reaches into a wedge")
            return None
        untouched[patch.removed] = False

    # The rest keeps the band's own vertex indices. Patches and sewn wedges
    # append their new vertices after the band's and use the band's
    # vertices where they meet it.
    pieces = [faces[untouched]]
    extra: list[np.ndarray] = []
    next_index = len(grid)
    for patch in patches:
        pieces.append(_patch_faces(patch, len(grid), next_index))
        extra.append(patch.vertices)
        next_index += len(patch.vertices)
    profile_key = np.ascontiguousarray(profile, dtype=np.float64).tobytes()
    for first, steps, tools in sectors:
        result = _wedge_result(profile_key, segments, first, steps, tuple(tools))
        sewn = _seam(result, grid, count, segments, first, steps, next_index)
        if sewn is not None and not _seams_close(
            sewn[1], faces, count, segments, first, steps
        ):
            sewn = None
        if sewn is None:
            logger.debug("a wedge of %s steps did not sew back", steps)
            return None
        new_vertices, new_faces = sewn
        extra.append(new_vertices)
        pieces.append(new_faces)
        next_index += len(new_vertices)

    # Drop the band's vertices inside the wedges, which no face uses now.
    return _compact(np.concatenate([grid, *extra]), np.concatenate(pieces))


@bounded_cache(maxsize=16)
def _wedge_result(
    profile_key: bytes,
    segments: int,
    first: int,
    steps: int,
    tools: tuple[Tool, ...],
) -> MeshArrays:
    """Return a wedge of the revolved profile with its tools applied.

    Cached on the profile's bytes, the wedge and the tool objects, which
    generators take from their own caches, so a solitaire whose stone
    changes keeps its engraved wedge. The key holds the tools, so their
    identities stay unique while the entry lives.
    """
    profile = np.frombuffer(profile_key, dtype=np.float64).reshape(-1, 2).copy()
    grid, faces = revolve_arrays(profile, segments)
    count = len(grid) // segments
    face_step = (np.arange(len(faces)) % (segments * count)) // count
    cap = _cap_triangles(profile)
    wedge = _wedge(grid, faces, face_step, count, segments, first, steps, cap)
    solid = to_manifold(wedge, "band wedge")
    for tool in tools:
        solid = _apply(solid, tool)
    return MeshArrays.of(without_slivers(solid))


def _cap_triangles(profile: np.ndarray) -> np.ndarray:
    """Triangulate the profile as revolve_profile orders it (CCW)."""
    points = np.asarray(profile, dtype=np.float64)
    if signed_area(points) < 0:
        points = points[::-1]
    rings = np.array([len(points)], dtype=np.uint32)
    return mapbox_earcut.triangulate_float64(points, rings).reshape(-1, 3)


def _wedge(
    grid: np.ndarray,
    faces: np.ndarray,
    face_step: np.ndarray,
    count: int,
    segments: int,
    first: int,
    steps: int,
    cap: np.ndarray,
) -> trimesh.Trimesh:
    """Return the closed wedge of the band from meridian ``first`` over
    ``steps`` steps, with the profile as its flat ends."""
    meridians = (first + np.arange(steps + 1)) % segments
    local = np.full(len(grid), -1)
    local[(meridians[:, None] * count + np.arange(count)).ravel()] = np.arange(
        (steps + 1) * count
    )
    inside = np.isin(face_step, meridians[:-1])
    sides = local[faces[inside]]
    # A counter-clockwise profile faces -e_phi, which is outward at the
    # wedge's start and inward at its end.
    end_offset = steps * count
    ends = np.concatenate([cap, cap[:, ::-1] + end_offset])
    vertices = grid[(meridians[:, None] * count + np.arange(count)).ravel()]
    return trimesh.Trimesh(vertices, np.concatenate([sides, ends]), process=False)


def _seam(
    result: MeshArrays,
    grid: np.ndarray,
    count: int,
    segments: int,
    first: int,
    steps: int,
    next_index: int,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Drop a wedge's flat ends and point its seam vertices at the band's.

    Returns the wedge's other vertices and its faces in the sewn mesh's
    indices, or ``None`` when a vertex on a flat end is not a band vertex.
    """
    vertices = result.vertices
    faces = result.faces.astype(np.int64)
    target = np.full(len(vertices), -1)
    on_end = np.zeros((2, len(vertices)), dtype=bool)
    for side, meridian in enumerate((first, (first + steps) % segments)):
        angle = 2.0 * np.pi * meridian / segments
        distance = -np.sin(angle) * vertices[:, 0] + np.cos(angle) * vertices[:, 1]
        outward = np.cos(angle) * vertices[:, 0] + np.sin(angle) * vertices[:, 1]
        on_end[side] = (np.abs(distance) <= ON_PLANE_MM) & (outward > 0.0)
        seam = grid[meridian * count : (meridian + 1) * count]
        lookup = {point.tobytes(): meridian * count + i for i, point in enumerate(seam)}
        for vertex in np.flatnonzero(on_end[side]):
            match = lookup.get(vertices[vertex].tobytes())
            if match is None:
                return None
            target[vertex] = match

    flat = all_corners(on_end[0], faces) | all_corners(on_end[1], faces)
    remaining = faces[~flat]
    own = target < 0
    target[own] = next_index + np.arange(own.sum())
    return vertices[own], target[remaining]


def _seams_close(
    wedge_faces: np.ndarray,
    band_faces: np.ndarray,
    count: int,
    segments: int,
    first: int,
    steps: int,
) -> bool:
    """Check that a sewn wedge's edges along its two seams are the reverse
    of the rest of the band's edges there, each once.

    The rest of the band and the wedge from manifold3d are closed apart
    from their seams, so matching the seams closes the whole surface.
    """
    grid_size = segments * count
    edges = wedge_faces[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
    found = edges[(edges < grid_size).all(axis=1)]

    # The band's steps just outside the wedge own the other side of each seam.
    by_step = band_faces.reshape(2, segments, count, 3)
    last = (first + steps) % segments
    expected = []
    for meridian, step in ((first, (first - 1) % segments), (last, last)):
        outside = by_step[:, step].reshape(-1, 3)[:, [0, 1, 1, 2, 2, 0]]
        outside = outside.reshape(-1, 2)
        along = (outside // count == meridian).all(axis=1)
        expected.append(outside[along][:, ::-1])
    reverse = np.concatenate(expected)

    found_keys = np.sort(found[:, 0] * grid_size + found[:, 1])
    expected_keys = np.sort(reverse[:, 0] * grid_size + reverse[:, 1])
    return np.array_equal(found_keys, expected_keys)
