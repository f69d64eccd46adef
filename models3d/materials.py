"""Material densities and preview colours from ``resources/materials.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from resources import MATERIALS_FILE


@dataclass(frozen=True)
class Material:
    """A material's physical and display properties.

    ``density_g_cm3`` is grams per cubic centimetre, so a volume in mm³ times
    ``density_g_cm3 / 1000`` gives grams.
    """

    id: str
    family: str
    density_g_cm3: float
    colour: str
    labels: dict[str, str]
    source: str


@cache
def load_materials() -> dict[str, Material]:
    """Read every material, keyed by id."""
    materials = {}
    with MATERIALS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            materials[row["id"]] = Material(
                id=row["id"],
                family=row["family"],
                density_g_cm3=float(row["density_g_cm3"]),
                colour=row["colour"],
                labels={"en": row["en"], "zh_CN": row["zh_CN"]},
                source=row["source"],
            )
    return materials


def material(material_id: str) -> Material:
    """Return one material, raising ``KeyError`` that names the unknown id."""
    materials = load_materials()
    if material_id not in materials:
        known = ", ".join(sorted(materials))
        raise KeyError(f"unknown material {material_id!r}; known: {known}")
    return materials[material_id]
