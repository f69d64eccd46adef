"""Shaded surfaces of parts: crease-split points, point normals, texture coordinates.

Splitting vertices along sharp creases is the costly step (about 7 ms for
12,800 triangles with ``vtkPolyDataNormals``). A slider changes a part's
shape but rarely its triangle layout, so :class:`SurfaceShader` remembers the
split of each part and, while the faces stay the same, only moves the points
and recomputes normals with numpy.

The shader uses no OpenGL, so the studio runs it on the geometry worker
thread. Use one shader from one thread at a time.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyvista as pv
import trimesh
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonCore import vtkDataArray, vtkPoints

from models3d.meshing import point_bounds
from models3d.parts import Part
from rendering.finishes import Finish, finish_for
from rendering.textures import texture_aspect

logger = logging.getLogger(__name__)

NORMALS = "Normals"
TEXTURE_COORDINATES = "TextureCoordinates"

# Creases sharper than this angle between face normals stay sharp, so the
# edges of a table top look crisp while the curve of a ring shades smoothly.
FEATURE_ANGLE_DEG = 40.0
# Faceted finishes, such as a cut gem, keep every facet flat.
FACETED_ANGLE_DEG = 1.0
# Splits cached per part name. A shoe's upper, cut with booleans, gets new
# faces at every heel height. A slider moved back and forth over up to
# eight values finds their splits in the cache instead of splitting again,
# which took about 7 ms for the oxford's 7,550-triangle upper.
SPLITS_PER_PART = 8

_SOURCE_IDS = "source_point_ids"
_topology_ids = itertools.count(1)


@dataclass(frozen=True)
class ShadedPart:
    """A part with the surface that the scene draws for it.

    Attributes
    ----------
    part
        The part as its generator returned it.
    surface
        Triangles with point normals (``"Normals"``) and, for textured
        finishes, texture coordinates (``"TextureCoordinates"``). Treat it
        as read-only, because the concealed and empty parts of one shader
        share one empty surface. The scene copies it.
    topology
        Identifier of the surface's triangle layout: two surfaces with the
        same identifier have the same cells and number of points. 0 for an
        empty surface.
    """

    part: Part
    surface: pv.PolyData
    topology: int


@dataclass(frozen=True)
class _Split:
    faces: np.ndarray
    vertex_count: int
    source: np.ndarray
    triangles: np.ndarray
    incidence: _Incidence
    cells: pv.CellArray
    topology: int

    def fits(self, mesh: trimesh.Trimesh) -> bool:
        faces = np.asarray(mesh.faces)
        return (
            len(mesh.vertices) == self.vertex_count
            and faces.shape == self.faces.shape
            and np.array_equal(faces, self.faces)
        )


class SurfaceShader:
    """Turn part meshes into shaded surfaces, reusing splits while faces repeat.

    The splits of the last ``SPLITS_PER_PART`` face layouts of each part
    name are kept, so a part whose crease angles cross the feature angle
    while its faces stay the same keeps its first split.
    """

    def __init__(self) -> None:
        self._splits: dict[str, list[_Split]] = {}
        # Every concealed or empty part gets this surface, so a cabinet's 20
        # drawer-box boards cost no new pyvista object on each build.
        self._empty = pv.PolyData()

    def shade_parts(self, parts: Sequence[Part]) -> list[ShadedPart]:
        """Shade every part, in order."""
        return [self.shade(part) for part in parts]

    def shade(self, part: Part) -> ShadedPart:
        """Return the shaded surface of one part.

        Raises
        ------
        KeyError
            If the part's material is unknown.
        """
        finish = finish_for(part.material)
        mesh = part.mesh
        # The scene does not draw a concealed part, so it needs no surface.
        if len(mesh.faces) == 0 or part.concealed:
            return ShadedPart(part, self._empty, 0)

        cached = self._splits.setdefault(part.name, [])
        index = next((i for i, known in enumerate(cached) if known.fits(mesh)), None)
        if index is None:
            angle = FACETED_ANGLE_DEG if finish.faceted else FEATURE_ANGLE_DEG
            split = _split_creases(mesh, angle)
            logger.debug("split %s: topology %d", part.name, split.topology)
        else:
            split = cached.pop(index)
        # Most recently used first, so the next fits() check finds it at once.
        cached.insert(0, split)
        del cached[SPLITS_PER_PART:]

        points = np.asarray(mesh.vertices, dtype=np.float64)[split.source]
        normals = point_normals(points, split.triangles, split.incidence)
        # Plain VTK calls, because pyvista's array helpers added about 0.1 ms
        # to every part. These calls, the shared empty surface and _cross
        # took the cabinet's shading from 6 to 3 ms of CPU (2-core AMD EPYC).
        surface = pv.PolyData()
        vtk_points = vtkPoints()
        vtk_points.SetData(_vtk_array(points.astype(np.float32), "Points"))
        surface.SetPoints(vtk_points)
        surface.SetPolys(split.cells)
        point_data = surface.GetPointData()
        point_data.SetNormals(_vtk_array(normals, NORMALS))
        if finish.texture is not None:
            coordinates = texture_coordinates(points, normals, finish)
            point_data.SetTCoords(_vtk_array(coordinates, TEXTURE_COORDINATES))
        return ShadedPart(part, surface, split.topology)


def _vtk_array(values: np.ndarray, name: str) -> vtkDataArray:
    """Wrap an ``(n, k)`` array for VTK, copying it only if not C-contiguous.

    The VTK array keeps a reference to the numpy array, so the memory lives
    as long as the VTK array does.
    """
    array = numpy_to_vtk(np.ascontiguousarray(values), deep=False)
    array.SetName(name)
    return array


def point_normals(
    points: np.ndarray, triangles: np.ndarray, incidence: _Incidence | None = None
) -> np.ndarray:
    """Return unit point normals, each the area-weighted mean of its faces.

    Parameters
    ----------
    points
        ``(n, 3)`` coordinates.
    triangles
        ``(m, 3)`` point indices, wound counter-clockwise seen from outside.
    incidence
        The faces around each point, from :func:`incidence_of`; pass it when
        the same triangles are used again, to skip a sort.

    Returns
    -------
    numpy.ndarray
        ``(n, 3)`` ``float32`` unit vectors; a point on no face gets +Z.
    """
    if incidence is None:
        incidence = incidence_of(triangles, len(points))
    corners = points[triangles]
    face_normals = _cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    normals = np.zeros((len(points), 3))
    normals[:, 2] = 1.0
    if len(triangles):
        sums = np.add.reduceat(face_normals[incidence.faces], incidence.starts)
        # Column by column: numpy sums a short last axis several times
        # slower here.
        length = np.sqrt(
            sums[:, 0] * sums[:, 0] + sums[:, 1] * sums[:, 1] + sums[:, 2] * sums[:, 2]
        )
        used = length > 0.0
        normals[incidence.points[used]] = sums[used] / length[used, None]
    return normals.astype(np.float32)


def _cross(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Return the row-wise cross products of two ``(m, 3)`` arrays.

    Column by column, because ``numpy.cross`` spent most of its time
    moving axes on the few hundred triangles of a board.
    """
    result = np.empty_like(first)
    result[:, 0] = first[:, 1] * second[:, 2] - first[:, 2] * second[:, 1]
    result[:, 1] = first[:, 2] * second[:, 0] - first[:, 0] * second[:, 2]
    result[:, 2] = first[:, 0] * second[:, 1] - first[:, 1] * second[:, 0]
    return result


@dataclass(frozen=True)
class _Incidence:
    """The faces around each point, as runs of one sorted array."""

    faces: np.ndarray
    starts: np.ndarray
    points: np.ndarray


def incidence_of(triangles: np.ndarray, point_count: int) -> _Incidence:
    """Group the faces of ``triangles`` by the points they touch."""
    corner_points = triangles.ravel()
    order = np.argsort(corner_points, kind="stable")
    sorted_points = corner_points[order]
    if len(sorted_points) == 0:
        empty = np.empty(0, dtype=np.int64)
        return _Incidence(empty, empty, empty)
    starts = np.flatnonzero(np.diff(sorted_points, prepend=-1))
    return _Incidence(order // 3, starts, sorted_points[starts])


BOARD_TEXTURES = ("wood",)
"""Textures of parts cut from boards, whose sections are rectangles: they
wrap around the section so that a rounded edge joins its two faces."""


def texture_coordinates(
    points: np.ndarray, normals: np.ndarray, finish: Finish
) -> np.ndarray:
    """Project a textured finish onto a part along its grain.

    The grain runs along the part's longest side, as in sawn timber, and maps
    to the texture's first axis. On a board (``BOARD_TEXTURES``) the second
    axis runs around the part's section, so the grain continues over rounded
    edges and the end grain shows the grain's colour at the board's end.
    Otherwise each point takes its second axis from the other side that lies
    most within its surface, and faces across the grain, such as the end
    grain of a leg, use the two other sides.

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` ``float32`` coordinates in texture tiles.
    """
    low, high = point_bounds(points)
    extent = high - low
    grain = int(np.argmax(extent))
    others = [axis for axis in range(3) if axis != grain]
    tile = float(finish.texture_size_mm)
    across_tile = tile * texture_aspect(finish.texture)

    first_other, second_other = others
    if finish.texture in BOARD_TEXTURES:
        across = _around_section(points, (first_other, second_other))
        coordinates = np.column_stack([points[:, grain] / tile, across / across_tile])
        return coordinates.astype(np.float32)
    magnitude = np.abs(normals)
    across = np.where(
        magnitude[:, first_other] < magnitude[:, second_other],
        points[:, first_other],
        points[:, second_other],
    )
    coordinates = np.column_stack([points[:, grain] / tile, across / across_tile])

    # NOTE: on curved parts neighbouring points can take different axes, which
    # shows as a seam across a leather or weave texture.
    end_grain = magnitude[:, grain] >= np.maximum(
        magnitude[:, first_other], magnitude[:, second_other]
    )
    coordinates[end_grain, 0] = points[end_grain, first_other] / tile
    coordinates[end_grain, 1] = points[end_grain, second_other] / across_tile
    return coordinates.astype(np.float32)


def _around_section(points: np.ndarray, axes: tuple[int, int]) -> np.ndarray:
    """Return each point's distance around the part's rectangular section.

    The section is the part's bounding rectangle across the grain. Each point
    counts as lying on the side of the rectangle nearest to it, and the
    distance runs along the sides in turn: along the top (+b), down the +a
    side, back along the bottom and up the -a side. A rounded edge between
    two sides so takes nearby values from both. The loop starts and ends in
    the middle of the side that is least often seen: the underside, else
    the back (+Y), else +X.
    """
    a, b = axes
    low, high = point_bounds(points)
    u, v = points[:, a] - low[a], points[:, b] - low[b]
    width, height = high[a] - low[a], high[b] - low[b]
    # Per side in loop order (+b, +a, -b, -a): the distance from the point to
    # the side, the distance along it, and where the side starts on the loop.
    gaps = np.stack([height - v, width - u, v, u])
    along = np.stack([u, height - v, width - u, v])
    starts = np.array([0.0, width, width + height, 2.0 * width + height])
    lengths = np.array([width, height, width, height])
    # The first side with the smallest gap, as numpy.argmin(gaps, axis=0)
    # finds it, which takes several times as long here.
    side = np.zeros(len(points), dtype=np.intp)
    nearest = gaps[0]
    for number in range(1, len(gaps)):
        closer = gaps[number] < nearest
        side[closer] = number
        nearest = np.where(closer, gaps[number], nearest)
    around = starts[side] + along[side, np.arange(len(points))]
    loop = 2.0 * (width + height)
    hidden = _hidden_side(axes)
    middle = starts[hidden] + lengths[hidden] / 2.0
    return np.mod(around - middle, loop) if loop > 0.0 else around


def _hidden_side(axes: tuple[int, int]) -> int:
    """Return the side of a section, in ``_around_section``'s loop order
    (0: +b, 1: +a, 2: -b, 3: -a), that faces -Z, else +Y, else +X."""
    a, b = axes
    for axis, sign in ((2, -1.0), (1, 1.0), (0, 1.0)):
        if axis == a:
            return 1 if sign > 0 else 3
        if axis == b:
            return 0 if sign > 0 else 2
    return 0


def _split_creases(mesh: trimesh.Trimesh, feature_angle: float) -> _Split:
    """Split the mesh's vertices along creases with ``vtkPolyDataNormals``."""
    faces = np.array(mesh.faces, dtype=np.int64)
    vertex_count = len(mesh.vertices)
    cells = np.empty((len(faces), 4), dtype=np.int64)
    cells[:, 0] = 3
    cells[:, 1:] = faces
    surface = pv.PolyData(np.asarray(mesh.vertices, dtype=np.float64), cells.ravel())
    surface.point_data[_SOURCE_IDS] = np.arange(vertex_count, dtype=np.int64)
    # Part meshes are watertight with outward-facing triangles, so the costly
    # consistency and orientation passes are skipped. The filter keeps the
    # order of the triangles and copies point data to the points it adds.
    split = surface.compute_normals(
        cell_normals=False,
        point_normals=True,
        split_vertices=True,
        feature_angle=feature_angle,
        consistent_normals=False,
        auto_orient_normals=False,
    )
    triangles = np.asarray(split.regular_faces, dtype=np.int64)
    polys = pv.CellArray.from_regular_cells(triangles)
    return _Split(
        faces=faces,
        vertex_count=vertex_count,
        source=np.asarray(split.point_data[_SOURCE_IDS], dtype=np.int64),
        triangles=triangles,
        incidence=incidence_of(triangles, split.n_points),
        cells=polys,
        topology=next(_topology_ids),
    )
