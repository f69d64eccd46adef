"""The production spec of a design: every value with its unit, for the factory."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from designer.pricing import Price
from designer.session import DesignSession
from models3d.materials import load_materials
from models3d.solids import Quantities
from rules.engine import format_value
from rules.model import CHOICE, COLOUR

SPEC_FORMAT = "atelier-spec/1"


def _label(labels, language: str) -> str:
    return labels.get(language) or labels["en"]


def _display(parameter, value: Any, language: str) -> str:
    if parameter.kind in (CHOICE, COLOUR):
        choice = parameter.choice(value)
        if parameter.group_by is not None:
            # Grouped values such as "US 7" already name their size system.
            return str(value)
        if choice is not None:
            return _label(choice.labels, language)
    if parameter.kind == "boolean":
        return "yes" if value else "no"
    text = format_value(value) if not isinstance(value, str) else value
    return f"{text} {parameter.unit}" if parameter.unit else text


def build_spec(
    session: DesignSession,
    quantities: Quantities,
    price: Price,
    language: str = "en",
) -> dict[str, Any]:
    """Return the spec dictionary that ``spec.json`` and ``spec.pdf`` show."""
    model = session.model
    evaluation = session.evaluation
    materials = load_materials()
    parameters = []
    for parameter in model.rules.parameters:
        value = session.values[parameter.name]
        parameters.append(
            {
                "name": parameter.name,
                "label": _label(parameter.labels, language),
                "value": value,
                "display": _display(parameter, value, language),
                "unit": parameter.unit,
            }
        )
    derived = []
    for item in model.rules.derived:
        value = evaluation.derived[item.name]
        derived.append(
            {
                "name": item.name,
                "label": _label(item.labels, language),
                "value": round(value, 4) if isinstance(value, float) else value,
                "unit": item.unit,
            }
        )
    parts = [
        {
            "name": quantity.name,
            "material": quantity.material,
            "material_label": _label(materials[quantity.material].labels, language),
            "volume_mm3": round(quantity.volume_mm3, 3),
            "mass_g": round(quantity.mass_g, 3),
        }
        for quantity in quantities
    ]
    return {
        "schema": SPEC_FORMAT,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "product": {
            "id": model.id,
            "name": model.name(language),
            "family": model.family,
            "catalog_sha256": model.sha256,
            "rule_version": model.rule_version,
        },
        "language": language,
        "parameters": parameters,
        "derived": derived,
        "parts": parts,
        "estimated_weight_g": round(quantities.total_mass_g, 3),
        "price": {
            "currency": price.currency,
            "lines": [
                {"label": line.label(language), "amount": str(line.amount)}
                for line in price.lines
            ],
            "total": str(price.total),
        },
        "violations": [
            {
                "rule": violation.rule,
                "severity": violation.severity,
                "message": violation.message(language),
            }
            for violation in evaluation.violations
        ],
        "files": {"mesh": "model.stl", "sheet": "spec.pdf"},
    }
