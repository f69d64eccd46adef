"""Parts cut from boards, their cut list and the board quantities of a product.

Furniture is built from boxes that are exactly a board's thickness, so each
part is also a line of the cut list: its length along the grain, its width
and its thickness. A shaped part, such as a chair's rear leg, records the
rectangular blank it is cut from.

A board's edges are rounded to a small radius (``edge_radius``), as a
workshop eases them, and the mesh shows the round-over. The blank sizes
are those of the sharp box, and the mesh's bounds equal them exactly, but
its volume, and so a part's mass, is slightly less.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from models3d import dims as dimensions
from models3d.materials import material
from models3d.meshing import rounded_box
from models3d.parts import Part

logger = logging.getLogger(__name__)

AXES = "xyz"

GRAINLESS = ("mdf", "particleboard")
"""Board materials without a grain direction."""

BACK_MATERIAL = "birch_plywood"
"""Material of the thin back panels."""

BACK_SHEET_MM = (2440.0, 1220.0)
"""Length and width of the birch plywood sheet a back panel is cut from, as
``resources/production/panels.csv`` lists it; the grain runs along the
length. A back that fits no sheet is split into pieces (``back_seams``)."""

EDGE_RADIUS_MM = 2.0
"""Radius that the edges of solid wood and board parts are rounded to."""

EDGE_RADIUS_FRACTION = 1.0 / 8.0
"""Largest edge radius as a fraction of a part's smallest side, so that parts
thinner than 16 mm get a smaller round-over."""

SHEET_FIT_TOLERANCE_MM = 1e-6
"""Rounding allowed when a piece is compared with a sheet's size."""


@dataclass(frozen=True, kw_only=True)
class BoardPart(Part):
    """A part with the dimensions of the board blank it is cut from.

    Attributes
    ----------
    length
        Blank size along the grain, or along its longest side for boards
        without grain (MDF, particleboard), in mm.
    width
        Blank size across the grain, in mm.
    thickness
        Board thickness, in mm.
    grain
        Whether the material has a grain that must run along ``length``.
    shaped
        Whether the part is cut from its rectangular blank and then shaped,
        such as an apron whose ends are coped to round legs. A shaped part
        gets no cut file, however nearly it fills its blank.
    """

    length: float
    width: float
    thickness: float
    grain: bool = True
    shaped: bool = False


@dataclass(frozen=True)
class Panel:
    """One line of a cut list.

    Attributes
    ----------
    name, material
        The part's name and material id.
    length, width, thickness
        Blank size in mm; the grain, if any, runs along ``length``.
    grain
        Whether the material has a grain.
    """

    name: str
    material: str
    length: float
    width: float
    thickness: float
    grain: bool

    @property
    def area_m2(self) -> float:
        """Face area of the blank, in m²."""
        return self.length * self.width / 1e6


@dataclass(frozen=True)
class BoardTotals:
    """Board quantities of one material in a product.

    Attributes
    ----------
    count
        Number of parts.
    area_m2
        Sum of the blanks' face areas, in m².
    mass_kg
        Sum of the parts' masses from their volumes, in kg.
    """

    count: int
    area_m2: float
    mass_kg: float


def edge_radius(size: Sequence[float]) -> float:
    """Return the edge radius in mm of a part of ``size`` (mm on each axis):
    ``EDGE_RADIUS_MM``, or less on a part thinner than 16 mm."""
    return min(EDGE_RADIUS_MM, EDGE_RADIUS_FRACTION * float(min(size)))


def board(
    name: str,
    material_id: str,
    low: Sequence[float],
    high: Sequence[float],
    grain_axis: str,
    grain: bool = True,
    colour: str | None = None,
    radius: float | None = None,
) -> BoardPart:
    """Return an axis-aligned board from corner ``low`` to corner ``high``,
    its edges rounded.

    Parameters
    ----------
    name, material_id, colour
        As for ``Part``.
    low, high
        Opposite corners (x, y, z) in mm.
    grain_axis
        ``"x"``, ``"y"`` or ``"z"``: the axis the grain, or the blank's
        length, runs along. The thinnest of the other two sides is the
        thickness.
    grain
        Whether the material has a grain.
    radius
        Edge radius in mm, 0 for sharp edges; ``None`` takes
        ``edge_radius`` of the board's size.

    Raises
    ------
    ValueError
        When a side is not positive or the grain runs along the thickness.
    """
    low, high = np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)
    size = high - low
    if np.any(size <= 0):
        raise ValueError(
            f"board {name!r} needs positive sides, got {size.tolist()} mm from "
            f"{low.tolist()} to {high.tolist()}"
        )
    along = AXES.index(grain_axis)
    across = sorted((i for i in range(3) if i != along), key=lambda i: -size[i])
    if size[along] < size[across[1]]:
        raise ValueError(
            f"board {name!r} cannot have its grain along its {size[along]:g} mm "
            f"thickness; pick the axis of a longer side"
        )
    if radius is None:
        radius = edge_radius(size)
    return BoardPart(
        name=name,
        mesh=rounded_box(low, high, radius),
        material=material_id,
        colour=colour,
        edge_radius_mm=radius,
        length=float(size[along]),
        width=float(size[across[0]]),
        thickness=float(size[across[1]]),
        grain=grain,
    )


@dataclass(frozen=True)
class Carcass:
    """A board box on a plinth: two full-height sides, a top, a bottom raised
    on a plinth board and a back panel, in one or more pieces, over the whole
    back.

    Attributes
    ----------
    material
        Board material id of every panel but the back.
    width, height
        Outside size in mm: X from ``-width / 2`` to ``width / 2``, Z from
        0 to ``height``.
    front, back
        Y of the sides' front edges and of the back panel's back face, in
        mm.
    thickness, back_thickness
        Board and back panel thicknesses, in mm.
    plinth, plinth_setback
        Height of the plinth board, and how far its front face sits behind
        the sides' front edges, in mm.
    """

    material: str
    width: float
    height: float
    front: float
    back: float
    thickness: float
    back_thickness: float
    plinth: float
    plinth_setback: float

    @property
    def rear(self) -> float:
        """Y of the back panel's front face, where the other boards end."""
        return self.back - self.back_thickness

    @property
    def inside(self) -> tuple[float, float]:
        """X of the sides' inner faces."""
        half = self.width / 2.0
        return -half + self.thickness, half - self.thickness

    def panel(self, name: str, low, high, grain_axis: str) -> BoardPart:
        """Return a board of the carcass material; see ``board``."""
        grain = self.material not in GRAINLESS
        return board(name, self.material, low, high, grain_axis, grain)

    def across(self, name: str, bottom: float) -> BoardPart:
        """Return a full-depth board between the sides, from Z = ``bottom``."""
        left, right = self.inside
        return self.panel(
            name,
            (left, self.front, bottom),
            (right, self.rear, bottom + self.thickness),
            "x",
        )

    def boards(self) -> list[BoardPart]:
        """Return the sides, top, bottom and plinth, in that order."""
        t, half = self.thickness, self.width / 2.0
        left, right = self.inside
        kick = self.front + self.plinth_setback
        return [
            self.panel(
                "side_left",
                (-half, self.front, 0.0),
                (left, self.rear, self.height),
                "z",
            ),
            self.panel(
                "side_right",
                (right, self.front, 0.0),
                (half, self.rear, self.height),
                "z",
            ),
            self.across("top", self.height - t),
            self.across("bottom", self.plinth),
            self.panel(
                "plinth", (left, kick, 0.0), (right, kick + t, self.plinth), "x"
            ),
        ]

    def back_panels(self, seams: Sequence[float] = ()) -> list[BoardPart]:
        """Return the back panel, split at the X of each seam, its grain
        along each piece's longer side.

        One piece is named ``"back"``; pieces of a split back are
        ``"back_1"``, ``"back_2"`` ... from the left. ``back_seams`` chooses
        seams that fall behind fixed uprights.
        """
        half = self.width / 2.0
        edges = [-half, *sorted(seams), half]
        pieces = []
        for number, (left, right) in enumerate(pairwise(edges), start=1):
            name = "back" if len(edges) == 2 else f"back_{number}"
            axis = "z" if self.height >= right - left else "x"
            # The back's edges lie flush with the carcass's outside faces,
            # so the thin plywood keeps sharp edges.
            pieces.append(
                board(
                    name,
                    BACK_MATERIAL,
                    (left, self.rear, 0.0),
                    (right, self.back, self.height),
                    axis,
                    radius=0.0,
                )
            )
        return pieces

    def plinth_rail(self, name: str, centre: float) -> BoardPart:
        """Return a rail one board wide centred on X = ``centre``, from the
        plinth board to the back and from the floor to the bottom.

        It carries the bottom and, behind it, a seam of the back panel
        where no other board does.
        """
        t = self.thickness
        kick = self.front + self.plinth_setback
        return self.panel(
            name,
            (centre - t / 2.0, kick + t, 0.0),
            (centre + t / 2.0, self.rear, self.plinth),
            "y",
        )


def fits_back_sheet(width: float, height: float) -> bool:
    """Return whether a back piece of ``width`` x ``height`` mm fits a
    ``BACK_SHEET_MM`` sheet with its grain along its longer side."""
    length, across = BACK_SHEET_MM
    longer, shorter = max(width, height), min(width, height)
    return (
        longer <= length + SHEET_FIT_TOLERANCE_MM
        and shorter <= across + SHEET_FIT_TOLERANCE_MM
    )


def back_seams(
    generator: str, width: float, height: float, supports: Sequence[float]
) -> list[float]:
    """Choose the fewest seams that split a back panel into pieces that each
    fit a ``BACK_SHEET_MM`` sheet.

    Parameters
    ----------
    generator
        Name of the generator, for the error message.
    width, height
        Size of the whole back in mm; X runs from ``-width / 2`` to
        ``width / 2``.
    supports
        X of the centre lines of fixed uprights, such as dividers, that a
        seam may fall behind.

    Returns
    -------
    list of float
        X of each seam from the left, empty when the back fits one sheet.
        Each piece reaches the farthest support at which it still fits, and
        that gives the fewest pieces, because a narrower piece of the same
        height fits whenever a wider one does.

    Raises
    ------
    DimensionError
        When no choice of supports gives pieces that fit, naming the sizes.
    """
    start, right = -width / 2.0, width / 2.0
    seams: list[float] = []
    while not fits_back_sheet(right - start, height):
        reachable = [
            x for x in supports if start < x and fits_back_sheet(x - start, height)
        ]
        if not reachable:
            length, across = BACK_SHEET_MM
            raise dimensions.DimensionError(
                generator,
                "width",
                f"the {width:g} x {height:g} mm back panel fits no "
                f"{length:g} x {across:g} mm plywood sheet, and no upright "
                f"within {across:g} mm of X = {start:g} mm can carry a seam; "
                "choose a smaller width or height, or a shorter span",
            )
        start = max(reachable)
        seams.append(start)
    return seams


def read_count(dims, name: str, generator: str, minimum: int) -> int:
    """Return ``dims[name]`` as a whole number of at least ``minimum``.

    Raises
    ------
    DimensionError
        When the value is missing, not a whole number or below ``minimum``.
    """
    value = dimensions.length(dims, name, generator, minimum - 1)
    if value != int(value) or value < minimum:
        raise dimensions.DimensionError(
            generator,
            name,
            f"{name} must be a whole number of at least {minimum}, got {value:g}",
        )
    return int(value)


def check_room(
    generator: str, name: str, size: float, minimum: float, what: str
) -> None:
    """Raise ``DimensionError`` naming ``name`` when ``size`` is below
    ``minimum`` (mm); ``what`` says where the room is, for the message."""
    if size < minimum:
        raise dimensions.DimensionError(
            generator,
            name,
            f"{name} leaves {size:.1f} mm {what}, less than {minimum:g} mm; "
            f"increase {name} or use fewer parts",
        )


def panels(parts: Sequence[Part]) -> list[Panel]:
    """List the cut list of a product: one ``Panel`` per board part, in order.

    Parts that are not ``BoardPart`` are skipped.
    """
    return [
        Panel(p.name, p.material, p.length, p.width, p.thickness, p.grain)
        for p in parts
        if isinstance(p, BoardPart)
    ]


def board_totals(parts: Sequence[Part]) -> dict[str, BoardTotals]:
    """Sum the board parts of a product by material.

    Returns
    -------
    dict of str to BoardTotals
        Count, blank area in m² and mass in kg per material id, in the order
        the materials first appear.

    Raises
    ------
    KeyError
        When a part's material is not in ``resources/materials.csv``.
    """
    # TODO: the production package lists every board in its cut list and
    # nests sheet boards, but it does not report these totals.
    totals: dict[str, BoardTotals] = {}
    for part in parts:
        if not isinstance(part, BoardPart):
            continue
        mass = part.mesh.volume * material(part.material).density_g_cm3 / 1e6
        before = totals.get(part.material, BoardTotals(0, 0.0, 0.0))
        totals[part.material] = BoardTotals(
            before.count + 1,
            before.area_m2 + part.length * part.width / 1e6,
            before.mass_kg + mass,
        )
    logger.debug("board totals: %s", totals)
    return totals
