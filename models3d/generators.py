"""Registry of product generators, looked up by the catalog's ``generator``.

Each generator takes the design's parameter and derived values by name and
returns its parts: watertight meshes in mm, Z up, the product centred on the
Z axis and resting on Z = 0.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from models3d.bangle import build_bangle
from models3d.bookshelf import build_bookshelf
from models3d.boot import build_boot
from models3d.cabinet import build_cabinet
from models3d.chair import build_chair
from models3d.parts import Part
from models3d.pendant import build_pendant
from models3d.ring import build_ring
from models3d.shoe import build_shoe
from models3d.sneaker import build_sneaker
from models3d.solitaire import build_solitaire
from models3d.table import build_table

logger = logging.getLogger(__name__)

Generator = Callable[[Mapping[str, Any]], list[Part]]

GENERATORS: Mapping[str, Generator] = {
    "ankle_boot": build_boot,
    "bookshelf": build_bookshelf,
    "cabinet": build_cabinet,
    "chair": build_chair,
    "ring": build_ring,
    "shoe": build_shoe,
    "sneaker": build_sneaker,
    "table": build_table,
    "solitaire": build_solitaire,
    "pendant": build_pendant,
    "bangle": build_bangle,
}
"""Generator functions by the name a catalog file gives in ``generator``."""


def build(generator: str, dims: Mapping[str, Any]) -> list[Part]:
    """Build a product's parts with the named generator.

    Parameters
    ----------
    generator
        A key of ``GENERATORS``, such as ``"ring"``, ``"shoe"`` or
        ``"bookshelf"``.
    dims
        The design's parameter values and derived values by name, lengths
        in mm; see each generator for the names it needs.

    Returns
    -------
    list of Part
        The product's named parts.

    Raises
    ------
    ValueError
        When the generator is unknown (the message lists the known ones) or
        a dimension is missing or invalid (``DimensionError``).
    """
    if generator not in GENERATORS:
        raise ValueError(
            f"unknown generator {generator!r}; known generators: "
            f"{', '.join(sorted(GENERATORS))}"
        )
    parts = GENERATORS[generator](dims)
    logger.debug("built %s: %s", generator, [part.name for part in parts])
    return parts
