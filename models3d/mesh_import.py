"""Import a designer's STL, OBJ or GLB mesh as a fixed part, such as a head.

``import_mesh`` reads the file with trimesh, settles its unit, repairs what
can be repaired and rejects what cannot:

1. Unit: mesh files carry no unit. An explicit ``unit`` wins. Otherwise a
   largest extent from ``MIN_PART_MM`` to ``MAX_PART_MM`` is taken as mm;
   a smaller one is read as metres (under ``METRE_EXTENT_LIMIT``) or inches,
   converted, and the conversion is reported with the extents it rests on.
   A larger one is rejected.
2. Repair: degenerate faces (zero area) and duplicate faces are removed,
   duplicate vertices merged, neighbouring faces wound consistently, the
   normals turned outward, and holes of up to four edges filled.
3. Check: a mesh that is still open is rejected with its count of open and
   non-manifold edges, since its volume, and so its weight, is undefined.

``ring_bore_diameter`` and ``fit_ring_size`` measure an imported ring's
finger hole and place it in a size system.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import trimesh
from scipy import optimize

from models3d.sizes import ring_size_table
from models3d.solids import GeometryError, to_manifold

logger = logging.getLogger(__name__)

SUFFIXES = (".stl", ".obj", ".glb")
"""File types ``import_mesh`` reads."""

UNIT_SCALES = {"mm": 1.0, "cm": 10.0, "m": 1000.0, "in": 25.4}
"""Millimetres per unit, for the ``unit`` argument."""

MIN_PART_MM = 2.0
MAX_PART_MM = 300.0
"""Range of largest extents, in mm, of the parts a mesh may be: from a
small ring head to a large bangle or a shoe last."""

METRE_EXTENT_LIMIT = 0.3
"""Largest extents under this are read as metres (a 2 to 300 mm part is
0.002 to 0.3 m); from it up to ``MIN_PART_MM`` as inches (a 7.6 to 51 mm
part)."""

MAX_FILLED_HOLE_EDGES = 4
"""Holes of up to this many edges are closed; larger ones are rejected."""

RING_SIZE_TOLERANCE_MM = 0.05
"""How far a bore may lie outside a size table's range and still take its
first or last size."""


class MeshImportError(ValueError):
    """A mesh file that cannot become a valid part.

    Attributes
    ----------
    path
        The file.
    reason
        What is wrong and what to do about it.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class ImportedMesh:
    """A repaired mesh in millimetres and what was done to it.

    Attributes
    ----------
    mesh
        Closed, consistently wound mesh with outward normals, in mm.
    unit
        The unit the file was read in: a key of ``UNIT_SCALES``.
    notes
        One sentence per conversion or repair, in the order they were made.
    """

    mesh: trimesh.Trimesh
    unit: str
    notes: tuple[str, ...]


def _format_extents(extents: np.ndarray) -> str:
    return " x ".join(f"{value:.4g}" for value in extents)


def _settle_unit(
    path: Path, mesh: trimesh.Trimesh, unit: str | None
) -> tuple[str, list[str]]:
    extents = mesh.extents
    largest = float(extents.max())
    if unit is not None:
        if unit not in UNIT_SCALES:
            raise MeshImportError(
                path,
                f"unknown unit {unit!r}; use one of {', '.join(UNIT_SCALES)}",
            )
        return unit, []
    if MIN_PART_MM <= largest <= MAX_PART_MM:
        return "mm", []
    if largest > MAX_PART_MM:
        raise MeshImportError(
            path,
            f"the mesh's extents are {_format_extents(extents)}, more than "
            f"{MAX_PART_MM:g} mm for a part; pass the file's unit with unit= "
            f"(one of {', '.join(UNIT_SCALES)})",
        )
    assumed = "m" if largest < METRE_EXTENT_LIMIT else "in"
    note = (
        f"extents {_format_extents(extents)} are too small for millimetres, "
        f"so the file was read in {assumed} and scaled by "
        f"{UNIT_SCALES[assumed]:g}; pass unit= to override"
    )
    logger.warning("%s: %s", path, note)
    return assumed, [note]


def _repair(mesh: trimesh.Trimesh) -> list[str]:
    """Repair ``mesh`` in place and describe each repair made."""
    notes = []
    degenerate = ~mesh.nondegenerate_faces()
    if degenerate.any():
        mesh.update_faces(~degenerate)
        notes.append(f"removed {int(degenerate.sum())} degenerate faces")
    before = len(mesh.faces)
    mesh.update_faces(mesh.unique_faces())
    if len(mesh.faces) < before:
        notes.append(f"removed {before - len(mesh.faces)} duplicate faces")
    mesh.remove_unreferenced_vertices()

    if not mesh.is_watertight:
        before = len(mesh.faces)
        trimesh.repair.fill_holes(mesh)
        if len(mesh.faces) > before:
            notes.append(f"filled holes with {len(mesh.faces) - before} faces")

    faces = mesh.faces.copy()
    trimesh.repair.fix_winding(mesh)
    flipped = int((mesh.faces != faces).any(axis=1).sum())
    if flipped:
        notes.append(f"flipped {flipped} faces to wind consistently")
    if mesh.is_watertight and mesh.volume < 0:
        mesh.invert()
        notes.append("turned the normals outward")
    return notes


def _edge_counts(mesh: trimesh.Trimesh) -> tuple[int, int]:
    """Return the counts of open edges (one face) and non-manifold edges."""
    _, uses = np.unique(mesh.edges_sorted, axis=0, return_counts=True)
    return int((uses == 1).sum()), int((uses > 2).sum())


def import_mesh(path: Path | str, unit: str | None = None) -> ImportedMesh:
    """Read, convert to mm and repair a mesh file.

    Parameters
    ----------
    path
        An ``.stl``, ``.obj`` or ``.glb`` file; a GLB scene's meshes are
        joined.
    unit
        The file's unit, a key of ``UNIT_SCALES``; ``None`` infers it from
        the extents as the module describes.

    Returns
    -------
    ImportedMesh
        The mesh in mm and notes on what was converted and repaired.

    Raises
    ------
    MeshImportError
        When the file type is not supported, the file holds no triangles,
        the extents fit no unit, or the mesh stays open after repair (the
        message counts the open and non-manifold edges).
    """
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise MeshImportError(
            path, f"unsupported file type; use one of {', '.join(SUFFIXES)}"
        )
    try:
        mesh = trimesh.load(path, force="mesh", process=True)
    except (OSError, ValueError) as error:
        raise MeshImportError(path, f"cannot be read: {error}") from None
    if not isinstance(mesh, trimesh.Trimesh) or len(mesh.faces) == 0:
        raise MeshImportError(path, "holds no triangles")

    chosen_unit, notes = _settle_unit(path, mesh, unit)
    mesh.apply_scale(UNIT_SCALES[chosen_unit])
    notes += _repair(mesh)

    if not mesh.is_watertight:
        open_edges, non_manifold = _edge_counts(mesh)
        raise MeshImportError(
            path,
            f"the mesh is not closed after repair: {open_edges} open edges and "
            f"{non_manifold} non-manifold edges, so it has no volume; close "
            "it in the modelling program and export it again",
        )
    try:
        to_manifold(mesh, path.name)
    except GeometryError as error:
        raise MeshImportError(path, str(error)) from None
    for note in notes:
        logger.info("%s: %s", path.name, note)
    return ImportedMesh(mesh=mesh, unit=chosen_unit, notes=tuple(notes))


def ring_bore_diameter(mesh: trimesh.Trimesh) -> tuple[float, np.ndarray]:
    """Measure a ring's finger hole.

    The ring's axis is taken as the bounding box's shortest side, the
    band's width. Seen along it, the bore is the largest circle free of
    vertices, found by a Nelder-Mead search for the centre farthest from
    every vertex, starting from the vertices' mean.

    Parameters
    ----------
    mesh
        A ring in mm whose axis is parallel to X, Y or Z.

    Returns
    -------
    diameter
        Diameter of the largest vertex-free circle, in mm: the largest
        cylinder that passes through the ring.
    axis
        (3,) unit vector of the axis.
    """
    axis_index = int(np.argmin(mesh.extents))
    plane = [index for index in range(3) if index != axis_index]
    points = mesh.vertices[:, plane]

    def clearance(centre: np.ndarray) -> float:
        return -float(np.linalg.norm(points - centre, axis=1).min())

    start = points.mean(axis=0)
    result = optimize.minimize(
        clearance, start, method="Nelder-Mead", options={"xatol": 1e-6, "fatol": 1e-9}
    )
    axis = np.zeros(3)
    axis[axis_index] = 1.0
    return -2.0 * float(result.fun), axis


@dataclass(frozen=True)
class RingFit:
    """The size in one system nearest to a measured bore.

    Attributes
    ----------
    label
        Nearest size label, such as ``"ISO 54"``; ``None`` when the bore is
        outside the system's range.
    difference_mm
        Bore diameter minus the size's inner diameter, in mm.
    message
        A sentence for the designer.
    """

    label: str | None
    difference_mm: float
    message: str


def fit_ring_size(diameter: float, system: str = "ISO") -> RingFit:
    """Find the size of ``system`` nearest to a bore of ``diameter`` mm.

    A bore more than ``RING_SIZE_TOLERANCE_MM`` beyond the system's smallest
    or largest size gets no size, and the message names that size.
    """
    rows = [row for row in ring_size_table() if row.system == system]
    if not rows:
        systems = ", ".join(dict.fromkeys(row.system for row in ring_size_table()))
        raise ValueError(f"unknown ring size system {system!r}; known: {systems}")
    smallest = min(rows, key=lambda row: row.millimetres)
    largest = max(rows, key=lambda row: row.millimetres)
    name = "ISO 8653" if system == "ISO" else system

    if diameter > largest.millimetres + RING_SIZE_TOLERANCE_MM:
        return RingFit(
            None,
            diameter - largest.millimetres,
            f"the bore is {diameter:.2f} mm across, larger than the largest "
            f"{name} size, {largest.label} ({largest.millimetres:.2f} mm)",
        )
    if diameter < smallest.millimetres - RING_SIZE_TOLERANCE_MM:
        return RingFit(
            None,
            diameter - smallest.millimetres,
            f"the bore is {diameter:.2f} mm across, smaller than the smallest "
            f"{name} size, {smallest.label} ({smallest.millimetres:.2f} mm)",
        )
    nearest = min(rows, key=lambda row: abs(row.millimetres - diameter))
    difference = diameter - nearest.millimetres
    return RingFit(
        nearest.label,
        difference,
        f"the bore is {diameter:.2f} mm across, nearest to {nearest.label} "
        f"({nearest.millimetres:.2f} mm, {difference:+.2f} mm)",
    )
