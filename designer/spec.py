"""The production spec of a design: every value with its unit, for the factory.

``build_spec`` returns the design's part of an ``atelier-spec/2`` document:
order id and spec revision, product, size, engravings, parameters, derived
values, parts, weight, price and rule messages. The production package
(``designer.package.assemble``) adds the bill of materials and the family's
sections, and lists its files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from designer.package.bom import axis_extents, ordered_extents
from designer.package.identity import check_order_id, spec_revision
from designer.package.lengths import length_step, round_length
from designer.package.texts import text
from designer.pricing import Price, format_money
from designer.session import DesignSession
from models3d import sizes
from models3d.engrave import ENGRAVING_DEPTH_MM
from models3d.glyphs import MissingGlyphError, font_names
from models3d.materials import load_materials
from models3d.parts import Part
from models3d.solids import Quantities
from rules.engine import format_value
from rules.model import BOOLEAN, CHOICE, COLOUR, TEXT, yes_no

SPEC_FORMAT = "atelier-spec/2"

SIZE_MEASURES = {
    sizes.ring_inner_diameter: "inner_diameter",
    sizes.shoe_foot_length: "foot_length",
}
"""Name of the length behind each size table's sizes, by lookup function."""


def _label(labels, language: str) -> str:
    return labels.get(language) or labels["en"]


def display_of(parameter, value: Any, language: str) -> str:
    """Return ``value`` of ``parameter`` as the spec sheet shows it in ``language``."""
    if parameter.kind in (CHOICE, COLOUR):
        choice = parameter.choice(value)
        if parameter.group_by is not None:
            # Grouped values such as "US 7" already name their size system.
            return str(value)
        if choice is not None:
            return _label(choice.labels, language)
    if parameter.kind == BOOLEAN:
        return yes_no(value, language)
    if value == "":
        return "（无）" if language == "zh_CN" else "(none)"
    text_value = format_value(value) if not isinstance(value, str) else value
    return text_value + parameter.unit_suffix


def design_revision(session: DesignSession) -> str:
    """Return the spec revision of the session's current design."""
    model = session.model
    return spec_revision(model.id, model.sha256, session.values)


def size_of(session: DesignSession, language: str) -> dict[str, Any] | None:
    """Return the customer's size in its system and in mm, if the model has one.

    The size is the first parameter whose values come from a size table,
    such as a ring size (inner diameter) or a shoe size (foot length).
    """
    model = session.model
    for parameter in model.rules.parameters:
        measure = model.size_measures.get(parameter.name)
        if measure is None:
            continue
        label = session.values[parameter.name]
        name = SIZE_MEASURES.get(measure, "size")
        value = float(measure(label))
        measure_label = text(f"measure.{name}", language) if name != "size" else ""
        return {
            "parameter": parameter.name,
            "system": session.values.get(parameter.group_by or "", label.split()[0]),
            "label": label,
            "measure": name,
            "value_mm": round(value, 4),
            "display": text(
                "size_with_measure",
                language,
                label=label,
                measure=measure_label,
                value=value,
            ),
        }
    return None


def engravings_of(session: DesignSession, language: str) -> list[dict[str, Any]]:
    """Return each non-blank engraving with its fonts, letter height and depth.

    Engravings are the text parameters whose name contains ``engraving``;
    the letter height is the derived value ``letter_height`` when the model
    has one.
    """
    model = session.model
    derived = session.evaluation.derived
    engravings = []
    for parameter in model.rules.parameters:
        value = session.values[parameter.name]
        if parameter.kind != TEXT or "engraving" not in parameter.name:
            continue
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            fonts = font_names(value.strip())
        except MissingGlyphError:
            # The engraving-characters rule reports the character.
            fonts = []
        height = derived.get("letter_height")
        engravings.append(
            {
                "parameter": parameter.name,
                "label": _label(parameter.labels, language),
                "text": value.strip(),
                "fonts": fonts,
                "letter_height_mm": None if height is None else round(float(height), 3),
                "depth_mm": ENGRAVING_DEPTH_MM,
            }
        )
    return engravings


def build_spec(
    session: DesignSession,
    quantities: Quantities,
    price: Price,
    language: str = "en",
    *,
    parts: Sequence[Part] | None = None,
    order_id: str | None = None,
    revision: str | None = None,
) -> dict[str, Any]:
    """Return the design's part of the spec that ``spec.json`` holds.

    Parameters
    ----------
    session
        The design.
    quantities
        Its measured parts.
    price
        Its price.
    language
        ``"en"`` or ``"zh_CN"``, for every label and message.
    parts
        The parts, for their extents and colours; without them both are
        left out (``null``). A round stone's extents are its nominal
        diameter twice and its depth, and a round lace's are its length and
        its diameter twice, and a part whose mesh reaches into another
        (``Part.hidden_mm``) leaves that out, as in the bill of materials.
        Their meshes' bounding boxes go to ``mesh_extents_mm``.
    order_id
        The order's id, or ``None`` for ``DRAFT``.
    revision
        The spec revision; computed from the design when ``None``.

    Returns
    -------
    dict
        The sections listed in the module docstring; ``bom``, ``dimensions``,
        ``casting``, ``panels``, ``nesting``, ``last``, ``notes`` and
        ``files`` are left empty for the package to fill.
    """
    model = session.model
    size = size_of(session, language)
    parameters = []
    for parameter in model.rules.parameters:
        value = session.values[parameter.name]
        display = display_of(parameter, value, language)
        if size is not None and parameter.name == size["parameter"]:
            display = size["display"]
        parameters.append(
            {
                "name": parameter.name,
                "label": _label(parameter.labels, language),
                "value": value,
                "display": display,
                "unit": parameter.unit,
            }
        )
    return {
        "schema": SPEC_FORMAT,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "order": {"id": check_order_id(order_id), "draft": order_id is None},
        "spec_revision": revision or design_revision(session),
        "product": {
            "id": model.id,
            "name": model.name(language),
            "family": model.family,
            "category": model.category,
            "catalog_sha256": model.sha256,
            "rule_version": model.rule_version,
        },
        "language": language,
        "size": size,
        "engravings": engravings_of(session, language),
        "parameters": parameters,
        "derived": _derived(session, language),
        "dimensions": [],
        "parts": _parts(
            quantities, parts, session.dimensions(), model.family, language
        ),
        "estimated_weight_g": round(quantities.total_mass_g, 3),
        "casting": None,
        "bom": [],
        "panels": [],
        "nesting": None,
        "last": None,
        "notes": [],
        "price": {
            "currency": price.currency,
            "lines": [
                {
                    "label": line.label(language),
                    "amount": format_money(line.amount, price.currency),
                }
                for line in price.lines
            ],
            "total": format_money(price.total, price.currency),
        },
        "violations": [
            {
                "rule": violation.rule,
                "severity": violation.severity,
                "message": violation.message(language),
            }
            for violation in session.evaluation.violations
        ],
        "files": [],
    }


def _derived(session: DesignSession, language: str) -> list[dict[str, Any]]:
    derived = []
    for item in session.model.rules.derived:
        value = session.evaluation.derived[item.name]
        derived.append(
            {
                "name": item.name,
                "label": _label(item.labels, language),
                "value": round(value, 4) if isinstance(value, float) else value,
                "unit": item.unit,
            }
        )
    return derived


def _parts(
    quantities: Quantities,
    parts: Sequence[Part] | None,
    dims: Mapping[str, Any],
    family: str,
    language: str,
) -> list[dict[str, Any]]:
    materials = load_materials()
    by_name = {part.name: part for part in parts or ()}
    entries = []
    for quantity in quantities:
        part = by_name.get(quantity.name)
        extents = None
        mesh_extents = None
        colour = None
        if part is not None:
            step = length_step(family)
            extents = [round_length(size, step) for size in axis_extents(part)]
            colour = part.colour or materials[part.material].colour
            # A stone or a lace is ordered by the sizes the bill of materials
            # lists. Its mesh's box is kept under its own name.
            ordered = ordered_extents(part, dims)
            if ordered is not None and len(ordered) == len(extents):
                mesh_extents = extents
                extents = [round_length(size, step) for size in ordered]
        entry = {
            "name": quantity.name,
            "material": quantity.material,
            "material_label": _label(materials[quantity.material].labels, language),
            "colour": colour,
            "extents_mm": extents,
            "volume_mm3": round(quantity.volume_mm3, 3),
            "surface_area_mm2": round(quantity.surface_area_mm2, 3),
            "mass_g": round(quantity.mass_g, 3),
        }
        if mesh_extents is not None:
            entry["mesh_extents_mm"] = mesh_extents
        entries.append(entry)
    return entries
