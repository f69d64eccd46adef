"""The masses that parts are bought by, shared by pricing and production.

A part's mesh does not always weigh what the factory buys. A stone is
ordered by its carat weight, and a lace by its length, while its mesh shows
only the bars across the throat. The price's material lines, the spec's
part masses, its estimated weight and the BOM all take their masses from
:func:`weigh_parts`, so they agree.

``by_length.csv`` in ``resources/production/`` gives the weight of one
metre of each material bought by length, such as a lace's waxed cotton,
with its source.

This module imports neither trimesh nor Qt, so the studio window can price
a design before it loads the geometry libraries.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from models3d.materials import material
from resources import PRODUCTION_DIR

if TYPE_CHECKING:
    from models3d.parts import Part
    from models3d.solids import PartQuantity, Quantities

BY_LENGTH_FILE = PRODUCTION_DIR / "by_length.csv"

GEM_FAMILY = "gem"
GRAMS_PER_CARAT = 0.2


@cache
def _grams_per_metre_table() -> dict[str, float]:
    with BY_LENGTH_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["material"]: float(row["grams_per_metre"])
            for row in csv.DictReader(handle)
        }


def grams_per_metre(material_id: str) -> float:
    """Return the weight in g of one metre of a material bought by length.

    Raises
    ------
    KeyError
        If ``by_length.csv`` has no row for the material; the message names
        the material and the file.
    """
    table = _grams_per_metre_table()
    if material_id not in table:
        known = ", ".join(sorted(table))
        raise KeyError(
            f"material {material_id!r} is bought by length but has no weight "
            f"per metre in {BY_LENGTH_FILE.name}; add a row (known: {known})"
        )
    return table[material_id]


def weigh_parts(
    parts: Sequence[Part], quantities: Quantities, dims: Mapping[str, Any]
) -> Quantities:
    """Return ``quantities`` with the masses that parts are bought by.

    A stone's faceted mesh is 2 to 13 % lighter than the size chart's
    weights (see ``models3d.gems``), while a stone is ordered and priced by
    its carat weight, so a stone weighs ``carat * GRAMS_PER_CARAT``. The
    mesh of a part bought by length, such as a lace, shows only its visible
    part, so such a part weighs its length times its material's grams per
    metre from ``by_length.csv``. A round one also takes the volume and
    side area of a cylinder of its length and diameter. Other volumes and
    surface areas stay the mesh's.
    """
    weighed = []
    for part, quantity in zip(parts, quantities, strict=True):
        if material(part.material).family == GEM_FAMILY:
            mass_g = stone_carat(quantity, dims) * GRAMS_PER_CARAT
            quantity = replace(quantity, mass_g=mass_g)
        elif part.length_mm is not None:
            mass_g = part.length_mm / 1000.0 * grams_per_metre(part.material)
            quantity = replace(quantity, mass_g=mass_g)
            if part.diameter_mm is not None:
                quantity = replace(
                    quantity,
                    volume_mm3=math.pi * (part.diameter_mm / 2.0) ** 2 * part.length_mm,
                    surface_area_mm2=math.pi * part.diameter_mm * part.length_mm,
                )
        weighed.append(quantity)
    # replace() keeps the type without importing models3d.solids, which
    # loads trimesh.
    return replace(quantities, parts=tuple(weighed))


def stone_carat(quantity: PartQuantity, dims: Mapping[str, Any]) -> float:
    """Return a stone's carat weight: the design's ``carat``, else its mass's.

    The design's value is what the setter orders; a faceted mesh weighs a
    little less than the stone it stands for.
    """
    carat = dims.get("carat")
    if isinstance(carat, int | float) and not isinstance(carat, bool):
        return float(carat)
    return quantity.mass_g / GRAMS_PER_CARAT
