"""Named solid parts, the unit every generator returns.

Besides its mesh and material, a part may carry what the factory needs to
make it and that the mesh does not show: holes to drill, saw kerfs to cut,
hardware fitted to it, and which edges of a board panel get edge banding.
The production package reads these fields; the preview ignores them.
"""

from __future__ import annotations

from dataclasses import dataclass

import trimesh

EDGE_DIRECTIONS = ("+x", "-x", "+y", "-y", "+z", "-z")
"""Names of the product frame's axis directions, for ``Part.banded_edges``."""


@dataclass(frozen=True)
class Hole:
    """A round hole drilled into a part.

    Attributes
    ----------
    centre
        Centre of the hole's mouth on the part's surface, ``(x, y, z)`` in
        mm in the product frame.
    axis
        Drilling direction, pointing into the material; a unit vector in the
        product frame, for example ``(0, 0, 1)`` for a hole drilled upward
        into the underside of a table top.
    diameter
        Hole diameter in mm.
    depth
        Depth in mm along ``axis``; a depth at least the part's thickness
        there drills through.
    """

    centre: tuple[float, float, float]
    axis: tuple[float, float, float]
    diameter: float
    depth: float


@dataclass(frozen=True)
class Kerf:
    """A straight saw kerf cut into a part's face, such as the groove that
    a corner brace's flange sits in.

    Attributes
    ----------
    start, end
        Ends of the kerf's centre line on the face, ``(x, y, z)`` in mm in
        the product frame.
    axis
        Cutting direction, pointing into the material; a unit vector in the
        product frame, square to the face.
    width
        Width of the kerf across its centre line (the saw's kerf), in mm.
    depth
        Depth in mm along ``axis``.
    """

    start: tuple[float, float, float]
    end: tuple[float, float, float]
    axis: tuple[float, float, float]
    width: float
    depth: float


@dataclass(frozen=True)
class HardwareUse:
    """Hardware fitted to a part, such as a hinge or a threaded insert.

    Attributes
    ----------
    item
        Hardware id from ``resources/production/hardware.csv``, for example
        ``"hanger_bolt_m8x100"``.
    quantity
        Pieces fitted to this part.
    size_mm
        The size in mm the item is ordered in, where it comes in several,
        such as a drawer runner's nominal length or a bar pull's hole
        centres; ``hardware.csv``'s specification names which. ``None`` for
        an item of one size.
    fixing
        What the item is fixed through, where that depends on the product:
        ``"front"`` for a handle screwed through a door or a drawer front
        alone, ``"front_and_sub_front"`` for one whose screws pass a drawer
        box's sub-front as well; ``"solid_top"`` or ``"board_top"`` for a
        tabletop fastener, by the top it is screwed to. The bill of
        materials words it into the
        ``{fixing}`` field of the item's specification in ``hardware.csv``.
        ``None`` for an item whose specification has no such field.
    """

    item: str
    quantity: int = 1
    size_mm: float | None = None
    fixing: str | None = None


@dataclass(frozen=True)
class Shaping:
    """Shaping of a part beyond its box, for the bill of materials.

    Attributes
    ----------
    kind
        What is done, such as ``"turned"``, ``"tapered"`` or ``"coped"``;
        the bill words each kind in its languages.
    sizes
        The sizes the wording names, in mm, as (name, value) pairs.
    """

    kind: str
    sizes: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Part:
    """One solid of a product.

    Attributes
    ----------
    name
        Stable identifier within the product, for example ``"band"`` or
        ``"leg_1"``.
    mesh
        Watertight triangle mesh in millimetres. The product's frame has Z up
        and the model centred on the Z axis, resting on Z = 0.
    material
        Material id from ``resources/materials.csv`` (for example
        ``"gold_18k_yellow"``); it sets density and preview colour.
    colour
        Optional ``#rrggbb`` colour that overrides the material's own, for
        dyed or painted parts.
    holes
        Holes the factory drills into the part.
    hardware
        Hardware fitted to the part.
    banded_edges
        For a board panel, the edges that get edge banding, each named by
        the product-frame direction its edge face looks toward (one of
        ``EDGE_DIRECTIONS``): a shelf banded on its front edge only says
        ``("-y",)``. ``None`` takes the board material's default from
        ``resources/production/panels.csv``; ``()`` bands no edge.
    length_mm
        For a part bought by length, such as a lace, the length of one piece
        in mm. The mesh shows only the visible part of it, so the bill of
        materials lists this length in place of the mesh's size and mass.
    diameter_mm
        For a round part bought by length, its diameter in mm, which the
        bill of materials and the spec give with the length.
    edge_radius_mm
        Radius in mm that the part's edges are rounded to, which the bill
        of materials gives the factory; the mesh shows the rounding too.
        0 for sharp edges, ``None`` where the generator states none.
    hidden_mm
        How far in mm the mesh reaches into other parts along X, Y and Z
        beyond the part as it is made, so that the parts' union is one
        clean solid. The bill of materials lists the mesh's size less this.
    joined_to
        Name of the part that this one is joined to, such as the pendant a
        bail is soldered onto, where the two meshes overlap. The part's
        volume, mass and surface area are then what it adds to that part
        (see ``models3d.solids.measure``), so the overlap counts once and
        the parts' volumes add up to their union's. ``None`` for a part
        measured on its own mesh.
    concealed
        Whether the part lies wholly inside others, such as a drawer box
        behind its closed front, so that the preview does not draw it. The
        price, the bill of materials and every file count it as any part.
    protrudes
        Whether the part protrudes from the product's stated size, such as a
        handle in front of a cabinet's doors. The preview's rulers measure
        the product without such parts and give the overall size beside it.
    shaping
        Shaping of the part beyond its box, such as a turned table leg, which
        the bill of materials states. ``None`` for a box or where the mesh
        alone shows it.
    kerfs
        Saw kerfs the factory cuts into the part's faces.
    """

    name: str
    mesh: trimesh.Trimesh
    material: str
    colour: str | None = None
    holes: tuple[Hole, ...] = ()
    hardware: tuple[HardwareUse, ...] = ()
    banded_edges: tuple[str, ...] | None = None
    length_mm: float | None = None
    diameter_mm: float | None = None
    edge_radius_mm: float | None = None
    hidden_mm: tuple[float, float, float] = (0.0, 0.0, 0.0)
    concealed: bool = False
    joined_to: str | None = None
    protrudes: bool = False
    shaping: Shaping | None = None
    kerfs: tuple[Kerf, ...] = ()

    def __post_init__(self) -> None:
        if self.diameter_mm is not None and self.length_mm is None:
            raise ValueError(
                f"part {self.name!r}: a diameter ({self.diameter_mm} mm) is for a "
                "part bought by length; give its length_mm too"
            )
        if self.joined_to == self.name:
            raise ValueError(
                f"part {self.name!r} is joined to itself; name another part in "
                "joined_to, or None"
            )
        if self.edge_radius_mm is not None and self.edge_radius_mm < 0:
            raise ValueError(
                f"part {self.name!r}: the edge radius must be at least 0 mm, got "
                f"{self.edge_radius_mm} mm"
            )
        for direction in self.banded_edges or ():
            if direction not in EDGE_DIRECTIONS:
                raise ValueError(
                    f"part {self.name!r}: banded edge {direction!r} is not a "
                    f"direction; use one of {', '.join(EDGE_DIRECTIONS)}"
                )
