"""Assemble a production package: the spec, then every file built from it.

Files by family (all directly in the package folder):

- every product: ``spec.json``, ``spec.pdf``, ``bom.csv``, ``model.stl``
  (the parts united, finished size), ``model.glb`` (parts as nodes), and
  the licence of each font embedded in ``spec.pdf``;
- jewelry: ``casting.stl`` and ``casting.3mf``, the metal parts united and
  scaled by the shrinkage allowance;
- any product with board panels (furniture): ``cutlist.csv``,
  ``panel-<part>.dxf`` for each panel and, when sheet panels are nested,
  ``nesting.csv`` and ``sheet-<n>.dxf`` for each sheet;
- shoes: ``last.csv`` and ``sole-outline.dxf``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from designer.catalog import SHOES
from designer.export import validate_spec
from designer.package import csvfiles, dxf, meshes
from designer.package.bom import bom_lines, shoe_material_lines
from designer.package.lengths import length_step, round_length
from designer.package.nesting import KERF_MM, Nesting, nest
from designer.package.panels import EDGES, Panel, find_panels
from designer.package.progress import ExportProgress
from designer.package.sheet import build_spec_pdf
from designer.package.sheet_texts import part_label
from designer.package.shoes import last_table, sole_outline
from designer.package.tables import tolerances
from designer.package.texts import text
from designer.pricing import Price
from designer.session import DesignSession
from designer.spec import build_spec, display_of
from designer.weights import GEM_FAMILY, stone_carat, weigh_parts
from models3d.casting import SPRUE_ALLOWANCE, casting_weight_g, metal_weight_g
from models3d.generators import build
from models3d.materials import load_materials, material
from models3d.parts import Part
from models3d.pendant import BAIL_HOLE_MM
from models3d.solids import Quantities, measure, union_parts
from rules.model import COLOUR

logger = logging.getLogger(__name__)

JEWELRY = "jewelry"
METAL_FAMILY = "metal"

MAX_SHRINKAGE_PERCENT = 10.0
"""Largest shrinkage allowance accepted; resin prints shrink 2 to 8 %."""

CHAIN_CLEARANCE_MM = 0.5
"""Room left around a chain in a bail's hole."""

SPLIT_BACK = re.compile(r"back_\d+")
"""Names of the pieces of a back panel split to fit its sheets."""

PLINTH_RAIL = re.compile(r"plinth_rail_\d+")
"""Names of the rails that carry a split back's seams below the bottom."""

GLUE_UP_ALLOWANCE_MM = 10.0
"""Extra on each side of a glued-up blank, trimmed when it is cut to size."""


@dataclass(frozen=True)
class PackageOptions:
    """Choices of the caller about a package, besides the design.

    Attributes
    ----------
    language
        ``"en"`` or ``"zh_CN"``.
    order_id
        The order's id, ``None`` for a draft.
    revision
        The spec revision, ``None`` to compute it from the design.
    images
        PNG bytes by view name (``"front"``, ``"side"``, ``"iso"``).
    shrinkage_percent
        Enlargement of jewelry casting patterns, 0 to
        ``MAX_SHRINKAGE_PERCENT``.
    kerf_mm
        Saw kerf for nesting panels.
    filled
        Parameters that the design file had no value for, so that they
        took their defaults; the notes name each one, telling the factory
        that the customer did not choose it.
    """

    language: str = "en"
    order_id: str | None = None
    revision: str | None = None
    images: Mapping[str, bytes] | None = None
    shrinkage_percent: float = 0.0
    kerf_mm: float = KERF_MM
    filled: tuple[str, ...] = ()


def build_package(
    session: DesignSession,
    parts: Sequence[Part],
    price: Price,
    options: PackageOptions,
    extra_files: Mapping[str, bytes] | None = None,
    progress: ExportProgress | None = None,
) -> dict[str, bytes]:
    """Build every file of a package in memory.

    ``extra_files`` join the package as they are, by name. ``progress``
    receives the steps from ``"spec"`` to ``"dxf"``.

    Returns
    -------
    dict
        File contents by file name, ``spec.json`` first.

    Raises
    ------
    ValueError
        When an option is out of range, the spec fails its schema, or a
        mesh is not watertight; the message names the value.
    """
    shrinkage = check_shrinkage(options.shrinkage_percent)
    progress = progress or ExportProgress()
    progress.step("spec")
    quantities = weigh_parts(parts, measure(parts), session.dimensions())
    spec = build_spec(
        session,
        quantities,
        price,
        options.language,
        parts=parts,
        order_id=options.order_id,
        revision=options.revision,
    )
    panels = find_panels(parts)
    nesting = nest(panels, options.kerf_mm) if panels else None
    _fill_sections(spec, session, parts, quantities, panels, nesting, options)

    files = {"bom.csv": csvfiles.bom_csv(spec)}
    progress.step("pdf")
    files.update(_sheet_files(spec, options.images or {}))
    progress.step("meshes")
    files.update(_mesh_files(spec, parts, shrinkage))
    progress.step("dxf")
    files.update(_drawing_files(spec, parts, panels, nesting))
    clashes = sorted(set(extra_files or {}) & ({"spec.json"} | set(files)))
    if clashes:
        raise ValueError(
            f"extra package files {clashes} would replace files the package "
            "writes itself; give them other names"
        )
    files.update(extra_files or {})

    spec["files"] = [{"name": "spec.json"}, *({"name": name} for name in sorted(files))]
    validate_spec(spec)
    ordered = {"spec.json": _json_bytes(spec)}
    ordered.update(sorted(files.items()))
    logger.debug("built package of %s: %s", session.model.id, list(ordered))
    return ordered


def _fill_sections(
    spec: dict[str, Any],
    session: DesignSession,
    parts: Sequence[Part],
    quantities: Quantities,
    panels: Sequence[Panel],
    nesting: Nesting | None,
    options: PackageOptions,
) -> None:
    """Fill the spec's tolerances, casting, bill, panels, last and notes."""
    dims = session.dimensions()
    family = session.model.family
    language = options.language
    labels = _labels(session, language)

    spec["dimensions"] = _dimensions(spec, dims)
    if family == JEWELRY:
        spec["casting"] = _casting(parts, quantities, options.shrinkage_percent)
    spec["bom"] = bom_lines(
        parts,
        quantities,
        panels,
        session.model.category,
        dims,
        labels,
        language,
        spec["casting"],
        _dimension_labels(spec),
        shoe_material_lines(parts, labels, language) if family == SHOES else (),
        [violation["rule"] for violation in spec["violations"]],
        per_pair=family == SHOES,
        length_step_mm=length_step(family),
    )
    if nesting is not None:
        spec["panels"] = _panel_entries(panels, nesting, labels, language)
        spec["nesting"] = _nesting_entry(nesting) if nesting.sheets else None
    if family == SHOES:
        spec["last"] = _last(session, spec)
    spec["notes"] = _filled_notes(session, spec, options.filled, language)
    spec["notes"] += _notes(
        session, spec, quantities, panels, nesting, labels, language
    )
    spec["notes"] += [
        text(
            "note.joined",
            language,
            part=part_label(part.name, language),
            base=part_label(part.joined_to, language),
        )
        for part in parts
        if part.joined_to is not None
    ]


def _sheet_files(
    spec: Mapping[str, Any], images: Mapping[str, bytes]
) -> dict[str, bytes]:
    """Return ``spec.pdf`` and the licence of each font it embeds."""
    pdf, fonts = build_spec_pdf(spec, images)
    files = {"spec.pdf": pdf}
    for font in fonts:
        licence = font.with_name(f"{font.stem}-LICENSE.txt")
        if licence.is_file():
            files[licence.name] = licence.read_bytes()
        else:
            logger.warning("font %s has no licence file beside it", font)
    return files


def _dimension_labels(spec: Mapping[str, Any]) -> dict[str, str]:
    """Return parameter and derived-value labels by name, for tolerances."""
    lower = spec["language"] == "en"
    return {
        item["name"]: item["label"].lower() if lower else item["label"]
        for item in [*spec["parameters"], *spec["derived"]]
    }


def _json_bytes(spec: Mapping[str, Any]) -> bytes:
    return (json.dumps(spec, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def check_shrinkage(percent: float) -> float:
    """Return the shrinkage allowance in percent after checking its range."""
    if not 0.0 <= percent <= MAX_SHRINKAGE_PERCENT:
        raise ValueError(
            f"shrinkage allowance {percent!r} % is outside 0 to "
            f"{MAX_SHRINKAGE_PERCENT:g} %; give the pattern's enlargement in "
            "percent, such as 1.5"
        )
    return float(percent)


def _labels(session: DesignSession, language: str) -> dict[str, str]:
    """Return labels of material ids and of the model's colour choices."""
    labels = {
        material_id: item.labels.get(language) or item.labels["en"]
        for material_id, item in load_materials().items()
    }
    for parameter in session.model.rules.parameters:
        if parameter.kind != COLOUR:
            continue
        for choice in parameter.choices:
            labels[choice.value] = choice.labels.get(language) or choice.labels["en"]
    return labels


def _dimensions(spec: Mapping[str, Any], dims: Mapping[str, Any]) -> list[dict]:
    category = spec["product"]["category"]
    names = {item["name"]: item["label"] for item in spec["parameters"]}
    names.update({item["name"]: item["label"] for item in spec["derived"]})
    entries = []
    for tolerance in tolerances():
        value = dims.get(tolerance.dimension)
        if tolerance.category != category or not isinstance(value, int | float):
            continue
        entries.append(
            {
                "name": tolerance.dimension,
                "label": names.get(tolerance.dimension, tolerance.dimension),
                # NOTE: a toleranced dimension keeps 0.0001 mm instead of
                # round_length's 0.1 mm, because a ring bore's tolerance is
                # ±0.05 mm, finer than that step.
                "value_mm": round(float(value), 4),
                "tolerance_mm": tolerance.tolerance,
                "parts": list(tolerance.parts),
            }
        )
    return entries


def _metal_parts(parts: Sequence[Part]) -> list[Part]:
    return [part for part in parts if material(part.material).family == METAL_FAMILY]


def _casting(
    parts: Sequence[Part], quantities: Quantities, shrinkage: float
) -> dict[str, Any] | None:
    metals = _metal_parts(parts)
    if not metals:
        return None
    return {
        "metal": metals[0].material,
        "parts": [part.name for part in metals],
        "metal_weight_g": round(metal_weight_g(quantities), 3),
        "sprue_allowance": SPRUE_ALLOWANCE,
        "casting_weight_g": round(casting_weight_g(quantities), 3),
        "shrinkage_percent": shrinkage,
        "scale_factor": 1.0 + shrinkage / 100.0,
    }


def _panel_entries(
    panels: Sequence[Panel], nesting: Nesting, labels: Mapping[str, str], language: str
) -> list[dict[str, Any]]:
    entries = []
    for panel in panels:
        placed = nesting.sheet_of(panel)
        band = panel.sheet.edge_banding.get(language, "") if panel.banded else ""
        entries.append(
            {
                "part": panel.part,
                "material": panel.material,
                "material_label": labels[panel.material],
                "length_mm": round_length(panel.length),
                "width_mm": round_length(panel.width),
                "thickness_mm": round_length(panel.thickness),
                "stock_thickness_mm": panel.stock.thickness if panel.stock else None,
                "thickness_tolerance": panel.stock.tolerance_text
                if panel.stock
                else "",
                "cut_length_mm": round_length(panel.cut_length),
                "cut_width_mm": round_length(panel.cut_width),
                "grain_along_length": panel.sheet.grain_along_length,
                "glued": panel.glued,
                "edge_banding": {edge: edge in panel.banded for edge in EDGES},
                "edge_band_thickness_mm": panel.band_thickness,
                "edge_band": band,
                "holes": panel.hole_count,
                "edge_holes": _edge_hole_entries(panel),
                "kerfs": _kerf_entries(panel),
                "shaped": panel.shaped,
                "face_a": None if panel.face_a is None else list(panel.face_a),
                "file": None if panel.shaped else f"panel-{panel.part}.dxf",
                "sheet": placed[0].number if placed else None,
                "x_mm": round_length(placed[1].x) if placed else None,
                "y_mm": round_length(placed[1].y) if placed else None,
                "rotated": placed[1].rotated if placed else None,
            }
        )
    return entries


def _edge_hole_entries(panel: Panel) -> list[dict[str, Any]]:
    """List a panel's edge holes as its cut file locates them, from the cut
    outline's corner."""
    origin_x, origin_y = panel.cut_origin
    entries = []
    for hole in panel.edge_holes:
        origin = origin_x if hole.edge in ("L1", "L2") else origin_y
        entries.append(
            {
                "edge": hole.edge,
                "along_mm": round_length(hole.along - origin),
                "height_mm": round_length(hole.height),
                "diameter_mm": hole.diameter,
                "depth_mm": round_length(hole.depth),
            }
        )
    return entries


def _kerf_entries(panel: Panel) -> list[dict[str, Any]]:
    """List a panel's kerfs as its cut file locates them, from the cut
    outline's corner."""
    origin = np.asarray(panel.cut_origin)
    return [
        {
            "face": kerf.face,
            "start_mm": [round_length(v) for v in np.asarray(kerf.start) - origin],
            "end_mm": [round_length(v) for v in np.asarray(kerf.end) - origin],
            "width_mm": kerf.width,
            "depth_mm": kerf.depth,
        }
        for kerf in panel.kerfs
    ]


def _nesting_entry(nesting: Nesting) -> dict[str, Any]:
    return {
        "kerf_mm": nesting.kerf,
        "sheets": [
            {
                "number": sheet.number,
                "material": sheet.material,
                "thickness_mm": sheet.thickness,
                "length_mm": sheet.length,
                "width_mm": sheet.width,
                "panels": [placement.panel.part for placement in sheet.placements],
                "used_area_mm2": round(sheet.used_area, 1),
                "sheet_area_mm2": round(sheet.area, 1),
                "yield": round(sheet.yield_ratio, 4),
                "file": f"sheet-{sheet.number}.dxf",
            }
            for sheet in nesting.sheets
        ],
        "total_yield": round(nesting.total_yield or 0.0, 4),
    }


def _last(session: DesignSession, spec: Mapping[str, Any]) -> dict[str, Any] | None:
    size = spec["size"]
    if size is None:
        return None
    model = session.model
    parameter = model.parameter(size["parameter"])
    labels = [
        choice.value
        for choice in parameter.choices
        if parameter.group_by is None or choice.group == size["system"]
    ]

    def evaluate(label: str) -> dict[str, Any]:
        values = {**session.values, parameter.name: label}
        return {**values, **model.engine.evaluate(values).derived}

    rows = last_table(
        labels, size["label"], evaluate, lambda dims: build(model.generator, dims)
    )
    return {
        "size_parameter": parameter.name,
        "system": size["system"],
        "ordered": size["label"],
        "rows": [
            {
                "size": row.size,
                "ordered": row.ordered,
                "foot_length_mm": _rounded(row.foot_length),
                "last_length_mm": _rounded(row.last_length),
                "ball_width_mm": _rounded(row.ball_width),
                "ball_girth_mm": _rounded(row.ball_girth),
                "heel_height_mm": _rounded(row.heel_height),
            }
            for row in rows
        ],
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round_length(value)


def _filled_notes(
    session: DesignSession,
    spec: Mapping[str, Any],
    filled: Sequence[str],
    language: str,
) -> list[str]:
    """Return a note for each parameter in ``filled``, naming its value.

    A filled-in option can lose the catalog's default, when the studio
    moves it to keep the design valid or the catalog's default changes.
    Its note then names the present default instead of calling the value
    the default.
    """
    parameters = {item["name"]: item for item in spec["parameters"]}
    notes = []
    for name in filled:
        item = parameters[name]
        value = item["display"] or json.dumps(item["value"], ensure_ascii=False)
        parameter = session.model.parameter(name)
        if item["value"] == parameter.default:
            notes.append(
                text("note.filled", language, option=item["label"], value=value)
            )
            continue
        default = display_of(parameter, parameter.default, language)
        notes.append(
            text(
                "note.filled_changed",
                language,
                option=item["label"],
                value=value,
                default=default,
            )
        )
    return notes


def _notes(
    session: DesignSession,
    spec: Mapping[str, Any],
    quantities: Quantities,
    panels: Sequence[Panel],
    nesting: Nesting | None,
    labels: Mapping[str, str],
    language: str,
) -> list[str]:
    notes = []
    for engraving in spec["engravings"]:
        notes.append(
            text(
                "note.engraving",
                language,
                label=engraving["label"],
                text=engraving["text"],
                fonts=", ".join(engraving["fonts"]) or "-",
                height=engraving["letter_height_mm"] or 0,
                depth=engraving["depth_mm"],
            )
        )
    casting = spec["casting"]
    if casting is not None:
        notes.append(
            text(
                "note.casting",
                language,
                scale=casting["scale_factor"],
                shrinkage=casting["shrinkage_percent"],
            )
        )
        notes += _jewelry_notes(session, spec, quantities, labels, language)
    if nesting is not None:
        notes += _panel_notes(panels, nesting, labels, language)
    if spec["last"] is not None:
        values = {item["name"]: item["display"] for item in spec["parameters"]}
        last = {"size": spec["size"]["display"], "fitting": values["width_fitting"]}
        if "construction" in values:
            # A cupsole sneaker has no construction to choose.
            last_note = text(
                "note.construction",
                language,
                construction=values["construction"],
                **last,
            )
        else:
            last_note = text("note.last", language, **last)
        notes.append(last_note)
        notes += [
            text("note.per_pair", language),
            text("note.girth", language),
            text("note.sole_outline", language),
        ]
    return notes


def _jewelry_notes(
    session: DesignSession,
    spec: Mapping[str, Any],
    quantities: Quantities,
    labels: Mapping[str, str],
    language: str,
) -> list[str]:
    notes = []
    if session.model.generator == "pendant":
        notes.append(
            text(
                "note.bail",
                language,
                hole=BAIL_HOLE_MM,
                chain=BAIL_HOLE_MM - CHAIN_CLEARANCE_MM,
            )
        )
    dims = session.dimensions()
    for part, quantity in zip(spec["parts"], quantities, strict=True):
        if material(part["material"]).family != GEM_FAMILY:
            continue
        diameter = dims.get("stone_diameter", part["extents_mm"][0])
        notes.append(
            text(
                "note.stone",
                language,
                material=labels[part["material"]],
                carat=stone_carat(quantity, dims),
                diameter=diameter,
            )
        )
    return notes


def _panel_notes(
    panels: Sequence[Panel],
    nesting: Nesting,
    labels: Mapping[str, str],
    language: str,
) -> list[str]:
    notes = [text("note.drill_face", language)]
    if any(panel.banded for panel in panels):
        notes.append(text("note.band_cut", language))
    if nesting.sheets:
        notes.append(
            text(
                "note.kerf",
                language,
                kerf=nesting.kerf,
                yield_percent=100.0 * (nesting.total_yield or 0.0),
            )
        )
    glued: dict[tuple[str, float], list[str]] = {}
    for panel in nesting.glued:
        key = (panel.material, round_length(panel.thickness))
        glued.setdefault(key, []).append(panel.part)
    for (material_id, thickness), names in glued.items():
        notes.append(
            text(
                "note.glued",
                language,
                parts=text("list.joint", language).join(names),
                material=labels[material_id],
                thickness=thickness,
                allowance=GLUE_UP_ALLOWANCE_MM,
            )
        )
    notes += _split_back_notes(panels, labels, language)
    for panel in nesting.oversized:
        notes.append(
            text(
                "note.oversized",
                language,
                part=panel.part,
                length=round_length(panel.cut_length),
                width=round_length(panel.cut_width),
                sheet_length=panel.sheet.sheet_length,
                sheet_width=panel.sheet.sheet_width,
                material=labels[panel.material],
            )
        )
    for panel in panels:
        if panel.stock is None:
            notes.append(
                text(
                    "note.non_stock",
                    language,
                    part=panel.part,
                    thickness=round_length(panel.thickness),
                    material=labels[panel.material],
                )
            )
    return notes


def _split_back_notes(
    panels: Sequence[Panel], labels: Mapping[str, str], language: str
) -> list[str]:
    """Describe a back split into pieces and the rails under its seams.

    The furniture generators name the pieces ``back_1`` ... and the rails
    ``plinth_rail_1`` ... (``models3d.boards.Carcass``).
    """
    pieces = [panel for panel in panels if SPLIT_BACK.fullmatch(panel.part)]
    if not pieces:
        return []
    rails = [panel.part for panel in panels if PLINTH_RAIL.fullmatch(panel.part)]
    sheet = pieces[0].sheet
    return [
        text(
            "note.split_back",
            language,
            count=len(pieces),
            material=labels[pieces[0].material],
            parts=text("list.joint", language).join(panel.part for panel in pieces),
            sheet_length=sheet.sheet_length,
            sheet_width=sheet.sheet_width,
            rails=text("list.joint", language).join(rails),
        )
    ]


def _mesh_files(
    spec: Mapping[str, Any], parts: Sequence[Part], shrinkage: float
) -> dict[str, bytes]:
    """Return ``model.stl``, ``model.glb`` and for jewelry the casting patterns."""
    order, revision = spec["order"]["id"], spec["spec_revision"]
    product = spec["product"]["id"]
    header = f"Atelier {product} order {order} rev {revision} unit mm"
    solid = union_parts(parts)
    files = {
        "model.stl": meshes.stl_bytes(solid, header),
        "model.glb": meshes.glb_bytes(
            parts, {"order_id": order, "spec_revision": revision, "product": product}
        ),
    }
    casting = spec["casting"]
    if casting is not None:
        metals = _metal_parts(parts)
        pattern = solid.copy() if len(metals) == len(parts) else union_parts(metals)
        pattern.apply_scale(casting["scale_factor"])
        files["casting.stl"] = meshes.stl_bytes(
            pattern, f"{header} casting pattern scale {casting['scale_factor']:.4f}"
        )
        files["casting.3mf"] = meshes.threemf_bytes(
            pattern, f"{product}_{order}_{revision}_casting"
        )
    return files


def _drawing_files(
    spec: Mapping[str, Any],
    parts: Sequence[Part],
    panels: Sequence[Panel],
    nesting: Nesting | None,
) -> dict[str, bytes]:
    """Return the cut lists and DXF files of panels, and a shoe's last and sole."""
    order, revision = spec["order"]["id"], spec["spec_revision"]
    files = {}
    if nesting is not None:
        files["cutlist.csv"] = csvfiles.cut_list_csv(spec)
        for panel in panels:
            if not panel.shaped:
                files[f"panel-{panel.part}.dxf"] = dxf.panel_dxf(panel, order, revision)
        if nesting.sheets:
            files["nesting.csv"] = csvfiles.nesting_csv(spec)
        for sheet in nesting.sheets:
            files[f"sheet-{sheet.number}.dxf"] = dxf.sheet_dxf(
                sheet, nesting.kerf, order, revision
            )
    if spec["last"] is not None:
        files["last.csv"] = csvfiles.last_csv(spec)
        outline = sole_outline(parts)
        ring = np.asarray(outline.exterior.coords)[:-1]
        files["sole-outline.dxf"] = dxf.outline_dxf(
            [[(float(x), float(y)) for x, y in ring]],
            [
                f"ORDER {order} REV {revision}",
                f"SOLE OUTLINE, RIGHT SHOE, SIZE {spec['size']['label']}",
                f"LENGTH {round_length(np.ptp(ring[:, 0])):.1f} MM "
                f"WIDTH {round_length(np.ptp(ring[:, 1])):.1f} MM",
            ],
        )
    return files
