"""Metal to order for casting: the parts' metal weight plus the sprue.

Lost-wax casting pours more metal than the finished piece holds, since the
sprue and the button left in the flask are cast too. Romanoff's casting
guide (romanoff.com/help-info/casting-101/wax-weight-metal-weight) adds 10 %
of the piece's weight for them.
"""

from __future__ import annotations

from models3d.materials import material
from models3d.solids import Quantities

SPRUE_ALLOWANCE = 0.10
"""Share of the metal weight added for the sprue and button (Romanoff)."""

CAST_FAMILY = "metal"
"""Material family whose parts are cast; stones and other parts are not."""


def metal_weight_g(quantities: Quantities) -> float:
    """Return the weight in grams of the parts made of a cast metal."""
    return sum(
        quantity.mass_g
        for quantity in quantities
        if material(quantity.material).family == CAST_FAMILY
    )


def casting_weight_g(quantities: Quantities) -> float:
    """Return the metal to pour for a product, sprue allowance included.

    Parameters
    ----------
    quantities
        The product's measured parts, from ``models3d.solids.measure``.

    Returns
    -------
    float
        Grams of metal: the metal parts' weight times ``1 +
        SPRUE_ALLOWANCE``. Parts of other materials, such as a diamond,
        count for nothing.
    """
    return metal_weight_g(quantities) * (1.0 + SPRUE_ALLOWANCE)
