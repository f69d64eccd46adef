"""Board panels found among a product's parts, with their own 2D frame.

A part is a panel when its material is listed in ``panels.csv``, its mesh
fills its oriented bounding box (a box, within ``BOX_FILL``) and it is thin:
its smallest extent is at most ``MAX_THICKNESS_RATIO`` of the next one. So a
table top or a bookshelf's sides are panels, while a 70 mm square oak leg is
not. Nothing else is needed from a generator; ``Part.holes`` and
``Part.banded_edges`` add drilling and edge banding. Every
``models3d.boards.BoardPart`` of a listed material is a panel, thin or not,
because its generator cuts it from a board. One that is not a box, such as
a chair's shaped rear leg, becomes a *shaped* panel. Its rectangular blank
is cut from the board and then shaped by a program that the cut files do
not hold, so it has no cut file.

Panel frame: x runs along the panel's length (its longest extent), y along
its width and z through its thickness, all from 0, so the panel fills
``[0, length] x [0, width] x [0, thickness]``. Face A is the face at
z = thickness: the face that the holes are drilled from and the kerfs
(``Part.kerfs``) are cut into, or without either the face that looks most
toward +Z (then +X, then +Y) in the product frame.
Cut files show the panel from face A. Edges are named as cut lists name
them: L1 at y = 0 and L2 at y = width run along the length, W1 at x = 0 and
W2 at x = length run across it. A hole whose axis is square to face A is a
face hole; one square to an edge is an edge hole, drilled into that edge.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import trimesh

from designer.package.tables import (
    GLUED,
    PanelStock,
    find_stock,
    nearest_stock,
    panel_materials,
)
from models3d.boards import BoardPart
from models3d.meshing import rounded_box_volume
from models3d.parts import Part

logger = logging.getLogger(__name__)

BOX_FILL = 0.98
"""Smallest ratio of a part's volume to its oriented bounding box's volume,
with the edges rounded to ``Part.edge_radius_mm``, for the part to count as
a box."""

MAX_THICKNESS_RATIO = 1.0 / 3.0
"""Largest thickness of a panel, as a share of its width."""

EDGES = ("L1", "L2", "W1", "W2")

FACE_A = "A"
FACE_B = "B"

_DIRECTIONS = {
    "+x": (1.0, 0.0, 0.0),
    "-x": (-1.0, 0.0, 0.0),
    "+y": (0.0, 1.0, 0.0),
    "-y": (0.0, -1.0, 0.0),
    "+z": (0.0, 0.0, 1.0),
    "-z": (0.0, 0.0, -1.0),
}


@dataclass(frozen=True)
class PanelHole:
    """A hole in a panel's frame.

    ``x`` and ``y`` (mm) locate its centre seen from face A; ``face`` is
    ``FACE_A`` or ``FACE_B``, the face it is drilled from.
    """

    x: float
    y: float
    diameter: float
    depth: float
    face: str
    through: bool


@dataclass(frozen=True)
class PanelEdgeHole:
    """A hole drilled into one of a panel's edges, in the panel's frame.

    ``edge`` is the edge it enters, one of ``EDGES``. ``along`` (mm) locates
    its centre along that edge: its x for L1 and L2, its y for W1 and W2.
    ``height`` (mm) is its centre's z, from face B toward face A.
    """

    edge: str
    along: float
    height: float
    diameter: float
    depth: float


@dataclass(frozen=True)
class PanelKerf:
    """A saw kerf cut into a panel's face, in the panel's frame.

    ``start`` and ``end`` (x, y in mm) are the ends of its centre line seen
    from face A. ``face`` is ``FACE_A`` or ``FACE_B``, the face it is cut
    into, and ``width`` and ``depth`` are in mm.
    """

    start: tuple[float, float]
    end: tuple[float, float]
    width: float
    depth: float
    face: str


@dataclass(frozen=True)
class Panel:
    """A board panel of a product, finished sizes in mm.

    Attributes
    ----------
    part
        Name of the part it is made from.
    material
        Material id.
    length, width, thickness
        Finished size, edge banding included.
    stock
        The ``panels.csv`` row of its thickness, or ``None`` when the
        thickness is not a stock thickness of the material.
    sheet
        A row of the material, for sheet size, grain and banding; the same
        as ``stock`` when that is known.
    banded
        The banded edges, a subset of ``EDGES``.
    holes
        Holes drilled from face A or B.
    unmapped_holes
        Holes that cut files do not show: every hole of a shaped panel, and
        a hole at a slant to every face and edge.
    face_a
        The product-frame direction that face A looks toward; ``None`` for a
        shaped panel.
    shaped
        Whether the panel is the rectangular blank of a shaped part.
    edge_holes
        Holes drilled into the panel's edges.
    front_edge
        The edge that faces the product's front (-Y in the product frame),
        or ``None`` when no edge does, as on a door or a back.
    kerfs
        Saw kerfs cut into face A or B. A shaped panel lists none, and
        neither does any panel for a kerf cut into an edge.
    """

    part: str
    material: str
    length: float
    width: float
    thickness: float
    stock: PanelStock | None
    sheet: PanelStock
    banded: tuple[str, ...]
    holes: tuple[PanelHole, ...]
    unmapped_holes: int
    face_a: tuple[float, float, float] | None
    shaped: bool = False
    edge_holes: tuple[PanelEdgeHole, ...] = ()
    front_edge: str | None = None
    kerfs: tuple[PanelKerf, ...] = ()

    @property
    def hole_count(self) -> int:
        """Number of holes drilled into the panel, shown or not."""
        return len(self.holes) + len(self.edge_holes) + self.unmapped_holes

    @property
    def band_thickness(self) -> float:
        """Thickness of the edge band in mm, 0 when no edge is banded."""
        return self.sheet.edge_band_thickness if self.banded else 0.0

    @property
    def cut_length(self) -> float:
        """Length to cut, less the band on the W1 and W2 edges."""
        count = sum(edge in self.banded for edge in ("W1", "W2"))
        return self.length - count * self.band_thickness

    @property
    def cut_width(self) -> float:
        """Width to cut, less the band on the L1 and L2 edges."""
        count = sum(edge in self.banded for edge in ("L1", "L2"))
        return self.width - count * self.band_thickness

    @property
    def cut_origin(self) -> tuple[float, float]:
        """The cut outline's lower-left corner in the panel frame, in mm: the
        band thickness on each of W1 and L1 that is banded, else 0."""
        band = self.band_thickness
        return (
            band if "W1" in self.banded else 0.0,
            band if "L1" in self.banded else 0.0,
        )

    @property
    def band_length(self) -> float:
        """Total length of the banded edges in mm."""
        lengths = {"L1": self.length, "L2": self.length}
        lengths.update({"W1": self.width, "W2": self.width})
        return sum(lengths[edge] for edge in self.banded)

    @property
    def glued(self) -> bool:
        """Whether the panel is glued up from solid wood instead of cut."""
        return self.sheet.kind == GLUED

    @property
    def can_rotate(self) -> bool:
        """Whether nesting may turn the panel across the sheet's grain."""
        return not self.sheet.grain_along_length


def find_panels(parts: Sequence[Part]) -> list[Panel]:
    """Return the panels among ``parts``, in part order.

    Raises
    ------
    ValueError
        When a part bands an edge direction that is one of its faces, or
        bands the edges of a material without an edge band in
        ``panels.csv``.
    """
    materials = panel_materials()
    panels = []
    for part in parts:
        if part.material not in materials:
            continue
        panel = _panel_of(part)
        if panel is not None:
            panels.append(panel)
    logger.debug("found panels %s", [panel.part for panel in panels])
    return panels


def _panel_of(part: Part) -> Panel | None:
    box = part.mesh.bounding_box_oriented.primitive
    axes = np.asarray(box.transform, dtype=np.float64)[:3, :3]
    extents = np.asarray(box.extents, dtype=np.float64)
    order = np.argsort(-extents, kind="stable")
    length, width, thickness = (float(extents[index]) for index in order)
    board_part = isinstance(part, BoardPart)
    if board_part and part.shaped:
        return _blank_of(part)
    if not board_part and thickness > MAX_THICKNESS_RATIO * width:
        return None
    # A part with rounded edges is compared with the rounded box it fills.
    radius = part.edge_radius_mm or 0.0
    if part.mesh.volume < BOX_FILL * rounded_box_volume(extents, radius):
        return _blank_of(part) if board_part else None

    frame = _frame(axes[:, order], part)
    centre = np.asarray(box.transform, dtype=np.float64)[:3, 3]
    origin = centre - frame @ np.array([length, width, thickness]) / 2.0
    holes, edge_holes, unmapped = _holes(part, frame, origin, thickness)
    stock = find_stock(part.material, thickness)
    sheet = stock or nearest_stock(part.material, thickness)
    assert sheet is not None  # the material is in panels.csv
    return Panel(
        part=part.name,
        material=part.material,
        length=length,
        width=width,
        thickness=thickness,
        stock=stock,
        sheet=sheet,
        banded=_banded(part, frame, sheet),
        holes=holes,
        unmapped_holes=unmapped,
        face_a=tuple(float(value) for value in np.round(frame[:, 2], 6)),
        edge_holes=edge_holes,
        front_edge=_edge_facing(frame, _DIRECTIONS["-y"]),
        kerfs=_kerfs(part, frame, origin),
    )


def _blank_of(part: BoardPart) -> Panel:
    """Return the rectangular blank of a shaped board part, unbanded."""
    stock = find_stock(part.material, part.thickness)
    sheet = stock or nearest_stock(part.material, part.thickness)
    assert sheet is not None  # the material is in panels.csv
    return Panel(
        part=part.name,
        material=part.material,
        length=part.length,
        width=part.width,
        thickness=part.thickness,
        stock=stock,
        sheet=sheet,
        banded=(),
        holes=(),
        unmapped_holes=len(part.holes),
        face_a=None,
        shaped=True,
    )


def _frame(axes: np.ndarray, part: Part) -> np.ndarray:
    """Return the panel frame's x, y and z axes as the columns of a rotation."""
    along, _, normal = axes.T
    cuts = [hole.axis for hole in part.holes] + [kerf.axis for kerf in part.kerfs]
    if cuts:
        entering = np.sum(np.asarray(cuts, dtype=np.float64), axis=0)
        if float(np.dot(entering, normal)) > 0.0:
            normal = -normal
    elif _first_significant(normal) < 0.0:
        normal = -normal
    if _first_significant(along) < 0.0:
        along = -along
    across = np.cross(normal, along)
    return np.column_stack([along, across, normal])


def _first_significant(vector: np.ndarray) -> float:
    """Return the vector's Z, X or Y component, the first that is not ~0."""
    for index in (2, 0, 1):
        if abs(vector[index]) > 1e-6:
            return float(vector[index])
    return 0.0


def _holes(
    part: Part, frame: np.ndarray, origin: np.ndarray, thickness: float
) -> tuple[tuple[PanelHole, ...], tuple[PanelEdgeHole, ...], int]:
    holes = []
    edge_holes = []
    unmapped = 0
    for hole in part.holes:
        local = frame.T @ (np.asarray(hole.centre, dtype=np.float64) - origin)
        axis = frame.T @ np.asarray(hole.axis, dtype=np.float64)
        if abs(axis[2]) >= 0.9:
            holes.append(
                PanelHole(
                    x=float(local[0]),
                    y=float(local[1]),
                    diameter=hole.diameter,
                    depth=hole.depth,
                    face=FACE_A if axis[2] < 0.0 else FACE_B,
                    through=hole.depth >= thickness - 1e-6,
                )
            )
            continue
        edge = _edge_entered(axis)
        if edge is None:
            unmapped += 1
            continue
        along = local[0] if edge in ("L1", "L2") else local[1]
        edge_holes.append(
            PanelEdgeHole(
                edge=edge,
                along=float(along),
                height=float(local[2]),
                diameter=hole.diameter,
                depth=hole.depth,
            )
        )
    return tuple(holes), tuple(edge_holes), unmapped


def _kerfs(part: Part, frame: np.ndarray, origin: np.ndarray) -> tuple[PanelKerf, ...]:
    """Return the kerfs cut square into a face of the panel, seen from
    face A; a kerf cut into an edge is left off."""
    kerfs = []
    for kerf in part.kerfs:
        axis = frame.T @ np.asarray(kerf.axis, dtype=np.float64)
        if abs(axis[2]) < 0.9:
            logger.warning("kerf of part %s is not cut into a face", part.name)
            continue
        start, end = (
            frame.T @ (np.asarray(point, dtype=np.float64) - origin)
            for point in (kerf.start, kerf.end)
        )
        kerfs.append(
            PanelKerf(
                start=(float(start[0]), float(start[1])),
                end=(float(end[0]), float(end[1])),
                width=kerf.width,
                depth=kerf.depth,
                face=FACE_A if axis[2] < 0.0 else FACE_B,
            )
        )
    return tuple(kerfs)


def _edge_entered(axis: np.ndarray) -> str | None:
    """Return the edge that a hole along ``axis`` (panel frame, pointing into
    the material) is drilled into, or ``None`` for a slanted hole."""
    if axis[0] >= 0.9:
        return "W1"
    if axis[0] <= -0.9:
        return "W2"
    if axis[1] >= 0.9:
        return "L1"
    if axis[1] <= -0.9:
        return "L2"
    return None


def _banded(part: Part, frame: np.ndarray, sheet: PanelStock) -> tuple[str, ...]:
    if part.banded_edges is None:
        return EDGES if sheet.edge_band_thickness > 0 else ()
    if part.banded_edges and sheet.edge_band_thickness <= 0:
        raise ValueError(
            f"part {part.name!r} bands edges {', '.join(part.banded_edges)}, but "
            f"{part.material} has no edge band in panels.csv; add one there or "
            "set banded_edges=()"
        )
    banded = []
    for direction in part.banded_edges:
        edge = _edge_facing(frame, _DIRECTIONS[direction])
        if edge is None:
            raise ValueError(
                f"part {part.name!r}: banded edge {direction!r} does not face "
                "an edge of the panel (it faces one of its broad faces); name "
                "the directions its edges look toward"
            )
        banded.append(edge)
    return tuple(edge for edge in EDGES if edge in banded)


def _edge_facing(
    frame: np.ndarray, direction: tuple[float, float, float]
) -> str | None:
    """Return the edge whose outward normal points along a product-frame
    ``direction`` (within about 45 degrees), or ``None`` when none does."""
    outward = {
        "L1": -frame[:, 1],
        "L2": frame[:, 1],
        "W1": -frame[:, 0],
        "W2": frame[:, 0],
    }
    vector = np.asarray(direction)
    return next(
        (name for name, normal in outward.items() if vector @ normal > 0.7), None
    )


def panel_mesh_extents(mesh: trimesh.Trimesh) -> tuple[float, float, float]:
    """Return a mesh's oriented bounding box extents, largest first, in mm."""
    extents = sorted(mesh.bounding_box_oriented.primitive.extents, reverse=True)
    return float(extents[0]), float(extents[1]), float(extents[2])
