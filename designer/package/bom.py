"""The bill of materials: parts, hardware, finishing and metal to cast.

Lines come in that order:

- ``part``: identical parts (same material, colour, size, volume, holes and
  hardware) share a line. Sizes are the oriented bounding box's extents,
  largest first, and ``unit_mass_g`` is one part's mass. A round stone's
  size is its nominal diameter twice and its depth, and its mass comes
  from its carat weight. A part bought by length (``Part.length_mm``),
  such as a lace, lists that length, and its mass comes from the length
  and ``by_length.csv`` (see ``designer.weights.weigh_parts``). Tolerances
  come from ``tolerances.csv`` for the parts they name, and from
  ``panels.csv`` for a panel's thickness.
- ``hardware``: each ``Part.hardware`` item, summed over the parts (one
  line per size where an item comes in several, with the size in
  ``length_mm`` and the description, and one per ``HardwareUse.fixing``,
  which the notes word), then
  the hardware that a violated rule promises (``RULE_HARDWARE``), such as
  the wall-fixing kit of tall storage.
- ``finishing``: each material's steps from ``finishes.csv`` with the
  surface area they cover (mm²), then edge banding with its length (mm).
- ``material``: for jewelry, the metal to cast, sprue included (g); for
  shoes, each upper material's cutting area with its cutting loss (mm²) and
  each sole material's volume (mm³).

A shoe's parts are those of the right shoe, but a shoe's bill counts the
pair: every quantity is for a left and a right shoe, and every line's notes
start by saying so. Sizes and ``unit_mass_g`` stay those of one piece.

Chinese lines write lengths in mm and list part ids with "、", as the sheet
does, though the catalog and hardware tables word lengths in 毫米.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from designer.catalog import SHOES_PER_PAIR
from designer.package.lengths import (
    LENGTH_STEP_MM,
    length_text,
    round_length,
)
from designer.package.machining import machining_places
from designer.package.panels import Panel
from designer.package.sheet_texts import part_label
from designer.package.tables import finishes_of, hardware_item, tolerances
from designer.package.texts import sheet_units, text
from designer.weights import GEM_FAMILY, stone_carat
from models3d.footwear import LACE_END_MM, shoe_quantities
from models3d.gems import DEPTH_FRACTION
from models3d.materials import material
from models3d.parts import Hole, Part
from models3d.solids import PartQuantity

# The BOM's tolerance on a lace's length, in tolerances.csv, is keyed by
# this name, because a lace's length is the part's, not a design value.
LACE_LENGTH = "lace_length"

PART = "part"
HARDWARE = "hardware"
FINISHING = "finishing"
MATERIAL = "material"

RULE_HARDWARE: Mapping[str, tuple[tuple[str, int], ...]] = {
    "wall-fixing": (("wall_fixing_kit", 1),),
}
"""Hardware items and quantities that a catalog rule's message promises,
by rule id. The items join the bill whenever the rule is violated: the
bookshelf's and cabinet's ``wall-fixing`` warnings state that a fixing
kit is included."""


def bom_lines(
    parts: Sequence[Part],
    quantities: Sequence[PartQuantity],
    panels: Sequence[Panel],
    category: str,
    dims: Mapping[str, Any],
    labels: Mapping[str, str],
    language: str,
    casting: Mapping[str, Any] | None = None,
    dimension_labels: Mapping[str, str] | None = None,
    material_lines: Sequence[dict[str, Any]] = (),
    violated_rules: Sequence[str] = (),
    per_pair: bool = False,
    length_step_mm: Decimal = LENGTH_STEP_MM,
) -> list[dict[str, Any]]:
    """Return the bill of materials as ``spec.json`` stores it.

    Parameters
    ----------
    parts, quantities
        The product's parts and their measured quantities, in the same order.
    panels
        The panels among the parts.
    category
        The catalog's category, which selects rows of ``tolerances.csv``.
    dims
        Values and derived values by name, for tolerances.
    labels
        Text for material ids and ``#rrggbb`` colours in ``language``.
    language
        Language of the descriptions.
    casting
        The spec's casting section, for jewelry.
    dimension_labels
        Labels of parameters and derived values in ``language``, for the
        tolerances; names without one are shown with spaces for ``_``.
    material_lines
        Further ``material`` lines, such as ``shoe_material_lines``.
    violated_rules
        Ids of the rules the design violates, errors and warnings, for
        ``RULE_HARDWARE``.
    per_pair
        True for shoes: ``parts`` are one shoe's, and the quantities of the
        part, hardware and finishing lines are doubled to count the pair.
        ``material_lines`` must count the pair already, as
        ``shoe_material_lines`` does.
    length_step_mm
        The step that part sizes round to, from
        ``designer.package.lengths.length_step``.

    Returns
    -------
    list of dict
        Lines numbered from 1.
    """
    names = dict(dimension_labels or {})
    names.setdefault("thickness", text("bom.thickness", language))
    names.setdefault(LACE_LENGTH, text("bom.lace_length", language))
    lines = _part_lines(
        parts,
        quantities,
        panels,
        category,
        dims,
        labels,
        names,
        language,
        length_step_mm,
    )
    lines += _hardware_lines(parts, panels, language)
    lines += _rule_hardware_lines(violated_rules, language)
    lines += _finishing_lines(parts, quantities, panels, labels, language)
    if per_pair:
        for line in lines:
            line["quantity"] *= SHOES_PER_PAIR
    if casting is not None:
        lines.append(
            _line(
                MATERIAL,
                "metal_to_cast",
                text("bom.metal_to_cast", language),
                material=casting["metal"],
                quantity=round(casting["casting_weight_g"], 2),
                unit="g",
                notes=text(
                    "note.sprue",
                    language,
                    metal=casting["metal_weight_g"],
                    sprue=100 * casting["sprue_allowance"],
                    total=casting["casting_weight_g"],
                ),
            )
        )
    lines += material_lines
    for number, line in enumerate(lines, start=1):
        line["line"] = number
        if per_pair:
            line["notes"] = _per_pair_notes(line["notes"], language)
        # bom.csv is written from these lines, and a factory's ERP imports
        # its descriptions as item names, so they read as on the sheet.
        for field in ("description", "tolerance", "notes"):
            line[field] = sheet_units(line[field], language)
    return lines


def _per_pair_notes(notes: str, language: str) -> str:
    """Put the statement that quantities count a pair before ``notes``."""
    per_pair = text("bom.per_pair", language)
    if not notes:
        return per_pair
    return text("bom.notes_joint", language).join((per_pair, notes))


def _line(category: str, item: str, description: str, **fields: Any) -> dict[str, Any]:
    line = {
        "line": 0,
        "category": category,
        "item": item,
        "description": description,
        "material": "",
        "colour": "",
        "quantity": 1,
        "unit": "pcs",
        "length_mm": None,
        "width_mm": None,
        "height_mm": None,
        "unit_mass_g": None,
        "tolerance": "",
        "notes": "",
    }
    line.update(fields)
    return line


def _part_lines(
    parts: Sequence[Part],
    quantities: Sequence[PartQuantity],
    panels: Sequence[Panel],
    category: str,
    dims: Mapping[str, Any],
    labels: Mapping[str, str],
    names: Mapping[str, str],
    language: str,
    length_step_mm: Decimal,
) -> list[dict[str, Any]]:
    panel_of = {panel.part: panel for panel in panels}
    groups: dict[tuple, list[tuple[Part, PartQuantity, tuple[float, ...]]]] = {}
    for part, quantity in zip(parts, quantities, strict=True):
        panel = panel_of.get(part.name)
        ordered = ordered_extents(part, dims)
        if panel is not None:
            extents = (panel.length, panel.width, panel.thickness)
        elif ordered is not None:
            extents = ordered
        else:
            extents = axis_extents(part)
        extents = tuple(round_length(size, length_step_mm) for size in extents)
        key = (
            part.material,
            part.colour,
            extents,
            round(quantity.volume_mm3),
            tuple((hole.diameter, hole.depth) for hole in part.holes),
            tuple((kerf.width, kerf.depth) for kerf in part.kerfs),
            part.hardware,
            panel.banded if panel else None,
            part.joined_to,
        )
        groups.setdefault(key, []).append((part, quantity, extents))

    lines = []
    for members in groups.values():
        part, quantity, extents = members[0]
        panel = panel_of.get(part.name)
        colour = part.colour or material(part.material).colour
        description = labels[part.material]
        if part.colour is not None:
            colour_label = labels.get(part.colour, part.colour)
            description = text(
                "bom.coloured", language, material=description, colour=colour_label
            )
        # A part bought by length without a diameter has one extent only.
        axes = ("length_mm", "width_mm", "height_mm")
        sizes = dict(zip(axes, extents, strict=False))
        lines.append(
            _line(
                PART,
                " ".join(member.name for member, _, _ in members),
                description,
                material=part.material,
                colour=colour,
                quantity=len(members),
                **sizes,
                unit_mass_g=round(quantity.mass_g, 3),
                tolerance=_tolerance_text(part, panel, category, dims, names, language),
                notes=_part_notes(part, quantity, panel, dims, language),
            )
        )
    return lines


def _tolerance_text(
    part: Part,
    panel: Panel | None,
    category: str,
    dims: Mapping[str, Any],
    names: Mapping[str, str],
    language: str,
) -> str:
    texts = []
    for tolerance in tolerances():
        if tolerance.category != category or part.name not in tolerance.parts:
            continue
        if tolerance.dimension == LACE_LENGTH and part.length_mm is not None:
            name = names[LACE_LENGTH]
            length = length_text(round_length(part.length_mm))
            texts.append(f"{name} {length} ±{tolerance.tolerance:g} mm")
            continue
        value = dims.get(tolerance.dimension)
        if isinstance(value, int | float) and not isinstance(value, bool):
            name = names.get(tolerance.dimension, tolerance.dimension.replace("_", " "))
            texts.append(f"{name} {value:.2f} ±{tolerance.tolerance:g} mm")
    if panel is not None and panel.stock is not None:
        stock = panel.stock
        texts.append(f"{names['thickness']} {stock.thickness:g} {stock.tolerance_text}")
    return text("bom.notes_joint", language).join(texts)


def axis_extents(part: Part) -> tuple[float, float, float]:
    """Return the sizes of a part's mesh along the product's axes, largest
    first, in mm.

    Every generator builds its parts in the product's own axes, which the
    dimension labels and derived values such as a ring's ``head_width``
    use. The smallest box at any angle would turn with the shape: a
    four-prong head's lies diagonally between the prongs and reads 6.0 mm
    across for a head 8.1 mm wide, and a brilliant's tilts.
    """
    return tuple(float(size) for size in sorted(part.mesh.extents, reverse=True))


def ordered_extents(part: Part, dims: Mapping[str, Any]) -> tuple[float, ...] | None:
    """Return the sizes a part is ordered by where its mesh's box is not them.

    A round stone is ordered by its nominal sizes (see ``stone_extents``).
    A part whose mesh reaches into others is made without that
    (``Part.hidden_mm``).
    A part bought by length, such as a lace, is ordered by its length, and
    a round one by its diameter twice as well. Its mesh shows only the part
    of it that is seen. Returns ``None`` for any other part.
    """
    stone = stone_extents(part, dims)
    if stone is not None:
        return stone
    if any(part.hidden_mm):
        finished = np.asarray(part.mesh.extents) - np.asarray(part.hidden_mm)
        return tuple(float(size) for size in sorted(finished, reverse=True))
    if part.length_mm is None:
        return None
    if part.diameter_mm is None:
        return (part.length_mm,)
    return (part.length_mm, part.diameter_mm, part.diameter_mm)


def stone_extents(
    part: Part, dims: Mapping[str, Any]
) -> tuple[float, float, float] | None:
    """Return a round stone's diameter, diameter and depth in mm, else None.

    The sizes are the nominal ones a setter orders by: the design's
    ``stone_diameter`` and the cut's depth from ``models3d.gems``, not the
    faceted mesh's box, which depends on how its girdle polygon is turned.
    """
    diameter = dims.get("stone_diameter")
    if material(part.material).family != GEM_FAMILY or not isinstance(
        diameter, int | float
    ):
        return None
    return (float(diameter), float(diameter), DEPTH_FRACTION * float(diameter))


def _part_notes(
    part: Part,
    quantity: PartQuantity,
    panel: Panel | None,
    dims: Mapping[str, Any],
    language: str,
) -> str:
    notes = []
    if panel is not None:
        notes.append(text("bom.panel", language))
        if panel.banded:
            edges = text("bom.id_joint", language).join(panel.banded)
            notes.append(text("bom.edge_band", language, band=edges))
    if part.shaping is not None:
        sizes = dict(part.shaping.sizes)
        notes.append(text(f"shaping.{part.shaping.kind}", language, **sizes))
    if part.edge_radius_mm:
        notes.append(text("bom.edge_radius", language, radius=part.edge_radius_mm))
    notes += _hole_notes(part, panel, language)
    notes += _kerf_notes(part, language)
    if material(part.material).family == GEM_FAMILY:
        notes.append(text("bom.carat", language, carat=stone_carat(quantity, dims)))
    if part.length_mm is not None:
        notes.append(text("bom.by_length", language, ends=LACE_END_MM))
    if part.diameter_mm is not None:
        notes.append(text("bom.round", language, diameter=part.diameter_mm))
    if part.joined_to is not None:
        base = part_label(part.joined_to, language)
        notes.append(text("bom.joined", language, base=base))
    return text("bom.notes_joint", language).join(notes)


def _hole_notes(part: Part, panel: Panel | None, language: str) -> list[str]:
    """Describe a part's holes, grouped by size and depth. A shaped panel
    has no cut file, so its holes are located along its length as its
    kerfs are."""
    holes: dict[tuple[float, str], list[float]] = {}
    thickness_axis = _thickness_axis(part, panel)
    for hole in part.holes:
        key = (hole.diameter, _hole_depth(hole, panel, thickness_axis, language))
        holes.setdefault(key, []).append(_along_length(part, hole.centre))
    joint = text("bom.list_joint", language)
    notes = []
    for (diameter, depth), positions in holes.items():
        sizes = {"count": len(positions), "diameter": diameter, "depth": depth}
        if panel is None or not panel.shaped:
            notes.append(text("bom.holes", language, **sizes))
            continue
        where = joint.join(length_text(place) for place in sorted(positions))
        notes.append(text("bom.holes_at", language, positions=where, **sizes))
    return notes


def _along_length(part: Part, point: Sequence[float]) -> float:
    """Return how far ``point`` lies along the part's length from the end of
    its mesh's box (the blank's end), in mm rounded to the length step."""
    axis = int(np.argmax(part.mesh.extents))
    return round_length(float(point[axis]) - float(part.mesh.bounds[0][axis]))


def _kerf_notes(part: Part, language: str) -> list[str]:
    """Describe a part's saw kerfs, grouped by size, each located along the
    part's length from the end of its mesh's box (the blank's end)."""
    groups: dict[tuple[float, float, float], list[float]] = {}
    for kerf in part.kerfs:
        ends = np.asarray([kerf.start, kerf.end], dtype=np.float64)
        length = round_length(float(np.linalg.norm(ends[1] - ends[0])))
        where = _along_length(part, ends.mean(axis=0))
        groups.setdefault((kerf.width, kerf.depth, length), []).append(where)
    joint = text("bom.list_joint", language)
    return [
        text(
            "bom.kerfs",
            language,
            count=len(positions),
            width=width,
            depth=depth,
            length=length,
            positions=joint.join(length_text(where) for where in sorted(positions)),
        )
        for (width, depth, length), positions in groups.items()
    ]


def _thickness_axis(part: Part, panel: Panel | None) -> np.ndarray | None:
    """Return the product-frame direction through a panel's thickness.

    A box panel has face A's direction. A shaped blank has the product axis
    along which its mesh is as thick as the blank, because generators build
    parts in the product's axes. ``None`` for a part that is no panel.
    """
    if panel is None:
        return None
    if panel.face_a is not None:
        return np.asarray(panel.face_a, dtype=np.float64)
    gaps = np.abs(np.asarray(part.mesh.extents) - panel.thickness)
    return np.eye(3)[int(np.argmin(gaps))]


def _hole_depth(
    hole: Hole, panel: Panel | None, thickness_axis: np.ndarray | None, language: str
) -> str:
    """Describe how deep a hole goes: through a panel, into its edge, or a
    depth in mm."""
    if panel is not None and thickness_axis is not None:
        across = abs(float(np.dot(hole.axis, thickness_axis))) > 0.9
        if not across:
            return text("bom.edge_hole_depth", language, depth=hole.depth)
        if hole.depth >= panel.thickness - 1e-6:
            return text("bom.through", language)
    return text("bom.hole_depth", language, depth=hole.depth)


def _hardware_lines(
    parts: Sequence[Part], panels: Sequence[Panel], language: str
) -> list[dict[str, Any]]:
    places = machining_places(parts, panels, language)
    counts: dict[tuple[str, float | None, str | None], int] = {}
    users: dict[tuple[str, float | None, str | None], list[str]] = {}
    for part in parts:
        for use in part.hardware:
            key = (use.item, use.size_mm, use.fixing)
            counts[key] = counts.get(key, 0) + use.quantity
            users.setdefault(key, []).append(part.name)
    lines = []
    for (item, size, fixing), count in counts.items():
        hardware = hardware_item(item)
        fixed_through = None if fixing is None else text(f"fixing.{fixing}", language)
        description = hardware.labels.get(language) or hardware.labels["en"]
        if size is not None:
            description = text(
                "bom.hardware_size", language, item=description, size=size
            )
        lines.append(
            _line(
                HARDWARE,
                item,
                description,
                quantity=count,
                length_mm=size,
                notes=text("bom.notes_joint", language).join(
                    (
                        hardware.specification(language, fixed_through, places),
                        text("bom.id_joint", language).join(users[item, size, fixing]),
                    )
                ),
            )
        )
    return lines


def _rule_hardware_lines(
    violated_rules: Sequence[str], language: str
) -> list[dict[str, Any]]:
    lines = []
    for rule in dict.fromkeys(violated_rules):
        for item, count in RULE_HARDWARE.get(rule, ()):
            hardware = hardware_item(item)
            lines.append(
                _line(
                    HARDWARE,
                    item,
                    hardware.labels.get(language) or hardware.labels["en"],
                    quantity=count,
                    notes=text("bom.notes_joint", language).join(
                        (
                            hardware.specification(language),
                            text("bom.rule_hardware", language, rule=rule),
                        )
                    ),
                )
            )
    return lines


def _finishing_lines(
    parts: Sequence[Part],
    quantities: Sequence[PartQuantity],
    panels: Sequence[Panel],
    labels: Mapping[str, str],
    language: str,
) -> list[dict[str, Any]]:
    areas: dict[str, float] = {}
    users: dict[str, list[str]] = {}
    for part, quantity in zip(parts, quantities, strict=True):
        areas[part.material] = areas.get(part.material, 0.0) + quantity.surface_area_mm2
        users.setdefault(part.material, []).append(part.name)

    lines = []
    for material_id, area in areas.items():
        for finish in finishes_of(material_id):
            lines.append(
                _line(
                    FINISHING,
                    finish.id,
                    finish.labels.get(language) or finish.labels["en"],
                    material=material_id,
                    quantity=round(area),
                    unit="mm2",
                    notes=text("bom.id_joint", language).join(users[material_id]),
                )
            )
    for panel in panels:
        if not panel.banded:
            continue
        band = panel.sheet.edge_banding.get(language) or panel.sheet.edge_banding["en"]
        lines.append(
            _line(
                FINISHING,
                "edge_band",
                text("bom.edge_band", language, band=band),
                material=panel.material,
                quantity=round(panel.band_length),
                unit="mm",
                height_mm=round_length(panel.thickness),
                notes=text(
                    "bom.banded_edges",
                    language,
                    part=panel.part,
                    edges=text("bom.id_joint", language).join(panel.banded),
                ),
            )
        )
    return lines


def shoe_material_lines(
    parts: Sequence[Part], labels: Mapping[str, str], language: str
) -> list[dict[str, Any]]:
    """Return a pair's upper materials by cutting area and soles by volume.

    ``parts`` are one shoe's, so each quantity is doubled for the pair. The
    lines are numbered 0, for ``bom_lines`` to number.
    """
    quantities = shoe_quantities(parts)
    lines = []
    for material_id, area_dm2 in quantities.cutting_area_dm2.items():
        area_dm2 *= SHOES_PER_PAIR
        net = quantities.upper_area_dm2[material_id] * SHOES_PER_PAIR
        lines.append(
            _line(
                MATERIAL,
                f"{material_id}_cutting_area",
                text("bom.cutting_area", language, material=labels[material_id]),
                material=material_id,
                quantity=round(area_dm2 * 1e4),
                unit="mm2",
                notes=text("bom.cutting_net", language, net=round(net * 1e4)),
            )
        )
    for material_id, volume_cm3 in quantities.sole_volume_cm3.items():
        volume_cm3 *= SHOES_PER_PAIR
        lines.append(
            _line(
                MATERIAL,
                f"{material_id}_volume",
                text("bom.sole_volume", language, material=labels[material_id]),
                material=material_id,
                quantity=round(volume_cm3 * 1e3),
                unit="mm3",
            )
        )
    return lines
