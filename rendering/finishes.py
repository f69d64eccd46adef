"""Physically based surface finishes, read from ``resources/finishes.csv``.

Each row sets how one material, or every material of a family, looks under
the studio's image-based lighting. A row keyed by a material id (``oak``)
wins over its family's row (``family:wood``), and a material with neither
gets :data:`DEFAULT_FINISH`, so new materials render before anyone tunes them.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from models3d.materials import material
from rendering.textures import TEXTURE_NAMES
from resources import FINISHES_FILE

logger = logging.getLogger(__name__)

FAMILY_PREFIX = "family:"
TEXTURES = TEXTURE_NAMES
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# Columns holding numbers, with the closed range each must lie in.
_RANGES = {
    "metallic": (0.0, 1.0),
    "roughness": (0.0, 1.0),
    "opacity": (0.05, 1.0),
    "base_ior": (1.0, 3.0),
    "coat_strength": (0.0, 1.0),
    "coat_roughness": (0.0, 1.0),
}


class FinishError(ValueError):
    """A row of the finishes file with a missing or invalid value."""


@dataclass(frozen=True)
class Finish:
    """Surface reflection settings, in the usual physically based terms.

    Attributes
    ----------
    base_colour
        ``#rrggbb`` sRGB albedo (dielectrics) or reflectance (metals), or
        ``None`` to use the material's preview colour.
    metallic, roughness
        PBR parameters in [0, 1].
    opacity
        1 for opaque parts; lower values let the background show through,
        as in a cut gem.
    base_ior
        Index of refraction of the body; it sets the reflectance of
        dielectrics seen face on (1.5 for most, 2.42 for diamond).
    coat_strength, coat_roughness
        A clear coat over the body, such as lacquer or polish, in [0, 1].
    texture
        Name of a procedural albedo texture (one of :data:`TEXTURES`), or
        ``None``.
    texture_size_mm
        Length of surface, in millimetres, that one tile of the texture
        covers along its first axis.
    faceted
        Whether every facet shades flat, as on a cut gem, instead of only
        creases sharper than 40 degrees.
    """

    base_colour: str | None = None
    metallic: float = 0.0
    roughness: float = 0.6
    opacity: float = 1.0
    base_ior: float = 1.5
    coat_strength: float = 0.0
    coat_roughness: float = 0.0
    texture: str | None = None
    texture_size_mm: float | None = None
    faceted: bool = False

    @property
    def is_translucent(self) -> bool:
        """Whether the background shows through the surface."""
        return self.opacity < 1.0


DEFAULT_FINISH = Finish()


@cache
def load_finishes(path: Path = FINISHES_FILE) -> dict[str, Finish]:
    """Read every finish, keyed by material id or ``family:<family>``.

    Raises
    ------
    FinishError
        For a row with a missing, duplicate or out-of-range value; the
        message names the file, the row key, the column and the fix.
    """
    finishes: dict[str, Finish] = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row.get("key") or "").strip()
            if not key:
                raise FinishError(f"{path}: a row has no key; give a material id")
            if key in finishes:
                raise FinishError(f"{path}: key {key!r} is listed twice; keep one row")
            finishes[key] = _read_row(path, key, row)
    logger.debug("read %d finishes from %s", len(finishes), path)
    return finishes


def finish_for(material_id: str) -> Finish:
    """Return the finish of a material: its own row, its family's, or the default.

    Raises
    ------
    KeyError
        If the material id is not in ``resources/materials.csv``.
    """
    finishes = load_finishes()
    if material_id in finishes:
        return finishes[material_id]
    family = material(material_id).family
    return finishes.get(FAMILY_PREFIX + family, DEFAULT_FINISH)


def _read_row(path: Path, key: str, row: dict[str, str]) -> Finish:
    values: dict[str, float] = {}
    for column, (low, high) in _RANGES.items():
        text = (row.get(column) or "").strip()
        try:
            value = float(text)
        except ValueError:
            raise FinishError(
                f"{path}: {key}: {column}={text!r} is not a number; "
                f"write a value from {low} to {high}"
            ) from None
        if not low <= value <= high:
            raise FinishError(
                f"{path}: {key}: {column}={value} is out of range; "
                f"write a value from {low} to {high}"
            )
        values[column] = value

    colour = (row.get("base_colour") or "").strip() or None
    if colour is not None and not _COLOUR.match(colour):
        raise FinishError(
            f"{path}: {key}: base_colour={colour!r} is invalid; write #rrggbb "
            "or leave it empty to use the material's colour"
        )

    texture = (row.get("texture") or "").strip() or None
    size_text = (row.get("texture_size_mm") or "").strip()
    size = None
    if texture is not None:
        if texture not in TEXTURES:
            raise FinishError(
                f"{path}: {key}: texture={texture!r} is unknown; use one of "
                f"{', '.join(TEXTURES)} or leave it empty"
            )
        try:
            size = float(size_text)
        except ValueError:
            size = -1.0
        if size <= 0:
            raise FinishError(
                f"{path}: {key}: texture_size_mm={size_text!r} is invalid; a "
                "textured finish needs a positive tile length in millimetres"
            )
    faceted_text = (row.get("faceted") or "no").strip()
    if faceted_text not in ("yes", "no"):
        raise FinishError(
            f"{path}: {key}: faceted={faceted_text!r} is invalid; write yes or no"
        )
    return Finish(
        base_colour=colour,
        texture=texture,
        texture_size_mm=size,
        faceted=faceted_text == "yes",
        **values,
    )
