"""Registry of product generators, looked up by the catalog's ``generator``.

Each generator takes the design's parameter and derived values by name and
returns its parts: watertight meshes in mm, Z up, the product centred on the
Z axis and resting on Z = 0.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models3d.parts import Part

logger = logging.getLogger(__name__)

Generator = Callable[[Mapping[str, Any]], "list[Part]"]

# Each generator's module and function. The modules import trimesh, shapely
# and manifold3d, so a generator's module is imported on its first build and
# the catalog can check generator names without those libraries.
GENERATORS: Mapping[str, tuple[str, str]] = {
    "ankle_boot": ("models3d.boot", "build_boot"),
    "bookshelf": ("models3d.bookshelf", "build_bookshelf"),
    "cabinet": ("models3d.cabinet", "build_cabinet"),
    "chair": ("models3d.chair", "build_chair"),
    "ring": ("models3d.ring", "build_ring"),
    "shoe": ("models3d.shoe", "build_shoe"),
    "sneaker": ("models3d.sneaker", "build_sneaker"),
    "table": ("models3d.table", "build_table"),
    "solitaire": ("models3d.solitaire", "build_solitaire"),
    "pendant": ("models3d.pendant", "build_pendant"),
    "bangle": ("models3d.bangle", "build_bangle"),
}
"""Generator modules and functions by the name a catalog file gives in
``generator``."""


RULER_VALUES: Mapping[str, tuple[str | None, str | None, str | None]] = {
    "bangle": ("outer_diameter", "outer_diameter", "width"),
    "bookshelf": ("width", "depth", "height"),
    "cabinet": ("width", "depth", "height"),
    "pendant": ("size", None, None),
    "ring": ("outer_diameter", "outer_diameter", "width"),
    "solitaire": ("outer_diameter", None, "total_height"),
    "table": ("width", "depth", "height"),
}
"""Names of the design values (parameters or derived values) that a
generator's product measures along X, Y and Z, without the parts that
protrude from its size, by generator. ``None`` where no value is that
length, as across a shoe or along a pendant with its bail. The preview's
rulers show these lengths, so they take the values' labels as captions."""


def generator_function(generator: str) -> Generator:
    """Import and return the function of a key of :data:`GENERATORS`.

    Raises
    ------
    ValueError
        When the generator is unknown; the message lists the known ones.
    """
    if generator not in GENERATORS:
        raise ValueError(
            f"unknown generator {generator!r}; known generators: "
            f"{', '.join(sorted(GENERATORS))}"
        )
    module, function = GENERATORS[generator]
    return getattr(importlib.import_module(module), function)


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
    parts = generator_function(generator)(dims)
    logger.debug("built %s: %s", generator, [part.name for part in parts])
    return parts
