"""Named solid parts, the unit every generator returns."""

from __future__ import annotations

from dataclasses import dataclass

import trimesh


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
    """

    name: str
    mesh: trimesh.Trimesh
    material: str
    colour: str | None = None
